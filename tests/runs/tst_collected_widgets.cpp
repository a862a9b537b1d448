// Collected runs in the window, offscreen: the tree peak RSS column and memory series, failed
// runs as chart markers, and the detail dock's RSS-over-time chart with its phase bands. Uses
// the realistic sample in tests/data/collected/ (made by `bengal-perf run`).
#include "AppPalette.h"
#include "BuildTablePanel.h"
#include "MainWindow.h"
#include "RunsTestData.h"
#include "charts/RunRssChart.h"
#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "detail/CollectedRunPanel.h"
#include "history/HistorySession.h"
#include "models/BuildFilterProxy.h"
#include "models/BuildTableModel.h"
#include "runs/RunsSession.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTableView>
#include <QTest>
#include <cmath>

using namespace bengal;

namespace {

const QString kSample = QStringLiteral(BENGAL_TEST_DATA "/collected");

// Opens the sample (copied, so the test can append to it) and waits for the join.
bool openSample(MainWindow& window, const QString& dir)
{
    for (const char* name : {"history.jsonl", "collector.jsonl"}) {
        const QString target = dir + QLatin1Char('/') + QLatin1String(name);
        QFile::remove(target);
        if (!QFile::copy(kSample + QLatin1Char('/') + QLatin1String(name), target))
            return false;
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
    QSignalSpy loaded(window.session(), &HistorySession::loadFinished);
    if (!window.openPath(dir + QStringLiteral("/history.jsonl")) || !loaded.wait(10000))
        return false;
    return QTest::qWaitFor(
        [&] {
            return window.runs()->store().size() > 0 && window.runs()->waitingCount() == 0 &&
                   window.runs()->joinedCount() > 0;
        },
        10000);
}

int failureMarkers(const TrendChart* chart)
{
    int n = 0;
    for (const ChartMarker& m : chart->markerLayer(QStringLiteral("failed-runs")))
        n += m.kind == ChartMarker::Kind::Failure ? 1 : 0;
    return n;
}

} // namespace

class TestCollectedWidgets : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void treePeakColumnAndSeries()
    {
        MainWindow window(nullptr);
        window.resize(1400, 900);
        window.show();
        QVERIFY(openSample(window, m_dir.path()));
        const HistoryStore& store = window.session()->store();
        const RunsSession& runs = *window.runs();

        // The table column: the joined run's peak for collected builds, empty for the others.
        auto* model = qobject_cast<BuildTableModel*>(window.buildTable()->proxy()->sourceModel());
        QVERIFY(model);
        const int column = model->columnOfMetric(RunsSession::treePeakMetric());
        QVERIFY(column >= 0);
        QCOMPARE(model->headerData(column, Qt::Horizontal).toString(),
                 QStringLiteral("Tree peak RSS"));
        int collected = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const CollectedRun* run = runs.runForRow(row);
            const QString text = model->index(row, column).data().toString();
            if (run) {
                ++collected;
                QCOMPARE(model->sortKey(row, column), run->peakRssMb);
                QVERIFY2(text.endsWith(QStringLiteral(" MiB")), qPrintable(text));
            } else {
                QCOMPARE(text, QString());
            }
        }
        QCOMPARE(collected, int(runs.joinedCount()));
        QVERIFY(collected >= 3);

        // The memory chart's series: one point per collected build, next to Bengal's memory.
        TrendChart* memory = window.memoryChart();
        memory->redrawNow();
        bool found = false;
        for (const SeriesSpec& spec : memory->series())
            found = found || (spec.metric == RunsSession::treePeakMetric() &&
                              spec.label == QStringLiteral("Tree peak RSS"));
        QVERIFY(found);
        const QList<QPointF> points = memory->seriesPoints(RunsSession::treePeakMetric());
        qsizetype finite = 0;
        for (const QPointF& p : points)
            finite += std::isfinite(p.y()) ? 1 : 0;
        QCOMPARE(finite, qsizetype(collected));
        QVERIFY(store.size() > collected); // the history has builds that were not collected
    }

    void failedRunsAreMarkers()
    {
        MainWindow window(nullptr);
        window.resize(1400, 900);
        window.show();
        QVERIFY(openSample(window, m_dir.path()));
        const qsizetype failed = qsizetype(window.runs()->failedRuns().size());
        QCOMPARE(failed, 1);
        for (TrendChart* chart : {window.phaseChart(), window.memoryChart()}) {
            chart->redrawNow();
            QCOMPARE(failureMarkers(chart), int(failed));
            QCOMPARE(chart->visibleMarkerCount(), int(failed));
        }
        // Not a build: the failed run is in no series and no statistic.
        const HistoryStore& store = window.session()->store();
        const CollectedRun& run = window.runs()->store().run(window.runs()->failedRuns()[0]);
        for (qsizetype row = 0; row < store.size(); ++row)
            QVERIFY(store.timestampUs(row) != run.startUs);

        // Build-index mode places it between two builds, still visible.
        ChartOptions options = window.phaseChart()->options();
        options.xMode = ChartXMode::BuildIndex;
        window.phaseChart()->setOptions(options);
        window.phaseChart()->redrawNow();
        QCOMPARE(window.phaseChart()->visibleMarkerCount(), int(failed));
        const double x = window.phaseChart()->columns().xOfRow(0);
        QVERIFY(std::isfinite(x));

        // A second failed run appended live gets its marker; other kinds of marker stay.
        ChartMarker note;
        note.kind = ChartMarker::Kind::Note;
        note.row = 0;
        note.label = QStringLiteral("note");
        window.memoryChart()->setMarkers(window.memoryChart()->markers() << note);
        const QString collector = m_dir.filePath(QStringLiteral("collector.jsonl"));
        const QString start =
            formatTimestampBengal(store.timestampUs(store.size() - 1) + 60'000'000);
        QVERIFY(test::appendTo(
            collector, test::collectorLine(start.toUtf8().constData(), nullptr, "null", "9", 44)));
        QTRY_COMPARE_WITH_TIMEOUT(failureMarkers(window.memoryChart()), 2, 5000);
        window.memoryChart()->redrawNow();
        QCOMPARE(window.memoryChart()->markers().size(), 1); // the note stays
        // After the last build: the range widens so it is in sight.
        QCOMPARE(window.memoryChart()->visibleMarkerCount(), 3);
    }

    void detailShowsTheRunsMemoryOverTime()
    {
        MainWindow window(nullptr);
        window.resize(1400, 900);
        window.show();
        QVERIFY(openSample(window, m_dir.path()));
        const RunsSession& runs = *window.runs();
        BuildDetailView* detail = window.detailView();
        CollectedRunPanel* panel = detail->collectedRunPanel();
        int checked = 0;
        for (qsizetype row = 0; row < window.session()->store().size(); ++row) {
            detail->showBuild(int(row));
            const CollectedRun* run = runs.runForRow(row);
            QCOMPARE(panel->isVisibleTo(detail), run != nullptr);
            if (!run)
                continue;
            ++checked;
            const RunRssChart* chart = panel->rssChart();
            QCOMPARE(chart->pointCount(), qsizetype(run->rssSamplesMb.size()));
            QCOMPARE(chart->bandCount(), qsizetype(run->phases.size()));
            QStringList names;
            for (const CollectedPhase& phase : run->phases)
                names << phase.name;
            QCOMPARE(chart->bandLabels(), names);
            const QStringList figures = panel->figureTexts();
            QVERIFY(figures.contains(
                QStringLiteral("Host: %1 (%2 CPUs)").arg(run->host).arg(run->cpus)));
            QVERIFY2(figures.filter(QStringLiteral("Tree peak RSS: ")).size() == 1,
                     qPrintable(figures.join(QLatin1Char('\n'))));
        }
        QCOMPARE(checked, int(runs.joinedCount()));
    }

    void screenshots()
    {
        // The window with the sample in both palettes, for looking at (docs/screenshots).
        const QString dir = qEnvironmentVariable("BENGAL_TEST_BIN_DIR", QDir::tempPath()) +
                            QStringLiteral("/screenshots");
        QDir().mkpath(dir);
        for (const QString& palette : {QStringLiteral("light"), QStringLiteral("dark")}) {
            QVERIFY(applyPalette(*qApp, palette));
            MainWindow window(nullptr);
            window.resize(1500, 950);
            window.show();
            QVERIFY(openSample(window, m_dir.path()));
            // The newest collected build, in detail.
            qsizetype row = window.session()->store().size() - 1;
            while (row > 0 && !window.runs()->runForRow(row))
                --row;
            window.detailView()->showBuild(int(row));
            // The sample's builds are seconds apart: by index they are readable.
            for (QAction* action : window.findChildren<QAction*>()) {
                if (action->text() == QStringLiteral("X Axis by Build &Index"))
                    action->trigger();
            }
            QVERIFY(window.phaseChart()->options().xMode == ChartXMode::BuildIndex);
            window.phaseChart()->setSelectedBuild(int(row));
            window.memoryChart()->setSelectedBuild(int(row));
            // The table scrolled to the Tree peak RSS column.
            QTableView* view = window.buildTable()->view();
            auto* model =
                qobject_cast<BuildTableModel*>(window.buildTable()->proxy()->sourceModel());
            const int column = model->columnOfMetric(RunsSession::treePeakMetric());
            view->scrollTo(view->model()->index(0, column), QAbstractItemView::PositionAtCenter);
            QTest::qWait(600); // coalesced redraws, then the plots line up
            window.phaseChart()->redrawNow();
            window.memoryChart()->redrawNow();
            QTest::qWait(50);
            QVERIFY(
                window.grab().save(dir + QStringLiteral("/collected-window-%1.png").arg(palette)));
            QDockWidget* dock = window.findChild<QDockWidget*>(QStringLiteral("detailDock"));
            QVERIFY(dock);
            QVERIFY(window.detailView()->collectedRunPanel()->grab().save(
                dir + QStringLiteral("/collected-run-%1.png").arg(palette)));
            QVERIFY(window.memoryChart()->grab().save(
                dir + QStringLiteral("/collected-memory-%1.png").arg(palette)));
        }
    }
};

QTEST_MAIN(TestCollectedWidgets)
#include "tst_collected_widgets.moc"
