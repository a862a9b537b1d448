#include "export/LatestComparison.h"

#include "history/HistoryStore.h"
#include "stats/Quantiles.h"
#include "stats/Robust.h"

#include <cmath>
#include <vector>

namespace bengal {

namespace {

constexpr std::uint8_t kKindBits = BuildFlag::Incremental | BuildFlag::Parallel;

} // namespace

LatestComparison compareLatest(const HistoryStore& store, std::span<const std::uint32_t> rows,
                               const QString& metric, int window)
{
    LatestComparison out;
    const int column = store.metricIndex(metric);
    if (column < 0)
        return out;
    const std::span<const double> values = store.metric(column);
    qsizetype i = qsizetype(rows.size()) - 1;
    while (i >= 0 && !std::isfinite(values[rows[std::size_t(i)]]))
        --i;
    if (i < 0)
        return out;
    out.row = rows[std::size_t(i)];
    out.latest = values[std::size_t(out.row)];
    const std::uint8_t kind = store.flags(out.row) & kKindBits;
    std::vector<double> baseline;
    for (--i; i >= 0 && qsizetype(baseline.size()) < window; --i) {
        const std::uint32_t row = rows[std::size_t(i)];
        if ((store.flags(row) & kKindBits) == kind && std::isfinite(values[row]))
            baseline.push_back(values[row]);
    }
    out.baselineBuilds = qsizetype(baseline.size());
    if (!baseline.empty()) {
        out.baseline = medianInPlace(baseline);
        out.changePct = relativeChangePct(out.baseline, out.latest);
    }
    return out;
}

} // namespace bengal
