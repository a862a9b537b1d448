// collector.jsonl read back (robust line rules) and joined to the builds of the history,
// one-shot and live.
#include "RunsTestData.h"
#include "history/HistorySession.h"
#include "models/BuildTableModel.h"
#include "runs/CollectorLineParser.h"
#include "runs/CollectorReader.h"
#include "runs/RunsSession.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace bengal;
using bengal::test::appendTo;
using bengal::test::collectorLine;

namespace {

CollectedRunBatch parseText(const QByteArray& text)
{
    CollectorReader reader;
    QByteArray padded = text;
    padded.append(QByteArray(64, '\0'));
    reader.feed(padded.constData(), std::size_t(text.size()));
    reader.finish();
    return reader.takeBatch();
}

double treePeak(const HistoryStore& store, qsizetype row)
{
    const int column = store.metricIndex(RunsSession::treePeakMetric());
    return column < 0 ? std::nan("") : store.value(column, row);
}

QByteArray historyLine(const char* timestamp, double buildMs)
{
    return QByteArray("{\"timestamp\": \"") + timestamp +
           "\", \"build_time_ms\": " + QByteArray::number(buildMs) +
           ", \"memory_rss_mb\": 12.5, \"python_version\": \"3.14.0\"}\n";
}

} // namespace

class TestCollectedRuns : public QObject
{
    Q_OBJECT
private slots:
    void readsEveryFiledKey()
    {
        const CollectedRunBatch batch =
            parseText(collectorLine("2026-03-01T10:00:00.250000+00:00",
                                    "2026-03-01T10:00:00.400000+00:00", "0", "null", 80.125));
        QCOMPARE(batch.problems.size(), std::size_t(0));
        QCOMPARE(batch.runs.size(), std::size_t(1));
        const CollectedRun& run = batch.runs[0];
        QCOMPARE(run.startUs, *parseTimestamp("2026-03-01T10:00:00.250Z"));
        QCOMPARE(*run.buildUs, *parseTimestamp("2026-03-01T10:00:00.4Z"));
        QCOMPARE(run.line, 1);
        QCOMPARE(run.command, QStringList({"bengal", "build"}));
        QCOMPARE(run.label, QStringLiteral("ci"));
        QCOMPARE(*run.exitCode, 0);
        QVERIFY(!run.signal);
        QVERIFY(!run.failed());
        QCOMPARE(run.wallMs, 190.5);
        QCOMPARE(run.cpuUserMs, 120.0);
        QCOMPARE(run.cpuSysMs, 15.5);
        QCOMPARE(run.peakRssMb, 80.125);
        QCOMPARE(run.phases.size(), std::size_t(2));
        QCOMPARE(run.phases[1].name, QStringLiteral("rendering"));
        QCOMPARE(run.phases[1].startMs, 40.0f);
        QCOMPARE(run.phases[1].durationMs, 110.0f);
        QCOMPARE(run.sampleIntervalMs, 50);
        QCOMPARE(run.rssSamplesMb, std::vector<float>({10.5f, 50.25f, 80.0f, 20.0f}));
        QCOMPARE(run.host, QStringLiteral("buildbox"));
        QCOMPARE(run.cpus, 8);
        QCOMPARE(run.loadAverage1m, 1.25);
        QCOMPARE(*run.gitCommit, QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        QVERIFY(run.gitDirty);
        QVERIFY(!run.warmup);
    }

    void badLinesBecomeProblemsWithLineNumbers()
    {
        QByteArray text;
        text += collectorLine("2026-03-01T10:00:00+00:00", nullptr, "1", "null", 40); // 1 failed
        text += "{not json\n";                                                        // 2
        text += "[1, 2, 3]\n";                                                        // 3
        text += "\n";                                                                 // 4 blank
        text += "{\"build_timestamp\": null}\n";                                      // 5
        text += "{\"timestamp\": \"yesterday\"}\n";                                   // 6
        // 7: wrong types are warnings, the run is kept
        text += "{\"timestamp\": \"2026-03-01T11:00:00+00:00\", \"build_timestamp\": 5, "
                "\"exit_code\": \"zero\", \"wall_ms\": \"fast\", \"phases\": [{\"x\": 1}], "
                "\"rss_samples\": {\"interval_ms\": 0, \"mb\": []}, \"loadavg_1m\": NaN, "
                "\"git\": null}\n";
        text += collectorLine("2026-03-01T12:00:00+00:00", nullptr, "null", "15", 41); // 8
        text += "{\"timestamp\": \"2026-03-01T1"; // 9: cut short by a crash

        const CollectedRunBatch batch = parseText(text);
        QCOMPARE(batch.runs.size(), std::size_t(3));
        QCOMPARE(batch.runs[0].line, 1);
        QCOMPARE(batch.runs[1].line, 7);
        QCOMPARE(batch.runs[2].line, 8);
        QVERIFY(batch.runs[0].failed());
        QVERIFY(batch.runs[2].failed());
        QCOMPARE(*batch.runs[2].signal, 15);

        QList<std::int64_t> rejected;
        QStringList warned;
        for (const Problem& p : batch.problems) {
            if (p.kind == Problem::Kind::Rejected)
                rejected << p.line;
            else
                warned << p.key;
            QVERIFY2(!p.reason.isEmpty(), qPrintable(QString::number(p.line)));
        }
        QCOMPARE(rejected, QList<std::int64_t>({2, 3, 5, 6, 9}));
        QVERIFY(batch.problems.back().reason.contains(QStringLiteral("no newline")));
        for (const char* key :
             {"build_timestamp", "exit_code", "wall_ms", "phases[0]", "rss_samples", "loadavg_1m"})
            QVERIFY2(warned.contains(QLatin1String(key)), key);
        const CollectedRun& odd = batch.runs[1];
        QVERIFY(!odd.buildUs);
        QVERIFY(std::isnan(odd.wallMs));
        QVERIFY(std::isnan(odd.loadAverage1m));
        QVERIFY(odd.phases.empty());
        QVERIFY(odd.rssSamplesMb.empty());
        QVERIFY(odd.failed()); // no exit code known: not a successful run
    }

    void joinsByInstantAndKeepsFailedRuns()
    {
        QTemporaryDir dir;
        const QString history = dir.filePath(QStringLiteral("history.jsonl"));
        const QString collector = RunsSession::collectorFileFor(history);
        QCOMPARE(collector, QDir(dir.path()).filePath(QStringLiteral("collector.jsonl")));
        // Bengal before v0.1.9 wrote naive UTC; the collector writes "+00:00": same instant.
        QVERIFY(appendTo(history, historyLine("2026-03-01T10:00:01.500000", 900) +
                                      historyLine("2026-03-01T11:00:00+01:00", 950) +
                                      historyLine("2026-03-01T12:00:00+00:00", 990)));
        QVERIFY(appendTo(collector,
                         collectorLine("2026-03-01T10:00:00+00:00",
                                       "2026-03-01T10:00:01.500000+00:00", "0", "null", 101.5) +
                             collectorLine("2026-03-01T09:59:58+00:00",
                                           "2026-03-01T10:00:00.000000+00:00", "0", "null", 99) +
                             collectorLine("2026-03-01T11:30:00+00:00", nullptr, "2", "null", 55) +
                             collectorLine("2026-03-01T12:30:00+00:00", "2026-03-01T13:00:00+00:00",
                                           "0", "null", 120)));

        HistorySession session;
        session.setPollInterval(50);
        RunsSession runs(&session);
        runs.setPollInterval(50);
        BuildTableModel table(&session);
        QAbstractItemModelTester tester(&table,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        session.open(history);
        QTRY_COMPARE_WITH_TIMEOUT(runs.store().size(), 4, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(session.store().size(), 3, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(runs.joinedCount(), 2, 5000);
        // 10:00:01.5 naive = the run's +00:00 form; "11:00+01:00" is 10:00Z: the second run.
        QCOMPARE(treePeak(session.store(), 0), 99.0);
        QCOMPARE(treePeak(session.store(), 1), 101.5);
        QVERIFY(std::isnan(treePeak(session.store(), 2))); // not collected
        QCOMPARE(runs.waitingCount(), 1);                  // its build is not in the history
        QCOMPARE(runs.failedRuns(), std::vector<qsizetype>({2}));
        QVERIFY(runs.runForRow(1) && runs.runForRow(1)->peakRssMb == 101.5);
        QVERIFY(!runs.runForRow(2));

        // The table shows the tree peak next to Bengal's memory, empty when not collected.
        const int column = table.columnOfMetric(RunsSession::treePeakMetric());
        QVERIFY(column > table.columnOfMetric(QStringLiteral("memory_rss_mb")));
        QCOMPARE(table.headerData(column, Qt::Horizontal).toString(),
                 QStringLiteral("Tree peak RSS"));
        QCOMPARE(table.index(1, column).data().toString(), QStringLiteral("101.5 MiB"));
        QCOMPARE(table.index(2, column).data().toString(), QString());
    }

    void followsBothFilesLive()
    {
        QTemporaryDir dir;
        const QString history = dir.filePath(QStringLiteral("history.jsonl"));
        const QString collector = RunsSession::collectorFileFor(history);
        QVERIFY(appendTo(history, historyLine("2026-03-01T10:00:00+00:00", 900)));

        HistorySession session;
        session.setPollInterval(50);
        RunsSession runs(&session);
        runs.setPollInterval(50);
        BuildTableModel table(&session);
        QAbstractItemModelTester tester(&table,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&runs, &RunsSession::runsChanged);
        session.open(history);
        QTRY_COMPARE_WITH_TIMEOUT(session.store().size(), 1, 5000);
        QCOMPARE(runs.store().size(), 0); // no collector.jsonl: nothing, and no error
        QCOMPARE(session.store().metricIndex(RunsSession::treePeakMetric()), -1);

        // The collector files its run before the build's record reaches the history (or the
        // history is read later): the run waits for its build.
        QVERIFY(appendTo(collector, collectorLine("2026-03-01T10:59:59+00:00",
                                                  "2026-03-01T11:00:00+00:00", "0", "null", 77.5)));
        QTRY_COMPARE_WITH_TIMEOUT(runs.store().size(), 1, 5000);
        QCOMPARE(runs.waitingCount(), 1);
        QVERIFY(appendTo(history, historyLine("2026-03-01T11:00:00+00:00", 910)));
        QTRY_COMPARE_WITH_TIMEOUT(runs.joinedCount(), 1, 5000);
        QCOMPARE(runs.waitingCount(), 0);
        QCOMPARE(treePeak(session.store(), 1), 77.5);
        const int column = table.columnOfMetric(RunsSession::treePeakMetric());
        QVERIFY(column >= 0);
        QCOMPARE(table.index(1, column).data().toString(), QStringLiteral("77.50 MiB"));

        // A failed run, and a half-written line completed later.
        const QByteArray failed =
            collectorLine("2026-03-01T11:30:00+00:00", nullptr, "1", "null", 30);
        QVERIFY(appendTo(collector, failed.left(40)));
        QTest::qWait(300);
        QCOMPARE(runs.store().size(), 1);
        QVERIFY(appendTo(collector, failed.mid(40)));
        QTRY_COMPARE_WITH_TIMEOUT(runs.store().size(), 2, 5000);
        QCOMPARE(runs.failedRuns(), std::vector<qsizetype>({1}));
        QVERIFY(runs.store().problems().empty());

        // Truncated and rewritten: runs and joined values start over.
        QFile file(collector);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("garbage\n");
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(runs.store().problems().size(), std::size_t(1), 5000);
        QCOMPARE(runs.store().size(), 0);
        QVERIFY(std::isnan(treePeak(session.store(), 1)));
        QCOMPARE(table.index(1, column).data().toString(), QString());
        QVERIFY(changed.count() >= 3);
    }

    void realisticSample()
    {
        // Made by `bengal-perf run` over the fake bengal (see tests/data/collected/README.md).
        const QString dir = QStringLiteral(BENGAL_TEST_DATA "/collected");
        QString error;
        const CollectedRunBatch batch =
            readCollectorFile(dir + QStringLiteral("/collector.jsonl"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(batch.problems.empty());
        QVERIFY(batch.runs.size() >= 4);
        int failed = 0;
        for (const CollectedRun& run : batch.runs) {
            failed += run.failed() ? 1 : 0;
            QVERIFY(run.failed() != run.buildUs.has_value());
            QVERIFY(!run.rssSamplesMb.empty());
            QVERIFY(!run.phases.empty());
            QVERIFY(run.peakRssMb > 0);
        }
        QCOMPARE(failed, 1);

        HistorySession session;
        RunsSession runs(&session);
        session.open(dir + QStringLiteral("/history.jsonl"));
        QTRY_COMPARE_WITH_TIMEOUT(runs.joinedCount(), qsizetype(batch.runs.size()) - 1, 5000);
        QCOMPARE(runs.waitingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCollectedRuns)
#include "tst_collected_runs.moc"
