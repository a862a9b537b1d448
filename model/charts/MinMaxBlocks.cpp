#include "charts/MinMaxBlocks.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

void MinMaxBlocks::rebuild(std::span<const double> values)
{
    m_blocks.clear();
    m_levels.clear();
    m_covered = 0;
    extend(values);
}

void MinMaxBlocks::extend(std::span<const double> values)
{
    // The last block may have been partial: summarize it again with its new values.
    const qsizetype start = resumeAt();
    if (m_blocks.empty())
        m_blocks.reserve(std::size_t((qsizetype(values.size()) + kBlock - 1) / kBlock));
    extendAt(values.subspan(std::size_t(std::min(start, qsizetype(values.size())))));
}

void MinMaxBlocks::extendAt(std::span<const double> chunk)
{
    const qsizetype start = resumeAt();
    m_blocks.resize(std::size_t(start / kBlock));
    const qsizetype size = qsizetype(chunk.size());
    for (qsizetype from = 0; from < size; from += kBlock) {
        Block b{kInf, -kInf, kInf, 0, 0, 0};
        const qsizetype end = std::min(size, from + kBlock);
        for (qsizetype i = from; i < end; ++i) {
            const double v = chunk[std::size_t(i)];
            if (!std::isfinite(v))
                continue;
            const auto at = std::uint32_t(start + i);
            if (v < b.min) {
                b.min = v;
                b.minAt = at;
            }
            if (v > b.max) {
                b.max = v;
                b.maxAt = at;
            }
            if (v > 0 && v < b.minPositive) {
                b.minPositive = v;
                b.minPositiveAt = at;
            }
        }
        m_blocks.push_back(b);
    }
    m_covered = start + size;
    extendLevels();
}

qsizetype MinMaxBlocks::levelSize(int level) const
{
    return level == 0 ? blockCount() : qsizetype(m_levels[std::size_t(level - 1)].size());
}

void MinMaxBlocks::extendLevels()
{
    // Whole summaries never change, so each level only grows. The first pass of a level is
    // over the whole blocks (a partial last block is summarized again on the next extend).
    qsizetype whole = m_covered / kBlock;
    for (int level = 1; whole >= kFanOut; ++level) {
        if (int(m_levels.size()) < level)
            m_levels.emplace_back();
        std::vector<Block>& up = m_levels[std::size_t(level - 1)];
        const qsizetype target = whole / kFanOut;
        for (qsizetype i = qsizetype(up.size()); i < target; ++i) {
            Block b = summary(level - 1, i * kFanOut);
            for (qsizetype j = i * kFanOut + 1; j < (i + 1) * kFanOut; ++j) {
                // Strictly smaller / larger only, so the first of equal extremes is kept.
                const Block& c = summary(level - 1, j);
                if (c.min < b.min) {
                    b.min = c.min;
                    b.minAt = c.minAt;
                }
                if (c.max > b.max) {
                    b.max = c.max;
                    b.maxAt = c.maxAt;
                }
                if (c.minPositive < b.minPositive) {
                    b.minPositive = c.minPositive;
                    b.minPositiveAt = c.minPositiveAt;
                }
            }
            up.push_back(b);
        }
        whole = target;
    }
}

} // namespace bengal
