// `bengal-perf run` end to end against the fake `bengal`: exit status passthrough, untouched
// output, where records go, signal forwarding, and four collectors sharing one history.
#include "CollectorTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace collectortest;

namespace {

struct Result
{
    int status = -1;
    QByteArray out;
    QByteArray err;
};

void startRun(QProcess& process, const QString& cwd, const QStringList& args,
              const QMap<QString, QString>& knobs = {})
{
    process.setWorkingDirectory(cwd);
    process.setProcessEnvironment(environmentWith(knobs));
    process.start(bengalPerf(), QStringList{QStringLiteral("run")} + args);
}

Result run(const QString& cwd, const QStringList& args, const QMap<QString, QString>& knobs = {})
{
    QProcess process;
    startRun(process, cwd, args, knobs);
    Result result;
    if (!process.waitForFinished(120000))
        return result;
    result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QStringList words(const char* text)
{
    return QString::fromLatin1(text).split(u' ');
}

} // namespace

class TestRunCli : public QObject
{
    Q_OBJECT
private slots:
    void exitStatusIsTheCommands_data()
    {
        QTest::addColumn<QString>("knob");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("status");
        QTest::newRow("success") << "" << words("bengal build") << 0;
        QTest::newRow("build error") << "FAKE_BENGAL_FAIL=1" << words("bengal build") << 1;
        QTest::newRow("usage error") << "" << words("bengal build --nope") << 2;
        QTest::newRow("killed") << "FAKE_BENGAL_SELF_SIGNAL=9" << words("bengal build") << 137;
        QTest::newRow("terminated") << "FAKE_BENGAL_SELF_SIGNAL=15" << words("bengal build") << 143;
        QTest::newRow("not found") << "" << words("no-such-program-xyz") << 127;
    }

    void exitStatusIsTheCommands()
    {
        QFETCH(QString, knob);
        QFETCH(QStringList, command);
        QFETCH(int, status);
        QTemporaryDir site;
        QMap<QString, QString> knobs;
        if (!knob.isEmpty())
            knobs.insert(knob.section(u'=', 0, 0), knob.section(u'=', 1));
        const Result result = run(site.path(), QStringList{QStringLiteral("--")} + command, knobs);
        QCOMPARE(result.status, status);
        if (status == 127)
            return;
        const QList<QJsonObject> collected =
            readJsonLines(site.filePath(QStringLiteral(".bengal/metrics/collector.jsonl")));
        QCOMPARE(collected.size(), 1); // every run is filed, failed ones too
        QCOMPARE(
            readJsonLines(site.filePath(QStringLiteral(".bengal/metrics/history.jsonl"))).size(),
            status == 0 ? 1 : 0);
    }

    void outputPassesThroughUnchanged()
    {
        QTemporaryDir site;
        const QMap<QString, QString> knobs{{"FAKE_BENGAL_STDERR", "1"}};
        QProcess bare;
        bare.setWorkingDirectory(site.path());
        bare.setProcessEnvironment(environmentWith(knobs));
        bare.start(fakeBengal(), words("build --profile writer"));
        QVERIFY(bare.waitForFinished(30000));
        const QByteArray expectedOut = bare.readAllStandardOutput();
        const QByteArray expectedErr = bare.readAllStandardError();
        QVERIFY(expectedOut.contains("Built 42 pages"));

        const Result result = run(site.path(), words("-- bengal build --profile writer"), knobs);
        QCOMPARE(result.status, 0);
        QCOMPARE(result.out, expectedOut); // byte for byte; run's own lines never go to stdout
        QVERIFY(result.err.startsWith(expectedErr));
        for (const QByteArray& line : result.err.mid(expectedErr.size()).split('\n')) {
            if (!line.isEmpty())
                QVERIFY2(line.startsWith("bengal-perf: "), line.constData());
        }
    }

    void findsOrCreatesTheHistory()
    {
        QTemporaryDir cwd;
        // Nothing there: created where Bengal would create it.
        QCOMPARE(run(cwd.path(), words("-- bengal build")).status, 0);
        QCOMPARE(
            readJsonLines(cwd.filePath(QStringLiteral(".bengal/metrics/history.jsonl"))).size(), 1);
        // --source: the site's history, as Bengal writes there.
        QVERIFY(QDir(cwd.path()).mkdir(QStringLiteral("site")));
        QCOMPARE(run(cwd.path(), words("-- bengal build --source site --profile theme-dev")).status,
                 0);
        const QString siteHistory =
            cwd.filePath(QStringLiteral("site/.bengal/metrics/history.jsonl"));
        QCOMPARE(readJsonLines(siteHistory).size(), 1); // Bengal's only: no duplicate
        QCOMPARE(readJsonLines(cwd.filePath(QStringLiteral("site/.bengal/metrics/collector.jsonl")))
                     .size(),
                 1);
        // An old-layout history is found and used.
        QTemporaryDir old;
        QVERIFY(QDir(old.path()).mkdir(QStringLiteral(".bengal-metrics")));
        QFile seed(old.filePath(QStringLiteral(".bengal-metrics/history.jsonl")));
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write("{\"timestamp\": \"2025-10-05T14:52:52.575025\", \"build_time_ms\": 1.0}\n");
        seed.close();
        QCOMPARE(run(old.path(), words("-- bengal build")).status, 0);
        QCOMPARE(readJsonLines(seed.fileName()).size(), 2);
        QVERIFY(QFileInfo::exists(old.filePath(QStringLiteral(".bengal-metrics/collector.jsonl"))));
        // --history, --label, --interval-ms, --events for another command.
        const QString custom = cwd.filePath(QStringLiteral("elsewhere/h.jsonl"));
        const Result result = run(
            cwd.path(), {"--history", custom, "--label", "ci run", "--interval-ms", "20",
                         "--events", "ev.jsonl", "--", "sh", "-c",
                         "echo '{\"event_type\": \"phase_start\", \"context\": {\"phase_name\": "
                         "\"x\"}}' > ev.jsonl; sleep 0.2"});
        QCOMPARE(result.status, 0);
        const QList<QJsonObject> collected =
            readJsonLines(cwd.filePath(QStringLiteral("elsewhere/collector.jsonl")));
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.at(0).value(QLatin1String("label")).toString(),
                 QStringLiteral("ci run"));
        QCOMPARE(collected.at(0)
                     .value(QLatin1String("rss_samples"))
                     .toObject()
                     .value(QLatin1String("interval_ms"))
                     .toInt(),
                 20);
        QCOMPARE(collected.at(0).value(QLatin1String("phases")).toArray().size(), 1);
    }

    void forwardsSignalsToTheBuild_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void forwardsSignalsToTheBuild()
    {
        QFETCH(int, signal);
        QTemporaryDir site;
        QTemporaryDir report;
        QProcess process;
        startRun(process, site.path(), words("--repeat 2 -- bengal build"),
                 {{"FAKE_BENGAL_CHILD_MB", "2"},
                  {"FAKE_BENGAL_GRANDCHILD_MB", "2"},
                  {"FAKE_BENGAL_HOLD_MS", "-1"},
                  {"FAKE_BENGAL_SLEEP_MS", "60000"},
                  {"FAKE_BENGAL_REPORT_DIR", report.path()}});
        QVERIFY(process.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(reportedPids(report.path()).size(), 3, 15000);
        ::kill(pid_t(process.processId()), signal);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 128 + signal);
        QCOMPARE(survivors(reportedPids(report.path()), 0), QList<qint64>());
        const QList<QJsonObject> collected =
            readJsonLines(site.filePath(QStringLiteral(".bengal/metrics/collector.jsonl")));
        QCOMPARE(collected.size(), 1); // the second repeat never started
        if (signal == SIGINT)          // Bengal (and the fake) turn Ctrl-C into exit status 130
            QCOMPARE(collected.at(0).value(QLatin1String("exit_code")).toInt(), 130);
        else
            QCOMPARE(collected.at(0).value(QLatin1String("signal")).toInt(), signal);
    }

    void fourCollectorsShareOneHistory()
    {
        QTemporaryDir site;
        const QString history = site.filePath(QStringLiteral(".bengal/metrics/history.jsonl"));
        QVERIFY(QDir().mkpath(QFileInfo(history).path()));
        QFile seed(history);
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write("{\"timestamp\": \"2026-01-01T00:00:00+00:00\", \"build_ti"); // crash-cut
        seed.close();
        QList<QProcess*> collectors;
        for (int i = 0; i < 4; ++i) {
            auto* process = new QProcess(this);
            startRun(*process, site.path(),
                     words("--repeat 5 -- bengal build --profile writer --verbose"),
                     {{"FAKE_BENGAL_PHASE_MS", "5"}});
            collectors.append(process);
        }
        for (QProcess* process : collectors) {
            QVERIFY(process->waitForFinished(120000));
            QCOMPARE(process->exitCode(), 0);
        }
        int malformed = 0;
        const QList<QJsonObject> records = readJsonLines(history, &malformed);
        QCOMPARE(malformed, 1); // only the crash-cut line, left as it was
        QCOMPARE(records.size(), 20);
        QVERIFY(readRawLines(history).first().endsWith("\"build_ti"));
        const QList<QJsonObject> collected = readJsonLines(
            site.filePath(QStringLiteral(".bengal/metrics/collector.jsonl")), &malformed);
        QCOMPARE(malformed, 0);
        QCOMPARE(collected.size(), 20);
        for (const QJsonObject& record : collected)
            QVERIFY(!record.value(QLatin1String("build_timestamp")).isNull());
    }

    void rootOptionsBeforeTheBuildWord()
    {
        QTemporaryDir site;
        const Result result = run(site.path(), words("-- bengal -o result.json --force build "
                                                     "--profile theme-dev"));
        QCOMPARE(result.status, 0);
        QVERIFY(QFileInfo::exists(site.filePath(QStringLiteral("result.json"))));
        const QList<QJsonObject> collected =
            readJsonLines(site.filePath(QStringLiteral(".bengal/metrics/collector.jsonl")));
        QCOMPARE(collected.size(), 1);
        QCOMPARE(collected.at(0).value(QLatin1String("phases")).toArray().size(), 8);
        // The command is filed as given, without the injected --log-file.
        QCOMPARE(collected.at(0).value(QLatin1String("command")).toArray().size(), 7);
    }

    void usageErrors()
    {
        QTemporaryDir site;
        QCOMPARE(run(site.path(), {}).status, 2);
        QCOMPARE(run(site.path(), words("--repeat x -- bengal build")).status, 2);
        QCOMPARE(run(site.path(), words("--repeat 0 -- bengal build")).status, 2);
        QCOMPARE(run(site.path(), words("--help")).status, 0);
        QVERIFY(!QFileInfo::exists(site.filePath(QStringLiteral(".bengal"))));
    }
};

QTEST_GUILESS_MAIN(TestRunCli)
#include "tst_runcli.moc"
