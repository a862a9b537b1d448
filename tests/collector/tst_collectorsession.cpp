// CollectorSession against the fake `bengal`: phases, tree memory, CPU, filing rules.
#include "CollectorTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace bengal;
using namespace collectortest;

namespace {

QString historyOf(const QTemporaryDir& site)
{
    return site.filePath(QStringLiteral(".bengal/metrics/history.jsonl"));
}

QString collectorOf(const QTemporaryDir& site)
{
    return site.filePath(QStringLiteral(".bengal/metrics/collector.jsonl"));
}

} // namespace

class TestCollectorSession : public QObject
{
    Q_OBJECT
private slots:
    void capturesPhasesLive_data()
    {
        QTest::addColumn<bool>("awkwardLog");
        QTest::newRow("clean log") << false;
        QTest::newRow("partial and malformed lines") << true;
    }

    void capturesPhasesLive()
    {
        QFETCH(bool, awkwardLog);
        QTemporaryDir site;
        QMap<QString, QString> knobs{{"FAKE_BENGAL_PHASE_MS", "discovery=150,rendering=300"}};
        if (awkwardLog) {
            knobs.insert(QStringLiteral("FAKE_BENGAL_SPLIT_WRITES"), QStringLiteral("1"));
            knobs.insert(QStringLiteral("FAKE_BENGAL_GARBAGE"), QStringLiteral("1"));
        }
        CollectorSession session(fakeBuild(site.path(), {"--profile", "theme-dev"}, knobs));
        QSignalSpy started(&session, &CollectorSession::phaseStarted);
        QSignalSpy finished(&session, &CollectorSession::phaseFinished);
        QVERIFY(runToEnd(session));
        QCOMPARE(session.lastStatus(), 0);
        QCOMPARE(started.count(), 8);
        QCOMPARE(finished.count(), 8);

        const RunRecord& record = session.filings().at(0).record;
        QStringList names;
        for (const PhaseMeasurement& phase : record.phases)
            names << phase.name;
        QCOMPARE(names, QStringList({"initialization", "discovery", "taxonomies", "menus",
                                     "rendering", "assets", "postprocessing", "health_check"}));
        const PhaseMeasurement& discovery = record.phases.at(1);
        const PhaseMeasurement& rendering = record.phases.at(4);
        QVERIFY2(discovery.durationMs >= 149 && discovery.durationMs < 400,
                 qPrintable(QString::number(discovery.durationMs)));
        QVERIFY2(rendering.durationMs >= 299 && rendering.durationMs < 600,
                 qPrintable(QString::number(rendering.durationMs)));
        double previousEnd = 0;
        for (const PhaseMeasurement& phase : record.phases) {
            QVERIFY(phase.startMs >= previousEnd - 5); // sequential, in order, no overlap
            QVERIFY(phase.durationMs >= 19);
            previousEnd = phase.startMs + phase.durationMs;
        }
        QVERIFY(previousEnd <= record.wallMs + 5);
        QVERIFY(record.wallMs >= 150 + 300 + 6 * 20);
    }

    void treePeakRssMatchesTheTruth()
    {
        QTemporaryDir site;
        QTemporaryDir report;
        CollectorSession session(fakeBuild(site.path(), {"--profile", "theme-dev"},
                                           {{"FAKE_BENGAL_ALLOC_MB", "100"},
                                            {"FAKE_BENGAL_CHILD_MB", "60"},
                                            {"FAKE_BENGAL_HOLD_MS", "500"},
                                            {"FAKE_BENGAL_REPORT_DIR", report.path()}}));
        QVERIFY(runToEnd(session));
        QCOMPARE(session.lastStatus(), 0);
        QCOMPARE(reportedPids(report.path()).size(), 2); // the fake and its child
        // The truth: what both processes read from their own /proc/self/status while holding,
        // i.e. 160 MiB plus their real baseline.
        const double truthMb = double(reportedRssKib(report.path())) / 1024.0;
        const double baselineMb = truthMb - 160.0;
        QVERIFY2(baselineMb > 0 && baselineMb < 30, qPrintable(QString::number(baselineMb)));
        const RunRecord& record = session.filings().at(0).record;
        qInfo("tree peak %.1f MiB, truth %.1f MiB (baseline %.1f MiB): error %.2f%%",
              record.peakRssMb, truthMb, baselineMb,
              100.0 * (record.peakRssMb - truthMb) / truthMb);
        QVERIFY2(
            qAbs(record.peakRssMb - truthMb) <= 0.05 * truthMb,
            qPrintable(
                QStringLiteral("peak %1 MiB, truth %2 MiB").arg(record.peakRssMb).arg(truthMb)));
        // Per phase: the memory was held in rendering only.
        for (const PhaseMeasurement& phase : record.phases) {
            if (phase.name == QLatin1String("rendering"))
                QVERIFY(qAbs(phase.peakRssMb - truthMb) <= 0.05 * truthMb);
            else if (phase.name == QLatin1String("discovery"))
                QVERIFY2(phase.peakRssMb < baselineMb + 5,
                         qPrintable(QString::number(phase.peakRssMb)));
        }
        QVERIFY(record.rssSamplesMb.size() >= 10);
        QCOMPARE(record.sampleIntervalMs, 50);
    }

    void doesNotCountAClonesSharedMemoryTwice()
    {
        QTemporaryDir site;
        QTemporaryDir report;
        // The fake holds 100 MiB, then a vfork child shares that memory for 400 ms before it
        // execs: eight samples see two processes with the same 100 MiB.
        CollectorSession session(fakeBuild(site.path(), {},
                                           {{"FAKE_BENGAL_ALLOC_MB", "100"},
                                            {"FAKE_BENGAL_VFORK_PAUSE_MS", "400"},
                                            {"FAKE_BENGAL_HOLD_MS", "300"},
                                            {"FAKE_BENGAL_REPORT_DIR", report.path()}}));
        QVERIFY(runToEnd(session));
        const double truthMb = double(reportedRssKib(report.path())) / 1024.0;
        const RunRecord& record = session.filings().at(0).record;
        QVERIFY2(
            truthMb > 100 && qAbs(record.peakRssMb - truthMb) <= 0.05 * truthMb,
            qPrintable(
                QStringLiteral("peak %1 MiB, truth %2 MiB").arg(record.peakRssMb).arg(truthMb)));
    }

    void countsAForkedChildsSharedPagesOnce()
    {
        QTemporaryDir site;
        QTemporaryDir report;
        // The fake holds 100 MiB, then fork()s (no exec) a child that allocates 60 MiB more:
        // the child's RSS includes the 100 MiB it shares copy-on-write with its parent.
        CollectorSession session(fakeBuild(site.path(), {},
                                           {{"FAKE_BENGAL_ALLOC_MB", "100"},
                                            {"FAKE_BENGAL_FORK_CHILD_MB", "60"},
                                            {"FAKE_BENGAL_HOLD_MS", "800"},
                                            {"FAKE_BENGAL_REPORT_DIR", report.path()}}));
        QVERIFY(runToEnd(session));
        auto kib = [&](const QString& name) {
            QFile file(report.filePath(name));
            return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toDouble() : -1.0;
        };
        const QStringList uss = QDir(report.path()).entryList({QStringLiteral("uss-*")});
        QCOMPARE(uss.size(), 1);
        const QString child = uss.first().mid(4);
        QString parent;
        for (const qint64 pid : reportedPids(report.path())) {
            if (QString::number(pid) != child)
                parent = QString::number(pid);
        }
        QVERIFY(kib(QStringLiteral("rss-") + child) / 1024.0 > 150); // a plain sum says ~270
        // The truth in physical memory: the parent's pages once, plus the child's own.
        const double truthMb =
            (kib(QStringLiteral("rss-") + parent) + kib(QStringLiteral("uss-") + child)) / 1024.0;
        const RunRecord& record = session.filings().at(0).record;
        qInfo("forked child: peak %.1f MiB, truth %.1f MiB", record.peakRssMb, truthMb);
        QVERIFY2(
            truthMb > 160 && qAbs(record.peakRssMb - truthMb) <= 0.05 * truthMb,
            qPrintable(
                QStringLiteral("peak %1 MiB, truth %2 MiB").arg(record.peakRssMb).arg(truthMb)));
    }

    void countsOrphanedGrandchild()
    {
        QTemporaryDir site;
        QTemporaryDir report;
        CollectorSession session(fakeBuild(site.path(), {},
                                           {{"FAKE_BENGAL_CHILD_MB", "0"},
                                            {"FAKE_BENGAL_GRANDCHILD_MB", "80"},
                                            {"FAKE_BENGAL_ORPHAN", "1"},
                                            {"FAKE_BENGAL_HOLD_MS", "600"},
                                            {"FAKE_BENGAL_REPORT_DIR", report.path()}}));
        QVERIFY(runToEnd(session));
        QCOMPARE(reportedPids(report.path()).size(), 3);
        // The child exits at once; its grandchild, re-parented to init, holds 80 MiB while the
        // fake waits: still the build's memory.
        const RunRecord& record = session.filings().at(0).record;
        QVERIFY2(record.peakRssMb >= 80, qPrintable(QString::number(record.peakRssMb)));
    }

    void cpuTimeOfTheTree()
    {
        QTemporaryDir site;
        QTemporaryDir report;
        CollectorSession session(fakeBuild(site.path(), {},
                                           {{"FAKE_BENGAL_BUSY", "1"},
                                            {"FAKE_BENGAL_PHASE_MS", "60"},
                                            {"FAKE_BENGAL_REPORT_DIR", report.path()}}));
        QVERIFY(runToEnd(session));
        const auto [userMs, systemMs] = reportedCpuMs(report.path());
        QVERIFY(userMs > 50);
        const RunRecord& record = session.filings().at(0).record;
        qInfo("CPU user %.1f ms (truth %.1f), system %.1f ms (truth %.1f)", record.cpuUserMs,
              userMs, record.cpuSysMs, systemMs);
        QVERIFY2(record.cpuUserMs >= userMs - 10 && record.cpuUserMs <= userMs * 1.1 + 30,
                 qPrintable(QStringLiteral("%1 vs %2").arg(record.cpuUserMs).arg(userMs)));
        QVERIFY(record.cpuSysMs >= 0 && record.cpuSysMs <= systemMs * 1.1 + 50);
    }

    void noDuplicateHistoryRecord()
    {
        // theme-dev: Bengal writes its own record, the collector adds none.
        QTemporaryDir site;
        CollectorSession themeDev(fakeBuild(site.path(), {"--profile", "theme-dev"}));
        QVERIFY(runToEnd(themeDev));
        QList<QJsonObject> history = readJsonLines(historyOf(site));
        QCOMPARE(history.size(), 1);
        QVERIFY(history.at(0).contains(QLatin1String("python_version")));
        QVERIFY(themeDev.filings().at(0).buildWroteHistory);
        QList<QJsonObject> collected = readJsonLines(collectorOf(site));
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.at(0).value(QLatin1String("build_timestamp")),
                 history.at(0).value(QLatin1String("timestamp")));

        // writer (+ --verbose for INFO events): Bengal writes nothing, the collector one record.
        CollectorSession writer(fakeBuild(site.path(), {"--profile", "writer", "--verbose"}));
        QVERIFY(runToEnd(writer));
        history = readJsonLines(historyOf(site));
        QCOMPARE(history.size(), 2);
        const QJsonObject ours = history.at(1);
        QVERIFY(!ours.contains(QLatin1String("python_version")));
        QVERIFY(
            ours.value(QLatin1String("timestamp")).toString().endsWith(QLatin1String("+00:00")));
        QCOMPARE(ours.value(QLatin1String("skipped")), QJsonValue(false));
        QVERIFY(ours.value(QLatin1String("build_time_ms")).toDouble() > 100);
        for (const char* key : {"discovery_time_ms", "taxonomy_time_ms", "rendering_time_ms",
                                "assets_time_ms", "postprocess_time_ms"})
            QVERIFY2(ours.value(QLatin1String(key)).toDouble() >= 19, key);
        collected = readJsonLines(collectorOf(site));
        QCOMPARE(collected.size(), 2);
        QCOMPARE(collected.at(1).value(QLatin1String("build_timestamp")),
                 ours.value(QLatin1String("timestamp")));
        // latest.json is Bengal's (theme-dev wrote it); the collector never writes one.
        QVERIFY(QFileInfo::exists(site.filePath(QStringLiteral(".bengal/metrics/latest.json"))));
    }

    void failedBuildStaysOutOfHistory_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::newRow("theme-dev") << QStringLiteral("theme-dev");
        QTest::newRow("writer") << QStringLiteral("writer");
    }

    void failedBuildStaysOutOfHistory()
    {
        QFETCH(QString, profile);
        QTemporaryDir site;
        CollectorSession session(
            fakeBuild(site.path(), {"--profile", profile}, {{"FAKE_BENGAL_FAIL", "1"}}));
        QVERIFY(runToEnd(session));
        QCOMPARE(session.lastStatus(), 1);
        QVERIFY(readJsonLines(historyOf(site)).isEmpty());
        const QList<QJsonObject> collected = readJsonLines(collectorOf(site));
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.at(0).value(QLatin1String("exit_code")).toInt(), 1);
        QVERIFY(collected.at(0).value(QLatin1String("build_timestamp")).isNull());
        QVERIFY(collected.at(0).value(QLatin1String("signal")).isNull());
        if (profile == QLatin1String("theme-dev")) // the phases up to the failure are kept
            QCOMPARE(collected.at(0).value(QLatin1String("phases")).toArray().size(), 5);
    }

    void recordsWarmupsAndRepeats()
    {
        QTemporaryDir site;
        CollectorSettings settings = fakeBuild(site.path(), {"--profile", "writer"});
        settings.warmups = 1;
        settings.repeats = 2;
        settings.label = QStringLiteral("cold cache");
        CollectorSession session(settings);
        QSignalSpy runs(&session, &CollectorSession::runStarted);
        QVERIFY(runToEnd(session));
        QCOMPARE(runs.count(), 3);
        const QList<QJsonObject> collected = readJsonLines(collectorOf(site));
        QCOMPARE(collected.size(), 3);
        const bool warmup[] = {true, false, false};
        const int index[] = {0, 0, 1};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(collected.at(i).value(QLatin1String("warmup")).toBool(), warmup[i]);
            QCOMPARE(collected.at(i).value(QLatin1String("repeat_index")).toInt(), index[i]);
            QCOMPARE(collected.at(i).value(QLatin1String("label")).toString(), settings.label);
            QCOMPARE(collected.at(i).value(QLatin1String("command")).toArray().at(1).toString(),
                     QStringLiteral("build"));
        }
        QCOMPARE(readJsonLines(historyOf(site)).size(), 3);
    }

    void followsEventsFileOfAnyCommand()
    {
        QTemporaryDir site;
        const QString events = site.filePath(QStringLiteral("events.jsonl"));
        QFile stale(events); // left from an earlier run, never truncated by this command
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("{\"timestamp\": \"2020-01-01T00:00:00\", \"event_type\": \"phase_start\", "
                    "\"context\": {\"phase_name\": \"stale\"}}\n");
        stale.close();
        CollectorSettings settings;
        settings.program = QStringLiteral("sh");
        settings.arguments = {
            QStringLiteral("-c"),
            QStringLiteral(
                "printf '{\"event_type\": \"phase_start\", \"context\": {\"phase_name\": "
                "\"compile\"}}\\n' >> events.jsonl; sleep 0.3; printf "
                "'{\"event_type\": \"phase_complete\", \"duration_ms\": 300.5, "
                "\"context\": {\"phase_name\": \"compile\"}}\\n' >> events.jsonl")};
        settings.workingDirectory = site.path();
        settings.historyPath = historyOf(site);
        settings.eventsFile = QStringLiteral("events.jsonl");
        CollectorSession session(settings);
        QVERIFY(runToEnd(session));
        const RunRecord& record = session.filings().at(0).record;
        QCOMPARE(record.phases.size(), 1);
        QCOMPARE(record.phases.at(0).name, QStringLiteral("compile"));
        QCOMPARE(record.phases.at(0).durationMs, 300.5);
        QVERIFY(record.phases.at(0).startMs < 200);
    }

    void commandThatCannotStart()
    {
        QTemporaryDir site;
        CollectorSettings settings = fakeBuild(site.path(), {});
        settings.program = site.filePath(QStringLiteral("no-such-bengal"));
        CollectorSession session(settings);
        QSignalSpy failed(&session, &CollectorSession::failedToStart);
        QVERIFY(runToEnd(session));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(session.lastStatus(), 127);
        QVERIFY(!QFileInfo::exists(collectorOf(site)));
    }
};

QTEST_GUILESS_MAIN(TestCollectorSession)
#include "tst_collectorsession.moc"
