#pragma once

#include "stats/RegressionDetector.h"

#include <cmath>
#include <vector>

namespace bengal {

// Internal to the detector: the comparable groups of a history and one group's finite values.

// The distinct group values present among the builds not excluded (just 0 when input.group is
// empty), ascending.
std::vector<int> presentGroups(const DetectionInput& input);

// The group of build `row` (0 when input.group is empty).
int groupOf(const DetectionInput& input, qsizetype row);

// Whether build `row` is left out.
bool isExcluded(const DetectionInput& input, qsizetype row);

// Whether a value counts as measured: finite, and not an exact 0 when zeros mean "did not run".
inline bool isMeasured(double value, bool zeroIsMissing)
{
    return std::isfinite(value) && !(zeroIsMissing && value == 0.0);
}

// One metric restricted to one group: the measured values of the builds not excluded, and their
// full-history rows.
struct GroupSeries
{
    std::vector<double> values;
    std::vector<qsizetype> rows;
};
// Only rows in [begin, end) are looked at (end < 0: to the end of the column).
GroupSeries groupSeries(const DetectionInput& input, std::span<const double> column, int group,
                        bool zeroIsMissing, qsizetype begin = 0, qsizetype end = -1);

// The breaks of `metric` (input.breaks) strictly inside (0, builds), ascending, without
// duplicates: a break at row 0 splits nothing.
std::vector<qsizetype> breaksOf(const DetectionInput& input, const QString& metric,
                                qsizetype builds);

} // namespace bengal
