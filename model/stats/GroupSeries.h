#pragma once

#include "stats/RegressionDetector.h"

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

// One metric restricted to one group: the finite values not excluded, and their full-history rows.
struct GroupSeries
{
    std::vector<double> values;
    std::vector<qsizetype> rows;
};
GroupSeries groupSeries(const DetectionInput& input, std::span<const double> column, int group);

} // namespace bengal
