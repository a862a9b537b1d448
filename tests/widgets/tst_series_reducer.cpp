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
    void blocksExtendInChunks();
    void stackedBlocksMatchBruteForce_data();
    void stackedBlocksMatchBruteForce();
    void reducedColumnsKeepRawExtremes();
    void pyramidVisitTilesTheRange();
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

void TestSeriesReducer::blocksExtendInChunks()
{
    // extendAt() in uneven chunks (whole blocks but the last) gives what one rebuild gives.
    const Data d = randomData(51, 20'000, 0.2);
    MinMaxBlocks chunked;
    for (const qsizetype end :
         {qsizetype(640), qsizetype(5000), qsizetype(5003), qsizetype(20'000)}) {
        const qsizetype from = chunked.resumeAt();
        chunked.extendAt(
            std::span<const double>(d.y).subspan(std::size_t(from), std::size_t(end - from)));
        QCOMPARE(chunked.covered(), end);
    }
    MinMaxBlocks fresh;
    fresh.rebuild(d.y);
    QCOMPARE(chunked.blockCount(), fresh.blockCount());
    for (qsizetype b = 0; b < fresh.blockCount(); ++b) {
        QCOMPARE(chunked.block(b).min, fresh.block(b).min);
        QCOMPARE(chunked.block(b).max, fresh.block(b).max);
        QCOMPARE(chunked.block(b).minAt, fresh.block(b).minAt);
        QCOMPARE(chunked.block(b).maxAt, fresh.block(b).maxAt);
        QCOMPARE(chunked.block(b).minPositiveAt, fresh.block(b).minPositiveAt);
    }
}

void TestSeriesReducer::stackedBlocksMatchBruteForce_data()
{
    QTest::addColumn<int>("pixels");
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::newRow("all, 250 columns") << 250 << 0.0 << 1.0;
    QTest::newRow("middle, 1400 columns") << 1400 << 0.13 << 0.71;
    QTest::newRow("a tenth, 600 columns") << 600 << 0.4 << 0.5;
}

void TestSeriesReducer::stackedBlocksMatchBruteForce()
{
    // Stacked layers reduced through the block extremes of their sums (built in two steps, as
    // when builds are appended) give exactly what the build-by-build reduction and the brute
    // force over cumulative sums give.
    QFETCH(int, pixels);
    QFETCH(double, from);
    QFETCH(double, to);
    constexpr qsizetype n = 300'000;
    const Data a = randomData(61, n, 0.3), b = randomData(62, n, 0.3), c = randomData(63, n, 0.5);
    const std::vector<std::span<const double>> layers{a.y, b.y, c.y};
    std::vector<MinMaxBlocks> blocks;
    std::vector<std::span<const double>> shorter;
    for (const std::span<const double> layer : layers)
        shorter.push_back(layer.first(200'001));
    extendStackedBlocks(shorter, 200'001, blocks);
    QCOMPARE(blocks.size(), std::size_t(3));
    QCOMPARE(blocks[2].covered(), 200'001);
    extendStackedBlocks(layers, n, blocks);
    QCOMPARE(blocks[0].covered(), n);

    const double span = a.x.back() - a.x.front();
    const ReduceWindow w{a.x.front() + from * span, a.x.front() + to * span, pixels};
    const std::vector<ReducedSeries> got = reduceStacked(a.x, layers, w, blocks);
    const std::vector<ReducedSeries> plain = reduceStacked(a.x, layers, w);
    for (std::size_t k = 0; k < 3; ++k) {
        Data cumulative{a.x, {}};
        for (qsizetype i = 0; i < n; ++i) {
            double sum = 0;
            bool any = false;
            for (std::size_t j = 0; j < 3; ++j) {
                const double v = layers[j][std::size_t(i)];
                if (std::isfinite(v)) {
                    any = true;
                    if (j <= k)
                        sum += v;
                }
            }
            cumulative.y.push_back(any ? sum : NaN);
        }
        bool exact = true;
        QCOMPARE(got[k].points, bruteForce(cumulative, w, &exact));
        QVERIFY(!exact && !got[k].exact);
        QCOMPARE(got[k].points, plain[k].points);
        QCOMPARE(got[k].yMin, plain[k].yMin);
        QCOMPARE(got[k].yMax, plain[k].yMax);
    }
}

void TestSeriesReducer::reducedColumnsKeepRawExtremes()
{
    // Whatever the reduction drops, every pixel column still reaches the raw data's minimum and
    // maximum in that column (checked against the data, not against another reduction).
    const Data d = randomData(71, 500'000, 0.1);
    MinMaxBlocks blocks;
    blocks.rebuild(d.y);
    const ReduceWindow w{d.x.front(), d.x.back(), 777};
    const ReducedSeries got = reduceSeries(d.x, d.y, w, &blocks);
    QVERIFY(!got.exact);
    std::map<int, std::pair<double, double>> raw, drawn;
    const auto widenIn = [](std::map<int, std::pair<double, double>>& m, int c, double y) {
        auto [it, fresh] = m.try_emplace(c, y, y);
        if (!fresh) {
            it->second.first = std::min(it->second.first, y);
            it->second.second = std::max(it->second.second, y);
        }
    };
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        if (std::isfinite(d.y[i]))
            widenIn(raw, columnOf(d.x[i], w), d.y[i]);
    }
    for (const QPointF& p : got.points)
        widenIn(drawn, columnOf(p.x(), w), p.y());
    QCOMPARE(drawn.size(), raw.size());
    QVERIFY(got.points.size() <= 2 * 777 + 2);
    for (const auto& [c, extremes] : raw) {
        QCOMPARE(drawn.at(c).first, extremes.first);
        QCOMPARE(drawn.at(c).second, extremes.second);
    }
}

void TestSeriesReducer::pyramidVisitTilesTheRange()
{
    // visit() covers [from, to) exactly once, in order, with few reads; every summary holds
    // the extremes of the values it stands for. Built in two steps, as on append.
    const Data d = randomData(81, 300'000, 0.2);
    MinMaxBlocks blocks;
    blocks.rebuild(std::span<const double>(d.y).first(123'457));
    blocks.extend(d.y);
    QVERIFY(blocks.levelCount() >= 4); // 64, 512, 4096, 32768 values
    QRandomGenerator rng(82);
    for (int round = 0; round < 200; ++round) {
        qsizetype from = rng.bounded(300'000), to = rng.bounded(300'001);
        if (from > to)
            std::swap(from, to);
        qsizetype next = from;
        int reads = 0;
        bool ok = true;
        blocks.visit(
            from, to,
            [&](qsizetype a, qsizetype b) {
                ok = ok && a == next && b >= a;
                next = b;
                reads += int(b - a);
            },
            [&](int level, qsizetype index) {
                qsizetype span = MinMaxBlocks::kBlock;
                for (int l = 0; l < level; ++l)
                    span *= MinMaxBlocks::kFanOut;
                ok = ok && index * span == next;
                double lo = std::numeric_limits<double>::infinity(), hi = -lo;
                for (qsizetype i = index * span; i < (index + 1) * span; ++i) {
                    if (std::isfinite(d.y[std::size_t(i)])) {
                        lo = std::min(lo, d.y[std::size_t(i)]);
                        hi = std::max(hi, d.y[std::size_t(i)]);
                    }
                }
                const MinMaxBlocks::Block& b = blocks.summary(level, index);
                ok = ok && b.min == lo && b.max == hi && d.y[b.maxAt] == hi;
                next += span;
                ++reads;
            });
        QVERIFY2(ok, qPrintable(QStringLiteral("%1..%2").arg(from).arg(to)));
        QCOMPARE(next, to);
        // At most a partial block of values at each end and a few summaries per level.
        QVERIFY2(reads <= 2 * 63 + 2 * 7 * blocks.levelCount() + 15,
                 qPrintable(QString::number(reads)));
    }
}

QTEST_GUILESS_MAIN(TestSeriesReducer)
#include "tst_series_reducer.moc"
