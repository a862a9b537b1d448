// The dashboard window end to end, offscreen: open, select, filter, problems, live appends.
#include "BuildTablePanel.h"
#include "MainWindow.h"
#include "ProblemsPanel.h"
#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "history/HistorySession.h"
#include "models/BuildFilterProxy.h"
#include "store/Database.h"
#include "store/NotesExchange.h"
#include "store/NotesRepository.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace bengal;

namespace {

bool waitLoaded(MainWindow& window)
{
    QSignalSpy loaded(window.session(), &HistorySession::loadFinished);
    return loaded.wait(10000);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensARealHistory()
    {
        MainWindow window(nullptr);
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openPath(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")));
        QVERIFY(waitLoaded(window));
        QCOMPARE(window.session()->store().size(), 38);
        QVERIFY2(window.statusText().contains(QLatin1String("38 builds")),
                 qPrintable(window.statusText()));
        QVERIFY(window.statusText().contains(QStringLiteral("0 rejected · 0 warnings")));
        QCOMPARE(window.buildTable()->proxy()->rowCount(), 38);
        window.phaseChart()->redrawNow();
        QCOMPARE(window.phaseChart()->seriesPoints(QStringLiteral("build_time_ms")).size(), 38);
    }

    void fitsALaptopScreen()
    {
        MainWindow window(nullptr);
        window.resize(1200, 700);
        window.show();
        QVERIFY(window.openPath(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")));
        QVERIFY(waitLoaded(window));
        QVERIFY(window.detailView()->isVisible()); // the tall panel, with a build in it
        // 1366x768 screens are common; the build detail alone is taller than that.
        QVERIFY2(window.minimumSizeHint().height() <= 700,
                 qPrintable(QString::number(window.minimumSizeHint().height())));
        QTRY_COMPARE(window.height(), 700);
    }

    void siteFolderErrorNamesThePaths()
    {
        // A folder without a history: openPath refuses and the window keeps what it had.
        MainWindow window(nullptr);
        QTimer::singleShot(0, [] {
            if (QWidget* box = QApplication::activeModalWidget())
                box->close();
        });
        QVERIFY(!window.openPath(m_dir.path()));
        QVERIFY(window.session()->filePath().isEmpty());
    }

    void chartSelectionMovesTheTable()
    {
        MainWindow window(nullptr);
        window.show();
        window.openPath(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"));
        QVERIFY(waitLoaded(window));
        emit window.phaseChart()->buildSelected(5);
        QCOMPARE(window.buildTable()->selectedStoreRow(), 5);
        QCOMPARE(window.memoryChart()->selectedBuild(), 5);
        // And the other way round: the table selects, the charts follow.
        window.buildTable()->selectStoreRow(9);
        QCOMPARE(window.phaseChart()->selectedBuild(), 9);
    }

    void problemsPanelListsRejectedLinesAsPlainText()
    {
        MainWindow window(nullptr);
        window.show();
        window.openPath(QStringLiteral(BENGAL_TEST_DATA "/edge-cases.jsonl"));
        QVERIFY(waitLoaded(window));
        QVERIFY(window.statusText().contains(QStringLiteral("9 rejected · 8 warnings")));
        QTableView* problems = window.problemsPanel()->view();
        QCOMPARE(problems->model()->rowCount(), 17);
        QCOMPARE(problems->model()->index(0, 0).data().toInt(), 5);
        QCOMPARE(problems->model()->index(0, 3).data().toString(),
                 QStringLiteral("duplicate of line 1"));
        // The last warning is line 21's build_time_ms "<b>x</b>": its raw line shows the markup.
        const int last = problems->model()->rowCount() - 1;
        problems->setCurrentIndex(problems->model()->index(last, 0));
        QVERIFY(window.problemsPanel()->rawLineText().contains(
            QLatin1String("\"platform\": \"<b>x</b>\"")));
    }

    // collector.jsonl beside the history has its own Problems tab: bad lines are listed with
    // their line numbers and raw text, not only counted.
    void collectorProblemsAreListed()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/collected/history.jsonl"),
                            dir.filePath(QStringLiteral("history.jsonl"))));
        QFile source(QStringLiteral(BENGAL_TEST_DATA "/collected/collector.jsonl"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray good = source.readLine();
        QFile collector(dir.filePath(QStringLiteral("collector.jsonl")));
        QVERIFY(collector.open(QIODevice::WriteOnly));
        collector.write(good);
        collector.write("{\"timestamp\": <b>not json</b>\n");
        collector.close();

        MainWindow window(nullptr);
        window.show();
        QVERIFY(window.openPath(dir.filePath(QStringLiteral("history.jsonl"))));
        QVERIFY(waitLoaded(window));
        ProblemsPanel* panel = window.collectorProblemsPanel();
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->view()->model());
        QTRY_COMPARE(panel->view()->model()->rowCount(), 1);
        QCOMPARE(panel->view()->model()->index(0, 0).data().toInt(), 2);
        QVERIFY(window.statusText().contains(QStringLiteral("1 in collector.jsonl")));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("problemTabs"));
        QVERIFY(tabs);
        QVERIFY(tabs->isTabVisible(1));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Collector runs (1)"));
        panel->view()->setCurrentIndex(panel->view()->model()->index(0, 0));
        QVERIFY(panel->rawLineText().contains(QLatin1String("<b>not json</b>")));
        // The history's own problems are separate (this history has none).
        QCOMPARE(window.problemsPanel()->view()->model()->rowCount(), 0);
    }

    void filtersApplyToTableAndCharts()
    {
        MainWindow window(nullptr);
        window.show();
        window.openPath(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"));
        QVERIFY(waitLoaded(window));
        BuildFilter incremental;
        incremental.kind = BuildFilter::Kind::Incremental;
        window.buildTable()->setBuildFilter(incremental);
        QCOMPARE(window.buildTable()->proxy()->rowCount(), 8);
        window.phaseChart()->setFilter(incremental);
        window.phaseChart()->redrawNow();
        QCOMPARE(window.phaseChart()->seriesPoints(QStringLiteral("build_time_ms")).size(), 8);
    }

    void liveAppendKeepsTheZoom()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.jsonl"));
        QFile::remove(path);
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow window(nullptr);
        window.show();
        window.openPath(path);
        QVERIFY(waitLoaded(window));
        TrendChart* chart = window.phaseChart();
        const auto full = chart->fullRange();
        chart->setVisibleRange(full.first, (full.first + full.second) / 2);
        const auto zoomed = chart->visibleRange();
        QSignalSpy appended(window.session(), &HistorySession::appended);
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"timestamp\": \"2025-10-17T09:00:00+00:00\", \"build_time_ms\": 4000.5, "
                   "\"rendering_time_ms\": 3000}\n");
        file.close();
        QVERIFY(appended.wait(5000));
        QCOMPARE(window.session()->store().size(), 39);
        QTRY_COMPARE(window.buildTable()->proxy()->rowCount(), 39);
        chart->redrawNow();
        QCOMPARE(chart->visibleRange(), zoomed);
        QVERIFY(chart->isZoomed());
        QVERIFY(window.statusText().contains(QLatin1String("39 builds")));
    }

    void notesTravelBesideTheHistory()
    {
        const QString history = m_dir.filePath(QStringLiteral("notes-history.jsonl"));
        QFile::remove(history);
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/root-history.jsonl"), history));
        Database database(m_dir.filePath(QStringLiteral("notes.sqlite")));
        QVERIFY(database.open());
        MainWindow window(&database);
        window.openPath(history);
        QVERIFY(waitLoaded(window));
        NotesRepository notes(database);
        const QString path = window.session()->filePath();
        QVERIFY(notes.set(path, {QByteArrayLiteral("00000000000000aa"),
                                 QStringLiteral("slow <b>x</b>"),
                                 {QStringLiteral("ci")},
                                 {}}));
        const auto trigger = [&window](const QString& text) {
            for (QAction* action : window.findChildren<QAction*>()) {
                if (action->text() == text) {
                    action->trigger();
                    return true;
                }
            }
            return false;
        };
        QVERIFY(trigger(QStringLiteral("Export &Notes Beside the History")));
        QVERIFY(QFile::exists(NotesExchange::defaultFilePath(path)));
        QVERIFY(notes.remove(path, QByteArrayLiteral("00000000000000aa")));
        QVERIFY(trigger(QStringLiteral("&Import Notes From Beside the History")));
        const auto back = notes.get(path, QByteArrayLiteral("00000000000000aa"));
        QVERIFY(back.has_value());
        QCOMPARE(back->text, QStringLiteral("slow <b>x</b>"));
    }

    void copyChartImageShortcut()
    {
        // Ctrl+Shift+C puts the chart with the focus on the clipboard, as it is on screen;
        // Ctrl+E is the export dialog's action.
        MainWindow window(nullptr);
        window.resize(1200, 800);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openPath(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")));
        QVERIFY(waitLoaded(window));
        bool exportAction = false;
        for (const QAction* action : window.findChildren<QAction*>())
            exportAction |= action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E);
        QVERIFY(exportAction);
        for (TrendChart* chart : {window.memoryChart(), window.phaseChart()}) {
            QApplication::clipboard()->clear();
            auto* view = chart->findChild<QGraphicsView*>(); // what a click gives the focus
            QVERIFY(view);
            view->setFocus();
            QTRY_VERIFY(view->hasFocus());
            QTest::keyClick(chart, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
            const QImage image = QApplication::clipboard()->image();
            QCOMPARE(image.size(), chart->size() * chart->devicePixelRatioF());
            const QRgb corner = image.pixel(0, 0);
            int drawn = 0;
            for (int y = 0; y < image.height(); y += 4) {
                for (int x = 0; x < image.width(); x += 4)
                    drawn += image.pixel(x, y) != corner;
            }
            QVERIFY2(drawn > 500, qPrintable(QString::number(drawn)));
            // That chart, not the other one: its own picture is (nearly) the same.
            TrendChart* other =
                chart == window.phaseChart() ? window.memoryChart() : window.phaseChart();
            const auto differing = [&image](TrendChart* c) {
                const QImage picture =
                    c->toImage(c->size(), c->devicePixelRatioF()).convertToFormat(image.format());
                if (picture.size() != image.size())
                    return qsizetype(image.width()) * image.height();
                qsizetype n = 0;
                for (int y = 0; y < image.height(); y += 2) {
                    for (int x = 0; x < image.width(); x += 2)
                        n += picture.pixel(x, y) != image.pixel(x, y);
                }
                return n;
            };
            const qsizetype own = differing(chart), others = differing(other);
            QVERIFY2(own * 10 < others, qPrintable(QStringLiteral("%1 %2").arg(own).arg(others)));
        }
    }

    void demoIsLabelled()
    {
        MainWindow window(nullptr);
        window.show();
        window.openDemo();
        QVERIFY(waitLoaded(window));
        QVERIFY(window.session()->store().size() > 100);
        QVERIFY(window.windowTitle().contains(QLatin1String("Demo")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
