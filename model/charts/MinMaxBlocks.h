#pragma once

#include <QtGlobal>
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace bengal {

// The extremes of every block of kBlock consecutive values, with where they are, so reducing
// a long range to pixel columns can step over whole blocks instead of every value. NaN is
// skipped; the smallest positive value is kept too, for log axes. Extended in place when the
// values grow at the end.
//
// Above the blocks sits a pyramid: each level summarizes kFanOut whole blocks of the level
// below (512, 4096, 32768 ... values). visit() covers a range with the fewest summaries, so
// a pixel column costs O(log of its builds), and a whole-history redraw O(pixel columns), not
// O(builds / kBlock).
class MinMaxBlocks
{
public:
    static constexpr qsizetype kBlock = 64;
    static constexpr qsizetype kFanOut = 8;

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
    // Where the next extendAt() starts: the first value of the last block if it is partial
    // (it is summarized again), else covered().
    qsizetype resumeAt() const { return m_covered - m_covered % kBlock; }
    // Summarizes `chunk` as the values from index resumeAt() on, for values that are computed
    // on the fly and never stored as a whole (stacked sums). Chunks other than the last must
    // hold whole blocks.
    void extendAt(std::span<const double> chunk);

    qsizetype covered() const { return m_covered; } // values summarized
    const Block& block(qsizetype b) const { return m_blocks[std::size_t(b)]; }
    qsizetype blockCount() const { return qsizetype(m_blocks.size()); }
    // Level 0 is the blocks; level l > 0 block i summarizes level l-1 blocks
    // [i * kFanOut, (i + 1) * kFanOut), and exists only once they are all whole.
    int levelCount() const { return 1 + int(m_levels.size()); }
    qsizetype levelSize(int level) const;
    const Block& summary(int level, qsizetype index) const
    {
        return level == 0 ? m_blocks[std::size_t(index)]
                          : m_levels[std::size_t(level - 1)][std::size_t(index)];
    }

    // Covers [from, to) in index order with calls values(a, b) for stretches to read value by
    // value and summary(level, index) for whole summaries, using the coarsest that fit. Ranges
    // too short for blocks, or not covered yet, are one values() call.
    template <typename Values, typename Summary>
    void visit(qsizetype from, qsizetype to, Values values, Summary summary) const
    {
        if (m_covered < to || to - from < 2 * kBlock) {
            values(from, to);
            return;
        }
        const qsizetype first = (from + kBlock - 1) / kBlock, last = to / kBlock;
        values(from, first * kBlock);
        visitLevel(0, first, last, summary);
        values(last * kBlock, to);
    }

private:
    // Summaries [first, last) of `level` (all whole), through coarser levels where they fit.
    template <typename Summary>
    void visitLevel(int level, qsizetype first, qsizetype last, Summary& summary) const
    {
        if (level + 1 < levelCount() && last - first >= 2 * kFanOut) {
            const qsizetype up = (first + kFanOut - 1) / kFanOut;
            const qsizetype upEnd = std::min(last / kFanOut, levelSize(level + 1));
            if (up < upEnd) {
                for (qsizetype i = first; i < up * kFanOut; ++i)
                    summary(level, i);
                visitLevel(level + 1, up, upEnd, summary);
                for (qsizetype i = upEnd * kFanOut; i < last; ++i)
                    summary(level, i);
                return;
            }
        }
        for (qsizetype i = first; i < last; ++i)
            summary(level, i);
    }
    void extendLevels();

    std::vector<Block> m_blocks;
    std::vector<std::vector<Block>> m_levels; // level 1, 2, ...
    qsizetype m_covered = 0;
};

} // namespace bengal
