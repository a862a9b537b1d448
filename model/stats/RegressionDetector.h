#pragma once

#include "stats/MetricColumn.h"

#include <QString>
#include <QtGlobal>

#include <limits>
#include <span>
#include <vector>

namespace bengal {

// "Mark intended change": a new baseline for `metric` starts at build `row` (0-based, in the
// full time-ordered history).
struct BaselineBreak
{
    QString metric;
    qsizetype row = -1;
};

// What to analyse: columns over the time-ordered builds of one history.
struct DetectionInput
{
    // UTC microseconds since epoch, time-ordered, one per build.
    std::span<const qint64> timestampsUs;
    // Comparable kind per build (e.g. incremental*2+parallel); builds are judged only against the
    // same group; empty = one group.
    std::span<const quint8> group;
    // The metrics to analyse.
    std::vector<MetricColumn> metrics;
    // Names of columns that are phases of build_time_ms (for attribution); may include
    // "unattributed_ms". Looked up in `metrics`, then in `phaseColumns`.
    std::vector<QString> phaseMetrics;
    // Optional: 1 = leave this build out (failed runs); empty = none.
    std::span<const quint8> excluded;
    // Optional: phase columns only used for attribution, not analysed themselves.
    std::vector<MetricColumn> phaseColumns;
    // Optional: builds where a metric starts a new baseline (steps marked as intended). Nothing
    // before a break is compared with the break or anything after it: alerts, steps and trends
    // are found per stretch between breaks, and judgeLatest looks back no further than the
    // latest break. The step at a break is still reported (see docs/REGRESSIONS.md). Rows out of
    // range and metrics not analysed are ignored.
    std::vector<BaselineBreak> breaks;
};

struct DetectionParams
{
    int baselineWindow = 20;           // alerts: median of the last N comparable builds
    double minEffectPct = 5.0;         // steps and alerts: smallest relative change reported
    double alertSigmas = 4.5;          // alerts: robust sigmas from the baseline
    int minSegment = 5;                // steps: fewest builds on a level
    double trendWindow = 200;          // trends: history builds per judged window
    double trendThresholdPct = 10.0;   // trends: smallest fitted change over a window
    int spreadWindow = 100;            // alerts: the spread also looks this far back
    int minBaseline = 10;              // alerts: fewest previous comparable builds to judge one
    double penaltyFactor = 3.0;        // steps: penalty per change = factor * ln(n) noise variances
    double minStepConfidence = 0.9999; // steps: 1 - Mann-Whitney p of the builds either side
    int levelWindow = 100;             // steps: builds each side the levels are measured on
    int jointStepTolerance = 50;     // steps of several groups this close (builds) share one start
    int jointStepGroupTolerance = 8; // ... or this few builds of the rarer group apart
    int maxPeltPoints = 1000;      // longer group series are segmented on block means, then refined
    double trendMaxPValue = 0.001; // trends: Mann-Kendall significance
    int trendMinLength = 20;       // trends: windows with fewer comparable builds are not judged
    bool zeroIsMissing = true;     // an exact 0 means "did not run" (a skipped phase, tracemalloc
                                   // off, an unchanged output): left out, never compared with runs
    bool foldAlertsIntoSteps = true; // drop alerts in the first baselineWindow builds of a step
                                     // in the same direction (they are that step, not news)
    bool parallel = true;            // analyse metrics concurrently (QtConcurrent)
};

struct Finding
{
    enum class Kind
    {
        Step,
        Alert,
        Trend
    };
    QString metric;
    Kind kind = Kind::Step;
    qsizetype index = -1; // 0-based build index in the full time-ordered history where it starts
    qint64 timestampUs = 0;
    double before = 0;     // step: level before; alert: baseline; trend: fitted start
    double after = 0;      // step: level after; alert: the build's value; trend: fitted end
    double changePct = 0;  // (after - before) / |before| * 100 (trend: fitted change over range)
    double confidence = 0; // in [0, 1]; see docs/REGRESSIONS.md for what it means per kind
    QString phase;         // build_time_ms only: the responsible phase
    int group = 0;
    qsizetype endIndex = -1; // trends: last index; steps and alerts: == index
    // Trends: change per 100 builds of the history, relative to the level; NaN otherwise.
    double per100Pct = std::numeric_limits<double>::quiet_NaN();
};

// Every step, alert and trend of every metric over the history, each group analysed on its own
// and mapped back to full-history indices. Sorted by index, then kind, then metric order.
// Near-linear in the number of builds.
std::vector<Finding> detectRegressions(const DetectionInput& input, const DetectionParams& params);

// CI gate: judge the latest build, metric by metric, against the rolling median of the last
// `window` comparable builds. Looks only at the tail it needs (O(window) per metric).
struct Verdict
{
    QString metric;
    double baseline;  // median of the last `window` comparable builds before the latest
    double latest;    // the latest build's value (NaN when the metric has none)
    double changePct; // relativeChangePct(baseline, latest)
    enum class State
    {
        Ok,
        Regression,
        Improvement,
        NotEnoughData
    } state;
    double confidence; // twoSidedConfidence of the deviation in robust sigmas
};

// "The latest build" is the newest build not excluded: the one a CI job just made. A metric it
// lacks (NaN, or 0 with zeroIsMissing) gets NotEnoughData with latest = NaN: an older build is
// never judged again, so a metric that stopped being written cannot fail every later run.
// The verdict needs |changePct| >= thresholdPct and confidence >= kVerdictConfidence; fewer than
// min(window, kVerdictMinBaseline) comparable builds before the latest give NotEnoughData.
inline constexpr double kVerdictConfidence = 0.99;
inline constexpr int kVerdictMinBaseline = 5;
std::vector<Verdict> judgeLatest(const DetectionInput& input, double thresholdPct, int window,
                                 bool zeroIsMissing = true);

// "step" | "alert" | "trend"
QString findingKindName(Finding::Kind kind);
// "ok" | "regression" | "improvement" | "not_enough_data"
QString verdictStateName(Verdict::State state);

} // namespace bengal
