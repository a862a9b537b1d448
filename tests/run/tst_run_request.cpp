// What the Run dialog checks before a run, where the run files to, and the pending runs kept
// in the local store when an append fails, written later in order.
#include "collector/CollectorSession.h"
#include "collector/PendingRuns.h"
#include "collector/RunOutcomeText.h"
#include "collector/RunRequest.h"
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace bengal;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

RunFiling filingWith(const QString& timestamp, const QByteArray& collectorLine, bool collectorOk,
                     const QByteArray& historyLine = {}, bool historyOk = true)
{
    RunFiling filing;
    filing.record.timestamp = timestamp;
    filing.collectorLine = collectorLine;
    filing.collectorResult.ok = collectorOk;
    filing.collectorResult.message = collectorOk ? QString() : QStringLiteral("x: refused");
    filing.historyLine = historyLine;
    filing.historyResult.ok = historyOk;
    return filing;
}

} // namespace

class TestRunRequest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    RunRequest validRequest() const
    {
        RunRequest request;
        request.workingDirectory = m_dir.path();
        request.command = QStringLiteral("sh -c \"exit 0\"");
        return request;
    }

private slots:
    void acceptsAValidRequest()
    {
        RunRequest request = validRequest();
        request.command = QStringLiteral("sh -c \"echo 'a b'\" --flag");
        request.environment =
            QStringLiteral("# comment\n\nFOO=bar baz\nEMPTY=\n  SPACED = v=1\r\n");
        request.repeats = 3;
        request.warmups = 1;
        request.label = QStringLiteral("  try  ");
        const RunRequestCheck check = checkRunRequest(request);
        QVERIFY2(check.ok(), qPrintable(check.errors.join('\n')));
        QCOMPARE(check.settings.program, QStringLiteral("sh")); // as typed: found on PATH
        QCOMPARE(check.settings.arguments, (QStringList{"-c", "echo 'a b'", "--flag"}));
        QCOMPARE(check.settings.environment.value("FOO"), QStringLiteral("bar baz"));
        QVERIFY(check.settings.environment.contains("EMPTY"));
        QCOMPARE(check.settings.environment.value("EMPTY"), QString());
        QCOMPARE(check.settings.environment.value("SPACED"), QStringLiteral(" v=1"));
        QVERIFY(check.settings.environment.contains("PATH")); // inherited
        QCOMPARE(check.settings.repeats, 3);
        QCOMPARE(check.settings.warmups, 1);
        QCOMPARE(check.settings.label, QStringLiteral("try"));
        QCOMPARE(check.settings.output, LaunchSpec::Output::Capture);
        QCOMPARE(check.settings.historyPath,
                 QDir(m_dir.path()).filePath(".bengal/metrics/history.jsonl"));
    }

    void rejectsWithClearMessages_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QStringList>("expected"); // a fragment of each error, in order
        QTest::newRow("no folder") << ""
                                   << "sh"
                                   << "" << QStringList{"Choose the working folder"};
        QTest::newRow("missing folder") << "/nonexistent/site"
                                        << "sh"
                                        << "" << QStringList{"/nonexistent/site does not exist"};
        QTest::newRow("empty command") << "."
                                       << "   "
                                       << "" << QStringList{"Enter the command"};
        QTest::newRow("empty program") << "."
                                       << "\"\""
                                       << "" << QStringList{"names no program"};
        QTest::newRow("unclosed quote") << "."
                                        << "bengal build --config 'my site.toml"
                                        << "" << QStringList{"unclosed ' quote"};
        QTest::newRow("unknown program")
            << "."
            << "no-such-program-xyz build"
            << "" << QStringList{"no-such-program-xyz was not found on the PATH"};
        QTest::newRow("not executable") << "."
                                        << "./missing.sh"
                                        << "" << QStringList{"./missing.sh is not an executable"};
        QTest::newRow("bad environment lines")
            << "."
            << "sh"
            << "GOOD=1\n\nNOEQUALS\n9BAD=x\n=v"
            << QStringList{"Environment line 3: “NOEQUALS” is not KEY=VALUE",
                           "Environment line 4: “9BAD” is not a variable name",
                           "Environment line 5: “” is not a variable name"};
        QTest::newRow("several at once")
            << "/nonexistent/site"
            << ""
            << "X" << QStringList{"does not exist", "Enter the command", "Environment line 1"};
    }

    void rejectsWithClearMessages()
    {
        QFETCH(QString, folder);
        QFETCH(QString, command);
        QFETCH(QString, environment);
        QFETCH(QStringList, expected);
        RunRequest request;
        request.workingDirectory = folder == QLatin1String(".") ? m_dir.path() : folder;
        request.command = command;
        request.environment = environment;
        const RunRequestCheck check = checkRunRequest(request);
        QVERIFY(!check.ok());
        QCOMPARE(check.errors.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i)
            QVERIFY2(check.errors.at(i).contains(expected.at(i)), qPrintable(check.errors.at(i)));
    }

    void rejectsBadCounts()
    {
        RunRequest request = validRequest();
        request.repeats = 0;
        request.warmups = -1;
        const RunRequestCheck check = checkRunRequest(request);
        QCOMPARE(check.errors.size(), 2);
    }

    // A PATH override finds the program where the command will look, and the run launches it
    // by its full path (QProcess would search our own PATH).
    void pathOverrideFindsTheProgram()
    {
        QTemporaryDir bin;
        const QString tool = QDir(bin.path()).filePath("my-tool");
        QFile file(tool);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nexit 0\n");
        file.close();
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
        RunRequest request = validRequest();
        request.command = QStringLiteral("my-tool --x");
        QVERIFY(!checkRunRequest(request).ok());
        request.environment = QStringLiteral("PATH=%1:/usr/bin:/bin").arg(bin.path());
        const RunRequestCheck check = checkRunRequest(request);
        QVERIFY2(check.ok(), qPrintable(check.errors.join('\n')));
        QCOMPARE(check.settings.program, tool);
        // A relative path is relative to the working folder.
        QVERIFY(QFile::copy(tool, QDir(m_dir.path()).filePath("local-tool")));
        request.environment.clear();
        request.command = QStringLiteral("./local-tool");
        const RunRequestCheck local = checkRunRequest(request);
        QVERIFY2(local.ok(), qPrintable(local.errors.join('\n')));
        QCOMPARE(local.settings.program, QDir(m_dir.path()).filePath("local-tool"));
    }

    void filesToTheOpenHistoryOfItsSite()
    {
        QTemporaryDir site;
        QVERIFY(QDir(site.path()).mkpath(".bengal-metrics"));
        const QString legacy = QDir(site.path()).filePath(".bengal-metrics/history.jsonl");
        QCOMPARE(siteFolderOfHistory(legacy), site.path());
        QCOMPARE(siteFolderOfHistory(site.filePath(".bengal/metrics/history.jsonl")), site.path());
        QCOMPARE(siteFolderOfHistory("/tmp/x/h.jsonl"), QStringLiteral("/tmp/x"));

        RunRequest request = validRequest();
        request.workingDirectory = site.path();
        request.openHistory = legacy;
        QCOMPARE(checkRunRequest(request).settings.historyPath, legacy);
        // Another site's open history is not where this run goes.
        request.openHistory = QDir(m_dir.path()).filePath(".bengal/metrics/history.jsonl");
        QCOMPARE(checkRunRequest(request).settings.historyPath,
                 site.filePath(".bengal/metrics/history.jsonl"));
        // Bengal's --source names the site.
        QCOMPARE(siteFolderOfCommand(m_dir.path(), "bengal", {"build", "--source", "docs"}),
                 QDir(m_dir.path()).filePath("docs"));
    }

    void keepsFailedLinesAndWritesThemLater()
    {
        QTemporaryDir dir;
        Database database(dir.filePath("store.sqlite"));
        QVERIFY(database.open());
        CollectorRunsRepository runs(database);
        const QString history = dir.filePath("site/.bengal/metrics/history.jsonl");
        const QString collector = collectorLogPath(history);
        QCOMPARE(collector, dir.filePath("site/.bengal/metrics/collector.jsonl"));

        // Run 1 could not be filed at all, run 2 only its collector line; run 3 went through.
        KeptRunLines kept =
            keepRunLines(runs, history,
                         filingWith("2026-11-27T10:00:00.000+00:00", "{\"run\": 1}\n", false,
                                    "{\"timestamp\": \"h1\"}\n", false));
        QCOMPARE(kept.pending, 2);
        QVERIFY(!kept.storeFailed);
        kept = keepRunLines(runs, history,
                            filingWith("2026-11-27T10:01:00.000+00:00", "{\"run\": 2}\n", false));
        QCOMPARE(kept.pending, 1);
        kept = keepRunLines(runs, history,
                            filingWith("2026-11-27T10:02:00.000+00:00", "{\"run\": 3}\n", true));
        QCOMPARE(kept.pending, 0);
        QCOMPARE(runs.pendingCount(), 3);
        QCOMPARE(runs.runs(history).size(), 4); // every line is kept, written or not

        // The folder is still unwritable: a directory stands where collector.jsonl goes.
        QVERIFY(QDir().mkpath(collector));
        PendingWriteResult result = writePendingRuns(runs);
        QCOMPARE(result.written, 1); // the history line went out
        QCOMPARE(result.failed, 2);  // both collector lines wait, the second without a try
        QCOMPARE(result.errors.size(), 1);
        QVERIFY2(result.errors.first().contains(collector), qPrintable(result.errors.first()));
        QVERIFY(describePendingWrite(result).contains(QLatin1String("still pending")));
        QCOMPARE(readAll(history), QByteArray("{\"timestamp\": \"h1\"}\n"));
        QCOMPARE(runs.pendingCount(), 2);

        QVERIFY(QDir().rmdir(collector));
        result = writePendingRuns(runs);
        QCOMPARE(result.written, 2);
        QCOMPARE(result.failed, 0);
        QCOMPARE(readAll(collector), QByteArray("{\"run\": 1}\n{\"run\": 2}\n")); // in order
        QCOMPARE(runs.pendingCount(), 0);
        QCOMPARE(describePendingWrite(writePendingRuns(runs)),
                 QStringLiteral("No pending runs to write."));
    }

    void describesOutcomes()
    {
        RunFiling filing;
        filing.record.exitCode = 0;
        filing.record.wallMs = 4210;
        filing.record.peakRssMb = 165.24;
        filing.record.cpuUserMs = 3000;
        filing.record.cpuSysMs = 900;
        filing.record.phases.resize(8);
        filing.collectorResult.ok = true;
        QCOMPARE(describeRunOutcome(filing),
                 QStringLiteral("exit 0 after 4.21 s · tree peak RSS 165.2 MiB · CPU 3.90 s · "
                                "8 phase(s)"));
        filing.record.exitCode.reset();
        filing.record.signal = SIGTERM;
        filing.record.cancelled = true;
        QVERIFY(describeRunOutcome(filing).startsWith(QLatin1String("cancelled (SIGTERM)")));
        filing.record.cancelled = false;
        filing.record.signal = SIGKILL;
        QVERIFY(describeRunOutcome(filing).startsWith(QLatin1String("killed by SIGKILL")));

        QCOMPARE(describeFilingProblems(filing, {}, true), QString());
        filing.collectorResult.ok = false;
        filing.collectorResult.message = QStringLiteral("/s/collector.jsonl: write failed: No "
                                                        "space left on device");
        const QString kept = describeFilingProblems(filing, KeptRunLines{1, false}, true);
        QVERIFY2(kept.contains(filing.collectorResult.message), qPrintable(kept));
        QVERIFY(kept.contains(QLatin1String("kept in the local store")));
        const QString lost = describeFilingProblems(filing, KeptRunLines{0, true}, true);
        QVERIFY(lost.contains(QLatin1String("could not keep")));
    }
};

QTEST_GUILESS_MAIN(TestRunRequest)
#include "tst_run_request.moc"
