// "Mark intended change": a break in DetectionInput restarts the baseline of one metric. Each
// case is built so that the result differs without the break (checked in the same test).
#include "stats/RegressionDetector.h"

#include "SyntheticSeries.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace bengal;

namespace {

constexpr qint64 kMinuteUs = 60'000'000;
const QString kBuildTime = QStringLiteral("build_time_ms");
const QString kMemory = QStringLiteral("memory_rss_mb");

// One group, one or two metrics; owns the arrays the input points into.
struct Series
{
    std::vector<qint64> timestamps;
    std::vector<double> values;
    std::vector<double> other; // a second metric that never moves

    explicit Series(test::Rng& rng, const std::vector<double>& levels)
    {
        for (double level : levels) {
            timestamps.push_back(1'700'000'000'000'000 + qint64(timestamps.size()) * kMinuteUs);
            values.push_back(test::noisy(rng, level, 0.05));
            other.push_back(test::noisy(rng, 300.0, 0.05));
        }
    }

    DetectionInput input(std::vector<BaselineBreak> breaks = {}) const
    {
        DetectionInput in;
        in.timestampsUs = timestamps;
        in.metrics = {{kBuildTime, values}, {kMemory, other}};
        in.breaks = std::move(breaks);
        return in;
    }
};

// n builds at `level`.
void append(std::vector<double>& levels, int n, double level)
{
    levels.insert(levels.end(), size_t(n), level);
}

std::vector<Finding> of(const std::vector<Finding>& all, Finding::Kind kind,
                        const QString& metric = kBuildTime)
{
    std::vector<Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.kind == kind && f.metric == metric; });
    return out;
}

bool hasAt(const std::vector<Finding>& findings, qsizetype index)
{
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.index == index; });
}

DetectionParams serial()
{
    DetectionParams p;
    p.parallel = false;
    return p;
}

} // namespace

class TestBaselineBreaks : public QObject
{
    Q_OBJECT
private slots:
    void newLevelIsNotAnAlertAfterMark();
    void realAlertAgainstNewLevelStillFlagged();
    void markedStepStaysListed();
    void laterStepStillFound();
    void otherMetricsUnaffected();
    void breaksOutOfRangeIgnored();
    void judgeLatestStartsAtMark();
};

void TestBaselineBreaks::newLevelIsNotAnAlertAfterMark()
{
    // 200 builds at 1000 ms, then 4 at 1300 ms: too few for a step, so without the mark each of
    // them is an alert against the old level. Marked as intended at build 200, they are the new
    // baseline (too few to judge anything yet): no alert.
    test::Rng rng(21);
    std::vector<double> levels;
    append(levels, 200, 1000.0);
    append(levels, 4, 1300.0);
    const Series s(rng, levels);
    const std::vector<Finding> unmarked = detectRegressions(s.input(), serial());
    QVERIFY(!of(unmarked, Finding::Kind::Alert).empty()); // the case needs the mark
    const std::vector<Finding> marked = detectRegressions(s.input({{kBuildTime, 200}}), serial());
    for (const Finding& f : of(marked, Finding::Kind::Alert))
        QVERIFY2(f.index < 200, qPrintable(QString::number(f.index)));
    QVERIFY(of(marked, Finding::Kind::Trend).empty());
}

void TestBaselineBreaks::realAlertAgainstNewLevelStillFlagged()
{
    // A 30% step at build 150 (marked), then build 165 is another 50% up. Without the mark, 165
    // is within baselineWindow of the step, in its direction, and folded into it. With the mark
    // it is judged against builds 150..164 only: a real alert.
    test::Rng rng(22);
    std::vector<double> levels;
    append(levels, 150, 1000.0);
    append(levels, 15, 1300.0);
    append(levels, 1, 1950.0);
    append(levels, 84, 1300.0);
    const Series s(rng, levels);
    const std::vector<Finding> unmarked = detectRegressions(s.input(), serial());
    QVERIFY(hasAt(of(unmarked, Finding::Kind::Step), 150));
    QVERIFY(!hasAt(of(unmarked, Finding::Kind::Alert), 165));
    const std::vector<Finding> marked = detectRegressions(s.input({{kBuildTime, 150}}), serial());
    const std::vector<Finding> alerts = of(marked, Finding::Kind::Alert);
    QVERIFY(hasAt(alerts, 165));
    const auto alert =
        std::find_if(alerts.begin(), alerts.end(), [](const Finding& f) { return f.index == 165; });
    QVERIFY(alert->before > 1200.0 && alert->before < 1400.0); // the new level, not 1000
    QVERIFY(alert->changePct > 30.0);
    QCOMPARE(alerts.size(), size_t(1));
}

void TestBaselineBreaks::markedStepStaysListed()
{
    // The step at the mark is still reported, at the mark, with the levels either side.
    test::Rng rng(23);
    std::vector<double> levels;
    append(levels, 150, 1000.0);
    append(levels, 150, 1300.0);
    const Series s(rng, levels);
    const std::vector<Finding> marked = detectRegressions(s.input({{kBuildTime, 150}}), serial());
    const std::vector<Finding> steps = of(marked, Finding::Kind::Step);
    QCOMPARE(steps.size(), size_t(1));
    QCOMPARE(steps.front().index, qsizetype(150));
    QVERIFY(steps.front().before > 950.0 && steps.front().before < 1050.0);
    QVERIFY(steps.front().after > 1250.0 && steps.front().after < 1350.0);
    QVERIFY(steps.front().confidence > 0.9999);
    QVERIFY(of(marked, Finding::Kind::Alert).empty());
    QVERIFY(of(marked, Finding::Kind::Trend).empty());
}

void TestBaselineBreaks::laterStepStillFound()
{
    // After the marked step, a real step of +20% at 260 is judged against the new level only.
    // A mark at a build where nothing changed (the 2nd) is still listed for its own group, never
    // merged with the real steps.
    test::Rng rng(24);
    std::vector<double> levels;
    append(levels, 120, 1000.0);
    append(levels, 140, 1300.0);
    append(levels, 140, 1560.0);
    const Series s(rng, levels);
    const std::vector<Finding> marked = detectRegressions(s.input({{kBuildTime, 120}}), serial());
    const std::vector<Finding> steps = of(marked, Finding::Kind::Step);
    QCOMPARE(steps.size(), size_t(2));
    QCOMPARE(steps[0].index, qsizetype(120));
    QVERIFY(std::llabs(steps[1].index - 260) <= 2);
    QVERIFY(steps[1].before > 1200.0 && steps[1].before < 1400.0);
    QVERIFY(steps[1].changePct > 15.0 && steps[1].changePct < 25.0);
}

void TestBaselineBreaks::otherMetricsUnaffected()
{
    // A mark on build_time_ms is no break for memory: its findings are those without marks.
    test::Rng rng(25);
    std::vector<double> levels;
    append(levels, 200, 1000.0);
    append(levels, 4, 1300.0);
    Series s(rng, levels);
    s.other[199] *= 2.0; // an alert on memory right before the mark
    const std::vector<Finding> unmarked = detectRegressions(s.input(), serial());
    const std::vector<Finding> marked = detectRegressions(s.input({{kBuildTime, 200}}), serial());
    QVERIFY(hasAt(of(unmarked, Finding::Kind::Alert, kMemory), 199));
    QCOMPARE(of(marked, Finding::Kind::Alert, kMemory).size(),
             of(unmarked, Finding::Kind::Alert, kMemory).size());
}

void TestBaselineBreaks::breaksOutOfRangeIgnored()
{
    test::Rng rng(26);
    std::vector<double> levels;
    append(levels, 150, 1000.0);
    append(levels, 150, 1300.0);
    const Series s(rng, levels);
    const std::vector<Finding> plain = detectRegressions(s.input(), serial());
    const std::vector<Finding> odd = detectRegressions(
        s.input({{kBuildTime, 0}, {kBuildTime, -3}, {kBuildTime, 300}, {kBuildTime, 9999}}),
        serial());
    QCOMPARE(odd.size(), plain.size());
    for (size_t i = 0; i < odd.size(); ++i) {
        QCOMPARE(odd[i].index, plain[i].index);
        QCOMPARE(odd[i].kind, plain[i].kind);
    }
}

void TestBaselineBreaks::judgeLatestStartsAtMark()
{
    // 100 builds at 1000 ms, a marked step to 1300 ms at 100, 5 builds there, then the latest.
    // Against the old median the latest is +30%; against the new level it is fine, and a latest
    // that is 30% above the new level is still a regression.
    test::Rng rng(27);
    std::vector<double> levels;
    append(levels, 100, 1000.0);
    append(levels, 6, 1300.0);
    Series s(rng, levels);
    s.values.back() = 1350.0;
    const DetectionInput unmarked = s.input();
    QCOMPARE(judgeLatest(unmarked, 10.0, 20).front().state, Verdict::State::Regression);
    const DetectionInput marked = s.input({{kBuildTime, 100}});
    const Verdict ok = judgeLatest(marked, 10.0, 20).front();
    QCOMPARE(ok.state, Verdict::State::Ok);
    QVERIFY(ok.baseline > 1200.0 && ok.baseline < 1400.0);
    s.values.back() = 1700.0;
    QCOMPARE(judgeLatest(s.input({{kBuildTime, 100}}), 10.0, 20).front().state,
             Verdict::State::Regression);
    // A mark at the latest build leaves nothing to compare it with; one past it changes nothing.
    QCOMPARE(judgeLatest(s.input({{kBuildTime, 105}}), 10.0, 20).front().state,
             Verdict::State::NotEnoughData);
    QCOMPARE(judgeLatest(s.input({{kBuildTime, 106}}), 10.0, 20).front().state,
             Verdict::State::Regression);
}

QTEST_GUILESS_MAIN(TestBaselineBreaks)
#include "tst_baselinebreaks.moc"
