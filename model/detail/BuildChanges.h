#pragma once

#include "detail/MetricDirection.h"
#include "store/BaselinesRepository.h"

#include <QMap>
#include <QString>

#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace bengal {

class HistoryStore;

// A metric over the builds, by store row: a store column or a figure derived from several.
using MetricSeries = std::function<double(qsizetype row)>;

// Same full/incremental and parallel/sequential kind (an unknown flag matches only unknown).
bool isSameKind(std::uint8_t flagsA, std::uint8_t flagsB);

// The metric's last `window` finite values among the builds of the same kind as `row`, before
// it, oldest first. Looks back at most `maxLookBack` builds of that kind.
std::vector<double> comparableValues(const HistoryStore& store, qsizetype row,
                                     const MetricSeries& series, qsizetype window,
                                     qsizetype maxLookBack = 100000);

// Where `value` stands among `values`, 0 to 100: the share of values below it plus half of those
// equal (the mid-rank definition). NaN when `values` is empty or `value` is missing.
double percentileRank(std::span<const double> values, double value);

// The baseline a metric is judged against. The local store keeps one setting per metric group;
// a group is either the metric's own name or "*" (every metric), looked up in that order, and
// the default is the rolling median of the last 20 comparable builds.
inline const QString kAllMetricsGroup = QStringLiteral("*");
BaselineSetting baselineFor(const QMap<QString, BaselineSetting>& settings, const QString& metric);

struct BaselineValue
{
    double value = std::numeric_limits<double>::quiet_NaN();
    qsizetype builds = 0; // builds the value comes from (1 for a pinned build)
    QString description;  // "median of the last 20 comparable builds", "pinned build #12" ...
};
BaselineValue baselineValue(const HistoryStore& store, qsizetype row, const MetricSeries& series,
                            const BaselineSetting& setting);

// Everything the detail view says about one metric of one build.
struct MetricChanges
{
    QString metric;
    double value = std::numeric_limits<double>::quiet_NaN();
    Polarity polarity = Polarity::Neutral;
    Change vsPrevious; // the build just before, of any kind
    Change vsBaseline; // see baselineFor()
    Change vsMedian;   // median of the last N comparable builds
    double percentile = std::numeric_limits<double>::quiet_NaN(); // rank among those N comparable
                                                                  // builds (100 = biggest)
    qsizetype medianCount = 0; // how many comparable builds the median and rank come from
    QString baselineDescription;
};

// The median of comparable builds looks at fewer builds than the default baseline (20), so the
// two cards tell the recent level from the longer one.
inline constexpr int kDefaultMedianWindow = 10;

struct ChangeOptions
{
    int medianWindow = kDefaultMedianWindow;
    double neutralPercent = kDefaultNeutralPercent;
    QMap<QString, BaselineSetting> baselines; // by metric group (BaselinesRepository::all)
};

MetricChanges metricChanges(const HistoryStore& store, qsizetype row, const QString& metric,
                            const MetricSeries& series, const ChangeOptions& options);

// A store column as a series.
MetricSeries columnSeries(const HistoryStore& store, int column);

} // namespace bengal
