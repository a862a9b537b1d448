// The Run Build dialog offscreen, with the fake `bengal`: the form's checks, a live run (phases,
// console without escape codes, memory chart, outcome), Cancel/Esc ending the whole tree, a
// failed append kept in the local store. With BENGAL_RUN_SCREENSHOTS=DIR it also saves the
// dialog mid-run and finished, light and dark.
#include "../collector/CollectorTestSupport.h"

#include "AppPalette.h"
#include "collector/CollectorSession.h"
#include "collector/PendingRuns.h"
#include "models/RunPhaseModel.h"
#include "run/RunBuildDialog.h"
#include "run/RunConsole.h"
#include "run/RunMemoryChart.h"
#include "run/RunSettingsForm.h"
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"

#include <QApplication>
#include <QLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace bengal;
using namespace collectortest;

namespace {

const QStringList Phases{"initialization", "discovery", "taxonomies",     "menus",
                         "rendering",      "assets",    "postprocessing", "health_check"};

QString fakeCommand(const QString& profile = QStringLiteral("theme-dev"))
{
    return QStringLiteral("\"%1\" build --profile %2").arg(fakeBengal(), profile);
}

QString knobs(const QMap<QString, QString>& values)
{
    QStringList lines;
    for (auto it = values.begin(); it != values.end(); ++it)
        lines << it.key() + QLatin1Char('=') + it.value();
    return lines.join(QLatin1Char('\n'));
}

void fill(RunBuildDialog& dialog, const QString& folder, const QString& command,
          const QString& environment, int repeats = 1, int warmups = 0)
{
    RunSettingsForm* form = dialog.form();
    form->folderEdit()->setText(folder);
    form->commandEdit()->setText(command);
    form->environmentEdit()->setPlainText(environment);
    form->repeatsBox()->setValue(repeats);
    form->warmupsBox()->setValue(warmups);
}

QPushButton* button(RunBuildDialog& dialog, const char* name)
{
    return dialog.findChild<QPushButton*>(QLatin1String(name));
}

} // namespace

class TestRunDialog : public QObject
{
    Q_OBJECT
private slots:
    // A prompt or a progress bar without newline shows as it stands, replaced (not repeated)
    // as it changes and when it ends.
    void consoleShowsTheUnfinishedLine()
    {
        RunConsole console;
        console.appendOutput("Building\nContinue? [y/N] ");
        QTRY_COMPARE(console.toPlainText(), QStringLiteral("Building\nContinue? [y/N] "));
        console.appendOutput("y\n 10%");
        QTRY_COMPARE(console.toPlainText(), QStringLiteral("Building\nContinue? [y/N] y\n 10%"));
        console.appendOutput("\r 50%");
        QTRY_COMPARE(console.toPlainText(), QStringLiteral("Building\nContinue? [y/N] y\n 50%"));
        console.appendError("warn: half");
        QTRY_COMPARE(console.toPlainText(),
                     QStringLiteral("Building\nContinue? [y/N] y\n 50%\nwarn: half"));
        console.appendError(" a line\n");
        QTRY_COMPARE(console.toPlainText(),
                     QStringLiteral("Building\nContinue? [y/N] y\nwarn: half a line\n 50%"));
        console.finishStreams();
        QCOMPARE(console.toPlainText(),
                 QStringLiteral("Building\nContinue? [y/N] y\nwarn: half a line\n 50%"));
        console.appendOutput("next run\n");
        QTRY_COMPARE(
            console.toPlainText(),
            QStringLiteral("Building\nContinue? [y/N] y\nwarn: half a line\n 50%\nnext run"));
    }

    void initTestCase() { QVERIFY(QFileInfo(fakeBengal()).isExecutable()); }

    void defaultsAndValidation()
    {
        RunBuildDialog dialog(nullptr);
        dialog.show();
        QCOMPARE(dialog.form()->commandEdit()->text(),
                 QStringLiteral("bengal build --profile theme-dev"));
        QCOMPARE(dialog.form()->repeatsBox()->value(), 1);
        QCOMPARE(dialog.form()->warmupsBox()->value(), 0);
        // The open history's site folder is the default working folder.
        dialog.setOpenHistory(QStringLiteral("/srv/site/.bengal/metrics/history.jsonl"));
        QCOMPARE(dialog.form()->workingDirectory(), QStringLiteral("/srv/site"));

        fill(dialog, QStringLiteral("/nonexistent/site"), QStringLiteral("  "),
             QStringLiteral("OK=1\nBROKEN LINE"));
        QTest::mouseClick(button(dialog, "runStart"), Qt::LeftButton);
        QVERIFY(!dialog.isRunning());
        QVERIFY(!dialog.session());
        const QString message = dialog.messageText();
        QVERIFY2(message.contains(QLatin1String("/nonexistent/site does not exist")),
                 qPrintable(message));
        QVERIFY(message.contains(QLatin1String("Enter the command")));
        QVERIFY(message.contains(QStringLiteral("Environment line 2: “BROKEN LINE”")));

        // Fixed, the message goes away and the run starts.
        QTemporaryDir site;
        fill(dialog, site.path(), fakeCommand(), knobs({{"FAKE_BENGAL_PHASE_MS", "5"}}));
        QSignalSpy done(&dialog, &RunBuildDialog::runsFinished);
        QVERIFY(dialog.startRun());
        QVERIFY(dialog.messageText().isEmpty());
        QVERIFY(!dialog.form()->isEnabled()); // no edits while it runs
        QVERIFY(!button(dialog, "runStart")->isEnabled());
        QVERIFY(done.wait(60000));
        QVERIFY(dialog.form()->isEnabled());
        QCOMPARE(done.at(0).at(0).toString(),
                 QDir(site.path()).filePath(".bengal/metrics/history.jsonl"));
    }

    void runsTheFakeBengalLive()
    {
        QTemporaryDir site;
        RunBuildDialog dialog(nullptr);
        dialog.resize(900, 700);
        dialog.show();
        fill(dialog, site.path(), fakeCommand(),
             knobs({{"FAKE_BENGAL_COLOR", "1"},
                    {"FAKE_BENGAL_STDERR", "1"},
                    {"FAKE_BENGAL_PHASE_MS", "40,rendering=700"},
                    {"FAKE_BENGAL_ALLOC_MB", "40"},
                    {"FAKE_BENGAL_HOLD_MS", "500"}}));
        QSignalSpy done(&dialog, &RunBuildDialog::runsFinished);
        QTest::mouseClick(button(dialog, "runStart"), Qt::LeftButton);
        QVERIFY(dialog.isRunning());
        RunPhaseModel* phases = dialog.phaseModel();

        // Live: rendering shows as running, its time growing, before the run is over.
        QTRY_VERIFY_WITH_TIMEOUT(phases->phaseNames().contains(QLatin1String("rendering")) &&
                                     phases->runningCount() == 1,
                                 20000);
        QVERIFY(dialog.isRunning());
        QCOMPARE(dialog.progressText(), QStringLiteral("Run 1 of 1 · measured run 1 of 1"));
        const int row = int(phases->phaseNames().indexOf(QLatin1String("rendering")));
        const QModelIndex duration = phases->index(row, RunPhaseModel::DurationColumn);
        const double first = duration.data(RunPhaseModel::ValueRole).toDouble();
        QTRY_VERIFY_WITH_TIMEOUT(duration.data(RunPhaseModel::ValueRole).toDouble() > first + 150,
                                 5000);
        QVERIFY(dialog.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.console()->text().contains(QStringLiteral("✓ menus")),
                                 5000);

        QVERIFY(done.wait(60000));
        QCOMPARE(phases->phaseNames(), Phases);
        QCOMPARE(phases->finishedCount(), 8);
        const double rendering = phases->index(row, RunPhaseModel::DurationColumn)
                                     .data(RunPhaseModel::ValueRole)
                                     .toDouble();
        QVERIFY2(rendering >= 650 && rendering < 5000, qPrintable(QString::number(rendering)));

        const QString console = dialog.console()->text();
        QVERIFY2(console.contains(QLatin1String("Building site\n")), qPrintable(console));
        for (const QString& phase : Phases)
            QVERIFY2(console.contains(QStringLiteral("✓ %1\n").arg(phase)), qPrintable(phase));
        QVERIFY(console.contains(QLatin1String("Built 42 pages")));
        QVERIFY(console.contains(QLatin1String("warning: this is a fake Bengal")));
        QVERIFY(!console.contains(QChar(0x1b)));
        QVERIFY(!console.contains(QLatin1Char('\r')));
        QVERIFY(!console.contains(QLatin1String("[32m")));
        QVERIFY(!console.contains(QLatin1String("100%")));           // the redrawn progress is gone
        QVERIFY(!console.contains(QLatin1String("bengal build\n"))); // the OSC title too

        // The tree's memory: the fake held 40 MiB in rendering.
        QVERIFY(dialog.memoryChart()->pointCount() > 10);
        QVERIFY2(dialog.memoryChart()->peakMb() > 40,
                 qPrintable(QString::number(dialog.memoryChart()->peakMb())));
        const QString outcome = dialog.outcomeText();
        QVERIFY2(outcome.contains(QLatin1String("Run 1 of 1: exit 0 after")), qPrintable(outcome));
        QVERIFY(outcome.contains(QLatin1String("tree peak RSS")));
        QVERIFY(outcome.contains(QLatin1String("8 phase(s)")));
        QVERIFY(outcome.contains(QDir(site.path()).filePath(".bengal/metrics/collector.jsonl")));
        QCOMPARE(dialog.progressText(), QStringLiteral("Finished"));

        // Filed once: the fake wrote its own history record, the collector one line.
        const QString metrics = QDir(site.path()).filePath(".bengal/metrics/");
        QCOMPARE(readJsonLines(metrics + "history.jsonl").size(), 1);
        const QList<QJsonObject> collected = readJsonLines(metrics + "collector.jsonl");
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.at(0).value("phases").toArray().size(), 8);
    }

    void failedBuildShowsItsExit()
    {
        QTemporaryDir site;
        RunBuildDialog dialog(nullptr);
        dialog.show();
        fill(dialog, site.path(), fakeCommand(), knobs({{"FAKE_BENGAL_FAIL", "1"}}));
        QSignalSpy done(&dialog, &RunBuildDialog::runsFinished);
        QVERIFY(dialog.startRun());
        QVERIFY(done.wait(60000));
        QVERIFY2(dialog.outcomeText().contains(QLatin1String("exit 1 after")),
                 qPrintable(dialog.outcomeText()));
        QCOMPARE(dialog.progressText(), QStringLiteral("Finished with status 1"));
        QVERIFY(dialog.console()->text().contains(QLatin1String("RuntimeError")));
        // Rendering never completed: shown as stopped, not as finished.
        const int row = int(dialog.phaseModel()->phaseNames().indexOf(QLatin1String("rendering")));
        QVERIFY(row >= 0);
        QCOMPARE(dialog.phaseModel()->index(row, 0).data(RunPhaseModel::StateRole).toInt(),
                 int(RunPhaseModel::State::Unfinished));
    }

    void cancelEndsTheWholeTree_data()
    {
        QTest::addColumn<bool>("escape");
        QTest::addColumn<bool>("ignoreTerm");
        QTest::newRow("Esc") << true << false;
        QTest::newRow("Cancel button, TERM ignored") << false << true;
    }

    void cancelEndsTheWholeTree()
    {
        QFETCH(bool, escape);
        QFETCH(bool, ignoreTerm);
        QTemporaryDir site;
        QTemporaryDir report;
        QMap<QString, QString> values{{"FAKE_BENGAL_CHILD_MB", "4"},
                                      {"FAKE_BENGAL_GRANDCHILD_MB", "4"},
                                      {"FAKE_BENGAL_HOLD_MS", "-1"},
                                      {"FAKE_BENGAL_SLEEP_MS", "60000"},
                                      {"FAKE_BENGAL_REPORT_DIR", report.path()}};
        if (ignoreTerm)
            values.insert("FAKE_BENGAL_IGNORE_TERM", "1");
        RunBuildDialog dialog(nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, site.path(), fakeCommand(), knobs(values), 3); // the other runs never come
        QSignalSpy done(&dialog, &RunBuildDialog::runsFinished);
        QVERIFY(dialog.startRun());
        QTRY_COMPARE_WITH_TIMEOUT(reportedPids(report.path()).size(), 3, 20000);
        const QList<qint64> pids = reportedPids(report.path());
        for (const qint64 pid : pids)
            QVERIFY(processAlive(pid));

        if (escape)
            QTest::keyClick(&dialog, Qt::Key_Escape);
        else
            QTest::mouseClick(button(dialog, "runCancel"), Qt::LeftButton);
        QVERIFY(!button(dialog, "runCancel")->isEnabled()); // once is enough
        QVERIFY(done.wait(20000));
        // runsFinished comes only once the build's group is empty: check /proc at once.
        QCOMPARE(survivors(pids, 0), QList<qint64>());
        QVERIFY(dialog.isVisible()); // Esc cancelled the build, it did not close the dialog
        QCOMPARE(dialog.progressText(),
                 QStringLiteral("Cancelled · no process of the build is left"));
        const QString outcome = dialog.outcomeText();
        QVERIFY2(outcome.contains(ignoreTerm ? QLatin1String("cancelled (SIGKILL)")
                                             : QLatin1String("cancelled (SIGTERM)")),
                 qPrintable(outcome));
        QCOMPARE(dialog.session()->filings().size(), 1);
        // Not running any more: Esc now closes.
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }

    void failedAppendIsKeptInTheStore()
    {
        QTemporaryDir site;
        QTemporaryDir storeDir;
        Database database(storeDir.filePath("store.sqlite"));
        QVERIFY(database.open());
        const QString metrics = QDir(site.path()).filePath(".bengal/metrics/");
        const QString collector = metrics + "collector.jsonl";
        QVERIFY(QDir().mkpath(collector)); // a folder where the file should be: EISDIR

        RunBuildDialog dialog(&database);
        dialog.show();
        fill(dialog, site.path(), fakeCommand(), knobs({{"FAKE_BENGAL_PHASE_MS", "5"}}));
        QSignalSpy done(&dialog, &RunBuildDialog::runsFinished);
        QVERIFY(dialog.startRun());
        QVERIFY(done.wait(60000));
        const QString outcome = dialog.outcomeText();
        QVERIFY2(outcome.contains(QLatin1String("not added to collector.jsonl")),
                 qPrintable(outcome));
        QVERIFY(outcome.contains(collector));
        QVERIFY(outcome.contains(QLatin1String("Is a directory")));
        QVERIFY(outcome.contains(QLatin1String("kept in the local store")));

        CollectorRunsRepository runs(database);
        QCOMPARE(runs.pendingCount(), 1);
        QVERIFY(QDir().rmdir(collector));
        const PendingWriteResult written = writePendingRuns(runs);
        QCOMPARE(written.written, 1);
        const QList<QJsonObject> lines = readJsonLines(collector);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.at(0).value("exit_code").toInt(), 0);
        QCOMPARE(runs.pendingCount(), 0);
    }

    // Not a check: pictures for the documentation, on request.
    void screenshots_data()
    {
        QTest::addColumn<QString>("palette");
        QTest::newRow("light") << "light";
        QTest::newRow("dark") << "dark";
    }

    void screenshots()
    {
        const QString out = qEnvironmentVariable("BENGAL_RUN_SCREENSHOTS");
        if (out.isEmpty())
            QSKIP("set BENGAL_RUN_SCREENSHOTS=DIR to save the dialog's screenshots");
        QFETCH(QString, palette);
        QVERIFY(applyPalette(*qApp, palette));
        QTemporaryDir site;
        RunBuildDialog dialog(nullptr);
        dialog.resize(940, 720);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fill(dialog, site.path(), QStringLiteral("bengal build --profile theme-dev"),
             knobs({{"PATH", QFileInfo(fakeBengal()).absolutePath() + ":/usr/bin:/bin"},
                    {"FAKE_BENGAL_COLOR", "1"},
                    {"FAKE_BENGAL_STDERR", "1"},
                    {"FAKE_BENGAL_PHASE_MS",
                     "initialization=300,discovery=500,taxonomies=250,menus=150,"
                     "rendering=2600,assets=700,postprocessing=400,health_check=300"},
                    {"FAKE_BENGAL_ALLOC_MB", "120"},
                    {"FAKE_BENGAL_CHILD_MB", "60"},
                    {"FAKE_BENGAL_HOLD_MS", "1800"}}),
             2, 0);
        dialog.form()->labelEdit()->setText(QStringLiteral("after image cache change"));
        QSignalSpy done(&dialog, &RunBuildDialog::runsFinished);
        QVERIFY(dialog.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.phaseModel()->phaseNames().contains("rendering") &&
                                     dialog.memoryChart()->pointCount() > 40 &&
                                     dialog.progressText().contains("Run 2"),
                                 60000);
        QTest::qWait(1200); // into rendering, memory up
        dialog.memoryChart()->redrawNow();
        dialog.layout()->activate(); // the layout request of the last texts is still queued
        QVERIFY(dialog.grab().save(QDir(out).filePath("run-dialog-running-" + palette + ".png")));
        QVERIFY(done.wait(60000));
        dialog.layout()->activate();
        QVERIFY(dialog.grab().save(QDir(out).filePath("run-dialog-finished-" + palette + ".png")));
    }
};

QTEST_MAIN(TestRunDialog)
#include "tst_run_dialog.moc"
