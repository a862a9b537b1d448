// Identity, reload and ordering rules of the columnar store.
#include "HistoryTestUtils.h"

#include <QTest>

#include <cmath>
#include <map>
#include <random>

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

    // Every value ends in its own column and row, and every other cell is NaN, whatever the
    // batches: metrics present in some builds only, a metric first met late (a new column), a
    // batch naming none of an existing column's builds (from a reader of its own, as the parallel
    // load's segments are), non-number times kept as missing, duplicates left out, batches
    // smaller and larger than the store's staging block.
    void valuesLandInTheirColumns_data()
    {
        QTest::addColumn<bool>("readerPerBatch");
        QTest::newRow("one reader") << false;
        QTest::newRow("a reader per batch") << true;
    }

    void valuesLandInTheirColumns()
    {
        QFETCH(bool, readerPerBatch);
        std::mt19937 random(7);
        const auto chance = [&](int percent) {
            return int(random() % 100) < percent;
        };
        std::vector<QByteArray> lines;
        std::vector<std::map<QString, double>> expected; // by accepted build, in time order
        for (int i = 0; i < 1200; ++i) {
            if (i % 50 == 49) {
                lines.push_back(lines[std::size_t(random() % lines.size())]); // a duplicate
                continue;
            }
            std::map<QString, double> values;
            QByteArray line = QStringLiteral("{\"timestamp\": \"2025-01-01T00:00:00.%1\"")
                                  .arg(i, 6, 10, QLatin1Char('0'))
                                  .toUtf8();
            const auto add = [&](const QString& name, const QByteArray& key, double value) {
                line += ", \"" + key + "\": " + QByteArray::number(value, 'g', 17);
                values[name] = value;
            };
            for (int k = 0; k < 6; ++k) {
                // k3 is missing from a stretch longer than any batch
                if (chance(k == 0 ? 100 : 70) && !(k == 3 && i >= 400 && i < 700))
                    add(QStringLiteral("k%1").arg(k), "k" + QByteArray::number(k), i * 0.5 + k);
            }
            if (i >= 650 && chance(60))
                add(QStringLiteral("late_mb"), "late_mb", -i * 0.25);
            if (chance(30))
                line += ", \"bad_ms\": \"n/a\""; // a warning: the build is kept, this value not
            else if (i >= 300 && chance(30))
                add(QStringLiteral("bad_ms"), "bad_ms", i + 0.125);
            QByteArray phases;
            for (int p = 0; p < 3; ++p) {
                if (chance(80)) {
                    const double v = i * 2.0 + p;
                    phases += (phases.isEmpty() ? "" : ", ") + QByteArray("\"P") +
                              QByteArray::number(p) + "\": " + QByteArray::number(v, 'g', 17);
                    values[QStringLiteral("phase_timings_ms.P%1").arg(p)] = v;
                }
            }
            if (!phases.isEmpty())
                line += ", \"phase_timings_ms\": {" + phases + "}";
            lines.push_back(line + "}");
            expected.push_back(values);
        }

        HistoryStore store;
        HistoryReader shared;
        const std::size_t batchSizes[] = {1, 129, 300, 7, 128, 255};
        std::size_t next = 0;
        std::int64_t linesBefore = 0;
        for (std::size_t b = 0; next < lines.size(); ++b) {
            const std::size_t count =
                std::min(batchSizes[b % std::size(batchSizes)], lines.size() - next);
            QByteArray text;
            for (std::size_t j = next; j < next + count; ++j)
                text += lines[j] + "\n";
            HistoryReader own;
            HistoryReader& reader = readerPerBatch ? own : shared;
            if (readerPerBatch)
                reader.addLinesBefore(linesBefore);
            std::vector<char> buffer(text.begin(), text.end());
            buffer.resize(std::size_t(text.size()) + 64);
            reader.feed(buffer.data(), std::size_t(text.size()));
            store.append(reader.takeBatch());
            next += count;
            linesBefore += qint64(count);
        }

        QCOMPARE(store.size(), qsizetype(expected.size()));
        QCOMPARE(store.rejectedCount(), qsizetype(lines.size() - expected.size()));
        for (const QString& name :
             {QStringLiteral("k0"), QStringLiteral("k3"), QStringLiteral("late_mb"),
              QStringLiteral("bad_ms"), QStringLiteral("phase_timings_ms.P2")})
            QVERIFY2(store.metricIndex(name) >= 0, qPrintable(name));
        for (int column = 0; column < store.metricCount(); ++column) {
            const QString name = store.metricName(column);
            if (name == QLatin1String("unattributed_ms") || name == QLatin1String("ms_per_page"))
                continue; // derived, tested with the parser
            for (qsizetype row = 0; row < store.size(); ++row) {
                const auto& values = expected[std::size_t(row)];
                const auto it = values.find(name);
                const double got = store.value(column, row);
                if (it == values.end())
                    QVERIFY2(std::isnan(got), qPrintable(QStringLiteral("%1 row %2: %3 for missing")
                                                             .arg(name)
                                                             .arg(row)
                                                             .arg(got)));
                else
                    QVERIFY2(got == it->second,
                             qPrintable(QStringLiteral("%1 row %2: %3, expected %4")
                                            .arg(name)
                                            .arg(row)
                                            .arg(got)
                                            .arg(it->second)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_history_store.moc"
