#include "stats/Quantiles.h"
#include "stats/Robust.h"
#include "stats/RollingMedian.h"

#include "SyntheticSeries.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <limits>

using namespace bengal;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Brute force: median and MAD of the last `window` finite values ending at i (or i - 1).
void bruteForce(const std::vector<double>& v, qsizetype window, bool includeCurrent,
                std::vector<double>& med, std::vector<double>& mad)
{
    med.assign(v.size(), NaN);
    mad.assign(v.size(), NaN);
    for (size_t i = 0; i < v.size(); ++i) {
        std::vector<double> w;
        for (qsizetype j = qsizetype(i) - (includeCurrent ? 0 : 1);
             j >= 0 && qsizetype(w.size()) < window; --j) {
            if (std::isfinite(v[size_t(j)]))
                w.push_back(v[size_t(j)]);
        }
        if (w.empty())
            continue;
        med[i] = median(w);
        mad[i] = medianAbsoluteDeviation(w, med[i]);
    }
}

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestRollingMedian : public QObject
{
    Q_OBJECT
private slots:
    void matchesBruteForce_data();
    void matchesBruteForce();
    void windowBasics();
    void popOldestShrinks();
    void minCountLeavesNaN();
    void millionValuesWindow20();
};

void TestRollingMedian::matchesBruteForce_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("window");
    QTest::addColumn<bool>("includeCurrent");
    QTest::addColumn<double>("nanShare");
    QTest::addColumn<bool>("rounded"); // many ties
    QTest::newRow("w1") << 1 << 1 << true << 0.0 << false;
    QTest::newRow("w2") << 2 << 2 << true << 0.0 << false;
    QTest::newRow("w5 ties") << 3 << 5 << true << 0.0 << true;
    QTest::newRow("w20") << 4 << 20 << true << 0.0 << false;
    QTest::newRow("w20 exclude") << 5 << 20 << false << 0.0 << false;
    QTest::newRow("w21 NaN ties") << 6 << 21 << true << 0.2 << true;
    QTest::newRow("w64 NaN") << 7 << 64 << false << 0.1 << false;
    QTest::newRow("w300 longer than data") << 8 << 300 << true << 0.0 << true;
}

void TestRollingMedian::matchesBruteForce()
{
    QFETCH(int, seed);
    QFETCH(int, window);
    QFETCH(bool, includeCurrent);
    QFETCH(double, nanShare);
    QFETCH(bool, rounded);
    test::Rng rng{std::uint64_t(seed)};
    std::vector<double> v(250);
    for (double& x : v) {
        x = 100.0 + 10.0 * rng.normal();
        if (rounded)
            x = std::round(x / 5.0);
        if (rng.chance(nanShare))
            x = NaN;
    }
    std::vector<double> med;
    std::vector<double> mad;
    bruteForce(v, window, includeCurrent, med, mad);
    const RollingMedianMad r = rollingMedianMad(
        v, window, includeCurrent ? RollingEnd::IncludeCurrent : RollingEnd::ExcludeCurrent);
    QCOMPARE(r.median.size(), v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        QVERIFY2(same(r.median[i], med[i]), qPrintable(QStringLiteral("median at %1").arg(i)));
        QVERIFY2(same(r.mad[i], mad[i]), qPrintable(QStringLiteral("mad at %1").arg(i)));
    }
}

void TestRollingMedian::windowBasics()
{
    SortedWindow w(4);
    QVERIFY(std::isnan(w.median()));
    QVERIFY(std::isnan(w.mad()));
    for (double x : {1.0, 9.0, 3.0, NaN, 5.0})
        w.push(x);
    QCOMPARE(w.size(), qsizetype(4));
    QCOMPARE(w.median(), 4.0); // 1 3 5 9
    QCOMPARE(w.mad(), 2.0);    // |d| = 3 1 1 5 -> 1 1 3 5
    w.push(2.0);               // evicts 1: 2 3 5 9
    QCOMPARE(w.median(), 4.0);
    QCOMPARE(w.mad(), 1.5); // 2 1 1 5 -> 1 1 2 5
    w.push(100.0);          // evicts 9: 2 3 5 100
    QCOMPARE(w.median(), 4.0);
    QCOMPARE(w.mad(), 1.5); // 2 1 1 96
}

void TestRollingMedian::popOldestShrinks()
{
    SortedWindow w(3);
    for (double x : {10.0, 20.0, 30.0, 40.0}) // holds 20 30 40
        w.push(x);
    w.popOldest();
    QCOMPARE(w.size(), qsizetype(2));
    QCOMPARE(w.median(), 35.0);
    w.push(1.0); // 30 40 1
    w.push(2.0); // 40 1 2
    QCOMPARE(w.median(), 2.0);
    w.popOldest(); // 1 2
    QCOMPARE(w.median(), 1.5);
}

void TestRollingMedian::minCountLeavesNaN()
{
    const std::vector<double> v{1, 2, 3, 4, 5};
    const RollingMedianMad r = rollingMedianMad(v, 3, RollingEnd::ExcludeCurrent, 2);
    QVERIFY(std::isnan(r.median[0]) && std::isnan(r.median[1]));
    QCOMPARE(r.median[2], 1.5);
    QCOMPARE(r.median[4], 3.0);
}

void TestRollingMedian::millionValuesWindow20()
{
    test::Rng rng(3);
    std::vector<double> v(1000000);
    for (double& x : v)
        x = test::noisy(rng, 500.0, 0.05);
    QElapsedTimer timer;
    timer.start();
    const RollingMedianMad r = rollingMedianMad(v, 20);
    const qint64 ms = timer.elapsed();
    qInfo("rolling median + MAD, 1M values, window 20: %lld ms", ms);
    QVERIFY(std::fabs(r.median.back() - 500.0) < 50.0);
    QVERIFY(ms < 30000); // only catches a gross blunder (Debug, shared machine); ~170 ms -O2
}

QTEST_GUILESS_MAIN(TestRollingMedian)
#include "tst_rollingmedian.moc"
