// The two-core first read must give exactly what a sequential read gives.
#include "history/HistoryFile.h"
#include "history/HistoryLoader.h"
#include "history/HistoryReader.h"
#include "history/HistoryStore.h"
#include "report/SummaryReport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace bengal;

// ~45 MB, above the parallel threshold: rejections, duplicates, blank lines and a warning per
// build spread over every segment, and a last line without newline.
static int writeBigHistory(const QString& path)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return -1;
    const QByteArray pad(300, 'x');
    const int lines = 120000;
    for (int i = 0; i < lines; ++i) {
        QByteArray line;
        if (i % 9973 == 5)
            line = "{broken";
        else if (i % 7919 == 3 && i > 10)
            line = QStringLiteral("{\"timestamp\": \"2026-01-01T00:00:00.%1\", "
                                  "\"build_time_ms\": %2, \"pad\": \"%3\"}")
                       .arg(7, 6, 10, QLatin1Char('0'))
                       .arg(7)
                       .arg(QString::fromLatin1(pad))
                       .toUtf8(); // duplicates
        else if (i % 5000 == 0)
            line = ""; // blank lines still count
        else
            line = QStringLiteral("{\"timestamp\": \"2026-01-01T00:00:00.%1\", \"build_time_ms\": "
                                  "%2, \"rendering_time_ms\": -1, \"pad\": \"%3\"}")
                       .arg(i % 1000000, 6, 10, QLatin1Char('0'))
                       .arg(i)
                       .arg(QString::fromLatin1(pad))
                       .toUtf8();
        out.write(line + "\n");
    }
    out.write("{\"timestamp\": \"2026-02-01T00:00:00\", \"build_time_ms\": 1}"); // no newline
    return lines + 1;
}

class TestParallelLoad : public QObject
{
    Q_OBJECT
private slots:
    void sameAsSequential()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        QVERIFY(writeBigHistory(path) > 0);
        QVERIFY(QFileInfo(path).size() > 32 * 1024 * 1024);

        HistoryStore parallel;
        QCOMPARE(loadHistoryInto(path, parallel).status, ReadOutcome::Status::Ok);

        HistoryStore sequential;
        HistoryFile file;
        QVERIFY(file.open(path));
        HistoryReader reader;
        readAvailable(file, reader, [&](BuildBatch&& b) { sequential.append(b); });
        reader.finish();
        sequential.append(reader.takeBatch());

        QCOMPARE(parallel.size(), sequential.size());
        QVERIFY(parallel.rejectedCount() > 10);
        QCOMPARE(parallel.rejectedCount(), sequential.rejectedCount());
        QCOMPARE(parallel.warningCount(), sequential.warningCount());
        for (std::size_t i = 0; i < parallel.problems().size(); ++i) {
            QCOMPARE(parallel.problems()[i].line, sequential.problems()[i].line);
            QCOMPARE(parallel.problems()[i].reason, sequential.problems()[i].reason);
        }
        for (qsizetype row = 0; row < parallel.size(); ++row) {
            QCOMPARE(parallel.line(row), sequential.line(row));
            QCOMPARE(parallel.offset(row), sequential.offset(row));
        }
        const QJsonObject a = summaryJson(parallel, path, BuildRange::latest(parallel, 0));
        const QJsonObject b = summaryJson(sequential, path, BuildRange::latest(sequential, 0));
        QCOMPARE(a, b);
    }

    // The reader ends where a sequential read ends: holding the last line without newline,
    // numbering what is appended after it.
    void followsOnAfterTheParallelRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        const int lines = writeBigHistory(path);
        QVERIFY(lines > 0);
        HistoryFile file;
        QVERIFY(file.open(path));
        HistoryReader reader;
        HistoryStore store;
        QCOMPARE(
            readAvailableParallel(file, reader, [&](BuildBatch&& b) { store.append(b); }).status,
            ReadOutcome::Status::Ok);
        QVERIFY(reader.holdsPartialLine());
        QCOMPARE(reader.linesCompleted(), lines - 1);
        const qsizetype before = store.size();

        QFile more(path);
        QVERIFY(more.open(QIODevice::Append));
        more.write("\n{\"timestamp\": \"2026-03-01T00:00:00\", \"build_time_ms\": 2}\n");
        more.close();
        QCOMPARE(readAvailable(file, reader, [&](BuildBatch&& b) { store.append(b); }).status,
                 ReadOutcome::Status::Ok);
        QCOMPARE(store.size(), before + 2);
        QCOMPARE(store.line(store.size() - 1), lines + 1); // time order = line order here
        QCOMPARE(store.line(store.size() - 2), lines);
    }

    // Cancelling stops both threads; nothing is handed out after the call returns.
    void cancelStopsBothThreads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        QVERIFY(writeBigHistory(path) > 0);
        HistoryFile file;
        QVERIFY(file.open(path));
        HistoryReader reader;
        std::atomic<bool> returned{false};
        std::atomic<int> lateBatches{0};
        std::int64_t builds = 0;
        int progressCalls = 0;
        const ReadOutcome outcome = readAvailableParallel(
            file, reader,
            [&](BuildBatch&& b) {
                if (returned.load())
                    ++lateBatches;
                builds += std::int64_t(b.size());
            },
            [&](std::int64_t, std::int64_t) { return ++progressCalls < 3; });
        returned.store(true);
        QCOMPARE(outcome.status, ReadOutcome::Status::Cancelled);
        QCOMPARE(lateBatches.load(), 0);
        QVERIFY(builds < 100000);
    }
};

QTEST_GUILESS_MAIN(TestParallelLoad)
#include "tst_parallel_load.moc"
