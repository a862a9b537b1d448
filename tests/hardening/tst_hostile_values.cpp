// Values at and past the edges, through the real reader and store (issue 9). Cases already in
// tests/core/tst_record_parser.cpp (1e400 on a *_ms field, 1.2e23, NaN/Infinity, repeated
// top-level keys, binary garbage, 65 levels) and tests/core/tst_timestamp.cpp (parsing year
// 0001 and 9999) are not repeated; these fill the gaps around them.
#include "HistoryTestUtils.h"
#include "core/Timestamp.h"

#include <QTest>
#include <cmath>

using namespace bengal;
using bengal::test::loadText;
using bengal::test::metricOf;
using bengal::test::record;

namespace {

const Problem* firstProblem(const HistoryStore& store, Problem::Kind kind)
{
    for (const Problem& p : store.problems()) {
        if (p.kind == kind)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestHostileValues : public QObject
{
    Q_OBJECT
private slots:
    void integersAroundTwoToThe63_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::addColumn<double>("expected");
        QTest::newRow("2^63 - 1") << QByteArray("9223372036854775807") << 9223372036854775807.0;
        QTest::newRow("2^63") << QByteArray("9223372036854775808") << 9223372036854775808.0;
        QTest::newRow("2^64 - 1") << QByteArray("18446744073709551615") << 18446744073709551615.0;
        QTest::newRow("2^64") << QByteArray("18446744073709551616") << 18446744073709551616.0;
        QTest::newRow("-2^63") << QByteArray("-9223372036854775808") << -9223372036854775808.0;
        QTest::newRow("-2^63 - 1") << QByteArray("-9223372036854775809") << -9223372036854775809.0;
        QTest::newRow("1e308") << QByteArray("1e308") << 1e308;
        QTest::newRow("1e-400 (underflow)") << QByteArray("1e-400") << 0.0;
    }
    void integersAroundTwoToThe63()
    {
        QFETCH(QByteArray, number);
        QFETCH(double, expected);
        HistoryStore store;
        loadText(store, record("2025-01-01T00:00:00",
                               "\"cache_hits\": " + number +
                                   ", \"phase_timings_ms\": {\"x\": " + number + "}") +
                            "\n");
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.rejectedCount(), 0);
        QCOMPARE(metricOf(store, "cache_hits", 0), expected);
        if (expected < 0) { // a negative time is a warning, the build still loads
            QVERIFY(std::isnan(metricOf(store, "phase_timings_ms.x", 0)));
            QCOMPARE(store.warningCount(), 1);
        } else {
            QCOMPARE(metricOf(store, "phase_timings_ms.x", 0), expected);
            QCOMPARE(store.warningCount(), 0);
        }
    }

    void outOfRangeFloatsAreMissingWithAWarning_data()
    {
        QTest::addColumn<QByteArray>("members");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("warned");
        QTest::newRow("1e400, not a time")
            << QByteArray("\"cache_hits\": 1e400") << "cache_hits" << false;
        QTest::newRow("-1e400 time")
            << QByteArray("\"build_time_ms\": -1e400") << "build_time_ms" << true;
        QTest::newRow("1e400 in a ledger")
            << QByteArray("\"phase_timings_ms\": {\"render\": 1e400}") << "phase_timings_ms.render"
            << true;
        QTest::newRow("1e400 memory")
            << QByteArray("\"memory_rss_mb\": 1E+400") << "memory_rss_mb" << true;
    }
    void outOfRangeFloatsAreMissingWithAWarning()
    {
        QFETCH(QByteArray, members);
        QFETCH(QString, key);
        QFETCH(bool, warned);
        HistoryStore store;
        loadText(store, record("2025-01-01T00:00:00", members + ", \"total_pages\": 3") + "\n");
        QCOMPARE(store.size(), 1); // the build loads
        QCOMPARE(store.rejectedCount(), 0);
        QCOMPARE(metricOf(store, "total_pages", 0), 3.0); // its other values too
        const double value = metricOf(store, key, 0);
        QVERIFY2(!std::isfinite(value) || std::isnan(value), qPrintable(QString::number(value)));
        QVERIFY(!std::isinf(value)); // never an infinity that would wreck a chart axis
        const Problem* warning = firstProblem(store, Problem::Kind::Warning);
        QCOMPARE(warning != nullptr, warned);
        if (warning)
            QCOMPARE(warning->key, key);
    }

    void yearsOneAndNineThousandNineHundredNinetyNine()
    {
        HistoryStore store;
        loadText(store, record("9999-12-31T23:59:59.999999+00:00", "\"build_time_ms\": 9") + "\n" +
                            record("2025-06-01T12:00:00", "\"build_time_ms\": 5") + "\n" +
                            record("0001-01-01T00:00:00Z", "\"build_time_ms\": 1") + "\n" +
                            record("0000-12-31T00:00:00", "\"build_time_ms\": 0") + "\n" +
                            record("10000-01-01T00:00:00", "\"build_time_ms\": 10") + "\n" +
                            record("0001-01-01T00:00:00+14:00", "\"build_time_ms\": 2") + "\n");
        // Year 1 and 9999 load and sort; year 0 and year 10000 are rejected with a reason, not
        // wrapped around. Year 1 at +14:00 is a valid time (Python can write it) whose UTC
        // instant falls in year 0: it loads, sorts first and is shown as that instant.
        QCOMPARE(store.size(), 4);
        QCOMPARE(formatTimestampUtc(store.timestampUs(0)), QStringLiteral("0000-12-31T10:00:00Z"));
        QCOMPARE(metricOf(store, "build_time_ms", 0), 2.0);
        QCOMPARE(formatTimestampUtc(store.timestampUs(1)), QStringLiteral("0001-01-01T00:00:00Z"));
        QCOMPARE(formatTimestampUtc(store.timestampUs(3)),
                 QStringLiteral("9999-12-31T23:59:59.999999Z"));
        QCOMPARE(metricOf(store, "build_time_ms", 1), 1.0);
        QCOMPARE(metricOf(store, "build_time_ms", 3), 9.0);
        QCOMPARE(store.rejectedCount(), 2);
        for (const Problem& p : store.problems())
            QVERIFY2(p.reason.contains(QLatin1String("timestamp")), qPrintable(p.reason));
    }

    void repeatedPhaseInTheLedgerCountsOnce()
    {
        // The last value of a repeated key wins (tst_record_parser covers top-level keys); in the
        // phase ledger the derived unattributed time must use that same last value only.
        HistoryStore store;
        loadText(store, record("2025-01-01T00:00:00",
                               "\"build_time_ms\": 100, \"phase_timings_ms\": {\"render\": 10, "
                               "\"assets\": 5, \"render\": 30}") +
                            "\n" +
                            record("2025-01-02T00:00:00",
                                   "\"build_time_ms\": 100, \"phase_timings_ms\": {\"render\": 10, "
                                   "\"render\": \"x\"}") +
                            "\n" +
                            record("2025-01-03T00:00:00",
                                   "\"build_time_ms\": 100, \"phase_timings_ms\": {\"a\": 1}, "
                                   "\"phase_timings_ms\": {\"b\": 4}") +
                            "\n");
        QCOMPARE(store.size(), 3);
        QCOMPARE(metricOf(store, "phase_timings_ms.render", 0), 30.0);
        QCOMPARE(metricOf(store, "unattributed_ms", 0), 100.0 - 30 - 5);
        QVERIFY(std::isnan(metricOf(store, "phase_timings_ms.render", 1)));
        QCOMPARE(metricOf(store, "unattributed_ms", 1), 100.0);     // the only phase was removed
        QCOMPARE(metricOf(store, "unattributed_ms", 2), 100.0 - 4); // the last ledger wins
    }

    void boundsCountWhatTheyDoNotList()
    {
        // Past the listing bounds problems are counted, not listed; the counts stay exact and
        // the builds around them load.
        QByteArray text = record("2025-01-01T00:00:00", "\"build_time_ms\": 1") + "\n";
        const int garbage = int(HistoryReader::kMaxListedRejections) + 50;
        for (int i = 0; i < garbage; ++i)
            text += i % 2 ? "x\n" : "{\"no\": \"timestamp\"}\n";
        QByteArray badFields, manyKeys;
        for (int k = 0; k < 40; ++k)
            badFields += ", \"f" + QByteArray::number(k) + "_ms\": \"slow\"";
        for (int k = 0; k < 2000; ++k)
            manyKeys += ", \"k" + QByteArray::number(k) + "\": " + QByteArray::number(k);
        text += record("2025-01-02T00:00:00", "\"build_time_ms\": 2" + badFields) + "\n";
        text += record("2025-01-03T00:00:00", "\"build_time_ms\": 3" + manyKeys) + "\n";
        HistoryStore store;
        loadText(store, text, 4096);
        QCOMPARE(store.size(), 3);
        QCOMPARE(store.rejectedCount(), garbage);
        QCOMPARE(store.warningCount(), 40 + 1); // 40 bad fields, one "more than 1024 names"
        QCOMPARE(qsizetype(store.problems().size()),
                 HistoryReader::kMaxListedRejections +
                     qsizetype(RecordParser::kMaxWarningsPerLine) + 1);
        QCOMPARE(store.unlistedProblemCount(),
                 50 + 40 - qsizetype(RecordParser::kMaxWarningsPerLine));
        QCOMPARE(metricOf(store, "build_time_ms", 2), 3.0); // the build's own values are kept
        QCOMPARE(metricOf(store, "k500", 2), 500.0);
        QCOMPARE(store.metricIndex("k1999"), -1); // past 1024 metric names
        QVERIFY(store.metricCount() <= int(RecordParser::kMaxNames) + 2);
        const Problem& last = store.problems().back();
        QCOMPARE(last.line, std::int64_t(garbage + 3));
        QVERIFY2(last.reason.contains(QLatin1String("1024")), qPrintable(last.reason));
    }
};

QTEST_GUILESS_MAIN(TestHostileValues)
#include "tst_hostile_values.moc"
