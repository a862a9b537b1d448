// Regressions in the real window, offscreen: markers at a known step, triage across a reload
// (temporary store), the badge, the notification for a flagged live build, and "confirm" with
// the fake bengal. BENGAL_SCREENSHOT_DIR=folder also saves light and dark screenshots.
#include "AppPalette.h"
#include "BuildTablePanel.h"
#include "MainWindow.h"
#include "RegressionWindowSupport.h"
#include "charts/TrendChart.h"
#include "history/HistorySession.h"
#include "regressions/ConfirmDialog.h"
#include "regressions/RegressionMarkers.h"
#include "regressions/RegressionModel.h"
#include "regressions/RegressionNotifier.h"
#include "regressions/RegressionScanner.h"
#include "regressions/RegressionsController.h"
#include "regressions/RegressionsPanel.h"
#include "store/Database.h"

#include <QSet>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QDockWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;
using namespace regressiontest;

namespace {

const QString kBuildTime = QStringLiteral("build_time_ms");

void selectInPanel(RegressionsPanel* panel, int modelRow)
{
    panel->selectRow(modelRow);
    panel->view()->setFocus();
}

int badgeCount(const MainWindow& window)
{
    QPushButton* badge = window.regressions()->badge();
    return badge->isVisibleTo(const_cast<MainWindow*>(&window))
               ? badge->text().section(' ', 1, 1).toInt()
               : 0;
}

} // namespace

class TestRegressionsWindow : public QObject
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

    void markersAppearAtAKnownStep()
    {
        HistorySpec spec;
        spec.stepAt = 70;
        const QString path = writeHistory(QStringLiteral("step.jsonl"), spec);
        MainWindow window(nullptr);
        window.resize(1200, 800);
        window.show();
        QVERIFY(openAndDetect(window, path));
        RegressionModel* model = window.regressions()->model();
        const int step = rowOf(*model, kBuildTime, Finding::Kind::Step);
        QVERIFY(step >= 0);
        QCOMPARE(model->item(step).finding.index, 70);

        const QList<ChartMarker> markers =
            window.phaseChart()->markerLayer(QLatin1String(kRegressionMarkerLayer));
        // One marker per build, its tooltip one line per finding: together, every finding (no
        // memory findings in this history).
        QSet<qsizetype> rows;
        qsizetype findings = 0;
        const QStringList tips = regressionMarkers(*model, window.session()->store()).phaseTooltips;
        QCOMPARE(tips.size(), markers.size());
        for (qsizetype i = 0; i < markers.size(); ++i) {
            rows.insert(markers[i].row);
            findings += tips[i].count(QLatin1Char('\n')) + 1;
            if (tips[i].contains(QLatin1Char('\n')))
                QVERIFY2(markers[i].label.contains(QStringLiteral("more)")),
                         qPrintable(markers[i].label));
        }
        QCOMPARE(rows.size(), markers.size());
        QCOMPARE(findings, qsizetype(model->rowCount()));
        QVERIFY(window.memoryChart()->markerLayer(QLatin1String(kRegressionMarkerLayer)).isEmpty());
        const auto at70 = std::find_if(markers.begin(), markers.end(), [](const ChartMarker& m) {
            return m.row == 70 && m.label.contains(QStringLiteral("Build time"));
        });
        QVERIFY(at70 != markers.end());
        QVERIFY2(at70->label.startsWith(QStringLiteral("▲")), qPrintable(at70->label));
        const QString tooltip = regressionMarkers(*model, window.session()->store())
                                    .phaseTooltips.at(at70 - markers.begin());
        QVERIFY2(tooltip.contains(QStringLiteral("phase: Rendering")), qPrintable(tooltip));
        QVERIFY(tooltip.contains(QStringLiteral("Step in Build time")));
        window.phaseChart()->redrawNow();
        QCOMPARE(window.phaseChart()->visibleMarkerCount(), markers.size());

        // Hovering the step's build shows what the marker says in the chart's tooltip.
        QChartView* view = window.phaseChart()->chartView();
        const QPoint at = window.phaseChart()->viewportPositionOf(70, kBuildTime);
        // A plain move event: QTest::mouseMove does not reach the viewport offscreen.
        QMouseEvent move(QEvent::MouseMove, QPointF(at), view->viewport()->mapToGlobal(QPointF(at)),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &move);
        QTRY_VERIFY(
            window.phaseChart()->tooltipText().contains(QStringLiteral("phase: Rendering")));

        // Enter on the finding selects its build on the charts and in the table.
        window.regressionsDock()->show();
        window.regressionsDock()->raise();
        selectInPanel(window.regressions()->panel(), step);
        QTest::keyClick(window.regressions()->panel()->view(), Qt::Key_Return);
        QCOMPARE(window.phaseChart()->selectedBuild(), 70);
        QCOMPARE(window.memoryChart()->selectedBuild(), 70);
        QCOMPARE(window.buildTable()->selectedStoreRow(), 70);
    }

    void triagePersistsAcrossAReloadAndCountsOnTheBadge()
    {
        HistorySpec spec;
        spec.stepAt = 70;
        spec.spikeAt = 30;
        const QString path = writeHistory(QStringLiteral("triage.jsonl"), spec);
        Database database(m_dir.filePath(QStringLiteral("triage.sqlite")));
        QVERIFY(database.open());
        int total = 0;
        {
            MainWindow window(&database);
            window.show();
            QVERIFY(openAndDetect(window, path));
            RegressionModel* model = window.regressions()->model();
            total = model->rowCount();
            QVERIFY(total >= 3);
            QCOMPARE(badgeCount(window), total);
            QVERIFY(window.regressions()->badge()->text().contains(QStringLiteral("new")));

            window.regressionsDock()->show();
            window.regressionsDock()->raise();
            RegressionsPanel* panel = window.regressions()->panel();
            const int step = rowOf(*model, kBuildTime, Finding::Kind::Step);
            selectInPanel(panel, step);
            QTest::keyClick(panel->view(), Qt::Key_I); // ignore
            QCOMPARE(model->state(step), TriageState::Ignored);
            QCOMPARE(badgeCount(window), total - 1);
            // Ignored: out of the list (unless asked for) and off the chart.
            QCOMPARE(panel->proxy()->rowCount(), total - 1);
            const auto markers =
                window.phaseChart()->markerLayer(QLatin1String(kRegressionMarkerLayer));
            QVERIFY(std::none_of(markers.begin(), markers.end(), [](const ChartMarker& m) {
                return m.row == 70 && m.label.contains(QStringLiteral("Build time"));
            }));
            panel->setShowIgnored(true);
            QCOMPARE(panel->proxy()->rowCount(), total);

            const int alert = rowOf(*model, kBuildTime, Finding::Kind::Alert);
            QVERIFY(alert >= 0);
            QCOMPARE(model->item(alert).finding.index, 30);
            selectInPanel(panel, alert);
            panel->triageAction(TriageState::Acknowledged)->trigger();
            QCOMPARE(model->state(alert), TriageState::Acknowledged);
            QCOMPARE(badgeCount(window), total - 2);

            // "Mark intended change" on a step: expected, and a new baseline in the store.
            const int renderingStep =
                rowOf(*model, QStringLiteral("rendering_time_ms"), Finding::Kind::Step);
            QVERIFY(renderingStep >= 0);
            selectInPanel(panel, renderingStep);
            QVERIFY(panel->intendedAction()->isEnabled());
            panel->intendedAction()->trigger();
            QCOMPARE(model->state(renderingStep), TriageState::Expected);
            QCOMPARE(badgeCount(window), total - 3);
            const auto request = window.regressions()->confirmRequest(renderingStep);
            QVERIFY(request.baseline.empty()); // nothing before the mark: it starts the baseline
            QVERIFY(!window.regressions()->confirmRequest(alert).baseline.empty());

            // Clicking the badge opens the panel.
            window.regressionsDock()->hide();
            window.regressions()->badge()->click();
            QVERIFY(window.regressionsDock()->isVisible());
        }
        // A new window (a restart) on the same store: the decisions are back.
        MainWindow window(&database);
        window.show();
        QVERIFY(openAndDetect(window, path));
        RegressionModel* model = window.regressions()->model();
        QCOMPARE(model->rowCount(), total);
        QCOMPARE(model->state(rowOf(*model, kBuildTime, Finding::Kind::Step)),
                 TriageState::Ignored);
        QCOMPARE(model->state(rowOf(*model, kBuildTime, Finding::Kind::Alert)),
                 TriageState::Acknowledged);
        QCOMPARE(
            model->state(rowOf(*model, QStringLiteral("rendering_time_ms"), Finding::Kind::Step)),
            TriageState::Expected);
        QCOMPARE(badgeCount(window), total - 3);
    }

    void flaggedLiveAppendNotifies()
    {
        HistorySpec spec;
        spec.builds = 100;
        const QString path = writeHistory(QStringLiteral("live.jsonl"), spec);
        MainWindow window(nullptr);
        window.show();
        QSignalSpy notified(window.regressions()->notifier(), &RegressionNotifier::notified);
        QVERIFY(openAndDetect(window, path));
        QCOMPARE(window.regressions()->model()->rowCount(), 0);
        QCOMPARE(notified.size(), 0);

        // An ordinary build: detection runs again, nothing to say.
        QSignalSpy findings(window.regressions()->scanner(), &RegressionScanner::findingsReady);
        HistorySpec more = spec;
        more.firstIndex = 100;
        more.builds = 1;
        QVERIFY(writeFile(path, history(more), true));
        QVERIFY(findings.wait(10000));
        QCOMPARE(window.session()->store().size(), 101);
        QCOMPARE(notified.size(), 0);

        // A build whose rendering takes three times as long.
        more.firstIndex = 101;
        more.spikeAt = 101;
        QVERIFY(writeFile(path, history(more), true));
        QVERIFY(notified.wait(10000));
        QCOMPARE(notified.size(), 1);
        const QString title = notified.first().at(0).toString();
        const QString message = notified.first().at(1).toString();
        QVERIFY2(title.contains(QStringLiteral("Build time")) &&
                     title.contains(QStringLiteral("#102")),
                 qPrintable(title));
        QVERIFY2(message.contains(QStringLiteral("phase: Rendering")), qPrintable(message));
        QCOMPARE(notified.first().at(2).toBool(), false); // offscreen: no tray
        NotificationBar* bar = window.regressions()->notificationBar();
        QVERIFY(bar->isVisible());
        QVERIFY(bar->text().contains(QStringLiteral("phase: Rendering")));
        QVERIFY(badgeCount(window) >= 1);

        // The same findings on the next run are not news again.
        more.firstIndex = 102;
        more.spikeAt = -1;
        QVERIFY(writeFile(path, history(more), true));
        QVERIFY(findings.wait(10000));
        QTRY_COMPARE(window.session()->store().size(), 103);
        QTest::qWait(200);
        QCOMPARE(notified.size(), 1);
    }

    void confirmRerunsTheBuildWithTheFakeBengal_data()
    {
        QTest::addColumn<QString>("phaseMs");
        QTest::addColumn<bool>("slower");
        // Baseline builds take ~500 ms; 8 phases of 80 ms are slower, of 5 ms faster.
        QTest::newRow("slower") << QStringLiteral("80") << true;
        QTest::newRow("faster") << QStringLiteral("5") << false;
    }

    void confirmRerunsTheBuildWithTheFakeBengal()
    {
        QFETCH(QString, phaseMs);
        QFETCH(bool, slower);
        const QString site = m_dir.filePath(QStringLiteral("site-") + phaseMs);
        QVERIFY(QDir().mkpath(site + QStringLiteral("/.bengal/metrics")));
        const QString path = site + QStringLiteral("/.bengal/metrics/history.jsonl");
        HistorySpec spec;
        spec.builds = 60;
        spec.stepAt = 40;
        spec.renderingMs = 200;
        QVERIFY(writeFile(path, history(spec)));
        QCOMPARE(ConfirmDialog::siteFolderOf(path), QDir(site).absolutePath());

        MainWindow window(nullptr);
        window.show();
        QVERIFY(openAndDetect(window, path));
        const int step = rowOf(*window.regressions()->model(), kBuildTime, Finding::Kind::Step);
        QVERIFY(step >= 0);
        const ConfirmDialog::Request request = window.regressions()->confirmRequest(step);
        QCOMPARE(request.metric, kBuildTime);
        QCOMPARE(request.baseline.size(), std::size_t(20));

        ConfirmDialog dialog(request, &window);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FAKE_BENGAL_PHASE_MS"), phaseMs);
        dialog.setEnvironment(environment);
        dialog.setCommand(QStringLiteral("\"%1\" build --profile theme-dev")
                              .arg(QStringLiteral(FAKE_BENGAL_EXE)));
        dialog.setRuns(4);
        dialog.setWarmups(1);
        dialog.show();
        QSignalSpy verdict(&dialog, &ConfirmDialog::verdictReady);
        dialog.start();
        QVERIFY(dialog.isRunning());
        QVERIFY(verdict.wait(60000));
        QVERIFY(dialog.verdict());
        QCOMPARE(dialog.runValues().size(), std::size_t(4));
        const ConfirmVerdict v = *dialog.verdict();
        QCOMPARE(v.state == ConfirmVerdict::State::Slower, slower);
        QVERIFY2(dialog.resultText().contains(QStringLiteral("p = ")),
                 qPrintable(dialog.resultText()));
        if (slower) {
            QVERIFY(v.runMedian > 640);
            QVERIFY(v.pSlower < 0.01); // 4 runs above all 20 builds: p ~ 0.001 (normal approx.)
        } else {
            QVERIFY(v.runMedian < v.baselineMedian);
        }
        if (const QString folder = qEnvironmentVariable("BENGAL_SCREENSHOT_DIR");
            !folder.isEmpty() && slower)
            QVERIFY(dialog.grab().save(folder + QStringLiteral("/regressions-confirm.png")));
        // The runs went through the collector: Bengal's theme-dev records landed in the
        // followed history (warm-up included), and collector.jsonl beside it.
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->store().size(), 65, 10000);
        QVERIFY(QFile::exists(site + QStringLiteral("/.bengal/metrics/collector.jsonl")));
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
            Database database(m_dir.filePath(QStringLiteral("screens-%1.sqlite").arg(palette)));
            QVERIFY(database.open());
            MainWindow window(&database);
            window.resize(1400, 900);
            window.show();
            QVERIFY(openAndDetect(window, path));
            RegressionModel* model = window.regressions()->model();
            model->setState(rowOf(*model, kBuildTime, Finding::Kind::Alert),
                            TriageState::Acknowledged);
            window.regressionsDock()->show();
            window.regressionsDock()->raise();
            window.regressions()->panel()->selectRow(
                rowOf(*model, kBuildTime, Finding::Kind::Step));
            window.regressions()->notificationBar()->showMessage(
                QStringLiteral("Build time regression in build #161"),
                QStringLiteral("Alert: 1.25 s → 3.26 s (+161%); phase: Rendering"));
            window.resizeDocks({window.regressionsDock()}, {230}, Qt::Vertical);
            QTest::qWait(300);
            window.phaseChart()->redrawNow();
            window.memoryChart()->redrawNow();
            QVERIFY(window.grab().save(folder +
                                       QStringLiteral("/regressions-window-%1.png").arg(palette)));
            QVERIFY(window.regressionsDock()->grab().save(
                folder + QStringLiteral("/regressions-panel-%1.png").arg(palette)));
        }
    }
};

QTEST_MAIN(TestRegressionsWindow)
#include "tst_regressions_window.moc"
