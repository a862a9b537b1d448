// `bengal-perf regressions` and `bengal-perf check`: golden JSON, steps of demo histories with a
// known ground truth found at their start and blamed on their phase, check's exit codes and table.
#include "CliTestUtils.h"
#include "demo/DemoHistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;
using namespace bengal::test;

namespace {

// A history without drift, growth or default steps: only the steps given are real.
DemoOptions stepFree(quint64 seed, qsizetype builds)
{
    DemoOptions options;
    options.builds = builds;
    options.seed = seed;
    options.noise = 0.05;
    options.defaultSteps = false;
    options.driftPerBuild = 0;
    options.pageGrowth = 0;
    return options;
}

QString writeDemo(const QTemporaryDir& dir, const QString& name, const DemoOptions& options)
{
    const QString path = dir.filePath(name);
    QString error;
    if (!writeDemoHistory(path, options, &error))
        qWarning() << error;
    return path;
}

QJsonArray regressionsOf(const QStringList& args)
{
    const CliResult r =
        runCli(QStringList{QStringLiteral("regressions"), QStringLiteral("--json")} + args);
    if (r.exitCode != 0)
        qWarning() << r.err;
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("regressions")).toArray();
}

// Compares with tests/data/golden/<name>.regressions.json; writes <golden>.actual on a mismatch.
void compareGolden(const QJsonArray& actual, const QString& name)
{
    const QString why = goldenMismatch(QJsonObject{{QStringLiteral("regressions"), actual}},
                                       QStringLiteral(BENGAL_TEST_DATA "/golden/") + name +
                                           QStringLiteral(".regressions.json"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

} // namespace

class TestRegressionsCli : public QObject
{
    Q_OBJECT
private slots:
    void showcaseGolden()
    {
        const QJsonArray found =
            regressionsOf({QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")});
        for (const QJsonValue& v : found) {
            const QJsonObject f = v.toObject();
            QVERIFY(f.value("index").toInt() >= 1 && f.value("index").toInt() <= 38);
            QVERIFY(f.value("timestamp").toString().endsWith(QLatin1Char('Z')));
            QCOMPARE(f.contains("phase"), f.value("metric").toString() == "build_time_ms");
        }
        compareGolden(found, QStringLiteral("showcase-history"));
    }

    void demoStepFoundAtItsStartWithItsPhase_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<QString>("phase");
        QTest::addColumn<qsizetype>("start");
        QTest::addColumn<double>("factor");
        QTest::newRow("rendering +25%")
            << quint64(11) << QStringLiteral("rendering_time_ms") << qsizetype(180) << 1.25;
        QTest::newRow("postprocess +60%")
            << quint64(12) << QStringLiteral("postprocess_time_ms") << qsizetype(260) << 1.6;
        QTest::newRow("discovery x3")
            << quint64(13) << QStringLiteral("discovery_time_ms") << qsizetype(120) << 3.0;
    }
    void demoStepFoundAtItsStartWithItsPhase()
    {
        QFETCH(quint64, seed);
        QFETCH(QString, phase);
        QFETCH(qsizetype, start);
        QFETCH(double, factor);
        QTemporaryDir dir;
        DemoOptions options = stepFree(seed, 400);
        options.steps.push_back({start, phase, factor});
        const QString path = writeDemo(dir, QStringLiteral("history.jsonl"), options);
        const QJsonArray found = regressionsOf({path});
        QVERIFY(!found.isEmpty());
        const qsizetype truth = start + 1; // 1-based in the output
        bool total = false, own = false;
        for (const QJsonValue& v : found) {
            const QJsonObject f = v.toObject();
            if (f.value("kind").toString() != QLatin1String("step") ||
                std::abs(f.value("index").toInteger() - truth) > 5)
                continue;
            if (f.value("metric").toString() == QLatin1String("build_time_ms")) {
                QCOMPARE(f.value("phase").toString(), phase);
                QVERIFY(f.value("change_pct").toDouble() > 0);
                total = true;
            }
            own = own || f.value("metric").toString() == phase;
        }
        QVERIFY2(total, "no build_time_ms step near the true start");
        QVERIFY2(own, "no step on the phase itself near the true start");
        if (seed == 11)
            compareGolden(found, QStringLiteral("demo-seed11-rendering-step"));
    }

    void metricOptionLimitsTheOutput()
    {
        QTemporaryDir dir;
        DemoOptions options = stepFree(21, 300);
        options.steps.push_back({150, QStringLiteral("rendering_time_ms"), 1.5});
        const QString path = writeDemo(dir, QStringLiteral("history.jsonl"), options);
        const QJsonArray found =
            regressionsOf({QStringLiteral("--metric"), QStringLiteral("rendering_time_ms"), path});
        QVERIFY(!found.isEmpty());
        for (const QJsonValue& v : found)
            QCOMPARE(v.toObject().value("metric").toString(), QStringLiteral("rendering_time_ms"));
    }

    void regressionsBadInput()
    {
        QCOMPARE(runCli({QStringLiteral("regressions"), QStringLiteral("/no/such/history.jsonl")})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("regressions"), QStringLiteral("--metric"),
                         QStringLiteral("no_such_metric"),
                         QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")})
                     .exitCode,
                 2);
        const CliResult text = runCli({QStringLiteral("regressions"),
                                       QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(!text.out.isEmpty());
    }

    void checkFailsOnASlowLastBuild()
    {
        QTemporaryDir dir;
        DemoOptions options = stepFree(31, 120);
        options.steps.push_back({119, QStringLiteral("build_time_ms"), 1.3});
        const QString path = writeDemo(dir, QStringLiteral("slow.jsonl"), options);
        const CliResult r = runCli({QStringLiteral("check"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("| Metric | Baseline | Latest | Change | Verdict |"));
        QVERIFY(r.out.contains("|---|"));
        QVERIFY(r.out.contains("`build_time_ms`"));
        QVERIFY(r.out.contains("regression"));

        const CliResult json = runCli({QStringLiteral("check"), QStringLiteral("--json"), path});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(o.value("regression").toBool(), true);
        bool buildTime = false;
        for (const QJsonValue& v : o.value("verdicts").toArray()) {
            const QJsonObject verdict = v.toObject();
            if (verdict.value("metric").toString() != QLatin1String("build_time_ms"))
                continue;
            buildTime = true;
            QCOMPARE(verdict.value("verdict").toString(), QStringLiteral("regression"));
            QVERIFY(qAbs(verdict.value("change_pct").toDouble() - 30.0) < 10.0);
        }
        QVERIFY(buildTime);
        // A threshold above the change lets it pass.
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--metric"),
                         QStringLiteral("build_time_ms"), QStringLiteral("--threshold"),
                         QStringLiteral("60"), path})
                     .exitCode,
                 0);
    }

    void checkPassesOnASteadyHistory()
    {
        QTemporaryDir dir;
        const QString path = writeDemo(dir, QStringLiteral("steady.jsonl"), stepFree(32, 120));
        const CliResult r = runCli({QStringLiteral("check"), path});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY(r.out.contains("| Metric | Baseline | Latest | Change | Verdict |"));
        const CliResult json = runCli({QStringLiteral("check"), QStringLiteral("--json"),
                                       QStringLiteral("--window"), QStringLiteral("30"), path});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out).object().value("regression").toBool(), false);
    }

    void checkBadInput()
    {
        const QString showcase = QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl");
        QCOMPARE(
            runCli({QStringLiteral("check"), QStringLiteral("/no/such/history.jsonl")}).exitCode,
            2);
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--metric"),
                         QStringLiteral("no_such_metric"), showcase})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--threshold"),
                         QStringLiteral("lots"), showcase})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--window"), QStringLiteral("-3"),
                         showcase})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("check")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestRegressionsCli)
#include "tst_regressions_cli.moc"
