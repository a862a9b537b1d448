// What the window analyses, offscreen: "Mark Intended Change" restarts the baseline and runs
// detection again; the metrics menu and the grouping combo change the findings and are
// remembered per history. BENGAL_SCREENSHOT_DIR=folder also saves the metrics menu, light and dark.
#include "AppPalette.h"
#include "MainWindow.h"
#include "RegressionWindowSupport.h"
#include "charts/TrendChart.h"
#include "history/HistorySession.h"
#include "regressions/RegressionMarkers.h"
#include "regressions/RegressionModel.h"
#include "regressions/RegressionScanner.h"
#include "regressions/RegressionsController.h"
#include "regressions/RegressionsPanel.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using namespace bengal;
using namespace regressiontest;

namespace {

const QString kBuildTime = QStringLiteral("build_time_ms");
const QString kRendering = QStringLiteral("rendering_time_ms");

int countOf(const RegressionModel& model, const QString& metric)
{
    int n = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        n += model.item(row).finding.metric == metric;
    return n;
}

// Alerts at incremental builds (every 5th, i % 5 == 4) of any metric.
int alertsAtIncrementalBuilds(const RegressionModel& model)
{
    int n = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Finding& f = model.item(row).finding;
        n += f.kind == Finding::Kind::Alert && f.index % 5 == 4;
    }
    return n;
}

QAction* metricAction(RegressionsPanel* panel, const QString& metric)
{
    for (QAction* action : panel->metricsButton()->menu()->actions())
        if (action->isCheckable() && action->data().toString() == metric)
            return action;
    return nullptr;
}

} // namespace

class TestRegressionChoicesWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString writeHistory(const QString& name, const HistorySpec& spec)
    {
        return writeHistoryIn(m_dir, name, spec);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void markingIntendedRestartsTheBaseline()
    {
        // Rendering +30% from build 70 (a step), and build 85 another +30% on top. Against a
        // baseline that still reaches before 70, build 85 is "part of the step" and folded
        // into it. Once the step is marked as intended, 85 is judged against 70..84: an alert.
        HistorySpec spec;
        spec.stepAt = 70;
        spec.spikeAt = 85;
        spec.spikeFactor = 1.3;
        const QString path = writeHistory(QStringLiteral("intended.jsonl"), spec);
        Database database(m_dir.filePath(QStringLiteral("intended.sqlite")));
        QVERIFY(database.open());
        {
            MainWindow window(&database);
            window.show();
            QVERIFY(openAndDetect(window, path));
            RegressionModel* model = window.regressions()->model();
            const int step = rowOf(*model, kBuildTime, Finding::Kind::Step, 70);
            QVERIFY(step >= 0);
            QCOMPARE(rowOf(*model, kBuildTime, Finding::Kind::Alert, 85), -1);
            QCOMPARE(rowOf(*model, kRendering, Finding::Kind::Alert, 85), -1);
            const int runs = window.regressions()->scanner()->runCount();

            RegressionsPanel* panel = window.regressions()->panel();
            panel->selectRow(step);
            QSignalSpy findings(window.regressions()->scanner(), &RegressionScanner::findingsReady);
            panel->intendedAction()->trigger();
            QVERIFY(findings.wait(20000));
            QCOMPARE(window.regressions()->scanner()->runCount(), runs + 1);

            // The marked step is still listed, expected; the build after it is news now.
            const int marked = rowOf(*model, kBuildTime, Finding::Kind::Step, 70);
            QVERIFY(marked >= 0);
            QCOMPARE(model->state(marked), TriageState::Expected);
            const int alert = rowOf(*model, kBuildTime, Finding::Kind::Alert, 85);
            QVERIFY(alert >= 0);
            QCOMPARE(model->state(alert), TriageState::New);
            QVERIFY(model->item(alert).finding.before > 1400); // the new level, not ~1300 ms
            // Only build_time_ms was marked: rendering still folds 85 into its step.
            QCOMPARE(rowOf(*model, kRendering, Finding::Kind::Alert, 85), -1);
            QVERIFY(rowOf(*model, kRendering, Finding::Kind::Step, 70) >= 0);
            const auto markers =
                window.phaseChart()->markerLayer(QLatin1String(kRegressionMarkerLayer));
            QVERIFY(std::any_of(markers.begin(), markers.end(),
                                [](const ChartMarker& m) { return m.row == 85; }));
        }
        // A new window on the same store starts from the mark too.
        MainWindow window(&database);
        window.show();
        QVERIFY(openAndDetect(window, path));
        RegressionModel* model = window.regressions()->model();
        QVERIFY(rowOf(*model, kBuildTime, Finding::Kind::Alert, 85) >= 0);
        // On the marked step the action takes the mark back: 85 is part of the step again.
        RegressionsPanel* panel = window.regressions()->panel();
        panel->selectRow(rowOf(*model, kBuildTime, Finding::Kind::Step, 70));
        QVERIFY(panel->intendedAction()->text().startsWith(QStringLiteral("Unmark")));
        panel->selectRow(rowOf(*model, kRendering, Finding::Kind::Step, 70));
        QVERIFY(panel->intendedAction()->text().startsWith(QStringLiteral("Mark")));
        panel->selectRow(rowOf(*model, kBuildTime, Finding::Kind::Step, 70));
        QSignalSpy findings(window.regressions()->scanner(), &RegressionScanner::findingsReady);
        panel->intendedAction()->trigger();
        QVERIFY(findings.wait(20000));
        QCOMPARE(rowOf(*model, kBuildTime, Finding::Kind::Alert, 85), -1);
        QVERIFY(BaselinesRepository(database).intendedChanges(path).isEmpty());
        QVERIFY(panel->intendedAction()->text().startsWith(QStringLiteral("Mark")));
    }

    void groupingChangesFindingsAndIsRemembered()
    {
        // Every 5th build is incremental (15% of the time). Judged with its own kind, nothing
        // stands out; with all builds together each incremental build is an alert.
        HistorySpec spec;
        spec.incrementalEvery = 5;
        const QString path = writeHistory(QStringLiteral("mixed.jsonl"), spec);
        {
            MainWindow window(nullptr);
            window.show();
            QVERIFY(openAndDetect(window, path));
            RegressionsPanel* panel = window.regressions()->panel();
            RegressionModel* model = window.regressions()->model();
            QCOMPARE(panel->grouping(), BuildGrouping::Kind);
            QCOMPARE(alertsAtIncrementalBuilds(*model), 0);

            QComboBox* combo = panel->groupCombo();
            QCOMPARE(combo->count(), 4);
            QSignalSpy findings(window.regressions()->scanner(), &RegressionScanner::findingsReady);
            combo->setCurrentIndex(combo->findData(int(BuildGrouping::None)));
            emit combo->activated(combo->currentIndex()); // what a user's pick emits
            QVERIFY(findings.wait(20000));
            QCOMPARE(model->batch()->grouping, BuildGrouping::None);
            QVERIFY2(alertsAtIncrementalBuilds(*model) >= 10,
                     qPrintable(QString::number(alertsAtIncrementalBuilds(*model))));
        }
        // Remembered for this history (and only this one).
        {
            MainWindow window(nullptr);
            window.show();
            QVERIFY(openAndDetect(window, path));
            QCOMPARE(window.regressions()->panel()->grouping(), BuildGrouping::None);
            QVERIFY(alertsAtIncrementalBuilds(*window.regressions()->model()) >= 10);
            // Back to the default, by the controller's API this time.
            window.regressions()->setGrouping(BuildGrouping::Kind);
            QVERIFY(nextFindings(window));
            QCOMPARE(alertsAtIncrementalBuilds(*window.regressions()->model()), 0);
        }
        HistorySpec other;
        other.builds = 60;
        MainWindow window(nullptr);
        window.show();
        QVERIFY(openAndDetect(window, writeHistory(QStringLiteral("other.jsonl"), other)));
        QCOMPARE(window.regressions()->panel()->grouping(), BuildGrouping::Kind);
    }

    void uncheckedMetricLeavesPanelAndMarkers()
    {
        HistorySpec spec;
        spec.stepAt = 70;
        const QString path = writeHistory(QStringLiteral("metrics.jsonl"), spec);
        MainWindow window(nullptr);
        window.show();
        QVERIFY(openAndDetect(window, path));
        RegressionsPanel* panel = window.regressions()->panel();
        RegressionModel* model = window.regressions()->model();
        QVERIFY(countOf(*model, kRendering) > 0);
        // One marker per build (what the chart shows); its tooltip lists every finding there.
        auto renderingMarkers = [&window] {
            const QStringList tips =
                regressionMarkers(*window.regressions()->model(), window.session()->store())
                    .phaseTooltips;
            if (tips.size() !=
                window.phaseChart()->markerLayer(QLatin1String(kRegressionMarkerLayer)).size())
                return qsizetype(-1); // the chart is not showing what the model says
            return qsizetype(std::count_if(tips.begin(), tips.end(), [](const QString& tip) {
                return tip.contains(QStringLiteral("in Rendering"));
            }));
        };
        QVERIFY(renderingMarkers() > 0);
        // The defaults are ticked; counts (total_pages) are offered but not ticked.
        QAction* rendering = metricAction(panel, kRendering);
        QVERIFY(rendering && rendering->isChecked());
        QAction* pages = metricAction(panel, QStringLiteral("total_pages"));
        QVERIFY(pages && !pages->isChecked());
        const qsizetype before = panel->checkedMetrics().size();
        QVERIFY(panel->metricsButton()->text().contains(QString::number(before)));

        rendering->setChecked(false); // what a click in the menu does
        QVERIFY(nextFindings(window));
        QCOMPARE(countOf(*model, kRendering), 0);
        QVERIFY(!model->batch()->metrics.contains(kRendering));
        QCOMPARE(renderingMarkers(), 0);
        QVERIFY(countOf(*model, kBuildTime) > 0);
        QCOMPARE(panel->checkedMetrics().size(), before - 1);

        // Remembered: a new window on the file leaves rendering out too.
        {
            MainWindow again(nullptr);
            again.show();
            QVERIFY(openAndDetect(again, path));
            QCOMPARE(countOf(*again.regressions()->model(), kRendering), 0);
            QVERIFY(!metricAction(again.regressions()->panel(), kRendering)->isChecked());
        }
        // The last metric cannot be unticked: there is always something to analyse.
        for (QAction* action : panel->metricsButton()->menu()->actions())
            if (action->isCheckable() && action->isChecked() && action->data() != kBuildTime)
                action->setChecked(false);
        RegressionScanner* scanner = window.regressions()->scanner();
        // Clicks during a run are collected into one more run after it.
        QTRY_COMPARE_WITH_TIMEOUT(model->batch()->metrics, QStringList{kBuildTime}, 20000);
        QCOMPARE(panel->checkedMetrics(), QStringList{kBuildTime});
        QTest::qWait(50);
        const int runs = scanner->runCount();
        metricAction(panel, kBuildTime)->setChecked(false);
        QCOMPARE(panel->checkedMetrics(), QStringList{kBuildTime});
        QTest::qWait(50);
        QCOMPARE(scanner->runCount(), runs); // nothing changed, nothing to run
        // "Default Metrics" puts every default back in one run.
        QAction* reset =
            panel->metricsButton()->menu()->findChild<QAction*>(QStringLiteral("defaultMetrics"));
        QVERIFY(reset);
        reset->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->batch()->metrics.size(), before, 20000);
        QCOMPARE(scanner->runCount(), runs + 1);
        QCOMPARE(qsizetype(panel->checkedMetrics().size()), before);
        QVERIFY(countOf(*model, kRendering) > 0);
    }

    void screenshots()
    {
        const QString folder = qEnvironmentVariable("BENGAL_SCREENSHOT_DIR");
        if (folder.isEmpty())
            QSKIP("set BENGAL_SCREENSHOT_DIR to save screenshots");
        HistorySpec spec;
        spec.builds = 160;
        spec.stepAt = 90;
        spec.spikeAt = 50;
        const QString path = writeHistory(QStringLiteral("screens.jsonl"), spec);
        for (const QString& palette : {QStringLiteral("light"), QStringLiteral("dark")}) {
            applyPalette(*qApp, palette);
            MainWindow window(nullptr);
            window.resize(1400, 900);
            window.show();
            QVERIFY(openAndDetect(window, path));
            window.regressionsDock()->show();
            window.regressionsDock()->raise();
            window.resizeDocks({window.regressionsDock()}, {230}, Qt::Vertical);
            QTest::qWait(300);
            QMenu* menu = window.regressions()->panel()->metricsButton()->menu();
            menu->popup(QPoint(0, 0));
            QTest::qWait(200);
            QVERIFY(menu->grab().save(
                folder + QStringLiteral("/regressions-metrics-menu-%1.png").arg(palette)));
            menu->hide();
        }
    }
};

QTEST_MAIN(TestRegressionChoicesWindow)
#include "tst_regression_choices_window.moc"
