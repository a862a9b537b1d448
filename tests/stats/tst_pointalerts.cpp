#include "stats/PointAlerts.h"

#include "SyntheticSeries.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace bengal;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
}

class TestPointAlerts : public QObject
{
    Q_OBJECT
private slots:
    void outlierIsAlert();
    void fasterOutlierIsAlertToo();
    void noiseRaisesNoAlerts();
    void minimumEffectSuppressesTinyShifts();
    void tooFewPreviousBuilds();
    void nanIsSkipped();
    void judgeAgainstBaselineUsesTail();
    void negativeValuesUseLinearScale();
};

void TestPointAlerts::outlierIsAlert()
{
    test::Rng rng(1);
    std::vector<double> v = test::stepSeries(rng, 100, 1000.0, 0.03);
    v[60] = 1500.0;
    const std::vector<PointAlert> a = detectPointAlerts(v);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a.front().index, qsizetype(60));
    QCOMPARE(a.front().value, 1500.0);
    QVERIFY(std::fabs(a.front().baseline - 1000.0) < 30.0);
    QVERIFY(std::fabs(a.front().changePct - 50.0) < 4.0);
    QVERIFY(a.front().zScore > 4.5);
    QVERIFY(a.front().confidence > 0.9999);
}

void TestPointAlerts::fasterOutlierIsAlertToo()
{
    test::Rng rng(2);
    std::vector<double> v = test::stepSeries(rng, 100, 1000.0, 0.03);
    v[70] = 600.0;
    const std::vector<PointAlert> a = detectPointAlerts(v);
    QCOMPARE(a.size(), size_t(1));
    QVERIFY(a.front().changePct < -35.0);
    QVERIFY(a.front().zScore < -4.5);
}

void TestPointAlerts::noiseRaisesNoAlerts()
{
    int alerts = 0;
    for (int seed = 10; seed < 30; ++seed) {
        test::Rng rng{std::uint64_t(seed)};
        alerts += int(detectPointAlerts(test::stepSeries(rng, 1000, 700.0, 0.05)).size());
    }
    QVERIFY2(alerts <= 2, qPrintable(QString::number(alerts))); // 20000 builds
}

void TestPointAlerts::minimumEffectSuppressesTinyShifts()
{
    // Almost no noise: a 2% slower build is many sigmas away but below the 5% minimum effect.
    test::Rng rng(3);
    std::vector<double> v = test::stepSeries(rng, 60, 1000.0, 0.001);
    v[50] = 1020.0;
    QVERIFY(detectPointAlerts(v).empty());
    PointAlertParams p;
    p.minEffectPct = 1.0;
    const std::vector<PointAlert> a = detectPointAlerts(v, p);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a.front().index, qsizetype(50));
}

void TestPointAlerts::tooFewPreviousBuilds()
{
    const std::vector<double> v{100, 101, 99, 100, 102, 500}; // 5 previous builds < minBaseline
    QVERIFY(detectPointAlerts(v).empty());
    PointAlert judged{};
    QVERIFY(!judgeAgainstBaseline(std::span<const double>(v).first(5), 500.0, {}, judged));
}

void TestPointAlerts::nanIsSkipped()
{
    test::Rng rng(4);
    std::vector<double> v = test::stepSeries(rng, 80, 1000.0, 0.03);
    for (int i = 0; i < 80; i += 2)
        v[size_t(i)] = NaN;
    v[71] = 2000.0;
    const std::vector<PointAlert> a = detectPointAlerts(v);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a.front().index, qsizetype(71));
}

void TestPointAlerts::judgeAgainstBaselineUsesTail()
{
    // Old history at another level must not matter: only the last baselineWindow values set the
    // baseline.
    std::vector<double> history(500, 10.0);
    test::Rng rng(5);
    for (int i = 0; i < 20; ++i)
        history.push_back(test::noisy(rng, 100.0, 0.02));
    PointAlert judged{};
    QVERIFY(judgeAgainstBaseline(history, 101.0, {}, judged));
    QVERIFY(std::fabs(judged.baseline - 100.0) < 3.0);
    QVERIFY(!isAlert(judged, {}));
    QVERIFY(judgeAgainstBaseline(history, 160.0, {}, judged));
    QVERIFY(isAlert(judged, {}));
}

void TestPointAlerts::negativeValuesUseLinearScale()
{
    // memory_rss_mb is a delta and may be negative: no log scale, still judged.
    test::Rng rng(6);
    std::vector<double> v;
    for (int i = 0; i < 60; ++i)
        v.push_back(2.0 + rng.normal());
    v[3] = -1.5; // at least one negative delta
    v[40] = 30.0;
    const std::vector<PointAlert> a = detectPointAlerts(v);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a.front().index, qsizetype(40));
    QVERIFY(std::fabs(a.front().sigma - 1.0) < 0.5); // linear units here
}

QTEST_GUILESS_MAIN(TestPointAlerts)
#include "tst_pointalerts.moc"
