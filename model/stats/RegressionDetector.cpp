#include "stats/RegressionDetector.h"

#include "stats/Attribution.h"
#include "stats/ChangePoints.h"
#include "stats/GroupSeries.h"
#include "stats/JointSteps.h"
#include "stats/PointAlerts.h"
#include "stats/Trend.h"

#include <QList>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <map>

namespace bengal {

namespace {

const QString kBuildTime = QStringLiteral("build_time_ms");

// Everything one metric needs, shared read-only by the workers.
struct Context
{
    const DetectionInput& input;
    const DetectionParams& params;
    std::vector<MetricColumn> phases; // the phase columns found, for build_time_ms
};

std::vector<qsizetype> rowsOf(const GroupSeries& s, qsizetype begin, qsizetype end)
{
    begin = std::clamp<qsizetype>(begin, 0, qsizetype(s.rows.size()));
    end = std::clamp<qsizetype>(end, begin, qsizetype(s.rows.size()));
    return {s.rows.begin() + begin, s.rows.begin() + end};
}

QString responsiblePhase(const Context& ctx, const MetricColumn& metric, const GroupSeries& s,
                         qsizetype beforeBegin, qsizetype beforeEnd, qsizetype afterBegin,
                         qsizetype afterEnd)
{
    if (metric.name != kBuildTime || ctx.phases.empty())
        return {};
    const std::vector<qsizetype> before = rowsOf(s, beforeBegin, beforeEnd);
    const std::vector<qsizetype> after = rowsOf(s, afterBegin, afterEnd);
    return attributeChange(metric.values, ctx.phases, before, after).responsiblePhase;
}

Finding makeFinding(const Context& ctx, const MetricColumn& metric, Finding::Kind kind, int group,
                    qsizetype row)
{
    Finding f;
    f.metric = metric.name;
    f.kind = kind;
    f.index = row;
    f.endIndex = row;
    f.group = group;
    if (size_t(row) < ctx.input.timestampsUs.size())
        f.timestampUs = ctx.input.timestampsUs[size_t(row)];
    return f;
}

ChangePointParams changePointParams(const DetectionParams& p)
{
    ChangePointParams cp;
    cp.minSegment = p.minSegment;
    cp.penaltyFactor = p.penaltyFactor;
    cp.minEffectPct = p.minEffectPct;
    cp.minConfidence = p.minStepConfidence;
    cp.levelWindow = p.levelWindow;
    cp.maxPeltPoints = p.maxPeltPoints;
    return cp;
}

void addSteps(const Context& ctx, const MetricColumn& metric, int group, const GroupSeries& s,
              const std::vector<ChangePoint>& steps, std::vector<Finding>& out)
{
    for (const ChangePoint& c : steps) {
        Finding f = makeFinding(ctx, metric, Finding::Kind::Step, group, s.rows[size_t(c.index)]);
        f.before = c.before;
        f.after = c.after;
        f.changePct = c.changePct;
        f.confidence = c.confidence;
        f.phase = responsiblePhase(ctx, metric, s, c.beforeBegin, c.index, c.index, c.afterEnd);
        out.push_back(f);
    }
}

void addAlerts(const Context& ctx, const MetricColumn& metric, int group, const GroupSeries& s,
               const std::vector<ChangePoint>& steps, std::vector<Finding>& out)
{
    const DetectionParams& p = ctx.params;
    PointAlertParams ap;
    ap.baselineWindow = p.baselineWindow;
    ap.spreadWindow = p.spreadWindow;
    ap.minBaseline = p.minBaseline;
    ap.sigmas = p.alertSigmas;
    ap.minEffectPct = p.minEffectPct;
    for (const PointAlert& a : detectPointAlerts(s.values, ap)) {
        const bool partOfStep = p.foldAlertsIntoSteps &&
                                std::any_of(steps.begin(), steps.end(), [&](const ChangePoint& c) {
                                    return a.index >= c.index &&
                                           a.index < c.index + p.baselineWindow &&
                                           (a.changePct > 0) == (c.changePct > 0);
                                });
        if (partOfStep)
            continue;
        Finding f = makeFinding(ctx, metric, Finding::Kind::Alert, group, s.rows[size_t(a.index)]);
        f.before = a.baseline;
        f.after = a.value;
        f.changePct = a.changePct;
        f.confidence = a.confidence;
        f.phase = responsiblePhase(ctx, metric, s, a.index - p.baselineWindow, a.index, a.index,
                                   a.index + 1);
        out.push_back(f);
    }
}

void addTrends(const Context& ctx, const MetricColumn& metric, int group, const GroupSeries& s,
               const std::vector<ChangePoint>& steps, std::vector<Finding>& out)
{
    const DetectionParams& p = ctx.params;
    TrendParams tp;
    tp.window = qsizetype(std::llround(p.trendWindow));
    tp.thresholdPct = p.trendThresholdPct;
    tp.maxPValue = p.trendMaxPValue;
    tp.minLength = p.trendMinLength;
    std::vector<qsizetype> breaks;
    for (const ChangePoint& c : steps)
        breaks.push_back(c.index);
    for (const TrendFit& t : detectTrends(s.values, s.rows, breaks, tp)) {
        Finding f = makeFinding(ctx, metric, Finding::Kind::Trend, group, s.rows[size_t(t.first)]);
        f.endIndex = s.rows[size_t(t.last)];
        f.before = t.before;
        f.after = t.after;
        f.changePct = t.changePct;
        f.per100Pct = t.per100Pct;
        f.confidence = 1.0 - t.pValue;
        const qsizetype quarter = std::max<qsizetype>(1, (t.last - t.first + 1) / 4);
        f.phase = responsiblePhase(ctx, metric, s, t.first, t.first + quarter, t.last + 1 - quarter,
                                   t.last + 1);
        out.push_back(f);
    }
}

// The steps found in one stretch between breaks, per group, as full-history rows.
using StepRows = std::map<int, std::vector<qsizetype>>;

// Steps, alerts and trends of one metric over the builds [begin, end): each group on its own.
StepRows analyseStretch(const Context& ctx, const MetricColumn& metric, qsizetype begin,
                        qsizetype end, std::vector<Finding>& out)
{
    const ChangePointParams cp = changePointParams(ctx.params);
    const std::vector<int> groups = presentGroups(ctx.input);
    std::vector<GroupSeries> series;
    std::vector<GroupSteps> steps;
    series.reserve(groups.size()); // GroupSteps keeps spans into these
    for (int group : groups) {
        series.push_back(
            groupSeries(ctx.input, metric.values, group, ctx.params.zeroIsMissing, begin, end));
        const GroupSeries& s = series.back();
        steps.push_back({s.values, s.rows, detectChangePoints(s.values, cp, s.rows)});
    }
    alignStepsAcrossGroups(steps, ctx.params.jointStepTolerance, ctx.params.jointStepGroupTolerance,
                           cp);
    StepRows stepRows;
    for (size_t g = 0; g < groups.size(); ++g) {
        if (series[g].values.empty())
            continue;
        for (const ChangePoint& c : steps[g].steps)
            stepRows[groups[g]].push_back(series[g].rows[size_t(c.index)]);
        addSteps(ctx, metric, groups[g], series[g], steps[g].steps, out);
        addAlerts(ctx, metric, groups[g], series[g], steps[g].steps, out);
        addTrends(ctx, metric, groups[g], series[g], steps[g].steps, out);
    }
    return stepRows;
}

// The step at a break (a change the user marked as intended): the stretches either side are
// analysed apart, so nothing else reports it. Per group, judged like any step on the builds
// next to it, never crossing the neighbouring steps of either stretch. Reported when it passes
// the step rules; the group of the marked build itself always reports it (when it has builds
// on both sides), so the finding the user marked stays listed, as expected.
void addBreakSteps(const Context& ctx, const MetricColumn& metric, qsizetype begin, qsizetype at,
                   qsizetype end, const StepRows& before, const StepRows& after,
                   std::vector<Finding>& out)
{
    const ChangePointParams cp = changePointParams(ctx.params);
    const int markedGroup = groupOf(ctx.input, at);
    for (int group : presentGroups(ctx.input)) {
        const GroupSeries s =
            groupSeries(ctx.input, metric.values, group, ctx.params.zeroIsMissing, begin, end);
        const auto positionOf = [&s](qsizetype row) {
            return qsizetype(std::lower_bound(s.rows.begin(), s.rows.end(), row) - s.rows.begin());
        };
        const qsizetype split = positionOf(at);
        if (split <= 0 || split >= qsizetype(s.rows.size()))
            continue;
        qsizetype prev = 0;
        if (auto it = before.find(group); it != before.end() && !it->second.empty())
            prev = positionOf(it->second.back());
        qsizetype next = qsizetype(s.rows.size());
        if (auto it = after.find(group); it != after.end() && !it->second.empty())
            next = std::max(split + 1, positionOf(it->second.front()));
        bool passes = false;
        const ChangePoint c = judgeChangeAt(s.values, s.rows, prev, split, next, cp, &passes);
        if (!passes && (group != markedGroup || !std::isfinite(c.changePct)))
            continue;
        addSteps(ctx, metric, group, s, {c}, out);
    }
}

// A metric's breaks cut its history into stretches that are analysed apart: no baseline, level,
// step or trend reaches across a break.
std::vector<Finding> analyseMetric(const Context& ctx, const MetricColumn& metric)
{
    const auto builds = qsizetype(metric.values.size());
    std::vector<qsizetype> bounds{0};
    for (qsizetype row : breaksOf(ctx.input, metric.name, builds))
        bounds.push_back(row);
    bounds.push_back(builds);
    std::vector<Finding> out;
    std::vector<StepRows> stretchSteps;
    for (size_t k = 0; k + 1 < bounds.size(); ++k)
        stretchSteps.push_back(analyseStretch(ctx, metric, bounds[k], bounds[k + 1], out));
    for (size_t k = 1; k + 1 < bounds.size(); ++k)
        addBreakSteps(ctx, metric, bounds[k - 1], bounds[k], bounds[k + 1], stretchSteps[k - 1],
                      stretchSteps[k], out);
    return out;
}

} // namespace

std::vector<Finding> detectRegressions(const DetectionInput& input, const DetectionParams& params)
{
    Context ctx{input, params, {}};
    for (const QString& name : input.phaseMetrics) {
        auto byName = [&](const MetricColumn& c) {
            return c.name == name;
        };
        auto it = std::find_if(input.metrics.begin(), input.metrics.end(), byName);
        if (it != input.metrics.end()) {
            ctx.phases.push_back(*it);
            continue;
        }
        it = std::find_if(input.phaseColumns.begin(), input.phaseColumns.end(), byName);
        if (it != input.phaseColumns.end())
            ctx.phases.push_back(*it);
    }

    QList<qsizetype> order;
    for (qsizetype m = 0; m < qsizetype(input.metrics.size()); ++m)
        order.append(m);
    auto run = [&ctx](qsizetype m) {
        return analyseMetric(ctx, ctx.input.metrics[size_t(m)]);
    };
    QList<std::vector<Finding>> perMetric;
    if (params.parallel && order.size() > 1) {
        perMetric = QtConcurrent::blockingMapped<QList<std::vector<Finding>>>(order, run);
    } else {
        for (qsizetype m : order)
            perMetric.append(run(m));
    }

    std::vector<Finding> all;
    for (const std::vector<Finding>& findings : perMetric)
        all.insert(all.end(), findings.begin(), findings.end());
    // Stable: within the same index and kind, metric order (then group) is kept.
    std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
        if (a.index != b.index)
            return a.index < b.index;
        return int(a.kind) < int(b.kind);
    });
    return all;
}

QString findingKindName(Finding::Kind kind)
{
    switch (kind) {
    case Finding::Kind::Step:
        return QStringLiteral("step");
    case Finding::Kind::Alert:
        return QStringLiteral("alert");
    case Finding::Kind::Trend:
        return QStringLiteral("trend");
    }
    return {};
}

} // namespace bengal
