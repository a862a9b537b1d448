// CSV and JSON exports read back to exactly the store's numbers, for every sample history and
// for numbers chosen to be hard to print.
#include "ExportTestSupport.h"
#include "HistoryTestUtils.h"
#include "export/DataExport.h"
#include "history/HistoryLoader.h"
#include "models/BuildFilter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <charconv>

using namespace bengal;
using namespace bengal::test;

namespace {

const QList<QByteArray> kFixed{"timestamp", "line",           "incremental", "parallel",
                               "skipped",   "python_version", "platform"};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Numbers that shortest-repr printing gets wrong when done carelessly.
QByteArray hardNumbersHistory()
{
    const char* values[] = {"0.1",
                            "5e-324",
                            "1.7976931348623157e308",
                            "9007199254740993",
                            "123456789012345678",
                            "-0.0",
                            "6102.586984634399",
                            "2.2250738585072014e-308",
                            "1e21",
                            "0.30000000000000004"};
    QByteArray text;
    int second = 10;
    for (const char* v : values) {
        const QByteArray ts = "2025-01-01T00:00:" + QByteArray::number(second++);
        text += record(ts.constData(),
                       QByteArray("\"build_time_ms\": ") + v + ", \"memory_rss_mb\": " + v +
                           ", \"phase_timings_ms\": {\"Config, \\\"quoted\\\"\": " + v +
                           "}, \"parallel\": true") +
                '\n';
    }
    // A build with no memory figure and unknown flags: empty cells, left-out keys.
    text += record("2025-01-01T00:01:00Z", "\"build_time_ms\": 1") + '\n';
    return text;
}

double parseDouble(const QByteArray& cell)
{
    double v = 0;
    const auto r = std::from_chars(cell.constData(), cell.constData() + cell.size(), v);
    return r.ec == std::errc() && r.ptr == cell.constData() + cell.size() ? v : std::nan("");
}

bool sameDouble(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

QByteArray flagText(std::uint8_t flags, std::uint8_t known, std::uint8_t value)
{
    return !(flags & known) ? QByteArray() : (flags & value) ? "true" : "false";
}

} // namespace

class TestDataExport : public QObject
{
    Q_OBJECT
private slots:
    void csvRoundTrips_data();
    void csvRoundTrips();
    void jsonRoundTrips_data();
    void jsonRoundTrips();
    void filterPicksRows();
    void failureLeavesNothing();

private:
    void addHistories();
    void loadHistory(HistoryStore& store);
    QTemporaryDir m_dir;
};

void TestDataExport::addHistories()
{
    QTest::addColumn<QString>("name");
    for (const char* name : {"showcase-history.jsonl", "edge-cases.jsonl",
                             "quickstart-history.jsonl", "root-history.jsonl", "hard-numbers"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestDataExport::loadHistory(HistoryStore& store)
{
    QFETCH(QString, name);
    if (name == QLatin1String("hard-numbers")) {
        loadText(store, hardNumbersHistory());
        QCOMPARE(store.size(), 11);
        return;
    }
    const ReadOutcome outcome = loadHistoryInto(QStringLiteral(BENGAL_TEST_DATA "/") + name, store);
    QCOMPARE(int(outcome.status), int(ReadOutcome::Status::Ok));
    QVERIFY(store.size() > 0);
}

void TestDataExport::csvRoundTrips_data()
{
    addHistories();
}

void TestDataExport::csvRoundTrips()
{
    HistoryStore store;
    loadHistory(store);
    const QString path = m_dir.filePath(QStringLiteral("builds.csv"));
    QString error;
    QVERIFY2(exportData(store, allRows(store), DataFormat::Csv, path, &error), qPrintable(error));

    const QList<QList<QByteArray>> records = parseCsv(readAll(path));
    QCOMPARE(records.size(), store.size() + 1);
    const QList<QByteArray>& header = records.first();
    const QStringList metrics = exportMetricColumns(store);
    QCOMPARE(header.size(), kFixed.size() + metrics.size());
    QCOMPARE(header.mid(0, kFixed.size()), kFixed);
    QCOMPARE(metrics.size(), store.metricCount());
    for (qsizetype m = 0; m < metrics.size(); ++m)
        QCOMPARE(QString::fromUtf8(header[kFixed.size() + m]), metrics[m]);

    for (qsizetype row = 0; row < store.size(); ++row) {
        const QList<QByteArray>& cells = records[row + 1];
        QCOMPARE(cells.size(), header.size());
        QVERIFY(cells[0].endsWith('Z'));
        const auto ts = parseTimestamp(std::string_view(cells[0].constData(), cells[0].size()));
        QVERIFY(ts.has_value());
        QCOMPARE(*ts, store.timestampUs(row));
        QCOMPARE(cells[1].toLongLong(), qint64(store.line(row)));
        const std::uint8_t f = store.flags(row);
        QCOMPARE(cells[2], flagText(f, BuildFlag::IncrementalKnown, BuildFlag::Incremental));
        QCOMPARE(cells[3], flagText(f, BuildFlag::ParallelKnown, BuildFlag::Parallel));
        QCOMPARE(cells[4], flagText(f, BuildFlag::SkippedKnown, BuildFlag::Skipped));
        QCOMPARE(QString::fromUtf8(cells[5]), store.environment(row, EnvField::PythonVersion));
        QCOMPARE(QString::fromUtf8(cells[6]), store.environment(row, EnvField::Platform));
        for (qsizetype m = 0; m < metrics.size(); ++m) {
            const double expected = store.value(store.metricIndex(metrics[m]), row);
            const QByteArray& cell = cells[kFixed.size() + m];
            if (std::isnan(expected)) {
                QVERIFY2(cell.isEmpty(), cell.constData());
                continue;
            }
            const double read = parseDouble(cell);
            QVERIFY2(sameDouble(read, expected), qPrintable(QStringLiteral("%1 row %2: %3 vs %4")
                                                                .arg(metrics[m])
                                                                .arg(row)
                                                                .arg(QString::fromLatin1(cell))
                                                                .arg(expected, 0, 'g', 17)));
        }
    }
}

void TestDataExport::jsonRoundTrips_data()
{
    addHistories();
}

void TestDataExport::jsonRoundTrips()
{
    HistoryStore store;
    loadHistory(store);
    const QString path = m_dir.filePath(QStringLiteral("builds.json"));
    QString error;
    QVERIFY2(exportData(store, allRows(store), DataFormat::Json, path, &error,
                        QStringLiteral("/site/.bengal/metrics/history.jsonl")),
             qPrintable(error));
    QJsonParseError parseError{};
    const QByteArray text = readAll(path);
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    QVERIFY2(doc.isObject(), qPrintable(parseError.errorString()));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("bengal-perf-builds"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("source")).toString(),
             QStringLiteral("/site/.bengal/metrics/history.jsonl"));
    QStringList listed;
    for (const QJsonValue& v : root.value(QStringLiteral("metrics")).toArray())
        listed << v.toString();
    QCOMPARE(listed, exportMetricColumns(store));
    const QJsonArray builds = root.value(QStringLiteral("builds")).toArray();
    QCOMPARE(builds.size(), store.size());
    for (qsizetype row = 0; row < store.size(); ++row) {
        const QJsonObject b = builds[row].toObject();
        QCOMPARE(b.value(QStringLiteral("timestamp")).toString(),
                 formatTimestampUtc(store.timestampUs(row)));
        QCOMPARE(b.value(QStringLiteral("line")).toInteger(), qint64(store.line(row)));
        const std::uint8_t f = store.flags(row);
        QCOMPARE(b.contains(QStringLiteral("parallel")), bool(f & BuildFlag::ParallelKnown));
        if (f & BuildFlag::ParallelKnown)
            QCOMPARE(b.value(QStringLiteral("parallel")).toBool(), bool(f & BuildFlag::Parallel));
        const QJsonObject values = b.value(QStringLiteral("metrics")).toObject();
        for (int c = 0; c < store.metricCount(); ++c) {
            const double expected = store.value(c, row);
            const QString& name = store.metricName(c);
            QCOMPARE(values.contains(name), !std::isnan(expected));
            if (expected == 0 && std::signbit(expected)) {
                // Qt's JSON reader turns any integral number into an integer and loses the
                // sign of zero; the text must say -0.0 (Python reads that back as -0.0).
                const QByteArray key = QJsonDocument(QJsonArray{name})
                                           .toJson(QJsonDocument::Compact)
                                           .mid(1)
                                           .chopped(1);
                QVERIFY2(text.contains(QByteArray(key + ":-0.0")), key.constData());
                continue;
            }
            if (!std::isnan(expected))
                QVERIFY2(sameDouble(values.value(name).toDouble(), expected),
                         qPrintable(QStringLiteral("%1 row %2: read %3, expected %4")
                                        .arg(name)
                                        .arg(row)
                                        .arg(values.value(name).toDouble(), 0, 'g', 17)
                                        .arg(expected, 0, 'g', 17)));
        }
    }
}

void TestDataExport::filterPicksRows()
{
    HistoryStore store;
    QVERIFY(
        loadHistoryInto(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"), store).status ==
        ReadOutcome::Status::Ok);
    BuildFilter filter;
    filter.lastN = 5;
    const std::vector<std::uint32_t> rows = filter.rows(store);
    QCOMPARE(rows.size(), std::size_t(5));
    const QString path = m_dir.filePath(QStringLiteral("last5.csv"));
    QString error;
    QVERIFY(exportData(store, rows, DataFormat::Csv, path, &error));
    const QList<QList<QByteArray>> records = parseCsv(readAll(path));
    QCOMPARE(records.size(), 6);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(records[i + 1][1].toLongLong(), qint64(store.line(rows[std::size_t(i)])));
}

void TestDataExport::failureLeavesNothing()
{
    HistoryStore store;
    loadText(store, hardNumbersHistory());
    QString error;
    QVERIFY(!exportData(store, allRows(store), DataFormat::Csv, QStringLiteral("/dev/null/x.csv"),
                        &error));
    QVERIFY2(error.contains(QStringLiteral("/dev/null/x.csv")), qPrintable(error));

    // A full disk halfway through a large export: no file, no temporary left.
    QTemporaryDir dir;
    HistoryStore big;
    QByteArray text;
    for (int i = 0; i < 20000; ++i)
        text +=
            record(QByteArray("2025-02-01T00:00:00." + QByteArray::number(100000 + i)).constData(),
                   "\"build_time_ms\": " + QByteArray::number(1000.0 + i * 0.37, 'g', 17)) +
            '\n';
    loadText(big, text);
    const QString path = dir.filePath(QStringLiteral("big.json"));
    {
        FileSizeLimit limit(256 * 1024);
        QVERIFY(limit.ok());
        QVERIFY(!exportData(big, allRows(big), DataFormat::Json, path, &error));
    }
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("File too large")),
             qPrintable(error));
    QVERIFY(folderEntries(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestDataExport)
#include "tst_data_export.moc"
