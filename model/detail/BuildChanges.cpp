#include "detail/BuildChanges.h"

#include "detail/BuildLine.h"
#include "history/HistoryStore.h"
#include "stats/Quantiles.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint8_t kKindBits = BuildFlag::ParallelKnown | BuildFlag::Parallel |
                                   BuildFlag::IncrementalKnown | BuildFlag::Incremental;

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("bengal::BuildChanges", text, disambiguation, n);
}

} // namespace

bool isSameKind(std::uint8_t flagsA, std::uint8_t flagsB)
{
    return (flagsA & kKindBits) == (flagsB & kKindBits);
}

std::vector<double> comparableValues(const HistoryStore& store, qsizetype row,
                                     const MetricSeries& series, qsizetype window,
                                     qsizetype maxLookBack)
{
    std::vector<double> values;
    if (window <= 0)
        return values;
    const std::uint8_t kind = store.flags(row);
    qsizetype looked = 0;
    for (qsizetype r = row - 1; r >= 0 && qsizetype(values.size()) < window && looked < maxLookBack;
         --r) {
        if (!isSameKind(store.flags(r), kind))
            continue;
        ++looked;
        const double value = series(r);
        if (std::isfinite(value))
            values.push_back(value);
    }
    std::reverse(values.begin(), values.end());
    return values;
}

double percentileRank(std::span<const double> values, double value)
{
    if (values.empty() || !std::isfinite(value))
        return kNaN;
    double below = 0;
    double equal = 0;
    for (double v : values) {
        if (v < value)
            below += 1;
        else if (v == value)
            equal += 1;
    }
    return (below + equal / 2) / double(values.size()) * 100.0;
}

BaselineSetting baselineFor(const QMap<QString, BaselineSetting>& settings, const QString& metric)
{
    if (auto it = settings.constFind(metric); it != settings.constEnd())
        return *it;
    return settings.value(kAllMetricsGroup, BaselineSetting{});
}

BaselineValue baselineValue(const HistoryStore& store, qsizetype row, const MetricSeries& series,
                            const BaselineSetting& setting)
{
    switch (setting.mode) {
    case BaselineSetting::Mode::PinnedBuild: {
        const auto hash = lineHashOfKey(setting.buildKey);
        const qsizetype pinned = hash ? store.findHash(*hash) : -1;
        if (pinned < 0)
            return {kNaN, 0, tr("the pinned build is not in this history")};
        return {series(pinned), 1, tr("pinned build #%1").arg(pinned + 1)};
    }
    case BaselineSetting::Mode::SinceDate: {
        const TimestampUs since = setting.since.toMSecsSinceEpoch() * 1000;
        std::vector<double> values;
        for (qsizetype r = row - 1; r >= 0 && store.timestampUs(r) >= since; --r) {
            const double value = series(r);
            if (isSameKind(store.flags(r), store.flags(row)) && std::isfinite(value))
                values.push_back(value);
        }
        return {median(values), qsizetype(values.size()),
                tr("median of the comparable builds since %1")
                    .arg(setting.since.toUTC().toString(QStringLiteral("yyyy-MM-dd")))};
    }
    case BaselineSetting::Mode::RollingMedian:
        break;
    }
    const std::vector<double> values = comparableValues(store, row, series, setting.window);
    return {median(values), qsizetype(values.size()),
            tr("median of the last %n comparable build(s)", nullptr, setting.window)};
}

MetricChanges metricChanges(const HistoryStore& store, qsizetype row, const QString& metric,
                            const MetricSeries& series, const ChangeOptions& options)
{
    MetricChanges changes;
    changes.metric = metric;
    changes.value = series(row);
    changes.polarity = polarityOf(metric);
    const double neutral = options.neutralPercent;
    if (row > 0)
        changes.vsPrevious =
            computeChange(series(row - 1), changes.value, changes.polarity, neutral);
    else
        changes.vsPrevious = computeChange(kNaN, changes.value, changes.polarity, neutral);

    const BaselineValue baseline =
        baselineValue(store, row, series, baselineFor(options.baselines, metric));
    changes.vsBaseline = computeChange(baseline.value, changes.value, changes.polarity, neutral);
    changes.baselineDescription = baseline.description;

    const std::vector<double> window = comparableValues(store, row, series, options.medianWindow);
    changes.medianCount = qsizetype(window.size());
    changes.vsMedian = computeChange(median(window), changes.value, changes.polarity, neutral);
    changes.percentile = percentileRank(window, changes.value);
    return changes;
}

MetricSeries columnSeries(const HistoryStore& store, int column)
{
    return [&store, column](qsizetype row) {
        return store.value(column, row);
    };
}

} // namespace bengal
