// Unit tests of the collector's pure parts: /proc parsing, command analysis, event pairing,
// the file tail, record serialisation and the series/peak helpers.
#include "collector/BengalCommand.h"
#include "collector/GrowingFileReader.h"
#include "collector/HistorySnapshot.h"
#include "collector/PhaseTracker.h"
#include "collector/ProcFs.h"
#include "collector/PythonStyleJson.h"
#include "collector/RunEnvironment.h"
#include "collector/RunMeasurements.h"
#include "collector/RunRecord.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace bengal;

class TestCollectorParts : public QObject
{
    Q_OBJECT
private slots:
    void parsesStatWithAwkwardName()
    {
        const auto stat = procfs::parseStat(
            "1234 (a) b (c)) S 1 1234 1234 0 -1 4194560 10 0 0 0 250 40 7 3 20 0 1 0 98765 "
            "1000 20 18446744073709551615");
        QVERIFY(stat);
        QCOMPARE(stat->pid, 1234);
        QCOMPARE(stat->state, 'S');
        QCOMPARE(stat->ppid, 1);
        QCOMPARE(stat->session, 1234);
        QCOMPARE(stat->utime, 250u);
        QCOMPARE(stat->stime, 40u);
        QCOMPARE(stat->cutime, 7u);
        QCOMPARE(stat->cstime, 3u);
        QCOMPARE(stat->startTime, 98765u);
        QVERIFY(!procfs::parseStat("garbage"));
        QCOMPARE(*procfs::parseStatmResidentBytes("1000 25 3 1 0 10 0"), 25 * procfs::pageSize());
        QCOMPARE(procfs::parseLastPid("0.52 0.58 0.59 2/134 3922\n"), std::optional<pid_t>(3922));
        QVERIFY(!procfs::parseLastPid("0.52 0.58"));
        QCOMPARE(stat->flags, 4194560u);
        const auto rollup = procfs::parseSmapsRollup(
            "55d0-7ffe ---p 00000000 00:00 0   [rollup]\nRss:  410296 kB\nPss:  204926 kB\n"
            "Shared_Dirty:   409768 kB\nPrivate_Clean:  4 kB\nPrivate_Dirty:  28 kB\n");
        QVERIFY(rollup);
        QCOMPARE(rollup->rss, 410296 * 1024);
        QCOMPARE(rollup->privateBytes, 32 * 1024);
        QVERIFY(!procfs::parseSmapsRollup("nothing here"));
    }

    void recognisesBengalBuilds_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("isBuild");
        QTest::addColumn<QStringList>("expected");
        const QString log = QStringLiteral("/tmp/ev.jsonl");
        auto words = [](const char* text) {
            return QString::fromLatin1(text).split(u' ');
        };
        QTest::newRow("plain") << "bengal" << words("build --profile theme-dev") << true
                               << words("build --log-file /tmp/ev.jsonl --profile theme-dev");
        QTest::newRow("path+alias")
            << "/usr/bin/bengal" << words("b") << true << words("b --log-file /tmp/ev.jsonl");
        QTest::newRow("root options") << "bengal" << words("-o r.json --force build") << true
                                      << words("-o r.json --force build --log-file /tmp/ev.jsonl");
        QTest::newRow("python -m") << "python3" << words("-m bengal build") << true
                                   << words("-m bengal build --log-file /tmp/ev.jsonl");
        QTest::newRow("python3.14t -m bengal.cli")
            << "python3.14t" << words("-X dev -m bengal.cli build") << true
            << words("-X dev -m bengal.cli build --log-file /tmp/ev.jsonl");
        QTest::newRow("has log file") << "bengal" << words("build --log-file=x.jsonl") << true
                                      << words("build --log-file=x.jsonl");
        QTest::newRow("serve") << "bengal" << words("serve") << false << words("serve");
        QTest::newRow("script") << "python3" << words("bengal.py build") << false
                                << words("bengal.py build");
        QTest::newRow("other") << "make" << words("build") << false << words("build");
        Q_UNUSED(log);
    }

    void recognisesBengalBuilds()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(bool, isBuild);
        QFETCH(QStringList, expected);
        QCOMPARE(analyseBengalCommand(program, arguments).isBengalBuild, isBuild);
        QCOMPARE(withLogFile(program, arguments, QStringLiteral("/tmp/ev.jsonl")), expected);
    }

    void findsSourceDirectory()
    {
        const BengalCommand command = analyseBengalCommand(
            QStringLiteral("bengal"),
            {QStringLiteral("build"), QStringLiteral("--source"), QStringLiteral("site")});
        QCOMPARE(command.sourceDirectory, QStringLiteral("site"));
    }

    void pairsPhasesByContextName()
    {
        const QDateTime launch = QDateTime::currentDateTime();
        PhaseTracker tracker(launch.toMSecsSinceEpoch());
        auto stamp = [&](int ms) -> QByteArray {
            return launch.addMSecs(ms)
                .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000"))
                .toUtf8();
        };
        auto start = [&](const char* name, int ms) -> QByteArray {
            return "{\"timestamp\": \"" + stamp(ms) +
                   "\", \"event_type\": \"phase_start\", "
                   "\"phase\": \"" +
                   QByteArray(name) + "\", \"context\": {\"phase_name\": \"" + QByteArray(name) +
                   "\"}}";
        };
        auto complete = [&](const char* name, int ms, int duration,
                            const char* parent) -> QByteArray {
            return "{\"timestamp\": \"" + stamp(ms) +
                   "\", \"event_type\": \"phase_complete\", "
                   "\"phase\": \"" +
                   QByteArray(parent) + "\", \"duration_ms\": " + QByteArray::number(duration) +
                   ", \"context\": {\"phase_name\": \"" + QByteArray(name) + "\"}}";
        };
        QCOMPARE(tracker.feedLine(start("rendering", 100), 150), PhaseTracker::Change::Started);
        QCOMPARE(tracker.feedLine(start("parsing", 120), 150), PhaseTracker::Change::Started);
        QCOMPARE(tracker.feedLine("{\"timestamp\": \"2026-", 150), PhaseTracker::Change::None);
        // `phase` names the parent on completion: pairing must use context.phase_name.
        QCOMPARE(tracker.feedLine(complete("parsing", 170, 50, "rendering"), 200),
                 PhaseTracker::Change::Finished);
        QCOMPARE(tracker.feedLine(complete("rendering", 400, 300, ""), 450),
                 PhaseTracker::Change::Finished);
        QCOMPARE(tracker.malformedLines(), 1);
        QCOMPARE(tracker.phases().size(), 2);
        QCOMPARE(tracker.phases().at(0).name, QStringLiteral("rendering"));
        QCOMPARE(tracker.phases().at(0).startMs, 100.0);
        QCOMPARE(tracker.phases().at(0).durationMs, 300.0);
        QCOMPARE(tracker.phases().at(1).name, QStringLiteral("parsing"));
        QCOMPARE(tracker.phases().at(1).durationMs, 50.0);
        // A stale event from an earlier run in the same file is ignored.
        QCOMPARE(tracker.feedLine(start("discovery", -60000), 500), PhaseTracker::Change::None);
        QCOMPARE(tracker.staleEvents(), 1);
        // An unfinished phase is closed at the end of the run.
        tracker.feedLine(start("assets", 500), 520);
        tracker.closeOpenPhases(800);
        QCOMPARE(tracker.phases().last().durationMs, 300.0);
    }

    void followsGrowingTruncatedFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.jsonl"));
        GrowingFileReader reader(path);
        QVERIFY(reader.poll().isEmpty()); // not there yet
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("one\ntw");
        file.flush();
        QCOMPARE(reader.poll(), QList<QByteArray>{"one"});
        file.write("o\nthree");
        file.flush();
        QCOMPARE(reader.poll(), QList<QByteArray>{"two"});
        QVERIFY(file.resize(0)); // the writer starts over
        file.seek(0);
        file.write("x\n");
        file.flush();
        QCOMPARE(reader.poll(), QList<QByteArray>{"x"});
        file.write("tail");
        file.flush();
        QCOMPARE(reader.pollFinal(), QList<QByteArray>{"tail"});
    }

    void writesPythonStyleJson()
    {
        QCOMPARE(pythonFloat(5), QByteArray("5.0"));
        QCOMPARE(pythonFloat(0.1), QByteArray("0.1"));
        QCOMPARE(pythonFloat(1234.5678), QByteArray("1234.5678"));
        QCOMPARE(pythonFloat(1e16), QByteArray("1e+16"));
        PythonStyleJson json;
        json.beginObject()
            .key("a")
            .value(1)
            .key("b")
            .beginArray()
            .value(QString::fromUtf8("\xc3\xa9\""))
            .null()
            .endArray()
            .endObject();
        QCOMPARE(json.text(), QByteArray("{\"a\": 1, \"b\": [\"\\u00e9\\\"\", null]}"));
        QVERIFY(utcTimestamp(1'700'000'000'123'456).endsWith(QStringLiteral(".123456+00:00")));
        QCOMPARE(utcTimestamp(1'700'000'000'000'001),
                 QStringLiteral("2023-11-14T22:13:20.000001+00:00"));
    }

    void collectorRecordHasTheDocumentedKeys()
    {
        RunRecord record;
        record.timestamp = QStringLiteral("2026-01-01T00:00:00.000000+00:00");
        record.command = {QStringLiteral("bengal"), QStringLiteral("build")};
        record.exitCode = 0;
        record.phases = {{QStringLiteral("rendering"), 10, 20, 30}};
        record.rssSamplesMb = {1, 2};
        record.git = GitState{QStringLiteral("abc"), true};
        const QByteArray line = collectorRecordLine(record);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QStringList keys{"timestamp",   "build_timestamp",
                               "command",     "cwd",
                               "label",       "exit_code",
                               "signal",      "wall_ms",
                               "cpu_user_ms", "cpu_sys_ms",
                               "peak_rss_mb", "phases",
                               "rss_samples", "host",
                               "cpus",        "loadavg_1m",
                               "git",         "warmup",
                               "repeat_index"};
        QStringList sortedKeys = keys;
        sortedKeys.sort();
        QCOMPARE(object.keys(), sortedKeys);
        QVERIFY(line.startsWith("{\"timestamp\": \"2026-01-01")); // key order as documented
        QVERIFY(object.value(QLatin1String("build_timestamp")).isNull());
        QVERIFY(object.value(QLatin1String("signal")).isNull());
        const QJsonObject phase = object.value(QLatin1String("phases")).toArray().at(0).toObject();
        QCOMPARE(phase.keys(), (QStringList{"duration_ms", "name", "peak_rss_mb", "start_ms"}));
        QCOMPARE(
            object.value(QLatin1String("git")).toObject().value(QLatin1String("dirty")).toBool(),
            true);
        QCOMPARE(object.value(QLatin1String("rss_samples"))
                     .toObject()
                     .value(QLatin1String("mb"))
                     .toArray()
                     .size(),
                 2);
    }

    void historyRecordUsesBengalKeys()
    {
        RunRecord record;
        record.wallMs = 1500;
        record.phases = {{QStringLiteral("discovery"), 0, 100, 0},
                         {QStringLiteral("taxonomies"), 100, 20, 0},
                         {QStringLiteral("postprocessing"), 120, 30, 0},
                         {QStringLiteral("snapshot"), 150, 5, 0}};
        const QByteArray line =
            bengalHistoryLine(record, QStringLiteral("2026-01-01T00:00:00.5+00:00"));
        QCOMPARE(line,
                 QByteArray("{\"timestamp\": \"2026-01-01T00:00:00.5+00:00\", \"build_time_ms\": "
                            "1500.0, \"skipped\": false, \"discovery_time_ms\": 100.0, "
                            "\"taxonomy_time_ms\": 20.0, \"postprocess_time_ms\": 30.0}\n"));
    }

    void peaksAndSeries()
    {
        const QList<RssSample> samples{{0, 10}, {50, 30}, {100, 20}, {150, 50}, {200, 5}};
        QCOMPARE(peakRssWithin(samples, 40, 110), 30);
        QCOMPARE(peakRssWithin(samples, 110, 140), 50); // no sample inside: the neighbours
        int interval = 0;
        QCOMPARE(rssSeriesMb(samples, 50, 10, &interval).size(), 5);
        QCOMPARE(interval, 50);
        const QList<double> coarse = rssSeriesMb(samples, 50, 2, &interval);
        QCOMPARE(interval, 150);
        QCOMPARE(coarse.size(), 2);
        QCOMPARE(coarse.at(0), toMiB(30)); // the maximum survives coarsening
    }

    void readsGitStateAndEnvironment()
    {
        QTemporaryDir dir;
        QVERIFY(!readGitState(dir.path())); // not a repository
        auto git = [&](const QStringList& args) {
            QProcess process;
            process.setWorkingDirectory(dir.path());
            process.start(QStringLiteral("git"),
                          QStringList{"-c", "user.name=t", "-c", "user.email=t@example.org"} +
                              args);
            const bool ok = process.waitForFinished(20000) &&
                            process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
            return ok ? std::optional<QString>(
                            QString::fromLatin1(process.readAllStandardOutput().trimmed()))
                      : std::nullopt;
        };
        if (!git({"init", "-q"}))
            QSKIP("git is not available");
        QFile file(dir.filePath(QStringLiteral("a.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("one\n");
        file.close();
        git({"add", "a.txt"});
        git({"commit", "-q", "-m", "first"});
        const QString head = git({"rev-parse", "HEAD"}).value_or(QString());
        QCOMPARE(head.size(), 40);
        auto state = readGitState(dir.path());
        QVERIFY(state);
        QCOMPARE(state->commit, head);
        QVERIFY(!state->dirty);
        QVERIFY(file.open(QIODevice::Append));
        file.write("two\n");
        file.close();
        state = readGitState(dir.path());
        QVERIFY(state && state->dirty);

        const RunEnvironment environment = captureRunEnvironment(dir.path());
        QVERIFY(!environment.host.isEmpty());
        QVERIFY(environment.cpus >= 1);
        QVERIFY(environment.loadAverage1m >= 0);
        QCOMPARE(environment.git->commit, head);
    }

    void detectsTheBuildsOwnRecord()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"timestamp\": \"2020-01-01T00:00:00\", \"python_version\": \"3.12\", "
                   "\"build_time_ms\": 1}\n");
        file.close();
        const HistorySnapshot before = snapshotHistory(path);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(!findBuildRecord(path, before, now, now + 1000)); // nothing new
        QVERIFY(file.open(QIODevice::Append));
        const QString mine = utcTimestamp();
        file.write("{\"timestamp\": \"" + mine.toUtf8() +
                   "\", \"build_time_ms\": 2}\n"); // a collector's
        file.flush();
        QVERIFY(!findBuildRecord(path, before, now, now + 1000));
        file.write("{\"timestamp\": \"" + mine.toUtf8() +
                   "\", \"python_version\": \"3.14.0\", \"build_time_ms\": 3}\n");
        file.close();
        QCOMPARE(findBuildRecord(path, before, now, now + 1000), std::optional<QString>(mine));
    }
};

QTEST_GUILESS_MAIN(TestCollectorParts)
#include "tst_collectorparts.moc"
