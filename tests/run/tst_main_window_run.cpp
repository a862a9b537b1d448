// Build ▸ Run Build… in the real window: Ctrl+R opens the dialog on the open history's site,
// a run through it lands in the history the window follows, and Write Pending Runs retries
// the lines the store kept.
#include "../collector/CollectorTestSupport.h"

#include "MainWindow.h"
#include "history/HistorySession.h"
#include "history/HistoryStore.h"
#include "run/RunBuildDialog.h"
#include "run/RunSettingsForm.h"
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"

#include <QAction>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

using namespace bengal;
using namespace collectortest;

class TestMainWindowRun : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void runBuildFromTheWindow()
    {
        QTemporaryDir site;
        const QString history = QDir(site.path()).filePath(".bengal/metrics/history.jsonl");
        QVERIFY(QDir().mkpath(QFileInfo(history).path()));
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/quickstart-history.jsonl"), history));
        QVERIFY(QFile::setPermissions(history, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

        MainWindow window(nullptr);
        window.resize(1100, 750);
        window.show();
        QSignalSpy loaded(window.session(), &HistorySession::loadFinished);
        QVERIFY(window.openPath(history));
        QVERIFY(loaded.wait(10000));
        const qsizetype before = window.session()->store().size();
        QVERIFY(before > 0);

        auto* action = window.findChild<QAction*>(QStringLiteral("runBuildAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        int buildMenus = 0; // the one Build menu, shared with the selected-build actions
        bool inMenu = false;
        for (QAction* menu : window.menuBar()->actions()) {
            buildMenus += menu->text() == QLatin1String("&Build");
            inMenu |= menu->menu() && menu->menu()->actions().contains(action);
        }
        QCOMPARE(buildMenus, 1);
        QVERIFY(inMenu);
        auto* toolBar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QVERIFY(toolBar && toolBar->actions().contains(action));

        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        auto* dialog = window.findChild<RunBuildDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->form()->workingDirectory(), site.path());

        dialog->form()->commandEdit()->setText(
            QStringLiteral("\"%1\" build --profile theme-dev").arg(fakeBengal()));
        dialog->form()->environmentEdit()->setPlainText(QStringLiteral("FAKE_BENGAL_PHASE_MS=5"));
        QSignalSpy done(dialog, &RunBuildDialog::runsFinished);
        QVERIFY(dialog->startRun());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.at(0).at(0).toString(), history); // the open history got the run
        // The window follows the file: the new build shows without a reload.
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->store().size(), before + 1, 10000);

        // The dialog is reused and keeps what was typed.
        dialog->hide();
        action->trigger();
        QCOMPARE(window.findChildren<RunBuildDialog*>().size(), 1);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->form()->environmentEdit()->toPlainText().contains("PHASE_MS"));
    }

    void writesPendingRuns()
    {
        QTemporaryDir dir;
        Database database(dir.filePath("store.sqlite"));
        QVERIFY(database.open());
        const QString history = dir.filePath("site/.bengal/metrics/history.jsonl");
        CollectorRunsRepository runs(database);
        QVERIFY(runs.add(history, "{\"run\": 1}", QDateTime::currentDateTimeUtc(), true));
        QVERIFY(runs.add(history, "{\"timestamp\": \"t\"}", QDateTime::currentDateTimeUtc(), true,
                         CollectorLineTarget::HistoryLog));

        MainWindow window(&database);
        auto* action = window.findChild<QAction*>(QStringLiteral("writePendingAction"));
        QVERIFY(action);
        QMenu* build = nullptr;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(action))
                build = menu->menu();
        QVERIFY(build);
        emit build->aboutToShow();
        QVERIFY(action->isEnabled());
        QCOMPARE(action->text(), QStringLiteral("&Write Pending Runs (2)"));

        action->trigger();
        QCOMPARE(runs.pendingCount(), 0);
        QCOMPARE(readRawLines(dir.filePath("site/.bengal/metrics/collector.jsonl")),
                 QList<QByteArray>{"{\"run\": 1}"});
        QCOMPARE(readRawLines(history), QList<QByteArray>{"{\"timestamp\": \"t\"}"});
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("Wrote 2")),
                 qPrintable(window.statusBar()->currentMessage()));
        emit build->aboutToShow();
        QVERIFY(!action->isEnabled());
    }
};

QTEST_MAIN(TestMainWindowRun)
#include "tst_main_window_run.moc"
