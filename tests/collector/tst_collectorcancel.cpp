// Cancel ends the whole process tree: TERM to the group, KILL after the grace period, no
// orphan survives (a grandchild included), and the cancelled run is still filed.
#include "CollectorTestSupport.h"

#include "collector/BuildLauncher.h"
#include "collector/ProcFs.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace bengal;
using namespace collectortest;

namespace {

// A fake build that hangs in rendering with a child and a grandchild holding memory.
QMap<QString, QString> hangingTree(const QString& reportDir)
{
    return {{"FAKE_BENGAL_CHILD_MB", "4"},
            {"FAKE_BENGAL_GRANDCHILD_MB", "4"},
            {"FAKE_BENGAL_HOLD_MS", "-1"},
            {"FAKE_BENGAL_SLEEP_MS", "60000"},
            {"FAKE_BENGAL_REPORT_DIR", reportDir}};
}

// The build's process group (the launcher made the root a group and session leader), read
// from whichever reported process is still alive.
qint64 groupOf(const QList<qint64>& pids)
{
    for (const qint64 pid : pids) {
        if (const auto stat = procfs::readStat(pid_t(pid)))
            return stat->pgrp;
    }
    return -1;
}

} // namespace

class TestCollectorCancel : public QObject
{
    Q_OBJECT
private slots:
    void cancelEndsTheWholeTree_data()
    {
        QTest::addColumn<bool>("ignoreTerm");
        QTest::addColumn<bool>("orphan");
        QTest::newRow("TERM is enough") << false << false;
        QTest::newRow("TERM ignored: KILL after grace") << true << false;
        QTest::newRow("orphaned grandchild") << false << true;
    }

    void cancelEndsTheWholeTree()
    {
        QFETCH(bool, ignoreTerm);
        QFETCH(bool, orphan);
        QTemporaryDir site;
        QTemporaryDir report;
        QMap<QString, QString> knobs = hangingTree(report.path());
        if (ignoreTerm)
            knobs.insert(QStringLiteral("FAKE_BENGAL_IGNORE_TERM"), QStringLiteral("1"));
        if (orphan)
            knobs.insert(QStringLiteral("FAKE_BENGAL_ORPHAN"), QStringLiteral("1"));
        CollectorSettings settings = fakeBuild(site.path(), {"--profile", "theme-dev"}, knobs);
        settings.graceMs = 600;
        settings.repeats = 3; // a cancel also stops the runs still to come
        CollectorSession session(settings);
        QSignalSpy finished(&session, &CollectorSession::finished);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(reportedPids(report.path()).size(), 3, 15000);
        const QList<qint64> pids = reportedPids(report.path());
        const qint64 root = groupOf(pids);
        QVERIFY(pids.contains(root)); // the fake itself leads the group
        QVERIFY(procfs::groupHasLiveMembers(pid_t(root)));

        QElapsedTimer clock;
        clock.start();
        session.cancel(SIGTERM);
        QVERIFY(finished.wait(10000));
        // finished() comes only once the group is empty: check at once, no grace here.
        QCOMPARE(survivors(pids, 0), QList<qint64>());
        QVERIFY(!procfs::groupHasLiveMembers(pid_t(root)));
        if (ignoreTerm)
            QVERIFY(clock.elapsed() >= 550); // it took the KILL after the grace period

        QCOMPARE(session.filings().size(), 1);
        const RunRecord& record = session.filings().at(0).record;
        QCOMPARE(record.signal, std::optional<int>(ignoreTerm ? SIGKILL : SIGTERM));
        QVERIFY(!record.exitCode);
        QCOMPARE(session.lastStatus(), 128 + (ignoreTerm ? SIGKILL : SIGTERM));
        const QList<QJsonObject> collected =
            readJsonLines(site.filePath(QStringLiteral(".bengal/metrics/collector.jsonl")));
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.at(0).value(QLatin1String("signal")).toInt(),
                 ignoreTerm ? SIGKILL : SIGTERM);
        QVERIFY(readJsonLines(site.filePath(QStringLiteral(".bengal/metrics/history.jsonl")))
                    .isEmpty());
    }

    void destroyingARunningLauncherKillsTheGroup()
    {
        QTemporaryDir report;
        QList<qint64> pids;
        {
            BuildLauncher launcher;
            LaunchSpec spec;
            spec.program = fakeBengal();
            spec.arguments = {QStringLiteral("build")};
            spec.workingDirectory = report.path();
            spec.environment = environmentWith(hangingTree(report.path()));
            QSignalSpy started(&launcher, &BuildLauncher::started);
            launcher.start(spec);
            QVERIFY(started.wait(10000));
            QTRY_COMPARE_WITH_TIMEOUT(reportedPids(report.path()).size(), 3, 15000);
            pids = reportedPids(report.path());
        }
        QCOMPARE(survivors(pids, 3000), QList<qint64>());
    }

    void destroyingARunningSessionKillsTheTree()
    {
        QTemporaryDir site;
        QTemporaryDir report;
        {
            CollectorSession session(fakeBuild(site.path(), {}, hangingTree(report.path())));
            session.start();
            QTRY_COMPARE_WITH_TIMEOUT(reportedPids(report.path()).size(), 3, 15000);
        } // e.g. the window closes mid-build
        QCOMPARE(survivors(reportedPids(report.path()), 3000), QList<qint64>());
    }

    void launcherReportsExitCodesAndSignals_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("shellStatus");
        QTest::newRow("exit 0") << "exit 0" << 0;
        QTest::newRow("exit 3") << "exit 3" << 3;
        QTest::newRow("SIGKILL") << "kill -KILL $$" << 128 + SIGKILL;
        QTest::newRow("SIGSEGV") << "ulimit -c 0; kill -SEGV $$" << 128 + SIGSEGV;
    }

    void launcherReportsExitCodesAndSignals()
    {
        QFETCH(QString, script);
        QFETCH(int, shellStatus);
        BuildLauncher launcher;
        QSignalSpy finished(&launcher, &BuildLauncher::finished);
        LaunchSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"), script};
        launcher.start(spec);
        QVERIFY(finished.wait(10000));
        const auto outcome = finished.at(0).at(0).value<LaunchOutcome>();
        QCOMPARE(outcome.shellStatus(), shellStatus);
        QVERIFY(outcome.wallMs >= 0 && outcome.wallMs < 10000);
        QVERIFY(!outcome.cancelled);
    }
};

QTEST_GUILESS_MAIN(TestCollectorCancel)
#include "tst_collectorcancel.moc"
