#include "regressions/ConfirmVerdict.h"

#include "collector/RunRecord.h"
#include "core/BuildBatch.h"
#include "history/HistoryStore.h"
#include "report/MetricUnits.h"
#include "stats/MannWhitney.h"
#include "stats/Quantiles.h"

#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kBuildTime = QStringLiteral("build_time_ms");
const QString kRss = QStringLiteral("memory_rss_mb");

quint8 groupOf(std::uint8_t flags, BuildGrouping grouping)
{
    return buildGroupOf(flags & BuildFlag::Incremental, flags & BuildFlag::Parallel, grouping);
}

} // namespace

ConfirmBaseline confirmBaseline(const HistoryStore& store, const QString& metric,
                                qsizetype findingRow, int count, qsizetype notBefore,
                                BuildGrouping grouping)
{
    ConfirmBaseline out;
    const int column = store.metricIndex(metric);
    if (column < 0 || findingRow <= 0 || findingRow > store.size())
        return out;
    const quint8 group = findingRow < store.size() ? groupOf(store.flags(findingRow), grouping) : 0;
    const bool zeroIsMissing =
        metric.endsWith(QLatin1String("_ms")) || metric.endsWith(QLatin1String("_mb"));
    for (qsizetype row = findingRow - 1;
         row >= std::max<qsizetype>(0, notBefore) && qsizetype(out.values.size()) < count; --row) {
        if (groupOf(store.flags(row), grouping) != group)
            continue;
        const double v = store.value(column, row);
        if (!std::isfinite(v) || (zeroIsMissing && v == 0.0))
            continue;
        out.values.push_back(v);
        out.rows.push_back(row);
    }
    return out;
}

bool canConfirmMetric(const QString& metric)
{
    if (metric == kBuildTime || metric == kRss)
        return true;
    for (const char* phase : {"initialization", "discovery", "taxonomies", "menus", "rendering",
                              "assets", "postprocessing", "health_check"}) {
        const char* key = historyKeyForPhase(QLatin1String(phase));
        if (key && metric == QLatin1String(key))
            return true;
    }
    return false;
}

double confirmRunValue(const RunRecord& record, const QString& metric)
{
    if (!record.succeeded())
        return kNaN;
    if (metric == kBuildTime)
        return record.wallMs;
    if (metric == kRss)
        return record.peakRssMb > 0 ? record.peakRssMb : kNaN;
    double sum = 0;
    bool any = false;
    for (const PhaseMeasurement& phase : record.phases) {
        const char* key = historyKeyForPhase(phase.name);
        if (key && metric == QLatin1String(key)) {
            sum += phase.durationMs;
            any = true;
        }
    }
    return any ? sum : kNaN;
}

ConfirmVerdict judgeConfirmRuns(std::span<const double> baseline, std::span<const double> runs,
                                double minEffectPct, double alpha)
{
    ConfirmVerdict v;
    const std::vector<double> a = finiteValues(baseline);
    const std::vector<double> b = finiteValues(runs);
    v.baselineCount = qsizetype(a.size());
    v.runCount = qsizetype(b.size());
    v.baselineMedian = a.empty() ? kNaN : median(a);
    v.runMedian = b.empty() ? kNaN : median(b);
    v.changePct = (a.empty() || b.empty() || v.baselineMedian == 0)
                      ? kNaN
                      : (v.runMedian - v.baselineMedian) / std::abs(v.baselineMedian) * 100.0;
    // 1 / C(n + m, m): every run above every baseline build, exact null distribution.
    const double n = double(a.size());
    const double m = double(b.size());
    v.smallestP = std::exp(std::lgamma(n + 1) + std::lgamma(m + 1) - std::lgamma(n + m + 1));
    if (a.size() < 3 || b.size() < 3) {
        v.state = ConfirmVerdict::State::TooFew;
        return v;
    }
    const MannWhitneyResult test = mannWhitney(a, b);
    v.pSlower = test.pGreater;
    v.pTwoSided = test.pTwoSided;
    v.exact = test.exact;
    v.state = v.pSlower < alpha && v.changePct >= minEffectPct ? ConfirmVerdict::State::Slower
                                                               : ConfirmVerdict::State::NotSlower;
    return v;
}

QString ConfirmText::describe(const ConfirmVerdict& v, const QString& metric)
{
    const MetricUnit unit = unitOf(metric);
    const auto value = [unit](double x) {
        return std::isfinite(x) ? formatValue(x, unit) : QStringLiteral("–");
    };
    QString head;
    switch (v.state) {
    case ConfirmVerdict::State::Slower:
        head = tr("Confirmed: the new runs are slower than the baseline builds.");
        break;
    case ConfirmVerdict::State::NotSlower:
        head = tr("Not confirmed: the new runs are not significantly slower than the baseline "
                  "builds.");
        break;
    case ConfirmVerdict::State::TooFew:
        head = tr("Too few figures to judge: at least 3 runs and 3 baseline builds are needed.");
        break;
    }
    QString text = head + QLatin1Char('\n') +
                   tr("Baseline: median %1 of %2 builds. Runs: median %3 of %4 runs (%5).")
                       .arg(value(v.baselineMedian))
                       .arg(v.baselineCount)
                       .arg(value(v.runMedian))
                       .arg(v.runCount)
                       .arg(std::isfinite(v.changePct)
                                ? (v.changePct >= 0 ? QStringLiteral("+") : QString()) +
                                      QString::number(v.changePct, 'f', 1) + QLatin1Char('%')
                                : QStringLiteral("–"));
    if (v.state != ConfirmVerdict::State::TooFew)
        text += QLatin1Char('\n') + tr("Mann–Whitney: p = %1 that the runs are slower by chance "
                                       "(two-sided p = %2, %3).")
                                        .arg(QString::number(v.pSlower, 'g', 3),
                                             QString::number(v.pTwoSided, 'g', 3),
                                             v.exact ? tr("exact") : tr("normal approximation"));
    if (v.smallestP >= 0.05 * (1 - 1e-9))
        text += QLatin1Char('\n') + tr("With %1 runs against %2 builds no result can be "
                                       "significant at 5% (the smallest possible p is %3): "
                                       "run more builds.")
                                        .arg(v.runCount)
                                        .arg(v.baselineCount)
                                        .arg(QString::number(v.smallestP, 'g', 2));
    return text;
}

} // namespace bengal
