#include "charts/MinMaxBlocks.h"

#include <cmath>
#include <limits>

namespace bengal {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

void MinMaxBlocks::rebuild(std::span<const double> values)
{
    m_blocks.clear();
    m_covered = 0;
    extend(values);
}

void MinMaxBlocks::extend(std::span<const double> values)
{
    // The last block may have been partial: summarize it again with its new values.
    if (m_covered % kBlock != 0) {
        m_blocks.pop_back();
        m_covered -= m_covered % kBlock;
    }
    const qsizetype n = qsizetype(values.size());
    m_blocks.reserve(std::size_t((n + kBlock - 1) / kBlock));
    for (qsizetype start = m_covered; start < n; start += kBlock) {
        Block b{kInf, -kInf, kInf, 0, 0, 0};
        const qsizetype end = std::min(n, start + kBlock);
        for (qsizetype i = start; i < end; ++i) {
            const double v = values[std::size_t(i)];
            if (!std::isfinite(v))
                continue;
            if (v < b.min) {
                b.min = v;
                b.minAt = std::uint32_t(i);
            }
            if (v > b.max) {
                b.max = v;
                b.maxAt = std::uint32_t(i);
            }
            if (v > 0 && v < b.minPositive) {
                b.minPositive = v;
                b.minPositiveAt = std::uint32_t(i);
            }
        }
        m_blocks.push_back(b);
    }
    m_covered = n;
}

} // namespace bengal
