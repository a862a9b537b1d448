#include "stats/Attribution.h"
#include "stats/MetricColumn.h"

#include "SyntheticSeries.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace bengal;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Builds made of three phases plus an unmeasured rest; from `at` on, `grow` adds to one part
// (0..2 = a phase, 3 = the rest).
struct Builds
{
    std::vector<double> total, discovery, rendering, assets;
};

Builds makeBuilds(int n, int at, int part, double grow)
{
    test::Rng rng(42);
    Builds b;
    for (int i = 0; i < n; ++i) {
        double parts[4] = {100.0, 600.0, 80.0, 50.0};
        if (i >= at)
            parts[part] += grow;
        for (double& p : parts)
            p = test::noisy(rng, p, 0.02);
        b.discovery.push_back(parts[0]);
        b.rendering.push_back(parts[1]);
        b.assets.push_back(parts[2]);
        b.total.push_back(parts[0] + parts[1] + parts[2] + parts[3]);
    }
    return b;
}

std::vector<MetricColumn> columns(const Builds& b)
{
    return {{QStringLiteral("discovery_time_ms"), b.discovery},
            {QStringLiteral("rendering_time_ms"), b.rendering},
            {QStringLiteral("assets_time_ms"), b.assets}};
}
} // namespace

class TestAttribution : public QObject
{
    Q_OBJECT
private slots:
    void namesTheResponsiblePhase_data();
    void namesTheResponsiblePhase();
    void restIsUnattributed();
    void improvementNamesTheFasterPhase();
    void missingPhaseIsSkipped();
    void indexListsPickRows();
};

void TestAttribution::namesTheResponsiblePhase_data()
{
    QTest::addColumn<int>("part");
    QTest::addColumn<QString>("expected");
    // Even a small phase is named when it is what moved.
    QTest::newRow("discovery") << 0 << QStringLiteral("discovery_time_ms");
    QTest::newRow("rendering") << 1 << QStringLiteral("rendering_time_ms");
    QTest::newRow("assets") << 2 << QStringLiteral("assets_time_ms");
}

void TestAttribution::namesTheResponsiblePhase()
{
    QFETCH(int, part);
    QFETCH(QString, expected);
    const Builds b = makeBuilds(80, 40, part, 90.0);
    const std::vector<MetricColumn> phases = columns(b);
    const Attribution a = attributeChange(b.total, phases, 0, 40, 40, 80);
    QCOMPARE(a.responsiblePhase, expected);
    QVERIFY(std::fabs(a.totalDelta - 90.0) < 20.0);
    QCOMPARE(a.phases.size(), size_t(3));
    QVERIFY(std::fabs(a.phases[size_t(part)].delta - 90.0) < 15.0);
    // The deltas of the other phases and the rest are small.
    for (int k = 0; k < 3; ++k) {
        if (k != part)
            QVERIFY(std::fabs(a.phases[size_t(k)].delta) < 15.0);
    }
    QVERIFY(std::fabs(a.unattributedDelta) < 20.0);
}

void TestAttribution::restIsUnattributed()
{
    const Builds b = makeBuilds(80, 40, 3, 120.0);
    const Attribution a = attributeChange(b.total, columns(b), 0, 40, 40, 80);
    QCOMPARE(a.responsiblePhase, QStringLiteral("unattributed_ms"));
    QVERIFY(std::fabs(a.unattributedDelta - 120.0) < 25.0);
}

void TestAttribution::improvementNamesTheFasterPhase()
{
    const Builds b = makeBuilds(80, 40, 1, -200.0);
    const Attribution a = attributeChange(b.total, columns(b), 0, 40, 40, 80);
    QVERIFY(a.totalDelta < -150.0);
    QCOMPARE(a.responsiblePhase, QStringLiteral("rendering_time_ms"));
}

void TestAttribution::missingPhaseIsSkipped()
{
    Builds b = makeBuilds(80, 40, 2, 90.0);
    for (double& v : b.discovery)
        v = NaN; // an old record without this phase
    const Attribution a = attributeChange(b.total, columns(b), 0, 40, 40, 80);
    QVERIFY(std::isnan(a.phases[0].delta));
    QCOMPARE(a.responsiblePhase, QStringLiteral("assets_time_ms"));
}

void TestAttribution::indexListsPickRows()
{
    // Two interleaved kinds of build: only the listed rows count.
    const std::vector<double> total{100, 10, 100, 10, 200, 10, 200, 10};
    const std::vector<double> render{50, 5, 50, 5, 150, 5, 150, 5};
    const std::vector<MetricColumn> phases{{QStringLiteral("rendering_time_ms"), render}};
    const std::vector<qsizetype> before{0, 2};
    const std::vector<qsizetype> after{4, 6};
    const Attribution a = attributeChange(total, phases, before, after);
    QCOMPARE(a.totalBefore, 100.0);
    QCOMPARE(a.totalAfter, 200.0);
    QCOMPARE(a.phases[0].delta, 100.0);
    QCOMPARE(a.unattributedDelta, 0.0);
    QCOMPARE(a.responsiblePhase, QStringLiteral("rendering_time_ms"));
}

QTEST_GUILESS_MAIN(TestAttribution)
#include "tst_attribution.moc"
