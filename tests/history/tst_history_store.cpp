// Identity, reload and ordering rules of the columnar store.
#include "HistoryTestUtils.h"

#include <QTest>

using namespace bengal;
using bengal::test::loadText;
using bengal::test::record;

class TestHistoryStore : public QObject
{
    Q_OBJECT
private slots:
    void reloadReportsOnlyNewBuilds()
    {
        HistoryStore store;
        const QByteArray a = record("2025-01-01T00:00:00", "\"n\": 1");
        const QByteArray b = record("2025-01-02T00:00:00", "\"n\": 2");
        const QByteArray c = record("2025-01-03T00:00:00", "\"n\": 3");
        loadText(store, a + "\n{bad\n" + b + "\n");
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.rejectedCount(), 1);

        store.beginReload(); // the file was replaced: b first now, then c, then a duplicate of b
        QCOMPARE(store.rejectedCount(), 0);
        HistoryReader reader;
        const QByteArray text = b + "\n" + c + "\n" + b + "\n";
        std::vector<char> buffer(text.begin(), text.end());
        buffer.resize(text.size() + 64);
        reader.feed(buffer.data(), std::size_t(text.size()));
        const AppendResult result = store.append(reader.takeBatch());
        QCOMPARE(result.added, 1);      // only c is new
        QCOMPARE(result.knownAgain, 1); // b was seen before the reload
        QCOMPARE(store.size(), 3);
        QCOMPARE(store.line(1), 1); // b's line number follows the new file
        QCOMPARE(store.rejectedCount(), 1);
        QCOMPARE(store.problems().front().reason, QStringLiteral("duplicate of line 1"));
        // a is not in the new file: kept, and marked so.
        QVERIFY(store.flags(0) & BuildFlag::NotInCurrentFile);
        QVERIFY(!(store.flags(1) & BuildFlag::NotInCurrentFile));
    }

    void outOfOrderAppendIsNotContiguous()
    {
        HistoryStore store;
        loadText(store,
                 record("2025-01-01T00:00:00") + "\n" + record("2025-01-03T00:00:00") + "\n");
        HistoryReader reader;
        const QByteArray late = record("2025-01-02T00:00:00") + "\n";
        std::vector<char> buffer(late.begin(), late.end());
        buffer.resize(late.size() + 64);
        reader.feed(buffer.data(), std::size_t(late.size()));
        const AppendResult result = store.append(reader.takeBatch());
        QVERIFY(!result.contiguous);
        QCOMPARE(result.firstRow, 1);
        QCOMPARE(formatTimestampUtc(store.timestampUs(1)), QStringLiteral("2025-01-02T00:00:00Z"));
        QCOMPARE(store.findHash(store.hash(2)), 2); // the identity index follows the move
    }

    void identityIndexSurvivesGrowth()
    {
        HistoryStore store;
        QByteArray text;
        for (int i = 0; i < 5000; ++i)
            text += QStringLiteral("{\"timestamp\": \"2025-01-01T00:00:00\", \"n\": %1}\n")
                        .arg(i)
                        .toUtf8();
        text += "{\"timestamp\": \"2025-01-01T00:00:00\", \"n\": 17}\n";
        loadText(store, text, 4096);
        QCOMPARE(store.size(), 5000);
        QCOMPARE(store.rejectedCount(), 1);
        QCOMPARE(store.problems().front().reason, QStringLiteral("duplicate of line 18"));
        for (qsizetype row = 0; row < store.size(); row += 97)
            QCOMPARE(store.findHash(store.hash(row)), row);
        QVERIFY(store.residentBytes() / std::size_t(store.size()) < 200);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_history_store.moc"
