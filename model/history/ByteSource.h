#pragma once

#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace bengal {

// What reading a history needs of a file: its size now and positional reads. HistoryFile is the
// real one; the fuzz targets and tests put bytes in memory behind it to drive the same reading
// and following logic through every interleaving of appends, truncations and rewrites.
class ByteSource
{
public:
    virtual ~ByteSource() = default;

    // Current size (it may have grown or shrunk), or -1 on error.
    virtual std::int64_t size() = 0;
    // Reads up to `size` bytes at `offset`; returns bytes read, or -1 on error.
    virtual std::int64_t readAt(std::int64_t offset, char* buffer, std::size_t size) = 0;
    // The last error, naming the file and the reason.
    virtual QString errorString() const = 0;
    // A second, independent handle on the same bytes for another reading thread, or nullptr
    // when there is none (then reads stay on one thread).
    virtual std::unique_ptr<ByteSource> openAnother() const = 0;
};

} // namespace bengal
