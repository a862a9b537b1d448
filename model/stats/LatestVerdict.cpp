// judgeLatest: the CI gate. Kept apart from detectRegressions because it must stay O(window):
// it walks back from the newest build and never touches the rest of a long history.
#include "stats/GroupSeries.h"
#include "stats/PointAlerts.h"
#include "stats/Quantiles.h"
#include "stats/RegressionDetector.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Verdict judgeMetric(const DetectionInput& input, const MetricColumn& metric, qsizetype latest,
                    double thresholdPct, int window, bool zeroIsMissing)
{
    Verdict v{metric.name, kNaN, kNaN, kNaN, Verdict::State::NotEnoughData, 0.0};
    const std::span<const double> values = metric.values;
    auto usable = [&](qsizetype row) {
        return size_t(row) < values.size() && isMeasured(values[size_t(row)], zeroIsMissing) &&
               !isExcluded(input, row);
    };
    if (latest < 0 || !usable(latest))
        return v;
    v.latest = values[size_t(latest)];

    PointAlertParams p;
    p.baselineWindow = window;
    p.spreadWindow = qsizetype(window) * 5;
    p.minBaseline = std::min(window, kVerdictMinBaseline);
    const int group = groupOf(input, latest);
    // A new baseline starts at the latest break (an intended change) at or before the build.
    qsizetype first = 0;
    for (qsizetype row : breaksOf(input, metric.name, latest + 1))
        first = row;
    std::vector<double> history; // newest first while collecting
    for (qsizetype row = latest - 1; row >= first && qsizetype(history.size()) < p.spreadWindow;
         --row) {
        if (usable(row) && groupOf(input, row) == group)
            history.push_back(values[size_t(row)]);
    }
    std::reverse(history.begin(), history.end());
    PointAlert judged{};
    if (!judgeAgainstBaseline(history, v.latest, p, judged)) {
        v.baseline = median(history); // what there is, for the report; NaN when none
        return v;
    }
    v.baseline = judged.baseline;
    v.changePct = judged.changePct;
    v.confidence = judged.confidence;
    const bool significant = v.confidence >= kVerdictConfidence;
    if (significant && v.changePct >= thresholdPct)
        v.state = Verdict::State::Regression;
    else if (significant && v.changePct <= -thresholdPct)
        v.state = Verdict::State::Improvement;
    else
        v.state = Verdict::State::Ok;
    return v;
}

} // namespace

std::vector<Verdict> judgeLatest(const DetectionInput& input, double thresholdPct, int window,
                                 bool zeroIsMissing)
{
    if (window <= 0)
        window = DetectionParams{}.baselineWindow;
    // The newest build not excluded, over all columns.
    qsizetype builds = qsizetype(input.timestampsUs.size());
    for (const MetricColumn& metric : input.metrics)
        builds = std::max(builds, qsizetype(metric.values.size()));
    qsizetype latest = builds - 1;
    while (latest >= 0 && isExcluded(input, latest))
        --latest;
    std::vector<Verdict> verdicts;
    verdicts.reserve(input.metrics.size());
    for (const MetricColumn& metric : input.metrics)
        verdicts.push_back(judgeMetric(input, metric, latest, thresholdPct, window, zeroIsMissing));
    return verdicts;
}

QString verdictStateName(Verdict::State state)
{
    switch (state) {
    case Verdict::State::Ok:
        return QStringLiteral("ok");
    case Verdict::State::Regression:
        return QStringLiteral("regression");
    case Verdict::State::Improvement:
        return QStringLiteral("improvement");
    case Verdict::State::NotEnoughData:
        return QStringLiteral("not_enough_data");
    }
    return {};
}

} // namespace bengal
