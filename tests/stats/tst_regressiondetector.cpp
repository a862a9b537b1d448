#include "stats/RegressionDetector.h"

#include "SyntheticSeries.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

using namespace bengal;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr qint64 kMinuteUs = 60'000'000;

// A history of builds with three phases and an unmeasured rest, owning the columns the input
// points into.
struct History
{
    std::vector<qint64> timestamps;
    std::vector<quint8> group;
    std::vector<double> total, discovery, rendering, assets;

    int size() const { return int(total.size()); }

    // One build: `scale` multiplies every part (incremental builds are much faster), `factors`
    // multiplies single parts (discovery, rendering, assets, rest).
    void add(test::Rng& rng, quint8 kind, double scale, const double (&factors)[4] = {1, 1, 1, 1})
    {
        const double base[4] = {80.0, 700.0, 60.0, 60.0};
        double parts[4];
        for (int k = 0; k < 4; ++k)
            parts[k] = test::noisy(rng, base[k] * scale * factors[k], 0.05);
        timestamps.push_back(1'700'000'000'000'000 + qint64(timestamps.size()) * kMinuteUs);
        group.push_back(kind);
        discovery.push_back(parts[0]);
        rendering.push_back(parts[1]);
        assets.push_back(parts[2]);
        total.push_back(parts[0] + parts[1] + parts[2] + parts[3]);
    }

    DetectionInput input(bool grouped = true) const
    {
        DetectionInput in;
        in.timestampsUs = timestamps;
        if (grouped)
            in.group = group;
        in.metrics = {{QStringLiteral("build_time_ms"), total},
                      {QStringLiteral("discovery_time_ms"), discovery},
                      {QStringLiteral("rendering_time_ms"), rendering},
                      {QStringLiteral("assets_time_ms"), assets}};
        in.phaseMetrics = {QStringLiteral("discovery_time_ms"), QStringLiteral("rendering_time_ms"),
                           QStringLiteral("assets_time_ms")};
        return in;
    }
};

std::vector<Finding> only(const std::vector<Finding>& all, Finding::Kind kind,
                          const QString& metric)
{
    std::vector<Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.kind == kind && f.metric == metric; });
    return out;
}

const QString kBuildTime = QStringLiteral("build_time_ms");
const QString kRendering = QStringLiteral("rendering_time_ms");

} // namespace

class TestRegressionDetector : public QObject
{
    Q_OBJECT
private slots:
    void kindNames();
    void cleanStepWithAttribution();
    void stepHiddenInMixedBuildsNeedsGrouping();
    void outlierIsAlertNotStep();
    void creepIsTrend();
    void tooFewBuildsToJudge();
    void excludedBuildsAreLeftOut();
    void quietHistoryHasNoFindings();
    void phaseColumnsOnlyForAttribution();
    void zeroMeansDidNotRun();
    void judgeLatestVerdicts_data();
    void judgeLatestVerdicts();
    void judgeLatestUsesComparableBuilds();
    void judgeLatestMillionBuildsLooksAtTail();
};

void TestRegressionDetector::kindNames()
{
    QCOMPARE(findingKindName(Finding::Kind::Step), QStringLiteral("step"));
    QCOMPARE(findingKindName(Finding::Kind::Alert), QStringLiteral("alert"));
    QCOMPARE(findingKindName(Finding::Kind::Trend), QStringLiteral("trend"));
    QCOMPARE(verdictStateName(Verdict::State::NotEnoughData), QStringLiteral("not_enough_data"));
}

void TestRegressionDetector::cleanStepWithAttribution()
{
    // Rendering gets 25% slower at build 150: build_time_ms steps ~18% and rendering is named.
    test::Rng rng(1);
    History h;
    for (int i = 0; i < 300; ++i)
        h.add(rng, 0, 1.0, {1, i >= 150 ? 1.25 : 1.0, 1, 1});
    const std::vector<Finding> all = detectRegressions(h.input(), {});
    const std::vector<Finding> steps = only(all, Finding::Kind::Step, kBuildTime);
    QCOMPARE(steps.size(), size_t(1));
    const Finding& f = steps.front();
    QVERIFY2(std::llabs(f.index - 150) <= 2, qPrintable(QString::number(f.index)));
    QCOMPARE(f.endIndex, f.index);
    QCOMPARE(f.timestampUs, h.timestamps[size_t(f.index)]);
    QCOMPARE(f.phase, kRendering);
    QCOMPARE(f.group, 0);
    QVERIFY(f.changePct > 14.0 && f.changePct < 22.0);
    QVERIFY(f.after > f.before);
    QVERIFY(f.confidence > 0.9999);
    // The phase itself has its own step; phases are not attributed.
    const std::vector<Finding> render = only(all, Finding::Kind::Step, kRendering);
    QCOMPARE(render.size(), size_t(1));
    QVERIFY(render.front().phase.isEmpty());
    // Nothing else moved.
    QVERIFY(only(all, Finding::Kind::Step, QStringLiteral("assets_time_ms")).empty());
    QVERIFY(only(all, Finding::Kind::Step, QStringLiteral("discovery_time_ms")).empty());
    QVERIFY(only(all, Finding::Kind::Alert, kBuildTime).empty()); // folded into the step
}

void TestRegressionDetector::stepHiddenInMixedBuildsNeedsGrouping()
{
    // Full builds (kind 0) get 15% slower at build 200; incremental builds (kind 2, ten times
    // faster) are unchanged and, from then on, more frequent. Mixed together the median build gets
    // faster; only full builds judged against full builds show the regression.
    test::Rng rng(2);
    History h;
    for (int i = 0; i < 400; ++i) {
        const bool incremental = rng.chance(i < 200 ? 0.6 : 0.75);
        if (incremental)
            h.add(rng, 2, 0.1);
        else
            h.add(rng, 0, 1.0, {1, 1, 1, 1}), h.total.back() *= i >= 200 ? 1.15 : 1.0;
    }
    const auto regressionsNear200 = [](const std::vector<Finding>& all) {
        return std::count_if(all.begin(), all.end(), [](const Finding& f) {
            return f.kind == Finding::Kind::Step && f.metric == QStringLiteral("build_time_ms") &&
                   f.changePct > 0 && std::llabs(f.index - 200) <= 5;
        });
    };
    const std::vector<Finding> grouped = detectRegressions(h.input(true), {});
    QCOMPARE(regressionsNear200(grouped), 1);
    const auto full = only(grouped, Finding::Kind::Step, kBuildTime);
    QCOMPARE(full.front().group, 0);
    QVERIFY(std::fabs(full.front().changePct - 15.0) < 4.0);
    const std::vector<Finding> mixed = detectRegressions(h.input(false), {});
    QCOMPARE(regressionsNear200(mixed), 0);
}

void TestRegressionDetector::outlierIsAlertNotStep()
{
    test::Rng rng(3);
    History h;
    for (int i = 0; i < 200; ++i)
        h.add(rng, 0, 1.0, {1, i == 120 ? 3.0 : 1.0, 1, 1});
    const std::vector<Finding> all = detectRegressions(h.input(), {});
    QVERIFY(only(all, Finding::Kind::Step, kBuildTime).empty());
    const std::vector<Finding> alerts = only(all, Finding::Kind::Alert, kBuildTime);
    QCOMPARE(alerts.size(), size_t(1));
    QCOMPARE(alerts.front().index, qsizetype(120));
    QCOMPARE(alerts.front().after, h.total[120]);
    QCOMPARE(alerts.front().phase, kRendering);
    QVERIFY(alerts.front().changePct > 100.0);
}

void TestRegressionDetector::creepIsTrend()
{
    // Every part creeps +0.1% per build: +20% over the 200-build window, no single step.
    test::Rng rng(4);
    History h;
    for (int i = 0; i < 400; ++i)
        h.add(rng, 0, 1.0 + 0.001 * i);
    const std::vector<Finding> all = detectRegressions(h.input(), {});
    QVERIFY(only(all, Finding::Kind::Step, kBuildTime).empty());
    const std::vector<Finding> trends = only(all, Finding::Kind::Trend, kBuildTime);
    QCOMPARE(trends.size(), size_t(1));
    const Finding& t = trends.front();
    QCOMPARE(t.index, qsizetype(0));
    QCOMPARE(t.endIndex, qsizetype(399));
    QVERIFY(t.per100Pct > 6.0 && t.per100Pct < 11.0); // ~8.3% of the median level per 100
    QVERIFY(t.changePct > 25.0);
    QVERIFY(t.confidence > 0.999);
    QCOMPARE(t.phase, kRendering); // the biggest part grew the most in absolute terms
}

void TestRegressionDetector::tooFewBuildsToJudge()
{
    test::Rng rng(5);
    History h;
    for (int i = 0; i < 4; ++i)
        h.add(rng, 0, i == 3 ? 2.0 : 1.0);
    QVERIFY(detectRegressions(h.input(), {}).empty());
    for (const Verdict& v : judgeLatest(h.input(), 10.0, 20)) {
        QCOMPARE(v.state, Verdict::State::NotEnoughData);
        QCOMPARE(v.latest, v.metric == kBuildTime ? h.total[3] : v.latest);
    }
    const DetectionInput empty;
    QVERIFY(detectRegressions(empty, {}).empty());
    QVERIFY(judgeLatest(empty, 10.0, 20).empty());
}

void TestRegressionDetector::excludedBuildsAreLeftOut()
{
    test::Rng rng(6);
    History h;
    for (int i = 0; i < 200; ++i)
        h.add(rng, 0, i == 120 ? 3.0 : 1.0);
    std::vector<quint8> excluded(200, 0);
    excluded[120] = 1; // a failed run
    DetectionInput in = h.input();
    in.excluded = excluded;
    QVERIFY(only(detectRegressions(in, {}), Finding::Kind::Alert, kBuildTime).empty());
    // The latest build excluded: the one before it is judged.
    excluded[199] = 1;
    const std::vector<Verdict> v = judgeLatest(in, 10.0, 20);
    QCOMPARE(v.front().latest, h.total[198]);
}

void TestRegressionDetector::quietHistoryHasNoFindings()
{
    int findings = 0;
    for (int seed = 20; seed < 25; ++seed) {
        test::Rng rng{std::uint64_t(seed)};
        History h;
        for (int i = 0; i < 1000; ++i) {
            const quint8 kind = quint8((rng.chance(0.3) ? 2 : 0) + (rng.chance(0.7) ? 1 : 0));
            h.add(rng, kind, (kind & 2 ? 0.15 : 1.0) * (kind & 1 ? 1.0 : 1.6));
        }
        findings += int(detectRegressions(h.input(), {}).size());
    }
    // 5000 builds x 4 metrics: the target is at most 1 false alarm per 1000 builds.
    QVERIFY2(findings <= 5, qPrintable(QString::number(findings)));
}

void TestRegressionDetector::phaseColumnsOnlyForAttribution()
{
    test::Rng rng(7);
    History h;
    for (int i = 0; i < 300; ++i)
        h.add(rng, 0, 1.0, {1, 1, i >= 150 ? 4.0 : 1.0, 1}); // assets x4: +180 ms of ~980
    DetectionInput in = h.input();
    in.metrics.resize(1); // analyse build_time_ms only ...
    in.phaseColumns = {{QStringLiteral("assets_time_ms"), h.assets}}; // ... attribute to assets
    in.phaseMetrics = {QStringLiteral("assets_time_ms")};
    const std::vector<Finding> all = detectRegressions(in, {});
    QCOMPARE(all.size(), size_t(1));
    QCOMPARE(all.front().phase, QStringLiteral("assets_time_ms"));
}

void TestRegressionDetector::zeroMeansDidNotRun()
{
    // Health checks skipped in about half the builds write 0: those builds are left out, so the
    // runs are compared only with runs.
    test::Rng rng(11);
    std::vector<double> health;
    for (int i = 0; i < 300; ++i)
        health.push_back(rng.chance(0.5) ? 0.0 : test::noisy(rng, 40.0, 0.05));
    health.back() = test::noisy(rng, 40.0, 0.05);
    DetectionInput in;
    in.metrics = {{QStringLiteral("health_check_time_ms"), health}};
    QVERIFY(detectRegressions(in, {}).empty());
    QCOMPARE(judgeLatest(in, 10.0, 20).front().state, Verdict::State::Ok);
    // Taken at face value, every run after a few skips is an infinite regression.
    DetectionParams literal;
    literal.zeroIsMissing = false;
    QVERIFY(!detectRegressions(in, literal).empty());
    health.back() = 0.0; // the latest build skipped it: nothing to judge
    QCOMPARE(judgeLatest(in, 10.0, 20).front().state, Verdict::State::NotEnoughData);
}

void TestRegressionDetector::judgeLatestVerdicts_data()
{
    QTest::addColumn<double>("lastFactor");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("expected");
    QTest::newRow("normal build") << 1.0 << 10.0 << int(Verdict::State::Ok);
    QTest::newRow("40% slower") << 1.4 << 10.0 << int(Verdict::State::Regression);
    QTest::newRow("40% slower, 50% threshold") << 1.4 << 50.0 << int(Verdict::State::Ok);
    QTest::newRow("40% faster") << 0.6 << 10.0 << int(Verdict::State::Improvement);
}

void TestRegressionDetector::judgeLatestVerdicts()
{
    QFETCH(double, lastFactor);
    QFETCH(double, threshold);
    QFETCH(int, expected);
    test::Rng rng(8);
    History h;
    for (int i = 0; i < 60; ++i)
        h.add(rng, 0, 1.0);
    h.add(rng, 0, 1.0);
    h.total.back() = 900.0 * lastFactor; // the parts add up to ~900 ms
    DetectionInput in = h.input();
    in.metrics.resize(1);
    const std::vector<Verdict> v = judgeLatest(in, threshold, 20);
    QCOMPARE(v.size(), size_t(1));
    QCOMPARE(v.front().metric, kBuildTime);
    QCOMPARE(int(v.front().state), expected);
    QCOMPARE(v.front().latest, 900.0 * lastFactor);
    QVERIFY(std::fabs(v.front().baseline - 900.0) < 40.0);
    QVERIFY(std::fabs(v.front().changePct -
                      (v.front().latest - v.front().baseline) / v.front().baseline * 100.0) < 1e-9);
}

void TestRegressionDetector::judgeLatestUsesComparableBuilds()
{
    // The latest build is an incremental one: judged against incremental builds only, it is fine
    // (against all builds it would look like a 90% improvement).
    test::Rng rng(9);
    History h;
    for (int i = 0; i < 80; ++i)
        h.add(rng, i % 4 == 0 ? 2 : 0, i % 4 == 0 ? 0.1 : 1.0);
    h.add(rng, 2, 0.1);
    const std::vector<Verdict> grouped = judgeLatest(h.input(true), 10.0, 20);
    QCOMPARE(grouped.front().state, Verdict::State::Ok);
    const std::vector<Verdict> mixed = judgeLatest(h.input(false), 10.0, 20);
    QCOMPARE(mixed.front().state, Verdict::State::Improvement);
    // A metric the latest build lacks is not judged on an older build (it would fail every later
    // CI run): no data.
    std::vector<double> partial(size_t(h.size()), 900.0);
    partial.back() = NaN;
    partial[40] = 5000.0;
    DetectionInput in = h.input();
    in.metrics = {{QStringLiteral("fonts_time_ms"), partial}};
    const std::vector<Verdict> v = judgeLatest(in, 10.0, 20);
    QVERIFY(std::isnan(v.front().latest));
    QCOMPARE(v.front().state, Verdict::State::NotEnoughData);
}

void TestRegressionDetector::judgeLatestMillionBuildsLooksAtTail()
{
    const size_t n = 1000000;
    test::Rng rng(10);
    std::vector<qint64> ts(n);
    std::vector<quint8> group(n);
    std::vector<double> total(n);
    for (size_t i = 0; i < n; ++i) {
        ts[i] = qint64(i) * kMinuteUs;
        group[i] = quint8(i % 3 == 0 ? 2 : 0);
        total[i] = test::noisy(rng, group[i] ? 100.0 : 1000.0, 0.05);
    }
    total.back() = 1500.0; // group 0
    DetectionInput in;
    in.timestampsUs = ts;
    in.group = group;
    in.metrics = {{kBuildTime, total}};
    QElapsedTimer timer;
    timer.start();
    const std::vector<Verdict> v = judgeLatest(in, 10.0, 20);
    const qint64 ms = timer.elapsed();
    qInfo("judgeLatest on 1M builds: %lld ms", ms);
    QCOMPARE(v.front().state, Verdict::State::Regression);
    QVERIFY(ms < 100); // it reads about 150 builds, not a million
}

QTEST_GUILESS_MAIN(TestRegressionDetector)
#include "tst_regressiondetector.moc"
