#pragma once

#include <cstdint>
#include <string_view>

namespace bengal {

// A fast, stable 64-bit hash of a line's bytes. A build is the same build when its line
// bytes are the same, so this value identifies builds across reloads and is persisted in
// the local store: it must never change between versions or machines.
std::uint64_t hashLine(std::string_view bytes) noexcept;

} // namespace bengal
