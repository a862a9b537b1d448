#pragma once

#include <QtGlobal>
#include <cstdint>
#include <span>
#include <vector>

namespace bengal {

// The extremes of every block of kBlock consecutive values, with where they are, so reducing
// a long range to pixel columns can step over whole blocks instead of every value. NaN is
// skipped; the smallest positive value is kept too, for log axes. Extended in place when the
// values grow at the end.
class MinMaxBlocks
{
public:
    static constexpr qsizetype kBlock = 64;

    struct Block
    {
        double min;         // +inf when the block has no finite value
        double max;         // -inf when the block has no finite value
        double minPositive; // +inf when the block has no positive value
        std::uint32_t minAt;
        std::uint32_t maxAt;
        std::uint32_t minPositiveAt;
    };

    void rebuild(std::span<const double> values);
    // `values` is the old array with values appended (the old ones unchanged).
    void extend(std::span<const double> values);

    qsizetype covered() const { return m_covered; } // values summarized
    const Block& block(qsizetype b) const { return m_blocks[std::size_t(b)]; }
    qsizetype blockCount() const { return qsizetype(m_blocks.size()); }

private:
    std::vector<Block> m_blocks;
    qsizetype m_covered = 0;
};

} // namespace bengal
