#pragma once

#include <QString>

#include <span>
#include <vector>

namespace bengal {

struct MetricColumn; // stats/MetricColumn.h

// The name used for the part of a build-time change that no phase column explains.
inline constexpr char16_t kUnattributedName[] = u"unattributed_ms";

struct PhaseChange
{
    QString phase;
    double before; // median over the "before" builds (NaN when the phase has no value there)
    double after;
    double delta; // after - before (NaN when either side is missing)
};

struct Attribution
{
    double totalBefore = 0; // median build_time_ms before / after
    double totalAfter = 0;
    double totalDelta = 0;
    std::vector<PhaseChange> phases; // in the order given
    double unattributedDelta = 0;    // totalDelta - sum of the finite phase deltas
    QString responsiblePhase;        // the phase whose delta goes furthest in the direction of
                                     // totalDelta ("unattributed_ms" if the rest does); empty
                                     // when nothing moved that way
};

// Splits the change of `total` between two sets of builds (full-history row indices) into the
// change of each phase column: medians before vs after, so one odd build does not decide it.
// Medians are not additive, so the rest is "what the phases do not explain", not an exact sum.
// Phase columns should not overlap (give either phase_timings_ms.* or the flat *_time_ms fields).
Attribution attributeChange(std::span<const double> total, std::span<const MetricColumn> phases,
                            std::span<const qsizetype> beforeRows,
                            std::span<const qsizetype> afterRows);

// Convenience for contiguous ranges [beforeBegin, beforeEnd) and [afterBegin, afterEnd).
Attribution attributeChange(std::span<const double> total, std::span<const MetricColumn> phases,
                            qsizetype beforeBegin, qsizetype beforeEnd, qsizetype afterBegin,
                            qsizetype afterEnd);

} // namespace bengal
