// The window end to end, offscreen: selecting builds in the chart and the table, setting A and
// B with the hot keys (and the table's context menu), comparing against the rolling median,
// and saved views kept in the local store.
#include "BuildTablePanel.h"
#include "FilterBar.h"
#include "MainWindow.h"
#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "detail/CompareView.h"
#include "detail/ComparisonModel.h"
#include "history/HistorySession.h"
#include "store/Database.h"
#include "store/SavedViewsRepository.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

namespace {

const QString kShowcase = QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl");

bool waitLoaded(MainWindow& window)
{
    QSignalSpy loaded(window.session(), &HistorySession::loadFinished);
    return loaded.wait(10000);
}

void hotKey(MainWindow& window, Qt::Key key)
{
    QTest::keyClick(&window, key, Qt::ControlModifier | Qt::ShiftModifier);
}

} // namespace

class TestMainWindowCompare : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void hotKeysSetAAndBFromTheChartAndTheTable()
    {
        MainWindow window(nullptr);
        window.resize(1400, 900);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openPath(kShowcase));
        QVERIFY(waitLoaded(window));
        CompareView* compare = window.compareView();
        QVERIFY(compare->builds().isEmpty());

        // A build clicked in the chart becomes A.
        emit window.phaseChart()->buildSelected(23);
        QCOMPARE(window.detailView()->currentRow(), 23);
        hotKey(window, Qt::Key_A);
        QCOMPARE(compare->builds(), QList<int>{23});
        // A build selected in the table is added as B, then C and D from the chart.
        window.buildTable()->selectStoreRow(24);
        QCOMPARE(window.detailView()->currentRow(), 24);
        hotKey(window, Qt::Key_B);
        QCOMPARE(compare->builds(), (QList<int>{23, 24}));
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("compareDock"))->isVisible());
        emit window.phaseChart()->buildSelected(30);
        hotKey(window, Qt::Key_B);
        emit window.memoryChart()->buildSelected(37);
        hotKey(window, Qt::Key_B);
        QCOMPARE(compare->builds(), (QList<int>{23, 24, 30, 37}));
        // Up to three others: a fifth build takes the last place.
        window.buildTable()->selectStoreRow(5);
        hotKey(window, Qt::Key_B);
        QCOMPARE(compare->builds(), (QList<int>{23, 24, 30, 5}));
        QCOMPARE(compare->model()->columnCount(), 1 + 1 + 3 * 3);
        // Setting A again on the selected build.
        hotKey(window, Qt::Key_A);
        QCOMPARE(compare->builds().first(), 5);

        // Against the rolling median of the comparable builds before it (the detail's window).
        window.buildTable()->selectStoreRow(37);
        hotKey(window, Qt::Key_D);
        QCOMPARE(compare->builds(), (QList<int>{-1, 37}));

        // The table offers the same actions on a right click.
        QStringList texts;
        for (const QAction* action : window.buildTable()->view()->actions())
            texts << action->text();
        QCOMPARE(window.buildTable()->view()->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY2(texts.size() == 3, qPrintable(texts.join(QLatin1Char('|'))));
        window.buildTable()->selectStoreRow(2);
        window.buildTable()->view()->actions().first()->trigger();
        QCOMPARE(compare->builds().first(), 2);
    }

    void savedViewsAreKeptInTheStore()
    {
        Database database(m_dir.filePath(QStringLiteral("views.sqlite")));
        QVERIFY(database.open());
        {
            MainWindow window(&database);
            window.resize(1400, 900);
            window.show();
            QVERIFY(window.openPath(kShowcase));
            QVERIFY(waitLoaded(window));
            TrendChart* chart = window.phaseChart();
            ChartOptions options = chart->options();
            options.logY = true;
            options.hiddenSeries = {QStringLiteral("assets_time_ms")};
            chart->setOptions(options);
            auto* kind = window.findChild<FilterBar*>()->findChild<QComboBox*>();
            QVERIFY(kind);
            kind->setCurrentIndex(kind->count() - 1);
            const auto full = chart->fullRange();
            const double mid = (full.first + full.second) / 2;
            chart->setVisibleRange(mid, full.second);
            QCOMPARE(chart->visibleRange().first, mid);
            const QJsonObject filters = window.currentView().value("filters").toObject();
            QVERIFY(window.saveView(QStringLiteral("second half, log")));
            QCOMPARE(window.savedViewNames(), QStringList{QStringLiteral("second half, log")});
            const auto stored = SavedViewsRepository(database).get(
                window.session()->filePath(), QStringLiteral("second half, log"));
            QVERIFY(stored);
            QCOMPARE(stored->json().value("filters").toObject(), filters);

            // Everything changed back, then the view brings it all again.
            chart->setOptions(ChartOptions{});
            kind->setCurrentIndex(0);
            chart->setVisibleRange(full.first, full.second);
            QVERIFY(window.applyView(QStringLiteral("second half, log")));
            QVERIFY(chart->options().logY);
            QVERIFY(!chart->options().isVisible(QStringLiteral("assets_time_ms")));
            QCOMPARE(kind->currentIndex(), kind->count() - 1);
            QCOMPARE(chart->visibleRange().first, mid);
            QVERIFY(!window.applyView(QStringLiteral("no such view")));
        }
        // The next start (another window on the same store) offers it; it can be deleted.
        MainWindow again(&database);
        QVERIFY(again.openPath(kShowcase));
        QVERIFY(waitLoaded(again));
        QCOMPARE(again.savedViewNames(), QStringList{QStringLiteral("second half, log")});
        QVERIFY(again.removeView(QStringLiteral("second half, log")));
        QVERIFY(again.savedViewNames().isEmpty());
        // Without a store there is nothing to save into.
        MainWindow bare(nullptr);
        QVERIFY(bare.openPath(kShowcase));
        QVERIFY(waitLoaded(bare));
        QVERIFY(!bare.saveView(QStringLiteral("x")));
    }
};

QTEST_MAIN(TestMainWindowCompare)
#include "tst_main_window_compare.moc"
