#include "stats/ChangePoints.h"
#include "stats/JointSteps.h"
#include "stats/Pelt.h"

#include "SyntheticSeries.h"

#include <QTest>

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace bengal;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
}

class TestChangePoints : public QObject
{
    Q_OBJECT
private slots:
    void peltFindsExactSteps();
    void peltRespectsMinimumSegment();
    void lineModelKeepsARampWhole();
    void cleanStep_data();
    void cleanStep();
    void twoSteps();
    void oneOutlierIsNotAStep();
    void shortBurstOfOutliersIsNotAStep();
    void smallShiftBelowMinimumEffect();
    void noiseOnlyHasNoSteps();
    void tooFewBuilds();
    void constantSeries();
    void countsWithoutNoise();
    void nanPositionsAreKept();
    void longSeriesUsesBlocksAndStaysExact();
    void despikeKeepsSteps();
    void creepIsNotAStaircase();
    void groupsShareOneStart();
    void burstsOnACreepAreNotSteps();
};

void TestChangePoints::peltFindsExactSteps()
{
    // Noise-free levels: the optimum is exact, whatever the penalty (within reason).
    std::vector<double> v;
    for (int i = 0; i < 30; ++i)
        v.push_back(0.0);
    for (int i = 0; i < 20; ++i)
        v.push_back(5.0);
    for (int i = 0; i < 25; ++i)
        v.push_back(-2.0);
    const std::vector<qsizetype> cps = peltMeanShifts(v, {}, 10.0, 5);
    QCOMPARE(cps, (std::vector<qsizetype>{30, 50}));
}

void TestChangePoints::peltRespectsMinimumSegment()
{
    std::vector<double> v(40, 0.0);
    v[20] = v[21] = 50.0; // a two-value plateau cannot be a segment of minimum length 5
    for (qsizetype c : peltMeanShifts(v, {}, 1.0, 5))
        QVERIFY(c >= 5 && c <= 35);
    const std::vector<qsizetype> cps = peltMeanShifts(v, {}, 1.0, 5);
    for (size_t k = 1; k < cps.size(); ++k)
        QVERIFY(cps[k] - cps[k - 1] >= 5);
}

void TestChangePoints::lineModelKeepsARampWhole()
{
    // A noisy ramp: constant levels need a staircase to follow it, lines do not.
    test::Rng rng(13);
    std::vector<double> ramp;
    for (int i = 0; i < 400; ++i)
        ramp.push_back(0.05 * i + rng.normal());
    QVERIFY(peltMeanShifts(ramp, {}, 3.0 * std::log(400.0), 5).size() >= 3);
    const SegmentCost lines(ramp, {}, SegmentModel::Line);
    QVERIFY(peltSegments(lines, 3.0 * std::log(400.0), 5).empty());
    // A jump on the ramp is one change, where the jump is.
    for (size_t i = 250; i < ramp.size(); ++i)
        ramp[i] += 6.0;
    const std::vector<qsizetype> cps =
        peltSegments(SegmentCost(ramp, {}, SegmentModel::Line), 3.0 * std::log(400.0), 5);
    QCOMPARE(cps.size(), size_t(1));
    QVERIFY(std::llabs(cps.front() - 250) <= 2);
}

void TestChangePoints::cleanStep_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<double>("factor");
    QTest::newRow("+10%") << 1 << 1.10;
    QTest::newRow("+20%") << 2 << 1.20;
    QTest::newRow("-15% (improvement)") << 3 << 0.85;
    QTest::newRow("+10% other noise") << 4 << 1.10;
}

void TestChangePoints::cleanStep()
{
    QFETCH(int, seed);
    QFETCH(double, factor);
    test::Rng rng{std::uint64_t(seed)};
    const std::vector<double> v = test::stepSeries(rng, 300, 2000.0, 0.05, 170, factor);
    const std::vector<ChangePoint> cps = detectChangePoints(v);
    QCOMPARE(cps.size(), size_t(1));
    const ChangePoint& c = cps.front();
    QVERIFY2(std::llabs(c.index - 170) <= 2, qPrintable(QString::number(c.index)));
    QVERIFY(std::fabs(c.before / 2000.0 - 1.0) < 0.03);
    QVERIFY(std::fabs(c.after / (2000.0 * factor) - 1.0) < 0.03);
    QVERIFY(std::fabs(c.changePct - (factor - 1.0) * 100.0) < 3.0);
    QVERIFY(c.confidence > 0.9999);
    QCOMPARE(c.afterEnd, qsizetype(std::min<qsizetype>(300, c.index + 100)));
    QCOMPARE(c.beforeBegin, qsizetype(std::max<qsizetype>(0, c.index - 100)));
}

void TestChangePoints::twoSteps()
{
    test::Rng rng(5);
    std::vector<double> v = test::stepSeries(rng, 120, 100.0, 0.04);
    const std::vector<double> up = test::stepSeries(rng, 60, 130.0, 0.04);
    const std::vector<double> down = test::stepSeries(rng, 120, 110.0, 0.04);
    v.insert(v.end(), up.begin(), up.end());
    v.insert(v.end(), down.begin(), down.end());
    const std::vector<ChangePoint> cps = detectChangePoints(v);
    QCOMPARE(cps.size(), size_t(2));
    QVERIFY(std::llabs(cps[0].index - 120) <= 2);
    QVERIFY(std::llabs(cps[1].index - 180) <= 2);
    QVERIFY(cps[0].changePct > 25.0);
    QVERIFY(cps[1].changePct < -10.0);
    // Levels are measured only up to the neighbouring change.
    QCOMPARE(cps[0].afterEnd, cps[1].index);
    QCOMPARE(cps[1].beforeBegin, cps[0].index);
}

void TestChangePoints::oneOutlierIsNotAStep()
{
    test::Rng rng(6);
    std::vector<double> v = test::stepSeries(rng, 200, 1000.0, 0.03);
    v[120] = 5000.0; // one build five times slower
    QVERIFY(detectChangePoints(v).empty());
}

void TestChangePoints::shortBurstOfOutliersIsNotAStep()
{
    test::Rng rng(7);
    std::vector<double> v = test::stepSeries(rng, 200, 1000.0, 0.03);
    v[90] = 3000.0; // three slow builds in a row (a busy machine), shorter than a segment
    v[91] = 2800.0;
    v[92] = 3100.0;
    QVERIFY(detectChangePoints(v).empty());
}

void TestChangePoints::smallShiftBelowMinimumEffect()
{
    // A 3% shift with very little noise is real and significant, but below the 5% minimum effect.
    test::Rng rng(8);
    const std::vector<double> v = test::stepSeries(rng, 300, 500.0, 0.005, 150, 1.03);
    QVERIFY(detectChangePoints(v).empty());
    ChangePointParams p;
    p.minEffectPct = 2.0;
    const std::vector<ChangePoint> cps = detectChangePoints(v, p);
    QCOMPARE(cps.size(), size_t(1));
    QVERIFY(std::llabs(cps.front().index - 150) <= 2);
}

void TestChangePoints::noiseOnlyHasNoSteps()
{
    int falseSteps = 0;
    for (int seed = 100; seed < 140; ++seed) {
        test::Rng rng{std::uint64_t(seed)};
        falseSteps += int(detectChangePoints(test::stepSeries(rng, 500, 800.0, 0.05)).size());
    }
    QVERIFY2(falseSteps <= 1, qPrintable(QString::number(falseSteps))); // 20000 builds
}

void TestChangePoints::tooFewBuilds()
{
    const std::vector<double> v{100, 100, 100, 200, 200, 200, 200, 200, 200};
    QVERIFY(detectChangePoints(v).empty()); // fewer than 2 * minSegment finite values
}

void TestChangePoints::constantSeries()
{
    const std::vector<double> v(50, 42.0);
    QVERIFY(detectChangePoints(v).empty());
}

void TestChangePoints::countsWithoutNoise()
{
    // total_pages: exact integers, one content change. More than half the differences are zero,
    // so the noise scale falls back to the mean absolute difference; the step is still found.
    std::vector<double> v(40, 120.0);
    for (int i = 25; i < 40; ++i)
        v[size_t(i)] = 140.0;
    const std::vector<ChangePoint> cps = detectChangePoints(v);
    QCOMPARE(cps.size(), size_t(1));
    QCOMPARE(cps.front().index, qsizetype(25));
    QCOMPARE(cps.front().before, 120.0);
    QCOMPARE(cps.front().after, 140.0);
    QVERIFY(std::fabs(cps.front().changePct - 100.0 * 20.0 / 120.0) < 1e-9);
}

void TestChangePoints::nanPositionsAreKept()
{
    test::Rng rng(9);
    std::vector<double> v = test::stepSeries(rng, 200, 300.0, 0.03, 100, 1.2);
    for (int i = 0; i < 200; i += 3)
        v[size_t(i)] = NaN;
    v[100] = NaN; // the first build of the new level has no value: the next one starts it
    const std::vector<ChangePoint> cps = detectChangePoints(v);
    QCOMPARE(cps.size(), size_t(1));
    QVERIFY(std::isfinite(v[size_t(cps.front().index)]));
    QVERIFY(std::llabs(cps.front().index - 101) <= 3);
}

void TestChangePoints::longSeriesUsesBlocksAndStaysExact()
{
    test::Rng rng(10);
    const std::vector<double> v = test::stepSeries(rng, 50000, 1000.0, 0.05, 31234, 1.10);
    ChangePointParams p;
    p.maxPeltPoints = 500; // blocks of 100 builds
    const std::vector<ChangePoint> cps = detectChangePoints(v, p);
    QCOMPARE(cps.size(), size_t(1));
    QVERIFY2(std::llabs(cps.front().index - 31234) <= 3, qPrintable(QString::number(cps[0].index)));
}

void TestChangePoints::despikeKeepsSteps()
{
    std::vector<double> v{0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10};
    QCOMPARE(despike(v, 3, 1.0), v);
    v[2] = 50.0;
    const std::vector<double> d = despike(v, 3, 1.0);
    QCOMPARE(d[2], 1.0); // clipped to the local median + limit
    QCOMPARE(d[6], 10.0);
}

void TestChangePoints::creepIsNotAStaircase()
{
    // +40% over 600 builds: neighbouring 100-build windows differ by ~7%, but the slope inside each
    // window explains it, so no step is reported (Trend.h reports this).
    test::Rng rng(11);
    std::vector<double> v;
    for (int i = 0; i < 600; ++i)
        v.push_back(test::noisy(rng, 1000.0 * (1.0 + 0.4 * i / 600.0), 0.03));
    QVERIFY(detectChangePoints(v).empty());
    // A real step on top of the creep is still found.
    for (size_t i = 300; i < v.size(); ++i)
        v[i] *= 1.15;
    const std::vector<ChangePoint> cps = detectChangePoints(v);
    QCOMPARE(cps.size(), size_t(1));
    QVERIFY(std::llabs(cps.front().index - 300) <= 2);
}

void TestChangePoints::groupsShareOneStart()
{
    // Two kinds of build interleaved (rows 0, 2, 4, ... and 1, 3, 5, ...), both 20% slower from
    // row 200. Group B's step is handed in misplaced by 8 of its builds; aligning it with group A
    // moves it back to B's first build from row 200.
    test::Rng rng(12);
    std::vector<double> a;
    std::vector<double> b;
    std::vector<qsizetype> rowsA;
    std::vector<qsizetype> rowsB;
    for (qsizetype row = 0; row < 400; ++row) {
        const double level = row >= 200 ? 1200.0 : 1000.0;
        (row % 2 == 0 ? a : b).push_back(test::noisy(rng, level, 0.03));
        (row % 2 == 0 ? rowsA : rowsB).push_back(row);
    }
    std::vector<GroupSteps> groups(2);
    groups[0] = {a, rowsA, detectChangePoints(a)};
    QCOMPARE(groups[0].steps.size(), size_t(1));
    QCOMPARE(groups[0].steps[0].index, qsizetype(100)); // row 200
    bool passes = false;
    groups[1] = {b, rowsB, {judgeChangeAt(b, rowsB, 0, 108, qsizetype(b.size()), {}, &passes)}};
    QVERIFY(passes); // misplaced, but still a passing step
    alignStepsAcrossGroups(groups, 50, 8, {});
    QCOMPARE(groups[0].steps[0].index, qsizetype(100));
    QCOMPARE(groups[1].steps[0].index, qsizetype(100)); // row 201
    QVERIFY(std::fabs(groups[1].steps[0].changePct - 20.0) < 3.0);
}

void TestChangePoints::burstsOnACreepAreNotSteps()
{
    // A rare kind of build made in bursts of 40 every 1000 builds of a history that creeps +2% per
    // 100 builds: by its own count it is flat, then jumps 20% between bursts. On the history's
    // time it is one straight creep, not a staircase.
    test::Rng rng(14);
    std::vector<double> v;
    std::vector<qsizetype> rows;
    for (qsizetype burst = 0; burst < 6; ++burst) {
        for (qsizetype k = 0; k < 40; ++k) {
            rows.push_back(burst * 1000 + k);
            v.push_back(test::noisy(rng, 1000.0 * std::exp(0.0002 * double(rows.back())), 0.02));
        }
    }
    QVERIFY(detectChangePoints(v, {}, rows).empty());
    QVERIFY(detectChangePoints(v).size() >= 3); // by its own count the bursts look like steps
}

QTEST_GUILESS_MAIN(TestChangePoints)
#include "tst_changepoints.moc"
