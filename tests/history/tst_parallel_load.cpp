// The two-core first read must give exactly what a sequential read gives.
#include "history/HistoryFile.h"
#include "history/HistoryLoader.h"
#include "history/HistoryReader.h"
#include "history/HistoryStore.h"
#include "report/SummaryReport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

class TestParallelLoad : public QObject
{
    Q_OBJECT
private slots:
    void sameAsSequential()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const QByteArray pad(300, 'x');
        const int lines = 120000; // ~45 MB: above the parallel threshold
        for (int i = 0; i < lines; ++i) {
            QByteArray line;
            if (i % 9973 == 5)
                line = "{broken"; // rejections spread over both halves
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
                line =
                    QStringLiteral("{\"timestamp\": \"2026-01-01T00:00:00.%1\", \"build_time_ms\": "
                                   "%2, \"rendering_time_ms\": -1, \"pad\": \"%3\"}")
                        .arg(i % 1000000, 6, 10, QLatin1Char('0'))
                        .arg(i)
                        .arg(QString::fromLatin1(pad))
                        .toUtf8();
            out.write(line + "\n");
        }
        out.write("{\"timestamp\": \"2026-02-01T00:00:00\", \"build_time_ms\": 1}"); // no newline
        out.close();
        QVERIFY(out.size() > 32 * 1024 * 1024);

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
};

QTEST_GUILESS_MAIN(TestParallelLoad)
#include "tst_parallel_load.moc"
