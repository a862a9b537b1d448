#include "report/RegressionReport.h"

#include "core/BuildBatch.h"
#include "core/Timestamp.h"
#include "history/HistoryStore.h"
#include "report/MetricUnits.h"
#include "stats/Attribution.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

const QString kBuildTime = QStringLiteral("build_time_ms");
const QString kPhasePrefix = QStringLiteral("phase_timings_ms.");

// The flat phase fields Bengal has written (docs: bengal-metrics.md), in pipeline order.
const char* const kClassicPhases[] = {
    "discovery_time_ms",     "taxonomy_time_ms",  "menu_time_ms",
    "related_posts_time_ms", "rendering_time_ms", "assets_time_ms",
    "postprocess_time_ms",   "fonts_time_ms",     "health_check_time_ms"};

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal", text);
}

// Rounded so golden files do not depend on the last bits of floating point; NaN becomes null.
QJsonValue rounded(double value, int decimals)
{
    if (!std::isfinite(value))
        return QJsonValue(QJsonValue::Null);
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QString percent(double pct)
{
    if (!std::isfinite(pct))
        return QStringLiteral("–");
    return (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 1) +
           QLatin1Char('%');
}

QString valueText(const QString& metric, double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    return formatValue(value, unitOf(metric));
}

QString padded(const QString& text, qsizetype width)
{
    return text.leftJustified(width, QLatin1Char(' '));
}

// The column as analysed: the store's own span, or a copy with "not measured" zeros as NaN.
std::span<const double> analysedColumn(const HistoryStore& store, const QString& name,
                                       RegressionInput* out)
{
    const std::span<const double> values = store.metric(store.metricIndex(name));
    const bool timingOrMemory =
        name.endsWith(QLatin1String("_ms")) || name.endsWith(QLatin1String("_mb"));
    if (!timingOrMemory || std::find(values.begin(), values.end(), 0.0) == values.end())
        return values;
    std::vector<double>& copy = out->cleaned.emplace_back(values.begin(), values.end());
    for (double& v : copy)
        if (v == 0.0)
            v = std::numeric_limits<double>::quiet_NaN();
    return copy;
}

// The group of every build; with None the vector stays empty (one group, nothing per build).
void fillGroups(const HistoryStore& store, BuildGrouping grouping, std::vector<quint8>& group)
{
    group.clear();
    if (grouping == BuildGrouping::None)
        return;
    group.resize(std::size_t(store.size()));
    const auto flags = store.allFlags();
    for (std::size_t row = 0; row < flags.size(); ++row)
        group[row] = buildGroupOf(flags[row] & BuildFlag::Incremental,
                                  flags[row] & BuildFlag::Parallel, grouping);
}

} // namespace

QStringList regressionPhaseMetrics(const HistoryStore& store)
{
    QStringList phases;
    for (const char* name : kClassicPhases) {
        const QString metric = QLatin1String(name);
        if (store.metricIndex(metric) >= 0)
            phases.append(metric);
    }
    if (phases.isEmpty()) {
        for (const QString& name : store.metricNames()) {
            // Only top-level phases: nested keys would count the same time twice.
            if (name.startsWith(kPhasePrefix) &&
                !name.mid(kPhasePrefix.size()).contains(QLatin1Char('.')))
                phases.append(name);
        }
    }
    return phases;
}

QStringList defaultRegressionMetrics(const HistoryStore& store)
{
    QStringList metrics;
    if (store.metricIndex(kBuildTime) >= 0)
        metrics.append(kBuildTime);
    metrics += regressionPhaseMetrics(store);
    for (const QString& memory :
         {QStringLiteral("memory_rss_mb"), QStringLiteral("memory_peak_mb")})
        if (store.metricIndex(memory) >= 0)
            metrics.append(memory);
    return metrics;
}

QString buildGroupingName(BuildGrouping grouping)
{
    switch (grouping) {
    case BuildGrouping::Kind:
        return QStringLiteral("kind");
    case BuildGrouping::Incremental:
        return QStringLiteral("incremental");
    case BuildGrouping::Parallel:
        return QStringLiteral("parallel");
    case BuildGrouping::None:
        return QStringLiteral("none");
    }
    return {};
}

bool parseBuildGrouping(const QString& name, BuildGrouping* grouping)
{
    for (BuildGrouping g : {BuildGrouping::Kind, BuildGrouping::Incremental,
                            BuildGrouping::Parallel, BuildGrouping::None}) {
        if (name == buildGroupingName(g)) {
            *grouping = g;
            return true;
        }
    }
    return false;
}

quint8 buildGroupOf(bool incremental, bool parallel, BuildGrouping grouping)
{
    switch (grouping) {
    case BuildGrouping::Kind:
        return quint8(int(incremental) * 2 + int(parallel));
    case BuildGrouping::Incremental:
        return quint8(incremental);
    case BuildGrouping::Parallel:
        return quint8(parallel);
    case BuildGrouping::None:
        break;
    }
    return 0;
}

bool buildRegressionInput(const HistoryStore& store, const QStringList& metrics,
                          RegressionInput* out, QString* unknown, BuildGrouping grouping)
{
    const QStringList names = metrics.isEmpty() ? defaultRegressionMetrics(store) : metrics;
    for (const QString& name : names) {
        if (store.metricIndex(name) < 0) {
            if (unknown)
                *unknown = name;
            return false;
        }
    }
    const auto timestamps = store.timestamps();
    out->timestamps.assign(timestamps.begin(), timestamps.end());
    fillGroups(store, grouping, out->group);
    out->cleaned.clear();
    // Reserved so the spans into `cleaned` stay valid while it grows.
    out->cleaned.reserve(std::size_t(names.size() + regressionPhaseMetrics(store).size()));
    DetectionInput& input = out->input;
    input = DetectionInput{};
    input.timestampsUs = out->timestamps;
    input.group = out->group;
    for (const QString& name : names)
        input.metrics.push_back({name, analysedColumn(store, name, out)});
    // Attribution needs the phases even when they are not analysed themselves.
    const QStringList phases = regressionPhaseMetrics(store);
    for (const QString& phase : phases) {
        input.phaseMetrics.push_back(phase);
        if (!names.contains(phase))
            input.phaseColumns.push_back({phase, analysedColumn(store, phase, out)});
    }
    input.phaseMetrics.push_back(QString::fromUtf16(kUnattributedName));
    return true;
}

bool buildLatestInput(const HistoryStore& store, const QStringList& metrics, RegressionInput* out,
                      QString* unknown, BuildGrouping grouping)
{
    const QStringList names = metrics.isEmpty() ? defaultRegressionMetrics(store) : metrics;
    for (const QString& name : names) {
        if (store.metricIndex(name) < 0) {
            if (unknown)
                *unknown = name;
            return false;
        }
    }
    *out = RegressionInput{};
    fillGroups(store, grouping, out->group);
    out->input.group = out->group;
    for (const QString& name : names)
        out->input.metrics.push_back({name, store.metric(store.metricIndex(name))});
    return true;
}

QJsonObject regressionsJson(const std::vector<Finding>& findings)
{
    QJsonArray list;
    for (const Finding& f : findings) {
        QJsonObject item{{QStringLiteral("metric"), f.metric},
                         {QStringLiteral("kind"), findingKindName(f.kind)},
                         {QStringLiteral("index"), double(f.index + 1)},
                         {QStringLiteral("timestamp"), formatTimestampUtc(f.timestampUs)},
                         {QStringLiteral("before"), rounded(f.before, 3)},
                         {QStringLiteral("after"), rounded(f.after, 3)},
                         {QStringLiteral("change_pct"), rounded(f.changePct, 2)},
                         {QStringLiteral("confidence"), rounded(f.confidence, 4)}};
        if (f.metric == kBuildTime)
            item.insert(QStringLiteral("phase"),
                        f.phase.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.phase));
        list.append(item);
    }
    return QJsonObject{{QStringLiteral("regressions"), list}};
}

QString regressionsText(const std::vector<Finding>& findings)
{
    if (findings.empty())
        return tr("No regressions, steps or trends found.") + QLatin1Char('\n');
    const QStringList header{tr("Build"),  tr("Timestamp"),  tr("Metric"),
                             tr("Kind"),   tr("Before"),     tr("After"),
                             tr("Change"), tr("Confidence"), tr("Phase")};
    std::vector<QStringList> rows{header};
    for (const Finding& f : findings) {
        rows.push_back({QString::number(f.index + 1), formatTimestampUtc(f.timestampUs), f.metric,
                        findingKindName(f.kind), valueText(f.metric, f.before),
                        valueText(f.metric, f.after), percent(f.changePct),
                        QString::number(f.confidence * 100, 'f', 2) + QLatin1Char('%'), f.phase});
    }
    std::vector<qsizetype> widths(header.size(), 0);
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[std::size_t(c)] = std::max(widths[std::size_t(c)], row[c].size());
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += padded(row[c], widths[std::size_t(c)] + 2);
        text += line.trimmed() + QLatin1Char('\n');
    }
    return text;
}

QJsonObject verdictsJson(const std::vector<Verdict>& verdicts)
{
    QJsonArray list;
    for (const Verdict& v : verdicts) {
        list.append(QJsonObject{{QStringLiteral("metric"), v.metric},
                                {QStringLiteral("baseline"), rounded(v.baseline, 3)},
                                {QStringLiteral("latest"), rounded(v.latest, 3)},
                                {QStringLiteral("change_pct"), rounded(v.changePct, 2)},
                                {QStringLiteral("verdict"), verdictStateName(v.state)},
                                {QStringLiteral("confidence"), rounded(v.confidence, 4)}});
    }
    return QJsonObject{{QStringLiteral("verdicts"), list},
                       {QStringLiteral("regression"), anyRegression(verdicts)}};
}

QString verdictsMarkdown(const std::vector<Verdict>& verdicts)
{
    QString text = QStringLiteral("| ") + tr("Metric") + QStringLiteral(" | ") + tr("Baseline") +
                   QStringLiteral(" | ") + tr("Latest") + QStringLiteral(" | ") + tr("Change") +
                   QStringLiteral(" | ") + tr("Verdict") + QStringLiteral(" |\n");
    text += QStringLiteral("|---|---:|---:|---:|---|\n");
    for (const Verdict& v : verdicts) {
        QString verdict;
        switch (v.state) {
        case Verdict::State::Ok:
            verdict = tr("ok");
            break;
        case Verdict::State::Regression:
            verdict = tr("**regression**");
            break;
        case Verdict::State::Improvement:
            verdict = tr("improvement");
            break;
        case Verdict::State::NotEnoughData:
            verdict = tr("not enough data");
            break;
        }
        // Metric names come from history files: keep them inert in Markdown.
        QString metric = v.metric;
        metric.replace(QLatin1Char('|'), QStringLiteral("\\|"));
        metric.replace(QLatin1Char('`'), QStringLiteral("'"));
        text += QStringLiteral("| `") + metric + QStringLiteral("` | ") +
                valueText(v.metric, v.baseline) + QStringLiteral(" | ") +
                valueText(v.metric, v.latest) + QStringLiteral(" | ") + percent(v.changePct) +
                QStringLiteral(" | ") + verdict + QStringLiteral(" |\n");
    }
    return text;
}

bool anyRegression(const std::vector<Verdict>& verdicts)
{
    for (const Verdict& v : verdicts)
        if (v.state == Verdict::State::Regression)
            return true;
    return false;
}

} // namespace bengal
