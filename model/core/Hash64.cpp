#include "core/Hash64.h"

#include <cstring>

namespace bengal {

namespace {

// wyhash-style mixing (public-domain construction): 128-bit multiply folded to 64 bits.
constexpr std::uint64_t kP0 = 0xa0761d6478bd642full;
constexpr std::uint64_t kP1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t kP2 = 0x8ebc6af09c88c6e3ull;
constexpr std::uint64_t kP3 = 0x589965cc75374cc3ull;

__extension__ typedef unsigned __int128 Uint128;

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept
{
    const Uint128 r = static_cast<Uint128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

inline std::uint64_t read64(const unsigned char* p) noexcept
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v; // little-endian hosts only (x86_64, aarch64), which is what Debian ships us on
}

inline std::uint64_t read32(const unsigned char* p) noexcept
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

} // namespace

std::uint64_t hashLine(std::string_view bytes) noexcept
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t len = bytes.size();
    std::uint64_t seed = kP0 ^ mix(len ^ kP1, kP2);
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (len <= 16) {
        if (len >= 4) {
            a = (read32(p) << 32) | read32(p + ((len >> 3) << 2));
            b = (read32(p + len - 4) << 32) | read32(p + len - 4 - ((len >> 3) << 2));
        } else if (len > 0) {
            a = (std::uint64_t(p[0]) << 16) | (std::uint64_t(p[len >> 1]) << 8) | p[len - 1];
        }
    } else {
        std::size_t i = len;
        if (i > 48) {
            std::uint64_t s1 = seed;
            std::uint64_t s2 = seed;
            do {
                seed = mix(read64(p) ^ kP1, read64(p + 8) ^ seed);
                s1 = mix(read64(p + 16) ^ kP2, read64(p + 24) ^ s1);
                s2 = mix(read64(p + 32) ^ kP3, read64(p + 40) ^ s2);
                p += 48;
                i -= 48;
            } while (i > 48);
            seed ^= s1 ^ s2;
        }
        while (i > 16) {
            seed = mix(read64(p) ^ kP1, read64(p + 8) ^ seed);
            i -= 16;
            p += 16;
        }
        a = read64(p + i - 16);
        b = read64(p + i - 8);
    }
    return mix(kP1 ^ len, mix(a ^ kP1, b ^ seed));
}

} // namespace bengal
