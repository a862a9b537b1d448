// The window's regression pieces without widgets: snapshot + detection, the findings model
// (with QAbstractItemModelTester and stored triage), the confirm baseline and verdict.
#include "HistoryTestUtils.h"
#include "RegressionTestData.h"
#include "collector/RunRecord.h"
#include "regressions/ConfirmVerdict.h"
#include "regressions/RegressionBatch.h"
#include "regressions/RegressionModel.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;
using namespace regressiontest;

namespace {

std::shared_ptr<const RegressionBatch> detect(const HistoryStore& store)
{
    const auto snapshot = snapshotForDetection(store);
    if (!snapshot)
        return nullptr;
    return std::make_shared<const RegressionBatch>(runDetection(*snapshot));
}

const RegressionItem* findItem(const RegressionBatch& batch, const QString& metric,
                               Finding::Kind kind)
{
    for (const RegressionItem& item : batch.items)
        if (item.finding.metric == metric && item.finding.kind == kind)
            return &item;
    return nullptr;
}

} // namespace

class TestRegressionModel : public QObject
{
    Q_OBJECT
private slots:
    void windowMetricsMatchTheCommandLine()
    {
        HistoryStore store;
        HistorySpec spec;
        spec.pageStepAt = 60;
        test::loadText(store, history(spec));
        QVERIFY(store.metricIndex(QStringLiteral("unattributed_ms")) >= 0);
        QVERIFY(store.metricIndex(QStringLiteral("total_pages")) >= 0);
        const QStringList metrics = windowRegressionMetrics(store);
        QCOMPARE(metrics, (QStringList{"build_time_ms", "discovery_time_ms", "taxonomy_time_ms",
                                       "rendering_time_ms", "assets_time_ms", "postprocess_time_ms",
                                       "memory_rss_mb"}));
        // An explicit list keeps only what the store has.
        QCOMPARE(windowRegressionMetrics(store, {"rendering_time_ms", "nope"}),
                 QStringList{"rendering_time_ms"});
        // The page step is real data but not a performance regression: never reported.
        const auto batch = detect(store);
        QVERIFY(batch);
        for (const RegressionItem& item : batch->items)
            QVERIFY2(item.finding.metric != QLatin1String("total_pages") &&
                         item.finding.metric != QLatin1String("unattributed_ms"),
                     qPrintable(item.finding.metric));
    }

    void findsAKnownStepWithItsBuildKeyAndPhase()
    {
        HistoryStore store;
        HistorySpec spec;
        spec.stepAt = 70;
        test::loadText(store, history(spec));
        const auto batch = detect(store);
        QVERIFY(batch);
        QCOMPARE(batch->builds, 120);
        const RegressionItem* step =
            findItem(*batch, QStringLiteral("build_time_ms"), Finding::Kind::Step);
        QVERIFY(step);
        QCOMPARE(step->finding.index, 70);
        QCOMPARE(step->finding.phase, QStringLiteral("rendering_time_ms"));
        QCOMPARE(step->buildKey.size(), 16);
        QVERIFY(findItem(*batch, QStringLiteral("rendering_time_ms"), Finding::Kind::Step));
        QVERIFY(!findItem(*batch, QStringLiteral("discovery_time_ms"), Finding::Kind::Step));
    }

    void snapshotIsIndependentOfTheStore()
    {
        HistoryStore store;
        HistorySpec spec;
        spec.stepAt = 70;
        test::loadText(store, history(spec));
        const auto snapshot = snapshotForDetection(store);
        QVERIFY(snapshot);
        store.clear(); // the worker must not read the store
        const RegressionBatch batch = runDetection(*snapshot);
        QVERIFY(findItem(batch, QStringLiteral("build_time_ms"), Finding::Kind::Step));
    }

    void modelShowsFindingsAndKeepsTriageInTheStore()
    {
        QTemporaryDir dir;
        HistoryStore store;
        HistorySpec spec;
        spec.stepAt = 70;
        spec.spikeAt = 40;
        test::loadText(store, history(spec));
        const auto batch = detect(store);
        QVERIFY(batch && batch->items.size() >= 3);
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));

        Database database(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(database.open());
        {
            RegressionModel model;
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setDatabase(&database);
            model.setHistoryPath(path);
            QSignalSpy counts(&model, &RegressionModel::newCountChanged);
            model.setBatch(batch);
            QCOMPARE(model.rowCount(), int(batch->items.size()));
            QCOMPARE(model.columnCount(), int(RegressionModel::ColumnCount));
            QCOMPARE(model.newCount(), model.rowCount());
            QCOMPARE(counts.size(), 1);
            const int row = model.rowOfKey(
                findItem(*batch, QStringLiteral("build_time_ms"), Finding::Kind::Step)->key());
            QVERIFY(row >= 0);
            QCOMPARE(model.index(row, RegressionModel::KindColumn).data().toString(),
                     QStringLiteral("Step"));
            QVERIFY(model.index(row, RegressionModel::BuildColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("#71 · 2025-10-08 ")));
            QVERIFY2(model.index(row, RegressionModel::SizeColumn)
                         .data()
                         .toString()
                         .contains(QStringLiteral("(+2")),
                     qPrintable(model.index(row, RegressionModel::SizeColumn).data().toString()));
            QCOMPARE(model.index(row, RegressionModel::PhaseColumn).data().toString(),
                     QStringLiteral("Rendering"));
            QCOMPARE(model.index(row, RegressionModel::BuildColumn)
                         .data(RegressionModel::SortRole)
                         .toLongLong(),
                     70);
            QVERIFY(model.setState(row, TriageState::Ignored));
            QCOMPARE(model.newCount(), model.rowCount() - 1);
            QCOMPARE(model.index(row, RegressionModel::StateColumn).data().toString(),
                     TriageRepository::stateLabel(TriageState::Ignored));
            // The same batch again (a live append re-ran detection): the decision stays.
            model.setBatch(batch);
            QCOMPARE(model.state(row), TriageState::Ignored);
            QVERIFY(model.setState(0 == row ? 1 : 0, TriageState::Acknowledged));
            QCOMPARE(model.newCount(), model.rowCount() - 2);
        }
        // A new model (a restart) reads the decisions back; New removes the record.
        RegressionModel again;
        QAbstractItemModelTester tester(&again,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        again.setDatabase(&database);
        again.setHistoryPath(path);
        again.setBatch(batch);
        QCOMPARE(again.newCount(), again.rowCount() - 2);
        const int row = again.rowOfKey(
            findItem(*batch, QStringLiteral("build_time_ms"), Finding::Kind::Step)->key());
        QCOMPARE(again.state(row), TriageState::Ignored);
        QVERIFY(again.setState(row, TriageState::New));
        QCOMPARE(TriageRepository(database).all(path).size(), 1);
        // Another history's findings are not affected.
        RegressionModel other;
        other.setDatabase(&database);
        other.setHistoryPath(dir.filePath(QStringLiteral("other.jsonl")));
        other.setBatch(batch);
        QCOMPARE(other.newCount(), other.rowCount());
        other.clear();
        QCOMPARE(other.rowCount(), 0);
        QCOMPARE(other.newCount(), 0);
    }

    void confirmBaselineTakesComparableBuildsSinceTheIntendedChange()
    {
        HistoryStore store;
        QByteArray text;
        // Alternating full and incremental builds: values 1000+i (full) and 100+i (incremental).
        for (int i = 0; i < 40; ++i) {
            const bool incremental = i % 2 == 1;
            text += test::record(qPrintable(QStringLiteral("2025-10-05T%1:%2:00")
                                                .arg(9 + i / 60, 2, 10, QLatin1Char('0'))
                                                .arg(i % 60, 2, 10, QLatin1Char('0'))),
                                 QStringLiteral("\"build_time_ms\": %1, \"incremental\": %2, "
                                                "\"parallel\": true")
                                     .arg(incremental ? 100 + i : 1000 + i)
                                     .arg(incremental ? "true" : "false")
                                     .toUtf8()) +
                    '\n';
        }
        test::loadText(store, text);
        QCOMPARE(store.size(), 40);
        const ConfirmBaseline full = confirmBaseline(store, QStringLiteral("build_time_ms"), 30, 5);
        QCOMPARE(full.values, (std::vector<double>{1028, 1026, 1024, 1022, 1020}));
        const ConfirmBaseline incremental =
            confirmBaseline(store, QStringLiteral("build_time_ms"), 31, 3);
        QCOMPARE(incremental.values, (std::vector<double>{129, 127, 125}));
        const ConfirmBaseline since =
            confirmBaseline(store, QStringLiteral("build_time_ms"), 30, 20, 24);
        QCOMPARE(since.values, (std::vector<double>{1028, 1026, 1024}));
        QVERIFY(confirmBaseline(store, QStringLiteral("nope"), 30).values.empty());
        // With the grouping turned off (Group by: None), every build before it counts.
        const ConfirmBaseline all =
            confirmBaseline(store, QStringLiteral("build_time_ms"), 30, 3, -1, BuildGrouping::None);
        QCOMPARE(all.values, (std::vector<double>{129, 1028, 127}));
        QCOMPARE(confirmBaseline(store, QStringLiteral("build_time_ms"), 30, 3, -1,
                                 BuildGrouping::Parallel)
                     .values,
                 all.values); // all parallel: one group
        QCOMPARE(confirmBaseline(store, QStringLiteral("build_time_ms"), 30, 3, -1,
                                 BuildGrouping::Incremental)
                     .values,
                 (std::vector<double>{1028, 1026, 1024}));
    }

    void confirmRunValuePicksTheMetric()
    {
        RunRecord run;
        run.exitCode = 0;
        run.wallMs = 1234;
        run.peakRssMb = 88;
        run.phases = {{QStringLiteral("rendering"), 10, 700, 0},
                      {QStringLiteral("discovery"), 0, 10, 0}};
        QCOMPARE(confirmRunValue(run, QStringLiteral("build_time_ms")), 1234.0);
        QCOMPARE(confirmRunValue(run, QStringLiteral("rendering_time_ms")), 700.0);
        QCOMPARE(confirmRunValue(run, QStringLiteral("memory_rss_mb")), 88.0);
        QVERIFY(std::isnan(confirmRunValue(run, QStringLiteral("assets_time_ms"))));
        QVERIFY(canConfirmMetric(QStringLiteral("rendering_time_ms")));
        QVERIFY(!canConfirmMetric(QStringLiteral("total_pages")));
        run.exitCode = 1;
        QVERIFY(std::isnan(confirmRunValue(run, QStringLiteral("build_time_ms"))));
    }

    void verdictNeedsSignificanceAndEffect()
    {
        const std::vector<double> baseline{100, 101, 99, 102, 98, 100.5, 99.5, 101.5};
        const std::vector<double> slower{120, 121, 119, 122, 118};
        ConfirmVerdict v = judgeConfirmRuns(baseline, slower);
        QCOMPARE(v.state, ConfirmVerdict::State::Slower);
        QVERIFY(v.exact);
        QVERIFY(v.pSlower < 0.001);
        QCOMPARE(v.runMedian, 120.0);
        QCOMPARE(v.baselineMedian, 100.25);
        QVERIFY(qAbs(v.changePct - 19.70) < 0.01);
        QVERIFY(ConfirmText::describe(v, QStringLiteral("build_time_ms"))
                    .startsWith(QStringLiteral("Confirmed")));
        // Significant but below the 5% effect: not a regression worth filing.
        const std::vector<double> slightly{103, 103.5, 104, 103.2, 103.8};
        v = judgeConfirmRuns(baseline, slightly);
        QVERIFY(v.pSlower < 0.01);
        QCOMPARE(v.state, ConfirmVerdict::State::NotSlower);
        // Same level: not confirmed.
        v = judgeConfirmRuns(baseline, std::vector<double>{100, 101, 99, 100.2, 99.8});
        QCOMPARE(v.state, ConfirmVerdict::State::NotSlower);
        QVERIFY(v.pSlower > 0.1);
        // Three against three can never be significant at 5%: the text says so.
        v = judgeConfirmRuns(std::vector<double>{1, 2, 3}, std::vector<double>{10, 11, 12});
        QCOMPARE(v.state, ConfirmVerdict::State::NotSlower);
        QVERIFY(qFuzzyCompare(v.smallestP, 0.05));
        QVERIFY(ConfirmText::describe(v, QStringLiteral("build_time_ms")).contains("smallest"));
        v = judgeConfirmRuns(baseline, std::vector<double>{120, 121});
        QCOMPARE(v.state, ConfirmVerdict::State::TooFew);
    }
};

QTEST_GUILESS_MAIN(TestRegressionModel)
#include "tst_regression_model.moc"
