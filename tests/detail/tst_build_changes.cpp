// Changes of a build against the previous build, its baseline and the median of comparable
// builds, with direction and percentile rank, checked against numbers worked out by hand.
#include "DetailTestData.h"
#include "detail/BuildDetail.h"
#include "detail/DerivedFigures.h"

#include <QTest>

#include <cmath>

using namespace bengal;
using namespace bengal::test;

namespace {

// Rows: 0 full 100, 1 full 110, 2 incremental 10, 3 full 120, 4 incremental 12, 5 full 130,
// 6 full sequential 500, 7 full 125 (the build under test). "full" is full · parallel.
void loadSeries(HistoryStore& store)
{
    QByteArray text;
    const struct
    {
        double ms;
        bool incremental;
        bool parallel;
    } builds[] = {{100, false, true}, {110, false, true}, {10, true, true},    {120, false, true},
                  {12, true, true},   {130, false, true}, {500, false, false}, {125, false, true}};
    int hour = 0;
    for (const auto& b : builds) {
        const QByteArray ts = "2025-10-05T" + QByteArray::number(10 + hour++) + ":00:00";
        text += smallRecord(ts.constData(), b.ms, b.incremental, b.parallel) + '\n';
    }
    loadText(store, text);
}

MetricChanges buildTimeChanges(const HistoryStore& store, const ChangeOptions& options)
{
    const int column = store.metricIndex(QStringLiteral("build_time_ms"));
    return metricChanges(store, 7, QStringLiteral("build_time_ms"), columnSeries(store, column),
                         options);
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-9;
}

} // namespace

class TestBuildChanges : public QObject
{
    Q_OBJECT
private slots:
    void againstPreviousMedianAndRank()
    {
        HistoryStore store;
        loadSeries(store);
        QCOMPARE(store.size(), 8);
        ChangeOptions options;
        options.medianWindow = 3;
        const MetricChanges c = buildTimeChanges(store, options);
        QCOMPARE(c.value, 125.0);
        QCOMPARE(c.polarity, Polarity::BiggerIsWorse);
        // Previous build (any kind): the sequential 500 ms one.
        QCOMPARE(c.vsPrevious.reference, 500.0);
        QCOMPARE(c.vsPrevious.delta, -375.0);
        QCOMPARE(c.vsPrevious.percent, -75.0);
        QCOMPARE(c.vsPrevious.direction, Direction::Better);
        // Last 3 comparable (full · parallel): 110, 120, 130 → median 120.
        QCOMPARE(c.medianCount, 3);
        QCOMPARE(c.vsMedian.reference, 120.0);
        QVERIFY(near(c.vsMedian.percent, 5.0 / 120 * 100));
        QCOMPARE(c.vsMedian.direction, Direction::Worse);
        // 125 is above two of 110, 120, 130.
        QVERIFY(near(c.percentile, 200.0 / 3));

        options.medianWindow = 20; // all four earlier full · parallel builds
        const MetricChanges all = buildTimeChanges(store, options);
        QCOMPARE(all.medianCount, 4);
        QCOMPARE(all.vsMedian.reference, 115.0);
        QCOMPARE(all.percentile, 75.0);
        // The default baseline is the rolling median of the last 20 comparable builds.
        QCOMPARE(all.vsBaseline.reference, 115.0);
        QVERIFY(all.baselineDescription.contains(QLatin1String("20")));
    }

    void storedBaselines()
    {
        HistoryStore store;
        loadSeries(store);
        ChangeOptions options;
        BaselineSetting pinned;
        pinned.mode = BaselineSetting::Mode::PinnedBuild;
        pinned.buildKey = buildKeyOf(store.hash(1));
        options.baselines.insert(kAllMetricsGroup, pinned);
        MetricChanges c = buildTimeChanges(store, options);
        QCOMPARE(c.vsBaseline.reference, 110.0);
        QVERIFY(near(c.vsBaseline.percent, 15.0 / 110 * 100));
        QCOMPARE(c.baselineDescription, QStringLiteral("pinned build #2"));

        // A setting for the metric itself wins over the one for every metric.
        BaselineSetting rolling;
        rolling.window = 2;
        options.baselines.insert(QStringLiteral("build_time_ms"), rolling);
        c = buildTimeChanges(store, options);
        QCOMPARE(c.vsBaseline.reference, 125.0); // median of 120 and 130
        QCOMPARE(c.vsBaseline.direction, Direction::Same);

        BaselineSetting since;
        since.mode = BaselineSetting::Mode::SinceDate;
        since.since = QDateTime::fromMSecsSinceEpoch(store.timestampUs(3) / 1000, Qt::UTC);
        options.baselines.insert(QStringLiteral("build_time_ms"), since);
        QCOMPARE(buildTimeChanges(store, options).vsBaseline.reference, 125.0); // 120, 130

        pinned.buildKey = "00000000deadbeef";
        options.baselines.insert(QStringLiteral("build_time_ms"), pinned);
        c = buildTimeChanges(store, options);
        QVERIFY(std::isnan(c.vsBaseline.reference));
        QCOMPARE(c.vsBaseline.direction, Direction::Unknown);
        QVERIFY(c.baselineDescription.contains(QLatin1String("not in this history")));
    }

    void theFirstBuildHasNoReferences()
    {
        HistoryStore store;
        loadSeries(store);
        const int column = store.metricIndex(QStringLiteral("build_time_ms"));
        const MetricChanges c = metricChanges(store, 0, QStringLiteral("build_time_ms"),
                                              columnSeries(store, column), {});
        QCOMPARE(c.vsPrevious.direction, Direction::Unknown);
        QCOMPARE(c.vsMedian.direction, Direction::Unknown);
        QCOMPARE(c.medianCount, 0);
        QVERIFY(std::isnan(c.percentile));
    }

    void derivedFiguresHaveChangesToo()
    {
        HistoryStore store;
        loadSeries(store);
        const BuildDetail detail = describeBuild(store, 7, storeRowAsJson(store, 7), {});
        const MetricChanges& pps = detail.changes.value(QStringLiteral("pages_per_second"));
        // 100 pages over half the build time: 1600 pages/s now, 400 before.
        QCOMPARE(pps.value, 1600.0);
        QCOMPARE(pps.vsPrevious.reference, 400.0);
        QCOMPARE(pps.vsPrevious.direction, Direction::Better);
        QCOMPARE(pps.polarity, Polarity::BiggerIsBetter);
        QCOMPARE(detail.changes.value(QStringLiteral("ms_per_page")).vsPrevious.direction,
                 Direction::Better);
    }

    void percentileRanks()
    {
        const std::vector<double> values{1, 2, 3, 4};
        QCOMPARE(percentileRank(values, 2.5), 50.0);
        QCOMPARE(percentileRank(values, 2.0), 37.5);
        QCOMPARE(percentileRank(values, 0.0), 0.0);
        QCOMPARE(percentileRank(values, 9.0), 100.0);
        QVERIFY(std::isnan(percentileRank({}, 1.0)));
        QVERIFY(std::isnan(percentileRank(values, std::nan(""))));
    }

    void directions()
    {
        QCOMPARE(polarityOf("build_time_ms"), Polarity::BiggerIsWorse);
        QCOMPARE(polarityOf("phase_timings_ms.Rendering"), Polarity::BiggerIsWorse);
        QCOMPARE(polarityOf("memory_rss_mb"), Polarity::BiggerIsWorse);
        QCOMPARE(polarityOf("cache_misses"), Polarity::BiggerIsWorse);
        QCOMPARE(polarityOf("pages_rendered"), Polarity::BiggerIsWorse);
        QCOMPARE(polarityOf("time_saved_ms"), Polarity::BiggerIsBetter);
        QCOMPARE(polarityOf("block_cache_hits"), Polarity::BiggerIsBetter);
        QCOMPARE(polarityOf("block_cache_hit_ratio"), Polarity::BiggerIsBetter);
        QCOMPARE(polarityOf("pages_per_second"), Polarity::BiggerIsBetter);
        QCOMPARE(polarityOf("total_pages"), Polarity::Neutral);
        QCOMPARE(polarityOf("mystery"), Polarity::Neutral);

        QCOMPARE(computeChange(100, 101.5, Polarity::BiggerIsWorse).direction, Direction::Same);
        QCOMPARE(computeChange(100, 103, Polarity::BiggerIsWorse).direction, Direction::Worse);
        QCOMPARE(computeChange(100, 97, Polarity::BiggerIsWorse).direction, Direction::Better);
        QCOMPARE(computeChange(100, 103, Polarity::BiggerIsBetter).direction, Direction::Better);
        QCOMPARE(computeChange(100, 300, Polarity::Neutral).direction, Direction::Same);
        // A zero reference: no percentage, the direction from the sign.
        const Change fromZero = computeChange(0, 5, Polarity::BiggerIsWorse);
        QVERIFY(std::isnan(fromZero.percent));
        QCOMPARE(fromZero.delta, 5.0);
        QCOMPARE(fromZero.direction, Direction::Worse);
        // A negative reference (memory deltas): positive still means bigger.
        const Change negative = computeChange(-10, -5, Polarity::BiggerIsWorse);
        QCOMPARE(negative.percent, 50.0);
        QCOMPARE(negative.direction, Direction::Worse);
        QCOMPARE(computeChange(std::nan(""), 5, Polarity::BiggerIsWorse).direction,
                 Direction::Unknown);

        QCOMPARE(formatSignedPercent(12.34), QStringLiteral("+12.3 %"));
        QCOMPARE(formatSignedPercent(-0.04), QStringLiteral("0.0 %"));
        QCOMPARE(formatSignedPercent(-5), QStringLiteral("−5.0 %"));
        QCOMPARE(formatSignedValue(-1.5, MetricUnit::Milliseconds), QStringLiteral("−1.50 ms"));
        // The difference of two percentages (hit ratios, cache effectiveness) is in points,
        // so it is not read as a relative change.
        QVERIFY(formatSignedValue(97.79, MetricUnit::Ratio).startsWith(QLatin1String("+97.")));
        QVERIFY(formatSignedValue(97.79, MetricUnit::Ratio).endsWith(QLatin1String(" pp")));
        QVERIFY(formatSignedValue(-3, MetricUnit::Ratio).endsWith(QLatin1String(" pp")));
    }
};

QTEST_GUILESS_MAIN(TestBuildChanges)
#include "tst_build_changes.moc"
