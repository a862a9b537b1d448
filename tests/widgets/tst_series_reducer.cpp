// Unit tests of the pure chart data preparation (model/charts): reduction vs brute force.
#include "charts/MinMaxBlocks.h"
#include "charts/SeriesReducer.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

using namespace bengal;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

struct Data
{
    std::vector<double> x;
    std::vector<double> y;
};

// Sorted x with duplicates and uneven gaps, y with NaN holes and negatives.
Data randomData(quint32 seed, qsizetype n, double nanShare = 0.1)
{
    QRandomGenerator rng(seed);
    Data d;
    double x = 1000;
    for (qsizetype i = 0; i < n; ++i) {
        x += rng.bounded(4) == 0 ? 0.0 : rng.bounded(10.0);
        d.x.push_back(x);
        d.y.push_back(rng.bounded(1.0) < nanShare ? NaN : rng.bounded(200.0) - 20.0);
    }
    return d;
}

int columnOf(double x, const ReduceWindow& w)
{
    const double c = (x - w.xMin) * w.pixels / (w.xMax - w.xMin);
    return std::clamp(int(std::floor(c)), 0, w.pixels - 1);
}

bool ok(double y, bool positiveOnly)
{
    return std::isfinite(y) && (!positiveOnly || y > 0);
}

// The reference reduction, written the slow and obvious way.
QList<QPointF> bruteForce(const Data& d, const ReduceWindow& w, bool* exact)
{
    std::vector<qsizetype> inside;
    for (qsizetype i = 0; i < qsizetype(d.x.size()); ++i) {
        if (d.x[i] >= w.xMin && d.x[i] <= w.xMax)
            inside.push_back(i);
    }
    *exact = double(inside.size()) <= w.exactPerPixel * w.pixels;
    QList<QPointF> out;
    qsizetype before = -1, after = -1;
    for (qsizetype i = 0; i < qsizetype(d.x.size()); ++i) {
        if (ok(d.y[i], w.positiveOnly) && d.x[i] < w.xMin)
            before = i;
        if (ok(d.y[i], w.positiveOnly) && d.x[i] > w.xMax && after < 0)
            after = i;
    }
    if (before >= 0)
        out.append({d.x[before], d.y[before]});
    if (*exact) {
        for (qsizetype i : inside) {
            if (ok(d.y[i], w.positiveOnly))
                out.append({d.x[i], d.y[i]});
        }
    } else {
        std::map<int, std::vector<qsizetype>> columns;
        for (qsizetype i : inside) {
            if (ok(d.y[i], w.positiveOnly))
                columns[columnOf(d.x[i], w)].push_back(i);
        }
        for (const auto& [c, idx] : columns) {
            qsizetype lo = idx.front(), hi = idx.front();
            for (qsizetype i : idx) {
                if (d.y[i] < d.y[lo])
                    lo = i;
                if (d.y[i] > d.y[hi])
                    hi = i;
            }
            out.append({d.x[std::min(lo, hi)], d.y[std::min(lo, hi)]});
            if (lo != hi)
                out.append({d.x[std::max(lo, hi)], d.y[std::max(lo, hi)]});
        }
    }
    if (after >= 0)
        out.append({d.x[after], d.y[after]});
    return out;
}

} // namespace

class TestSeriesReducer : public QObject
{
    Q_OBJECT
private slots:
    void visibleRange();
    void matchesBruteForce_data();
    void matchesBruteForce();
    void millionPointsReduceToPixelColumns();
    void zoomedInIsExactAndCheap();
    void allNaNGivesNothing();
    void blocksMatchBruteForce();
    void blocksStepOverLongRanges_data();
    void blocksStepOverLongRanges();
    void stackedMatchesBruteForce_data();
    void stackedMatchesBruteForce();
    void bandEnvelopeHoldsEveryBuild();
};

void TestSeriesReducer::visibleRange()
{
    const Data d = randomData(7, 500);
    for (int t = 0; t < 200; ++t) {
        const double a = 900 + t * 13.7, b = a + t * 9.1;
        const IndexRange r = visibleIndexRange(d.x, a, b);
        qsizetype first = 0;
        while (first < qsizetype(d.x.size()) && d.x[first] < a)
            ++first;
        qsizetype last = first;
        while (last < qsizetype(d.x.size()) && d.x[last] <= b)
            ++last;
        QCOMPARE(r.first, first);
        QCOMPARE(r.last, last);
    }
}

void TestSeriesReducer::matchesBruteForce_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("pixels");
    QTest::addColumn<double>("from"); // window as shares of the x extent
    QTest::addColumn<double>("to");
    QTest::addColumn<bool>("positiveOnly");
    QTest::newRow("all exact") << 1 << 300 << 400 << 0.0 << 1.0 << false;
    QTest::newRow("all reduced") << 2 << 20000 << 300 << 0.0 << 1.0 << false;
    QTest::newRow("middle reduced") << 3 << 20000 << 200 << 0.3 << 0.6 << false;
    QTest::newRow("middle exact") << 4 << 20000 << 800 << 0.50 << 0.51 << false;
    QTest::newRow("log reduced") << 5 << 50000 << 500 << 0.1 << 0.9 << true;
    QTest::newRow("log exact") << 6 << 2000 << 1600 << 0.2 << 0.7 << true;
    QTest::newRow("one pixel") << 7 << 5000 << 1 << 0.2 << 0.7 << false;
    QTest::newRow("beyond data") << 8 << 5000 << 100 << 1.2 << 1.5 << false;
}

void TestSeriesReducer::matchesBruteForce()
{
    QFETCH(int, seed);
    QFETCH(int, n);
    QFETCH(int, pixels);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(bool, positiveOnly);
    const Data d = randomData(quint32(seed), n);
    const double span = d.x.back() - d.x.front();
    ReduceWindow w{d.x.front() + from * span, d.x.front() + to * span, pixels, 2, positiveOnly};
    bool exact = false;
    const QList<QPointF> expected = bruteForce(d, w, &exact);
    const ReducedSeries got = reduceSeries(d.x, d.y, w);
    QCOMPARE(got.exact, exact);
    QCOMPARE(got.points, expected);
    QVERIFY(got.points.size() <= 2 * pixels + 2 || exact);
    // The y extent covers exactly the in-window points.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (qsizetype i = 0; i < n; ++i) {
        if (d.x[i] >= w.xMin && d.x[i] <= w.xMax && ok(d.y[i], positiveOnly)) {
            lo = std::min(lo, d.y[i]);
            hi = std::max(hi, d.y[i]);
        }
    }
    QCOMPARE(got.yMin, lo);
    QCOMPARE(got.yMax, hi);
}

void TestSeriesReducer::millionPointsReduceToPixelColumns()
{
    const Data d = randomData(11, 1'000'000, 0.01);
    const ReduceWindow w{d.x.front(), d.x.back(), 1400};
    const ReducedSeries got = reduceSeries(d.x, d.y, w);
    QVERIFY(!got.exact);
    QVERIFY2(got.points.size() <= 2 * 1400, qPrintable(QString::number(got.points.size())));
    QVERIFY(got.points.size() >= 1400); // every column has data at this density
    for (qsizetype i = 1; i < got.points.size(); ++i)
        QVERIFY(got.points[i - 1].x() <= got.points[i].x());
}

void TestSeriesReducer::zoomedInIsExactAndCheap()
{
    const Data d = randomData(12, 1'000'000, 0.0);
    const double a = d.x[500'000], b = d.x[500'099];
    const ReduceWindow w{a, b, 1400};
    QElapsedTimer timer;
    timer.start();
    ReducedSeries got;
    for (int i = 0; i < 1000; ++i)
        got = reduceSeries(d.x, d.y, w);
    // 1000 zoomed reductions must not cost like 1000 full scans of a million points.
    QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(got.exact);
    const IndexRange r = visibleIndexRange(d.x, a, b);
    QCOMPARE(got.points.size(), r.size() + 2); // every build plus one neighbour on each side
    QCOMPARE(got.points[1], QPointF(d.x[r.first], d.y[r.first]));
}

void TestSeriesReducer::allNaNGivesNothing()
{
    const std::vector<double> x{1, 2, 3}, y{NaN, NaN, NaN};
    const ReducedSeries got = reduceSeries(x, y, {0, 10, 100});
    QVERIFY(got.points.isEmpty());
    QVERIFY(!got.hasRange());
}

void TestSeriesReducer::blocksMatchBruteForce()
{
    const Data d = randomData(41, 10'000, 0.2);
    MinMaxBlocks blocks;
    blocks.rebuild(std::span<const double>(d.y).first(6000));
    blocks.extend(d.y); // a partial last block summarized again with its new values
    MinMaxBlocks fresh;
    fresh.rebuild(d.y);
    QCOMPARE(blocks.blockCount(), fresh.blockCount());
    for (qsizetype b = 0; b < fresh.blockCount(); ++b) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo, pos = lo;
        for (qsizetype i = b * MinMaxBlocks::kBlock;
             i < std::min<qsizetype>(10'000, (b + 1) * MinMaxBlocks::kBlock); ++i) {
            if (!std::isfinite(d.y[i]))
                continue;
            lo = std::min(lo, d.y[i]);
            hi = std::max(hi, d.y[i]);
            if (d.y[i] > 0)
                pos = std::min(pos, d.y[i]);
        }
        QCOMPARE(blocks.block(b).min, lo);
        QCOMPARE(blocks.block(b).max, hi);
        QCOMPARE(blocks.block(b).minPositive, pos);
        QCOMPARE(d.y[blocks.block(b).maxAt], hi);
        QCOMPARE(fresh.block(b).minAt, blocks.block(b).minAt);
    }
}

void TestSeriesReducer::blocksStepOverLongRanges_data()
{
    QTest::addColumn<bool>("positiveOnly");
    QTest::newRow("linear") << false;
    QTest::newRow("log") << true;
}

void TestSeriesReducer::blocksStepOverLongRanges()
{
    // Columns of thousands of builds read whole blocks, and give exactly what a scan gives.
    QFETCH(bool, positiveOnly);
    const Data d = randomData(42, 1'000'000, 0.05);
    MinMaxBlocks blocks;
    blocks.rebuild(d.y);
    const double span = d.x.back() - d.x.front();
    for (const int pixels : {300, 1400}) {
        ReduceWindow w{d.x.front() + 0.05 * span, d.x.front() + 0.9 * span, pixels, 2,
                       positiveOnly};
        bool exact = true;
        const QList<QPointF> expected = bruteForce(d, w, &exact);
        const ReducedSeries got = reduceSeries(d.x, d.y, w, &blocks);
        QVERIFY(!got.exact && !exact);
        QCOMPARE(got.points, expected);
        QCOMPARE(got.points, reduceSeries(d.x, d.y, w).points);
    }
    // Keeping one extreme per column (band edges).
    const ReduceWindow w{d.x.front(), d.x.back(), 200, 2, positiveOnly};
    const ReducedSeries lows = reduceSeries(d.x, d.y, w, &blocks, ReduceKeep::Min);
    const ReducedSeries highs = reduceSeries(d.x, d.y, w, &blocks, ReduceKeep::Max);
    QCOMPARE(lows.points.size(), 200);
    QCOMPARE(highs.points.size(), 200);
    for (qsizetype i = 0; i < 200; ++i)
        QVERIFY(lows.points[i].y() <= highs.points[i].y());
}

void TestSeriesReducer::stackedMatchesBruteForce_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("pixels");
    QTest::newRow("exact") << 400 << 500;
    QTest::newRow("reduced") << 30000 << 250;
}

void TestSeriesReducer::stackedMatchesBruteForce()
{
    QFETCH(int, n);
    QFETCH(int, pixels);
    const Data a = randomData(21, n, 0.2), b = randomData(22, n, 0.2), c = randomData(23, n, 0.2);
    const std::vector<std::span<const double>> layers{a.y, b.y, c.y};
    const double span = a.x.back() - a.x.front();
    const ReduceWindow w{a.x.front() + 0.1 * span, a.x.front() + 0.8 * span, pixels};
    const std::vector<ReducedSeries> got = reduceStacked(a.x, layers, w);
    QCOMPARE(got.size(), std::size_t(3));
    for (int k = 0; k < 3; ++k) {
        // Layer k as a plain series of cumulative sums, with builds lacking every layer missing.
        Data cumulative{a.x, {}};
        for (qsizetype i = 0; i < n; ++i) {
            double sum = 0;
            bool any = false;
            for (int j = 0; j < 3; ++j) {
                const double v = layers[std::size_t(j)][std::size_t(i)];
                if (std::isfinite(v)) {
                    any = true;
                    if (j <= k)
                        sum += v;
                }
            }
            cumulative.y.push_back(any ? sum : NaN);
        }
        bool exact = false;
        QCOMPARE(got[std::size_t(k)].points, bruteForce(cumulative, w, &exact));
        QCOMPARE(got[std::size_t(k)].exact, exact);
    }
}

void TestSeriesReducer::bandEnvelopeHoldsEveryBuild()
{
    const Data center = randomData(31, 50000, 0.05), spread = randomData(32, 50000, 0.0);
    std::vector<double> s = spread.y;
    for (double& v : s)
        v = std::abs(v);
    const double k = 3;
    const ReduceWindow w{center.x.front(), center.x.back(), 300};
    const ReducedBand band = reduceBand(center.x, center.y, s, k, w);
    QVERIFY(band.lower.size() <= 302 && band.upper.size() <= 302);
    // Per pixel column, the drawn lower edge is the lowest and the upper edge the highest of
    // every build in that column.
    std::map<int, std::pair<double, double>> expected;
    for (std::size_t i = 0; i < center.x.size(); ++i) {
        if (!std::isfinite(center.y[i]))
            continue;
        auto [it, fresh] = expected.try_emplace(columnOf(center.x[i], w), center.y[i] - k * s[i],
                                                center.y[i] + k * s[i]);
        if (!fresh) {
            it->second.first = std::min(it->second.first, center.y[i] - k * s[i]);
            it->second.second = std::max(it->second.second, center.y[i] + k * s[i]);
        }
    }
    QCOMPARE(qsizetype(expected.size()), band.lower.size());
    qsizetype i = 0;
    for (const auto& [c, edges] : expected) {
        QCOMPARE(band.lower[i].y(), edges.first);
        QCOMPARE(band.upper[i].y(), edges.second);
        QCOMPARE(columnOf(band.lower[i].x(), w), c);
        ++i;
    }
}

QTEST_GUILESS_MAIN(TestSeriesReducer)
#include "tst_series_reducer.moc"
