#pragma once

#include <QString>
#include <cstdint>
#include <limits>
#include <span>

namespace bengal {

class HistoryStore;

// The newest build of a selection against the median of the comparable builds just before it
// (same kind and mode), for one metric: the one-line summary over an exported dashboard.
struct LatestComparison
{
    qsizetype row = -1; // store row of the newest build with the metric; -1 when none
    double latest = std::numeric_limits<double>::quiet_NaN();
    double baseline = std::numeric_limits<double>::quiet_NaN(); // NaN without comparable builds
    qsizetype baselineBuilds = 0;
    double changePct = std::numeric_limits<double>::quiet_NaN();
};

// `rows` are store rows in time order; at most `window` comparable builds form the baseline.
LatestComparison compareLatest(const HistoryStore& store, std::span<const std::uint32_t> rows,
                               const QString& metric, int window = 20);

} // namespace bengal
