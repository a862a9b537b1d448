#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <limits>
#include <span>

namespace bengal {

// One part of a build's time.
struct PhaseShare
{
    QString metric; // store column ("rendering_time_ms", "phase_timings_ms.Rendering")
    QString label;  // for people
    double ms = 0;
    double share = 0; // fraction of build_time_ms; NaN when the build time is missing or 0
};

// Where a build's time went: the phase ledger (phase_timings_ms.*) when the build has one, else
// the five classic phases, and the unattributed rest (build time minus the phases; negative when
// the phases add up to more than the build time). Phase shares plus the unattributed share are
// exactly 1 whenever the build time is known and not 0.
struct PhaseBreakdown
{
    double totalMs = std::numeric_limits<double>::quiet_NaN(); // build_time_ms; NaN when missing
    bool fromLedger = false;  // phase_timings_ms.* rather than the classic phases
    QList<PhaseShare> phases; // in ledger (store column) or build order; missing phases left out
    double attributedMs = 0;  // sum of the phases
    double unattributedMs = std::numeric_limits<double>::quiet_NaN(); // totalMs - attributedMs; NaN
                                                                      // when totalMs is missing
    double unattributedShare =
        std::numeric_limits<double>::quiet_NaN(); // NaN when totalMs is missing or 0

    bool isEmpty() const { return phases.isEmpty() && std::isnan(totalMs); }
};

// The breakdown of one build (or a synthetic one, e.g. per-metric medians) given a value per
// store column, NaN for missing.
PhaseBreakdown phaseBreakdown(const QStringList& metricNames, std::span<const double> values);

} // namespace bengal
