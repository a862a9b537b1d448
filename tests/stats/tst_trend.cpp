#include "stats/Trend.h"

#include "SyntheticSeries.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace bengal;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// level * (1 + rate * i) with multiplicative noise.
std::vector<double> creep(test::Rng& rng, int n, double level, double ratePerBuild, double noise)
{
    std::vector<double> v;
    for (int i = 0; i < n; ++i)
        v.push_back(test::noisy(rng, level * (1.0 + ratePerBuild * i), noise));
    return v;
}
} // namespace

class TestTrend : public QObject
{
    Q_OBJECT
private slots:
    void theilSenExactLine();
    void theilSenIgnoresOutliers();
    void mannKendallOnMonotoneSeries();
    void flatNoiseIsNotATrend();
    void creepIsFound();
    void creepBelowThresholdIsNot();
    void stepIsNotATrendWhenBroken();
    void adjacentWindowsMerge();
    void tooFewBuilds();
    void thinnedFitKeepsSlope();
    void timeCoordinateIsHistoryBuilds();
};

void TestTrend::theilSenExactLine()
{
    std::vector<double> v;
    for (int i = 0; i < 50; ++i)
        v.push_back(100.0 + 2.0 * i);
    const TrendFit f = fitTrend(v);
    QCOMPARE(f.slope, 2.0);
    QCOMPARE(f.before, 100.0);
    QCOMPARE(f.after, 198.0);
    QCOMPARE(f.level, 149.0);
    QVERIFY(std::fabs(f.per100Pct - 200.0 / 149.0 * 100.0) < 1e-9);
    QVERIFY(std::fabs(f.changePct - 98.0 / 149.0 * 100.0) < 1e-9);
}

void TestTrend::theilSenIgnoresOutliers()
{
    std::vector<double> v;
    for (int i = 0; i < 60; ++i)
        v.push_back(10.0 + 0.5 * i);
    v[5] = 500.0;
    v[30] = -400.0;
    v[31] = 900.0;
    QVERIFY(std::fabs(fitTrend(v).slope - 0.5) < 0.02);
}

// S = n(n-1)/2 for a strictly increasing series; var = n(n-1)(2n+5)/18 without ties.
void TestTrend::mannKendallOnMonotoneSeries()
{
    std::vector<double> v;
    for (int i = 0; i < 10; ++i)
        v.push_back(double(i * i));
    const TrendFit f = fitTrend(v);
    const double s = 45.0;
    const double var = 10.0 * 9.0 * 25.0 / 18.0;
    const double z = (s - 1.0) / std::sqrt(var);
    QVERIFY(std::fabs(f.pValue - std::erfc(z / std::sqrt(2.0))) < 1e-12);
}

void TestTrend::flatNoiseIsNotATrend()
{
    int flagged = 0;
    for (int seed = 1; seed <= 20; ++seed) {
        test::Rng rng{std::uint64_t(seed)};
        flagged += int(detectTrends(test::stepSeries(rng, 1000, 500.0, 0.05), {}, {}).size());
    }
    QCOMPARE(flagged, 0);
}

void TestTrend::creepIsFound()
{
    // +0.1% per build: +20% over a 200-build window, in 5% noise.
    test::Rng rng(3);
    const std::vector<double> v = creep(rng, 400, 1000.0, 0.001, 0.05);
    const std::vector<TrendFit> t = detectTrends(v, {}, {});
    QCOMPARE(t.size(), size_t(1)); // the two windows are merged into one trend
    QCOMPARE(t.front().first, qsizetype(0));
    QCOMPARE(t.front().last, qsizetype(399));
    // Relative to the median level (~1.2x the start), 0.1 per build of the start level is
    // about 8.3% per 100 builds.
    QVERIFY2(std::fabs(t.front().per100Pct - 10.0 / 1.2) < 1.0, // slope noise ~3%
             qPrintable(QString::number(t.front().per100Pct)));
    QVERIFY(t.front().pValue < 1e-6);
    QVERIFY(t.front().after > t.front().before);
}

void TestTrend::creepBelowThresholdIsNot()
{
    // +2.5% per 100 builds: about 5% over the window, under the 10% threshold.
    test::Rng rng(4);
    const std::vector<double> v = creep(rng, 200, 1000.0, 0.00025, 0.01);
    QVERIFY(detectTrends(v, {}, {}).empty());
    TrendParams p;
    p.thresholdPct = 3.0;
    QCOMPARE(detectTrends(v, {}, {}, p).size(), size_t(1));
}

void TestTrend::stepIsNotATrendWhenBroken()
{
    test::Rng rng(5);
    const std::vector<double> v = test::stepSeries(rng, 200, 1000.0, 0.03, 100, 1.3);
    QVERIFY(!detectTrends(v, {}, {}).empty()); // without the break the step looks like creep
    const std::vector<qsizetype> breaks{100};
    QVERIFY(detectTrends(v, {}, breaks).empty());
}

void TestTrend::adjacentWindowsMerge()
{
    // Flat, then 400 builds of creep: windows are aligned to the end, so two merge.
    test::Rng rng(6);
    std::vector<double> v = test::stepSeries(rng, 200, 1000.0, 0.03);
    for (int i = 0; i < 400; ++i)
        v.push_back(test::noisy(rng, 1000.0 * (1.0 + 0.001 * i), 0.03));
    const std::vector<TrendFit> t = detectTrends(v, {}, {});
    QCOMPARE(t.size(), size_t(1));
    QCOMPARE(t.front().first, qsizetype(200));
    QCOMPARE(t.front().last, qsizetype(599));
}

void TestTrend::tooFewBuilds()
{
    const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QVERIFY(detectTrends(v, {}, {}).empty()); // shorter than minLength
    const std::vector<double> nan{NaN, NaN};
    const TrendFit f = fitTrend(nan);
    QCOMPARE(f.count, qsizetype(0));
    QCOMPARE(f.pValue, 1.0);
}

void TestTrend::thinnedFitKeepsSlope()
{
    test::Rng rng(7);
    const std::vector<double> v = creep(rng, 5000, 100.0, 0.0001, 0.02);
    const TrendFit f = fitTrend(v, {}, 300);
    QVERIFY(std::fabs(f.slope - 0.01) < 0.001);
    QCOMPARE(f.count, qsizetype(5000));
    QCOMPARE(f.last, qsizetype(4999));
}

void TestTrend::timeCoordinateIsHistoryBuilds()
{
    // A group with every third build of the history: +0.3% per group build is +0.1% per history
    // build, and the 200-build window holds only ~67 of its builds.
    test::Rng rng(8);
    std::vector<double> v;
    std::vector<qsizetype> rows;
    for (int k = 0; k < 300; ++k) {
        rows.push_back(qsizetype(3 * k + 1));
        v.push_back(test::noisy(rng, 1000.0 * (1.0 + 0.001 * double(rows.back())), 0.02));
    }
    const TrendFit f = fitTrend(v, rows);
    QVERIFY(std::fabs(f.slope - 1.0) < 0.05); // ms per history build
    QCOMPARE(f.first, qsizetype(0));
    QCOMPARE(f.last, qsizetype(299));
    const std::vector<TrendFit> t = detectTrends(v, rows, {});
    QCOMPARE(t.size(), size_t(1)); // the windows (~67 values each) are merged
    QCOMPARE(t.front().first, qsizetype(0));
    QCOMPARE(t.front().last, qsizetype(299));
    QVERIFY(std::fabs(t.front().per100Pct - 10.0 / 1.45) < 0.7); // 100 ms of ~1450 per 100
    // With the group's own ranks as time, the rate per 100 would look three times steeper.
    QVERIFY(std::fabs(fitTrend(v).per100Pct / t.front().per100Pct - 3.0) < 0.2);
}

QTEST_GUILESS_MAIN(TestTrend)
#include "tst_trend.moc"
