#pragma once

#include "stats/Pelt.h"

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

struct ChangePointParams
{
    qsizetype minSegment = 5;      // fewest builds on a level
    double penaltyFactor = 3.0;    // penalty per change = penaltyFactor * ln(n), in noise variances
    double minEffectPct = 5.0;     // smaller level changes are not reported, however significant
    double minConfidence = 0.9999; // 1 - two-sided Mann-Whitney p of the two level windows
    qsizetype levelWindow = 100;   // builds each side of a change that its levels are measured on
    qsizetype despikeHalfWidth = 5; // Hampel filter: centred window of 2h+1 builds ...
    double despikeSigmas = 3.0;     // ... values beyond its median +/- this many sigmas are clipped
    qsizetype maxPeltPoints = 1000; // longer series are segmented on block means, then refined
    bool logScale = true; // segment log(values) when all are > 0 (multiplicative noise, % steps)
    SegmentModel segmentModel = SegmentModel::Line; // levels may creep between changes
};

struct ChangePoint
{
    qsizetype index;       // position (in the input span) of the first value of the new level
    double before;         // median of the level before (raw units)
    double after;          // median of the level after
    double changePct;      // relativeChangePct(before, after)
    double confidence;     // 1 - two-sided Mann-Whitney p, before window vs after window
    qsizetype beforeBegin; // the levels were measured on input positions [beforeBegin, index) ...
    qsizetype afterEnd;    // ... and [index, afterEnd)
};

// Steps in the level of a time-ordered series; NaN values are skipped (positions still refer to
// the input). The series is put on a robust noise scale (sigma from the MAD of first differences,
// on log values when all are positive), despiked with a Hampel filter so a lone outlier cannot
// pull a segment, and segmented optimally by PELT with a BIC-like penalty. Candidate changes are
// then judged on the builds next to them (at most `levelWindow` each side, never crossing a
// neighbouring change): the weakest one failing the minimum effect or the minimum confidence is
// merged away and its neighbours are judged again, until every change left passes.
// Near-linear: series longer than maxPeltPoints are segmented on block means and each change is
// then placed exactly with a local full-resolution search.
// `times`: the time of each value (same length, increasing), e.g. a group's full-history build
// indices, so that a creep is a straight line even when the group's builds come in bursts; empty
// means 0, 1, 2, ... Positions in the result are always positions in `values`.
std::vector<ChangePoint> detectChangePoints(std::span<const double> values,
                                            const ChangePointParams& params = {},
                                            std::span<const qsizetype> times = {});

// The finite values on a unit-noise scale (log first when logScale and all are > 0), centred on
// their median; empty for a constant series. What PELT segments.
std::vector<double> unitNoiseScale(std::span<const double> finiteValues, bool logScale);

// Levels, change and confidence of a change at position `at` of finite values (times as for
// detectChangePoints), measured on at most levelWindow values each side without crossing the
// neighbouring changes `prev` and `next` (use 0 and the size when there are none). `passes`:
// whether it meets minEffectPct, minConfidence and the creep rule.
ChangePoint judgeChangeAt(std::span<const double> finiteValues, std::span<const qsizetype> times,
                          qsizetype prev, qsizetype at, qsizetype next,
                          const ChangePointParams& params, bool* passes = nullptr);

// Hampel filter: each value clipped to the median of the centred window of 2*halfWidth+1 values
// +/- limit. Keeps steps intact (the centred median switches level exactly at the step).
std::vector<double> despike(std::span<const double> values, qsizetype halfWidth, double limit);

} // namespace bengal
