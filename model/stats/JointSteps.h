#pragma once

#include "stats/ChangePoints.h"

#include <span>
#include <vector>

namespace bengal {

// One comparable group's view of a metric: its finite values, their full-history rows, and the
// steps found in it (positions in `values`).
struct GroupSteps
{
    std::span<const double> values;
    std::span<const qsizetype> rows;
    std::vector<ChangePoint> steps;
};

// A code change usually moves every kind of build at once, but each group sees it only at its own
// builds, so per-group estimates of the start scatter by a few group builds (many full-history
// builds for a rare group). Steps in the same direction in different groups are taken as one
// event when they start within `tolerance` full-history builds of each other, or when the rarer
// of the two groups has at most `groupTolerance` builds between them. Their common start is the
// full-history index that maximises the summed cost reduction (on each group's unit-noise scale)
// of all of them, and each step is moved to its group's first build from there when it still
// passes the effect and confidence rules there.
void alignStepsAcrossGroups(std::vector<GroupSteps>& groups, qsizetype tolerance,
                            qsizetype groupTolerance, const ChangePointParams& params);

} // namespace bengal
