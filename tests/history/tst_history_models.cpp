// The item models over a live session, each watched by QAbstractItemModelTester.
#include "history/HistorySession.h"
#include "models/BuildFilterProxy.h"
#include "models/BuildTableModel.h"
#include "models/ProblemsModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

class TestHistoryModels : public QObject
{
    Q_OBJECT
private slots:
    void liveSessionModels()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

        HistorySession session;
        session.setPollInterval(50);
        BuildTableModel table(&session);
        ProblemsModel problems(&session);
        BuildFilterProxy proxy;
        proxy.setBuildModel(&table);
        QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&problems,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QSignalSpy loaded(&session, &HistorySession::loadFinished);
        session.open(path);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(table.rowCount(), 38);
        QCOMPARE(table.columnCount(), BuildTableModel::FirstMetricColumn + 17);
        QCOMPARE(table.headerData(BuildTableModel::FirstMetricColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Build time")); // the usual metrics come first
        QCOMPARE(table.index(0, BuildTableModel::KindColumn).data().toString(),
                 QStringLiteral("full · parallel"));
        QCOMPARE(table.index(0, BuildTableModel::FirstMetricColumn).data().toString(),
                 QStringLiteral("6102.6 ms"));

        // Sorting by build time (raw numbers, not text).
        proxy.sort(BuildTableModel::FirstMetricColumn, Qt::DescendingOrder);
        const double top = table.sortKey(proxy.mapToSource(proxy.index(0, 0)).row(),
                                         BuildTableModel::FirstMetricColumn);
        for (int row = 1; row < proxy.rowCount(); ++row)
            QVERIFY(table.sortKey(proxy.mapToSource(proxy.index(row, 0)).row(),
                                  BuildTableModel::FirstMetricColumn) <= top);

        // Live: a new build with a new metric, a rejected line, then an out-of-order build.
        QSignalSpy appended(&session, &HistorySession::appended);
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"timestamp\": \"2025-11-01T00:00:00\", \"build_time_ms\": 99999, "
                   "\"brand_new_ms\": 5}\n{nope\n");
        file.flush();
        QVERIFY(appended.wait(5000));
        QCOMPARE(table.rowCount(), 39);
        QCOMPARE(table.columnCount(), BuildTableModel::FirstMetricColumn + 18);
        QCOMPARE(problems.rowCount(), 1);
        QCOMPARE(problems.index(0, ProblemsModel::LineColumn).data().toInt(), 40);
        QCOMPARE(proxy.rowCount(), 39);
        file.write("{\"timestamp\": \"2025-10-01T00:00:00\", \"build_time_ms\": 1}\n");
        file.flush();
        QVERIFY(appended.wait(5000));
        QCOMPARE(table.rowCount(), 40);
        QCOMPARE(table.index(0, BuildTableModel::FirstMetricColumn).data().toString(),
                 QStringLiteral("1.00 ms"));

        // Last N in the proxy follows new builds.
        BuildFilter lastFive;
        lastFive.lastN = 5;
        proxy.setBuildFilter(lastFive);
        QCOMPARE(proxy.rowCount(), 5);
        file.write("{\"timestamp\": \"2025-11-02T00:00:00\", \"build_time_ms\": 2}\n");
        file.flush();
        QVERIFY(appended.wait(5000));
        QCOMPARE(proxy.rowCount(), 5);
        QCOMPARE(table.rowCount(), 41);

        session.close();
        QCOMPARE(table.rowCount(), 0);
        QCOMPARE(problems.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryModels)
#include "tst_history_models.moc"
