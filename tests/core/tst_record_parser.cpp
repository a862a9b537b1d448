// The line rules of a history file (issue 2), one case each, through the real reader + store.
#include "HistoryTestUtils.h"

#include <QTest>
#include <cmath>

using namespace bengal;
using bengal::test::loadText;
using bengal::test::metricOf;
using bengal::test::record;

namespace {

const Problem* problemAt(const HistoryStore& store, std::int64_t line, Problem::Kind kind)
{
    for (const Problem& p : store.problems()) {
        if (p.line == line && p.kind == kind)
            return &p;
    }
    return nullptr;
}

QByteArray nested(int depth)
{
    // `depth` levels of objects counting the record itself.
    QByteArray inner = "1";
    for (int i = 1; i < depth; ++i)
        inner = "{\"n\": " + inner + "}";
    return record("2025-01-01T00:00:00", "\"deep\": " + inner);
}

} // namespace

class TestRecordParser : public QObject
{
    Q_OBJECT
private slots:
    void metricsAreFiniteNumbersAndFirstLevelEntries()
    {
        HistoryStore store;
        loadText(store,
                 record("2025-01-01T00:00:00",
                        "\"total_pages\": 10, \"build_time_ms\": 1000.5, \"parallel\": true, "
                        "\"platform\": \"linux\", \"phase_timings_ms\": {\"Rendering\": 600, "
                        "\"Assets\": 100.5, \"Bad\": \"x\"}, \"meta\": {\"depth\": {\"x\": 1}, "
                        "\"n\": 3}, \"flag\": false, \"nothing\": null") +
                     "\n");
        QCOMPARE(store.size(), 1);
        QCOMPARE(metricOf(store, "total_pages", 0), 10.0);
        QCOMPARE(metricOf(store, "build_time_ms", 0), 1000.5);
        QCOMPARE(metricOf(store, "phase_timings_ms.Rendering", 0), 600.0);
        QCOMPARE(metricOf(store, "meta.n", 0), 3.0);
        QCOMPARE(store.metricIndex("parallel"), -1); // booleans are not numbers
        QCOMPARE(store.metricIndex("flag"), -1);
        QCOMPARE(store.metricIndex("meta.depth.x"), -1); // deeper nesting is not a metric
        QCOMPARE(store.metricIndex("meta.depth"), -1);
        QCOMPARE(store.metricIndex("phase_timings_ms.Bad"), -1);
        QVERIFY(store.flags(0) & BuildFlag::Parallel);
        QCOMPARE(store.environment(0, EnvField::Platform), QStringLiteral("linux"));
        // Derived: the ledger has entries, so unattributed = total - ledger sum.
        QCOMPARE(metricOf(store, "unattributed_ms", 0), 1000.5 - 700.5);
        QCOMPARE(metricOf(store, "ms_per_page", 0), 100.05);
        // A non-number entry of a *_ms map is a warning naming parent.child.
        const Problem* warning = problemAt(store, 1, Problem::Kind::Warning);
        QVERIFY(warning);
        QCOMPARE(warning->key, QStringLiteral("phase_timings_ms.Bad"));
        QVERIFY(warning->reason.contains(QLatin1String("not a number")));
        QCOMPARE(store.rejectedCount(), 0);
    }

    void unattributedFallsBackToClassicPhases()
    {
        HistoryStore store;
        loadText(store,
                 record("2025-01-01T00:00:00", "\"build_time_ms\": 100, \"discovery_time_ms\": 10, "
                                               "\"rendering_time_ms\": 50, \"total_pages\": 0") +
                     "\n" +
                     record("2025-01-01T00:00:01",
                            "\"build_time_ms\": 100, \"rendering_time_ms\": 50, "
                            "\"phase_timings_ms\": {}") +
                     "\n");
        QCOMPARE(store.size(), 2);
        QCOMPARE(metricOf(store, "unattributed_ms", 0), 40.0);
        QVERIFY(std::isnan(metricOf(store, "ms_per_page", 0))); // total_pages is 0
        QCOMPARE(metricOf(store, "unattributed_ms", 1), 50.0);  // empty ledger: classic phases
    }

    void warningsForTimeAndMemoryFields()
    {
        HistoryStore store;
        loadText(store, record("2025-01-01T00:00:00",
                               "\"build_time_ms\": -5, \"memory_rss_mb\": -12.5, "
                               "\"assets_time_ms\": \"fast\", \"memory_heap_mb\": null, "
                               "\"post_render_timings_ms\": {\"asset_audit\": -1, \"stats\": 2}") +
                            "\n");
        QCOMPARE(store.size(), 1);
        QVERIFY(std::isnan(metricOf(store, "build_time_ms", 0)));
        QCOMPARE(metricOf(store, "memory_rss_mb", 0), -12.5); // RSS is a delta: negative is fine
        QVERIFY(std::isnan(metricOf(store, "assets_time_ms", 0)));
        QCOMPARE(metricOf(store, "post_render_timings_ms.stats", 0), 2.0);
        QVERIFY(std::isnan(metricOf(store, "post_render_timings_ms.asset_audit", 0)));
        QStringList keys;
        for (const Problem& p : store.problems())
            keys << p.key;
        QCOMPARE(keys, (QStringList{"build_time_ms", "assets_time_ms", "memory_heap_mb",
                                    "post_render_timings_ms.asset_audit"}));
        QCOMPARE(store.warningCount(), 4);
        QCOMPARE(store.rejectedCount(), 0);
    }

    void pythonNonFiniteValuesAreMissingNotInvalid()
    {
        HistoryStore store;
        loadText(store, record("2025-01-01T00:00:00",
                               "\"build_time_ms\": NaN, \"memory_peak_mb\": Infinity, "
                               "\"total_pages\": -Infinity, \"label\": \"NaN in a string\", "
                               "\"render_p95_ms\": 1e400, \"big\": 123456789012345678901234") +
                            "\n");
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.rejectedCount(), 0);
        QVERIFY(std::isnan(metricOf(store, "build_time_ms", 0)));
        QVERIFY(std::isnan(metricOf(store, "memory_peak_mb", 0)));
        QCOMPARE(store.metricIndex("total_pages"), -1);
        QCOMPARE(metricOf(store, "big", 0), 123456789012345678901234.0);
        const Problem* nan = problemAt(store, 1, Problem::Kind::Warning);
        QVERIFY(nan);
        QCOMPARE(nan->key, QStringLiteral("build_time_ms"));
        QVERIFY(nan->reason.contains(QLatin1String("NaN")));
        QCOMPARE(store.warningCount(), 3); // build_time_ms, memory_peak_mb, render_p95_ms
    }

    void rejections_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("invalid JSON")
            << QByteArray("{\"timestamp\": \"2025-01-01T00:00:00\",}") << "invalid JSON";
        QTest::newRow("truncated")
            << QByteArray("{\"timestamp\": \"2025-01-01T00:00:00\", \"a\": 1") << "invalid JSON";
        QTest::newRow("trailing garbage") << record("2025-01-01T00:00:00") + " x"
                                          << "invalid JSON";
        QTest::newRow("invalid UTF-8")
            << QByteArray("{\"timestamp\": \"2025-01-01T00:00:00\", \"p\": \"\xC3\x28\"}")
            << "UTF-8";
        QTest::newRow("array") << QByteArray("[1, 2]") << "not a JSON object";
        QTest::newRow("number") << QByteArray("42") << "not a JSON object";
        QTest::newRow("string") << QByteArray("\"timestamp\"") << "not a JSON object";
        QTest::newRow("no timestamp") << QByteArray("{\"build_time_ms\": 1}") << "no timestamp";
        QTest::newRow("timestamp number")
            << QByteArray("{\"timestamp\": 1700000000}") << "not a string";
        QTest::newRow("bad form") << record("2025-01-01 00:00:00") << "is not of the form";
        QTest::newRow("bad date") << record("2025-02-30T00:00:00") << "not a real calendar date";
        QTest::newRow("65 levels") << nested(65) << "nesting deeper than 64";
        QTest::newRow("binary garbage")
            << QByteArray("\x01\x02\xff\xfe garbage", 12) << "invalid JSON";
    }
    void rejections()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, reasonPart);
        HistoryStore store;
        loadText(store, "\n" + line + "\n" + record("2025-01-01T00:00:05") + "\n");
        QCOMPARE(store.size(), 1); // the good line still loads
        QCOMPARE(store.rejectedCount(), 1);
        const Problem* p = problemAt(store, 2, Problem::Kind::Rejected);
        QVERIFY2(p, "the rejection must name line 2 (blank lines count)");
        QVERIFY2(p->reason.contains(reasonPart), qPrintable(p->reason));
    }

    void sixtyFourLevelsAreFine()
    {
        HistoryStore store;
        loadText(store, nested(64) + "\n");
        QCOMPARE(store.rejectedCount(), 0);
        QCOMPARE(store.size(), 1);
    }

    void duplicateLinesAreRejectedWithTheFirstLine()
    {
        HistoryStore store;
        const QByteArray a = record("2025-01-01T00:00:00", "\"build_time_ms\": -1");
        loadText(store, a + "\n" + record("2025-01-02T00:00:00") + "\n\n" + a + "\n");
        QCOMPARE(store.size(), 2);
        const Problem* dup = problemAt(store, 4, Problem::Kind::Rejected);
        QVERIFY(dup);
        QCOMPARE(dup->reason, QStringLiteral("duplicate of line 1"));
        // The duplicate's own warnings are not reported again.
        QVERIFY(!problemAt(store, 4, Problem::Kind::Warning));
        QVERIFY(problemAt(store, 1, Problem::Kind::Warning));
    }

    void repeatedKeysLastOneWins()
    {
        HistoryStore store;
        loadText(store, record("2025-01-01T00:00:00",
                               "\"build_time_ms\": 5, \"build_time_ms\": 7, \"total_pages\": 3, "
                               "\"total_pages\": \"x\", \"timestamp\": \"2025-03-01T00:00:00\"") +
                            "\n");
        QCOMPARE(store.size(), 1);
        QCOMPARE(metricOf(store, "build_time_ms", 0), 7.0);
        QCOMPARE(formatTimestampUtc(store.timestampUs(0)), QStringLiteral("2025-03-01T00:00:00Z"));
    }

    void buildsAreOrderedByTimeThenLine()
    {
        HistoryStore store;
        loadText(store, record("2025-01-03T00:00:00", "\"n\": 1") + "\n" +
                            record("2025-01-01T00:00:00", "\"n\": 2") + "\n" +
                            record("2025-01-03T00:00:00", "\"n\": 3") + "\n" +
                            record("2025-01-02T01:00:00+02:00", "\"n\": 4") + "\n");
        QCOMPARE(store.size(), 4);
        QList<double> order;
        for (qsizetype row = 0; row < store.size(); ++row)
            order << metricOf(store, "n", row);
        QCOMPARE(order, (QList<double>{2, 4, 1, 3}));
        QCOMPARE(store.line(0), 2);
    }

    void bomCrlfTrailingBlanksAndWhitespaceLines()
    {
        HistoryStore store;
        const QByteArray text = "\xEF\xBB\xBF" + record("2025-01-01T00:00:00") +
                                " \t\r\n   \t\r\n" + record("2025-01-02T00:00:00") + "\r\n";
        loadText(store, text, 3); // tiny chunks: every boundary is crossed
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.rejectedCount(), 0);
        QCOMPARE(store.line(1), 3);
        QCOMPARE(store.offset(0), 3); // the BOM is not part of the line
    }

    void overlongLineIsRejectedWithoutHoldingIt()
    {
        HistoryStore store;
        QByteArray huge = "{\"timestamp\": \"2025-01-01T00:00:00\", \"pad\": \"";
        huge += QByteArray(1024 * 1024 + 10, 'a');
        huge += "\"}";
        loadText(store, huge + "\n" + record("2025-01-02T00:00:00") + "\n", 64 * 1024);
        QCOMPARE(store.size(), 1);
        const Problem* p = problemAt(store, 1, Problem::Kind::Rejected);
        QVERIFY(p);
        QVERIFY(p->reason.contains(QLatin1String("longer than 1 MiB")));
    }

    void realSamplesLoadCleanly_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("builds");
        QTest::addColumn<int>("incremental");
        QTest::newRow("showcase") << "showcase-history.jsonl" << 38 << 8;
        QTest::newRow("quickstart") << "quickstart-history.jsonl" << 3 << 1;
        QTest::newRow("root") << "root-history.jsonl" << 2 << 1;
    }
    void realSamplesLoadCleanly()
    {
        QFETCH(QString, file);
        QFETCH(int, builds);
        QFETCH(int, incremental);
        QFile f(QStringLiteral(BENGAL_TEST_DATA "/") + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        HistoryStore store;
        loadText(store, f.readAll());
        QCOMPARE(store.size(), builds);
        QCOMPARE(store.rejectedCount(), 0);
        QCOMPARE(store.warningCount(), 0);
        QCOMPARE(store.metricCount(), 17); // 15 numeric keys of the 21-key record + 2 derived
        int seen = 0;
        for (qsizetype row = 0; row < store.size(); ++row) {
            seen += (store.flags(row) & BuildFlag::Incremental) ? 1 : 0;
            if (row > 0)
                QVERIFY(store.timestampUs(row - 1) <= store.timestampUs(row));
        }
        QCOMPARE(seen, incremental);
    }
};

QTEST_GUILESS_MAIN(TestRecordParser)
#include "tst_record_parser.moc"
