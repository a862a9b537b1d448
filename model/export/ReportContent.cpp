#include "export/ReportContent.h"

#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"
#include "stats/Quantiles.h"
#include "stats/RegressionDetector.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::Report", text);
}

bool isCollectorPeak(const QString& metric)
{
    return metric.endsWith(QLatin1String("peak_rss_mb"));
}

// The metrics the verdicts and the detector look at: build time, phases and memory.
bool isAnalysed(const QString& metric)
{
    return metric == QLatin1String("build_time_ms") || MetricCatalog::isPhase(metric) ||
           MetricCatalog::isMemory(metric) || isCollectorPeak(metric);
}

QString percent(double pct)
{
    if (!std::isfinite(pct))
        return QStringLiteral("–");
    return QStringLiteral("%1%2 %").arg(pct > 0 ? QStringLiteral("+") : QString(),
                                        QString::number(pct, 'f', 1));
}

QString confidence(double c)
{
    return QStringLiteral("%1 %").arg(QString::number(c * 100, 'f', c >= 0.999 ? 2 : 1));
}

QString formatted(const QString& metric, double value)
{
    return formatValue(value, unitOf(metric));
}

QString kindOf(std::uint8_t flags)
{
    QStringList parts;
    if (flags & BuildFlag::IncrementalKnown)
        parts << ((flags & BuildFlag::Incremental) ? tr("incremental") : tr("full"));
    if (flags & BuildFlag::ParallelKnown)
        parts << ((flags & BuildFlag::Parallel) ? tr("parallel") : tr("sequential"));
    return parts.isEmpty() ? tr("kind unknown") : parts.join(QStringLiteral(", "));
}

QString verdictText(Verdict::State state)
{
    switch (state) {
    case Verdict::State::Ok:
        return tr("within noise");
    case Verdict::State::Regression:
        return tr("REGRESSION");
    case Verdict::State::Improvement:
        return tr("improvement");
    case Verdict::State::NotEnoughData:
        break;
    }
    return tr("not enough comparable builds");
}

QString findingKindText(Finding::Kind kind)
{
    switch (kind) {
    case Finding::Kind::Step:
        return tr("step");
    case Finding::Kind::Alert:
        return tr("outlier");
    case Finding::Kind::Trend:
        break;
    }
    return tr("trend");
}

// The analysed columns over the covered builds, owning the ones that need a copy: collector
// and tracemalloc peaks of 0 mean "not measured" (as the charts read them).
struct AnalysisColumns
{
    std::vector<qint64> timestamps;
    std::vector<quint8> group;
    std::vector<std::vector<double>> owned;
    DetectionInput input;
};

void prepare(const HistoryStore& store, BuildRange range, AnalysisColumns& a)
{
    const auto first = std::size_t(range.first);
    const auto count = std::size_t(range.count());
    const std::span<const TimestampUs> ts = store.timestamps().subspan(first, count);
    a.timestamps.assign(ts.begin(), ts.end());
    a.group.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        // Comparable builds: same kind (full/incremental) and mode (parallel/sequential).
        const std::uint8_t f = store.flags(qsizetype(first + i));
        a.group.push_back(
            quint8(((f & BuildFlag::Incremental) ? 2 : 0) + ((f & BuildFlag::Parallel) ? 1 : 0)));
    }
    a.input.timestampsUs = a.timestamps;
    a.input.group = a.group;
    QStringList names = store.metricNames();
    std::stable_sort(names.begin(), names.end(), [](const QString& x, const QString& y) {
        return MetricCatalog::rank(x) < MetricCatalog::rank(y);
    });
    a.owned.reserve(std::size_t(names.size()));
    for (const QString& name : std::as_const(names)) {
        if (!isAnalysed(name))
            continue;
        std::span<const double> values =
            store.metric(store.metricIndex(name)).subspan(first, count);
        if (name == QLatin1String("memory_peak_mb") || isCollectorPeak(name)) {
            std::vector<double>& copy = a.owned.emplace_back(values.begin(), values.end());
            for (double& v : copy) {
                if (v == 0)
                    v = std::numeric_limits<double>::quiet_NaN();
            }
            values = copy;
        }
        a.input.metrics.push_back({name, values});
        if (MetricCatalog::isPhase(name))
            a.input.phaseMetrics.push_back(name);
    }
}

ReportSection summarySection(const HistoryStore& store, BuildRange range)
{
    ReportSection s;
    s.title = tr("Summary");
    s.table.header = {tr("Metric"), tr("Builds"), tr("Min"),   tr("Median"),
                      tr("P90"),    tr("Max"),    tr("Latest")};
    s.table.numeric = {false, true, true, true, true, true, true};
    QStringList names = store.metricNames();
    std::stable_sort(names.begin(), names.end(), [](const QString& x, const QString& y) {
        return MetricCatalog::rank(x) < MetricCatalog::rank(y);
    });
    for (const QString& name : std::as_const(names)) {
        const MetricSummary m =
            summarize(store.metric(store.metricIndex(name))
                          .subspan(std::size_t(range.first), std::size_t(range.count())));
        if (m.count == 0)
            continue;
        s.table.rows.push_back({name, QString::number(m.count), formatted(name, m.min),
                                formatted(name, m.median), formatted(name, m.p90),
                                formatted(name, m.max), formatted(name, m.last)});
    }
    if (s.table.rows.empty())
        s.paragraphs << tr("No build in the range has a metric.");
    return s;
}

ReportSection latestSection(const HistoryStore& store, BuildRange range, const AnalysisColumns& a,
                            const ReportParams& params)
{
    ReportSection s;
    s.title = tr("Latest build against its baseline");
    if (range.count() == 0) {
        s.paragraphs << tr("There is no build to judge.");
        return s;
    }
    const qsizetype last = range.end - 1;
    s.paragraphs << tr("Latest build: %1, line %2 (%3).")
                        .arg(formatTimestampUtc(store.timestampUs(last)))
                        .arg(store.line(last))
                        .arg(kindOf(store.flags(last)));
    s.paragraphs << tr("Baseline: the median of the last %1 comparable builds (same kind and "
                       "mode). A change is called out when it is at least %2 % and %3 % "
                       "certain not to be noise.")
                        .arg(params.baselineWindow)
                        .arg(params.thresholdPct)
                        .arg(kVerdictConfidence * 100);
    s.table.header = {tr("Metric"), tr("Baseline"),   tr("Latest"),
                      tr("Change"), tr("Confidence"), tr("Verdict")};
    s.table.numeric = {false, true, true, true, true, false};
    for (const Verdict& v : judgeLatest(a.input, params.thresholdPct, params.baselineWindow)) {
        if (std::isnan(v.latest))
            continue;
        const bool judged = v.state != Verdict::State::NotEnoughData;
        s.table.rows.push_back(
            {v.metric, formatted(v.metric, v.baseline), formatted(v.metric, v.latest),
             judged ? percent(v.changePct) : QStringLiteral("–"),
             judged ? confidence(v.confidence) : QStringLiteral("–"), verdictText(v.state)});
    }
    return s;
}

ReportSection findingsSection(const QString& title, std::vector<Finding> findings,
                              const HistoryStore& store, BuildRange range,
                              const ReportParams& params)
{
    ReportSection s;
    s.title = title;
    if (findings.empty()) {
        s.paragraphs << tr("None found.");
        return s;
    }
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& x, const Finding& y) { return x.index > y.index; });
    s.table.header = {tr("Build"), tr("Line"),   tr("Metric"),     tr("Kind"), tr("Before"),
                      tr("After"), tr("Change"), tr("Confidence"), tr("Phase")};
    s.table.numeric = {false, true, false, false, true, true, true, true, false};
    for (const Finding& f : findings) {
        if (qsizetype(s.table.rows.size()) >= params.maxFindingRows)
            break;
        const qsizetype row = range.first + f.index;
        s.table.rows.push_back({formatTimestampUtc(f.timestampUs), QString::number(store.line(row)),
                                f.metric, findingKindText(f.kind), formatted(f.metric, f.before),
                                formatted(f.metric, f.after), percent(f.changePct),
                                confidence(f.confidence), f.phase});
    }
    if (qsizetype(findings.size()) > params.maxFindingRows)
        s.paragraphs << tr("The %1 newest of %2 are listed.")
                            .arg(params.maxFindingRows)
                            .arg(findings.size());
    return s;
}

} // namespace

ReportDocument buildReport(const HistoryStore& store, const QString& sourcePath, BuildRange range,
                           const ReportParams& params)
{
    ReportDocument doc;
    doc.title = tr("Build performance report");
    doc.facts << tr("History: %1").arg(sourcePath);
    doc.facts << tr("Builds covered: %1 of %2").arg(range.count()).arg(store.size());
    if (range.count() > 0)
        doc.facts << tr("From %1 to %2")
                         .arg(formatTimestampUtc(store.timestampUs(range.first)),
                              formatTimestampUtc(store.timestampUs(range.end - 1)));
    if (store.rejectedCount() > 0)
        doc.facts << tr("Lines rejected when reading: %1").arg(store.rejectedCount());
    doc.facts << tr("Generated: %1 by bengal-perf %2")
                     .arg(formatTimestampUtc(currentTimestampUs() / 1000000 * 1000000),
                          QCoreApplication::applicationVersion());

    doc.sections.push_back(summarySection(store, range));
    ReportSection phases;
    phases.title = tr("Phase timings");
    phases.chart = ReportSection::Chart::Phases;
    doc.sections.push_back(phases);
    ReportSection memory;
    memory.title = tr("Memory");
    memory.chart = ReportSection::Chart::Memory;
    doc.sections.push_back(memory);

    AnalysisColumns analysis;
    prepare(store, range, analysis);
    for (const BaselineBreak& mark : params.breaks) {
        if (mark.row >= range.first && mark.row < range.first + range.count())
            analysis.input.breaks.push_back({mark.metric, mark.row - range.first});
    }
    doc.sections.push_back(latestSection(store, range, analysis, params));

    DetectionParams detection;
    detection.baselineWindow = params.baselineWindow;
    detection.minEffectPct = params.thresholdPct;
    std::vector<Finding> worse, better;
    if (range.count() > 0) {
        for (Finding& f : detectRegressions(analysis.input, detection))
            (f.changePct > 0 ? worse : better).push_back(std::move(f));
    }
    doc.sections.push_back(
        findingsSection(tr("Regressions found"), std::move(worse), store, range, params));
    doc.sections.push_back(
        findingsSection(tr("Improvements found"), std::move(better), store, range, params));
    return doc;
}

} // namespace bengal
