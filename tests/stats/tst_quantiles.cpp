#include "stats/Quantiles.h"

#include "SyntheticSeries.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace bengal;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// QCOMPARE on doubles is fuzzy; these must agree to the last bit.
QString bits(double v)
{
    return QString::number(v, 'g', 17);
}
} // namespace

class TestQuantiles : public QObject
{
    Q_OBJECT
private slots:
    void quantileMatchesNumpy_data();
    void quantileMatchesNumpy();
    void medianMatchesNumpy_data();
    void medianMatchesNumpy();
    void emptyIsNaN();
    void selectionAgreesWithSort();
    void summarizeSkipsNaN();
    void summarizeEmpty();
    void summarizeMillionIsFast();
};

// Expected values are worked by hand with numpy's rule: h = (n-1) q, lerp between ranks floor(h)
// and floor(h)+1, and checked to the last bit with a plain-Python transcription of numpy's
// _quantile/_lerp (numpy itself is not installed here). Some cases keep numpy's own rounding
// (4.1000000000000005, 6.8999999999999995) and two fail with the naive a + (b - a) t.
void TestQuantiles::quantileMatchesNumpy_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    // Wikipedia "Percentile", linear interpolation (C = 1): 40th percentile of 15 20 35 40 50.
    QTest::newRow("wikipedia p40") << QList<double>{15, 20, 35, 40, 50} << 0.4 << 29.0;
    QTest::newRow("unsorted input") << QList<double>{50, 15, 40, 20, 35} << 0.4 << 29.0;
    QTest::newRow("p90 of 1..4") << QList<double>{1, 2, 3, 4} << 0.9 << 3.7; // h = 2.7
    QTest::newRow("p90 of 1..10") << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << 0.9 << 9.1;
    QTest::newRow("p50 even") << QList<double>{1, 2, 3, 4} << 0.5 << 2.5;
    QTest::newRow("p25") << QList<double>{1, 2, 3, 4, 5} << 0.25 << 2.0;
    QTest::newRow("q0 is min") << QList<double>{3, -1, 7} << 0.0 << -1.0;
    QTest::newRow("q1 is max") << QList<double>{3, -1, 7} << 1.0 << 7.0;
    QTest::newRow("single") << QList<double>{42} << 0.9 << 42.0;
    QTest::newRow("ties") << QList<double>{2, 2, 2, 5} << 0.9
                          << 4.1000000000000005; // 5 - 3 * (1 - 0.7)
    QTest::newRow("NaN skipped") << QList<double>{NaN, 1, 2, NaN, 3, 4} << 0.9 << 3.7;
    // Here the textbook a + (b - a) t gives 36.400000000000006 and 8.649999999999999.
    QTest::newRow("numpy lerp t>=0.5") << QList<double>{13, 39} << 0.9 << 36.4;
    QTest::newRow("numpy lerp p95") << QList<double>{2, 9} << 0.95 << 8.65;
    QTest::newRow("negative") << QList<double>{-4, -3, -2, -1} << 0.5 << -2.5;
}

void TestQuantiles::quantileMatchesNumpy()
{
    QFETCH(QList<double>, values);
    QFETCH(double, q);
    QFETCH(double, expected);
    const std::vector<double> v(values.begin(), values.end());
    const double got = quantile(v, q);
    // numpy's lerp makes these exact to the last bit (e.g. 3.7 is not 3.6999999999999997).
    QCOMPARE(bits(got), bits(expected));
    std::vector<double> sorted = finiteValues(v);
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(bits(quantileOfSorted(sorted, q)), bits(expected));
}

void TestQuantiles::medianMatchesNumpy_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("expected");
    QTest::newRow("odd") << QList<double>{5, 1, 3} << 3.0;
    QTest::newRow("even") << QList<double>{4, 1, 3, 2} << 2.5;
    QTest::newRow("NaN skipped") << QList<double>{NaN, 4, 1, NaN} << 2.5;
    QTest::newRow("one") << QList<double>{-7} << -7.0;
}

void TestQuantiles::medianMatchesNumpy()
{
    QFETCH(QList<double>, values);
    QFETCH(double, expected);
    const std::vector<double> v(values.begin(), values.end());
    QCOMPARE(bits(median(v)), bits(expected));
}

void TestQuantiles::emptyIsNaN()
{
    const std::vector<double> none;
    const std::vector<double> onlyNaN{NaN, NaN};
    QVERIFY(std::isnan(quantile(none, 0.5)));
    QVERIFY(std::isnan(quantile(onlyNaN, 0.5)));
    QVERIFY(std::isnan(median(onlyNaN)));
}

void TestQuantiles::selectionAgreesWithSort()
{
    test::Rng rng(7);
    for (int n : {1, 2, 3, 10, 101, 1000}) {
        std::vector<double> v;
        for (int i = 0; i < n; ++i)
            v.push_back(std::round(rng.normal() * 10.0)); // many ties
        std::vector<double> sorted = v;
        std::sort(sorted.begin(), sorted.end());
        for (double q : {0.0, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0}) {
            std::vector<double> work = v;
            QCOMPARE(bits(quantileInPlace(work, q)), bits(quantileOfSorted(sorted, q)));
        }
        std::vector<double> work = v;
        QCOMPARE(bits(medianInPlace(work)), bits(medianOfSorted(sorted)));
    }
}

void TestQuantiles::summarizeSkipsNaN()
{
    const std::vector<double> v{3, NaN, 1, 4, 1, 5, NaN, 9, 2, 6, NaN};
    const MetricSummary s = summarize(v);
    QCOMPARE(s.count, qsizetype(8));
    QCOMPARE(s.min, 1.0);
    QCOMPARE(s.max, 9.0);
    QCOMPARE(s.median, 3.5);                         // sorted 1 1 2 3 4 5 6 9
    QCOMPARE(bits(s.p90), bits(6.8999999999999995)); // h = 6.3: 6 + 0.3 * 3, as numpy rounds it
    QCOMPARE(s.mean, 31.0 / 8.0);
    QCOMPARE(s.last, 6.0); // the last finite value, not the trailing NaN
}

void TestQuantiles::summarizeEmpty()
{
    const std::vector<double> v{NaN, NaN};
    const MetricSummary s = summarize(v);
    QCOMPARE(s.count, qsizetype(0));
    QVERIFY(std::isnan(s.min) && std::isnan(s.median) && std::isnan(s.p90));
    QVERIFY(std::isnan(s.max) && std::isnan(s.mean) && std::isnan(s.last));
}

void TestQuantiles::summarizeMillionIsFast()
{
    test::Rng rng(11);
    std::vector<double> v(1000000);
    for (double& x : v)
        x = test::noisy(rng, 1000.0, 0.05);
    QElapsedTimer timer;
    timer.start();
    const MetricSummary s = summarize(v);
    const qint64 ms = timer.elapsed();
    qInfo("summarize(1M) took %lld ms", ms);
    QCOMPARE(s.count, qsizetype(1000000));
    QVERIFY(std::fabs(s.median - 1000.0) < 1.0);
    QVERIFY(ms < 20000); // only catches a blunder (Debug, shared machine); ~75 ms -O2
    std::sort(v.begin(), v.end());
    QCOMPARE(bits(s.p90), bits(quantileOfSorted(v, 0.9)));
    QCOMPARE(bits(s.median), bits(medianOfSorted(v)));
}

QTEST_GUILESS_MAIN(TestQuantiles)
#include "tst_quantiles.moc"
