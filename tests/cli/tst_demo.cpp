// The synthetic history generator behind `bengal-perf demo`: Python-exact output, every record
// layout of bengal-metrics.md, determinism, and the ground truth (steps) really in the data.

#include "demo/DemoCostModel.h"
#include "demo/DemoHistory.h"
#include "demo/DemoRandom.h"
#include "demo/DemoTimestamp.h"
#include "demo/PythonJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

using namespace bengal;

namespace {

struct Record
{
    QByteArray line;                   // without '\n'
    QJsonObject json;                  // parsed by Qt, independently of the writer
    QStringList keys;                  // top-level keys in file order
    std::map<QString, QByteArray> raw; // top-level key -> value text as written
};

// Top-level keys and raw values in file order (QJsonObject sorts its keys, so order and
// int-versus-float spelling need this small scanner).
void scanTopLevel(Record& record)
{
    const QByteArray& s = record.line;
    int depth = 0;
    bool inString = false;
    qsizetype stringStart = -1;
    QString pendingKey;
    qsizetype valueStart = -1;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"') {
                inString = false;
                if (depth == 1 && valueStart < 0)
                    pendingKey = QString::fromUtf8(s.mid(stringStart + 1, i - stringStart - 1));
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == ':' && depth == 1) {
            record.keys.append(pendingKey);
            valueStart = i + 2;
        } else if ((c == ',' || c == '}') && depth == 1 && valueStart >= 0) {
            record.raw[pendingKey] = s.mid(valueStart, i - valueStart);
            valueStart = -1;
        }
        if (c == '{')
            ++depth;
        else if (c == '}')
            --depth;
    }
}

std::vector<Record> generate(const DemoOptions& options, qsizetype count = -1)
{
    DemoHistoryGenerator generator(options);
    std::vector<Record> records;
    const qsizetype n = count < 0 ? options.builds : count;
    for (qsizetype i = 0; i < n; ++i) {
        Record r;
        r.line = generator.nextLine();
        if (!r.line.endsWith('\n'))
            qFatal("line %lld does not end in a newline", static_cast<long long>(i));
        r.line.chop(1);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            qFatal("line %lld is not a JSON object: %s", static_cast<long long>(i),
                   qPrintable(error.errorString()));
        r.json = doc.object();
        scanTopLevel(r);
        records.push_back(std::move(r));
    }
    return records;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

bool isFullParallel(const Record& r)
{
    return !r.json.value(QLatin1String("incremental")).toBool() &&
           r.json.value(QLatin1String("parallel")).toBool();
}

// Median of `value` over the full parallel builds with index in [from, to).
double medianOf(const std::vector<Record>& records, qsizetype from, qsizetype to,
                const std::function<double(const Record&)>& value,
                const std::function<bool(const Record&)>& keep = isFullParallel)
{
    std::vector<double> values;
    for (qsizetype i = from; i < to; ++i) {
        if (keep(records[std::size_t(i)]))
            values.push_back(value(records[std::size_t(i)]));
    }
    return median(values);
}

double number(const Record& r, const char* key)
{
    return r.json.value(QLatin1String(key)).toDouble();
}

double nested(const Record& r, const char* map, const char* key)
{
    return r.json.value(QLatin1String(map)).toObject().value(QLatin1String(key)).toDouble();
}

double ledgerSum(const Record& r)
{
    double sum = 0.0;
    const QJsonObject ledger = r.json.value(QLatin1String("phase_timings_ms")).toObject();
    for (auto it = ledger.begin(); it != ledger.end(); ++it)
        sum += it.value().toDouble();
    return sum;
}

const QRegularExpression& timestampPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d{6})?(\\+00:00)?$"));
    return pattern;
}

// A timestamp as Python wrote it, as UTC milliseconds; -1 when it is not one.
qint64 timestampMs(const QString& text, bool* aware)
{
    const QRegularExpressionMatch match = timestampPattern().match(text);
    if (!match.hasMatch())
        return -1;
    *aware = match.hasCaptured(3);
    QDateTime t = QDateTime::fromString(match.captured(1), Qt::ISODate);
    if (!t.isValid())
        return -1;
    t.setTimeSpec(Qt::UTC);
    const int micros = match.hasCaptured(2) ? match.captured(2).mid(1).toInt() : 0;
    return t.toMSecsSinceEpoch() * 1000 + micros;
}

// The key orders of bengal-metrics.md: the real 21-key record (2.4) and HEAD's 51 keys (2.4).
const QStringList& headKeys()
{
    static const QStringList keys =
        QStringLiteral(
            "timestamp python_version platform total_pages regular_pages generated_pages "
            "autodoc_pages tag_pages archive_pages pagination_pages total_assets total_sections "
            "taxonomies_count total_directives build_time_ms parallel incremental skipped "
            "completion_policy fonts_time_ms discovery_time_ms taxonomy_time_ms menu_time_ms "
            "related_posts_time_ms rendering_time_ms pages_rendered assets_time_ms "
            "postprocess_time_ms postprocess_task_timings_ms postprocess_output_timings_ms "
            "post_render_timings_ms phase_timings_ms health_check_time_ms memory_rss_mb "
            "memory_heap_mb memory_peak_mb cache_hits cache_misses time_saved_ms cache_bypass_hits "
            "cache_bypass_misses block_cache_hits block_cache_misses block_cache_site_blocks "
            "block_cache_time_saved_ms parsed_cache_hits rendered_cache_hits parsed_cache_misses "
            "render_p50_ms render_p95_ms render_max_ms")
            .split(QLatin1Char(' '));
    return keys;
}

QStringList realV1Keys()
{
    QFile file(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Record r;
    r.line = file.readLine().trimmed();
    scanTopLevel(r);
    return r.keys;
}

const QStringList IntegerKeys{
    QStringLiteral("total_pages"),      QStringLiteral("regular_pages"),
    QStringLiteral("generated_pages"),  QStringLiteral("total_assets"),
    QStringLiteral("total_sections"),   QStringLiteral("taxonomies_count"),
    QStringLiteral("autodoc_pages"),    QStringLiteral("pages_rendered"),
    QStringLiteral("cache_hits"),       QStringLiteral("cache_misses"),
    QStringLiteral("block_cache_hits"), QStringLiteral("parsed_cache_misses"),
    QStringLiteral("fonts_time_ms")};
const QStringList FloatKeys{
    QStringLiteral("build_time_ms"),     QStringLiteral("rendering_time_ms"),
    QStringLiteral("discovery_time_ms"), QStringLiteral("memory_rss_mb"),
    QStringLiteral("memory_heap_mb"),    QStringLiteral("memory_peak_mb")};

QString bengalPerf()
{
    const QString dir = qEnvironmentVariable("BENGAL_TEST_BIN_DIR");
    const QString path = dir + QStringLiteral("/app/bengal-perf");
    return QFileInfo(path).isExecutable() ? path : QString();
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT

private slots:
    void pythonFloatRepr_data();
    void pythonFloatRepr();
    void pythonStringEscapes();
    void isoTimestamps();
    void randomNormalsAreStandard();
    void sameSeedSameBytes();
    void everyLineIsARealRecord();
    void keyCountsAndOrderPerLayout_data();
    void keyCountsAndOrderPerLayout();
    void singleLayoutHistories_data();
    void singleLayoutHistories();
    void valueTypesAsBengalWritesThem();
    void timestampsAreMonotonicAndSwitchForm();
    void stepIsInTheData_data();
    void stepIsInTheData();
    void stepLeavesOtherBuildsAlone();
    void defaultStepsAreInTheData();
    void incrementalBuildsAreFaster();
    void siteGrowthIsAnOption();
    void ledgerAgreesWithFlatFields();
    void memoryByVersionAndProfile();
    void writeFileIsAtomicAndComplete();
    void writeFailsWithPathAndReason();
    void validateRejectsBadOptions();
    void commandLine();
};

void TestDemo::pythonFloatRepr_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("repr");
    // Expected texts are Python 3's repr() of the same doubles.
    QTest::newRow("0.1") << 0.1 << QByteArray("0.1");
    QTest::newRow("whole") << 123.0 << QByteArray("123.0");
    QTest::newRow("zero") << 0.0 << QByteArray("0.0");
    QTest::newRow("negative zero") << -0.0 << QByteArray("-0.0");
    QTest::newRow("negative") << -2.5 << QByteArray("-2.5");
    QTest::newRow("1e16") << 1e16 << QByteArray("1e+16");
    QTest::newRow("largest fixed") << 9999999999999998.0 << QByteArray("9999999999999998.0");
    QTest::newRow("16 digits") << 1234567890123456.0 << QByteArray("1234567890123456.0");
    QTest::newRow("1e8") << 100000000.0 << QByteArray("100000000.0");
    QTest::newRow("1e22") << 1e22 << QByteArray("1e+22");
    QTest::newRow("2^60") << std::ldexp(1.0, 60) << QByteArray("1.152921504606847e+18");
    QTest::newRow("1e-4") << 0.0001 << QByteArray("0.0001");
    QTest::newRow("below 1e-4") << 0.00009999 << QByteArray("9.999e-05");
    QTest::newRow("1.5e-5") << 1.5e-05 << QByteArray("1.5e-05");
    QTest::newRow("small negative") << -0.000123 << QByteArray("-0.000123");
    QTest::newRow("denormal") << 5e-324 << QByteArray("5e-324");
    QTest::newRow("max") << 1.7976931348623157e+308 << QByteArray("1.7976931348623157e+308");
    QTest::newRow("rss") << 161.296875 << QByteArray("161.296875");
    QTest::newRow("time") << 255.05375862121582 << QByteArray("255.05375862121582");
    QTest::newRow("117*0.4") << 117 * 0.4 << QByteArray("46.800000000000004");
    QTest::newRow("3e-4") << 1e-4 * 3 << QByteArray("0.00030000000000000003");
    QTest::newRow("nan") << std::nan("") << QByteArray("NaN");
    QTest::newRow("-inf") << -HUGE_VAL << QByteArray("-Infinity");
}

void TestDemo::pythonFloatRepr()
{
    QFETCH(double, value);
    QFETCH(QByteArray, repr);
    std::string out;
    appendPythonFloat(out, value);
    QCOMPARE(QByteArray::fromStdString(out), repr);
}

void TestDemo::pythonStringEscapes()
{
    std::string out;
    appendPythonString(out, QStringView(u"a\"b\\c\n\t\u00e9\U0001F600\u007f/"));
    QCOMPARE(QByteArray::fromStdString(out),
             QByteArray(R"("a\"b\\c\n\t\u00e9\ud83d\ude00\u007f/")"));
    out.clear();
    PythonJsonObjectWriter w(out);
    w.begin();
    w.key("a");
    w.intValue(-3);
    w.key("m");
    w.begin();
    w.key("x");
    w.floatValue(1.0);
    w.key("y");
    w.boolValue(false);
    w.end();
    w.key("s");
    w.stringValue("Config/filter");
    w.end();
    QCOMPARE(QByteArray::fromStdString(out),
             QByteArray(R"({"a": -3, "m": {"x": 1.0, "y": false}, "s": "Config/filter"})"));
}

void TestDemo::isoTimestamps()
{
    const QDateTime when(QDate(2024, 2, 29), QTime(23, 59, 58, 0), Qt::UTC);
    const qint64 micros = when.toMSecsSinceEpoch() * 1000;
    std::string out;
    appendIsoTimestamp(out, micros + 1, DemoTimestampStyle::NaiveUtc);
    QCOMPARE(QByteArray::fromStdString(out), QByteArray("2024-02-29T23:59:58.000001"));
    out.clear();
    appendIsoTimestamp(out, micros, DemoTimestampStyle::AwareUtc);
    QCOMPARE(QByteArray::fromStdString(out), QByteArray("2024-02-29T23:59:58+00:00"));
    // Across many instants the hand-made calendar agrees with Qt's.
    for (qint64 day = -800; day < 60000; day += 37) {
        const qint64 t = day * 86400LL * 1000000LL + 45296789012LL;
        out.clear();
        appendIsoTimestamp(out, t, DemoTimestampStyle::NaiveUtc);
        const qint64 ms = t >= 0 ? t / 1000 : -((-t + 999) / 1000); // floor, as the writer
        const QString expected = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                                     .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz"));
        QCOMPARE(QString::fromStdString(out).left(23), expected);
    }
}

// The ziggurat must give N(0, 1), tails included: detectors are judged on this noise.
void TestDemo::randomNormalsAreStandard()
{
    DemoRandom rng(7, 3);
    constexpr int N = 2000000;
    double sum = 0.0;
    double squares = 0.0;
    int beyond2 = 0;
    int beyond3 = 0;
    for (int i = 0; i < N; ++i) {
        const double z = rng.normal();
        sum += z;
        squares += z * z;
        beyond2 += std::abs(z) > 2.0 ? 1 : 0;
        beyond3 += std::abs(z) > 3.0 ? 1 : 0;
    }
    const double mean = sum / N;
    const double variance = squares / N - mean * mean;
    QVERIFY2(std::abs(mean) < 0.003, qPrintable(QString::number(mean)));
    QVERIFY2(std::abs(variance - 1.0) < 0.005, qPrintable(QString::number(variance)));
    QVERIFY2(std::abs(double(beyond2) / N - 0.0455) < 0.001, qPrintable(QString::number(beyond2)));
    QVERIFY2(std::abs(double(beyond3) / N - 0.0027) < 0.0002, qPrintable(QString::number(beyond3)));
    for (int i = 0; i < 1000; ++i) {
        const double u = rng.uniform();
        QVERIFY(u >= 0.0 && u < 1.0);
    }
}

void TestDemo::sameSeedSameBytes()
{
    DemoOptions options;
    options.builds = 1500;
    options.seed = 42;
    DemoHistoryGenerator a(options);
    DemoHistoryGenerator b(options);
    options.seed = 43;
    DemoHistoryGenerator c(options);
    int differentFromOtherSeed = 0;
    for (int i = 0; i < 1500; ++i) {
        const QByteArray line = a.nextLine();
        QCOMPARE(b.nextLine(), line);
        if (c.nextLine() != line)
            ++differentFromOtherSeed;
    }
    QCOMPARE(differentFromOtherSeed, 1500);
    QCOMPARE(a.produced(), qsizetype(1500));
}

void TestDemo::everyLineIsARealRecord()
{
    DemoOptions options;
    options.builds = 3000;
    const std::vector<Record> records = generate(options); // qFatal on invalid JSON
    QCOMPARE(records.size(), std::size_t(3000));
    for (const Record& r : records) {
        bool aware = false;
        QVERIFY2(timestampMs(r.json.value(QLatin1String("timestamp")).toString(), &aware) > 0,
                 r.line.constData());
        QCOMPARE(r.keys.size(), r.json.size()); // no duplicate keys
        QVERIFY(r.line.size() > 500);
        for (const char c : r.line)
            QVERIFY(c >= 0x20 && c < 0x7f); // ensure_ascii, one line
    }
}

void TestDemo::keyCountsAndOrderPerLayout_data()
{
    QTest::addColumn<int>("keyCount");
    for (const int count : demoSchemaSequence())
        QTest::addRow("%d keys", count) << count;
}

void TestDemo::keyCountsAndOrderPerLayout()
{
    QFETCH(int, keyCount);
    DemoOptions options;
    options.builds = 2000;
    const std::vector<Record> records = generate(options);
    const Record* example = nullptr;
    int previousCount = 0;
    for (const Record& r : records) {
        QVERIFY(r.keys.size() >= previousCount); // layouts only ever grow, like upgrades
        previousCount = int(r.keys.size());
        if (r.keys.size() == keyCount && !example)
            example = &r;
    }
    QVERIFY2(example, "every layout appears in a history in sequence mode");
    QCOMPARE(example->keys.size(), keyCount);
    if (keyCount == 21) {
        const QStringList real = realV1Keys();
        QCOMPARE(real.size(), 21);
        QCOMPARE(example->keys, real);
    }
    if (keyCount == 51)
        QCOMPARE(example->keys, headKeys());
    if (keyCount == 46) {
        // v0.3.0's to_dict(): HEAD's order without completion_policy and the four maps.
        QStringList expected = headKeys();
        for (const char* added :
             {"completion_policy", "postprocess_task_timings_ms", "postprocess_output_timings_ms",
              "post_render_timings_ms", "phase_timings_ms"})
            expected.removeOne(QLatin1String(added));
        QCOMPARE(example->keys, expected);
    }
    if (keyCount > 21 && keyCount < 46) {
        // v0.1.7-v0.2.6 appended to the 21-key order.
        QCOMPARE(example->keys.mid(0, 21), realV1Keys());
    }
}

void TestDemo::singleLayoutHistories_data()
{
    QTest::addColumn<int>("keyCount");
    for (const int count : demoSchemaSequence())
        QTest::addRow("%d keys", count) << count;
}

void TestDemo::singleLayoutHistories()
{
    QFETCH(int, keyCount);
    DemoOptions options;
    options.builds = 300;
    options.schemaKeys = keyCount;
    for (const Record& r : generate(options))
        QCOMPARE(r.keys.size(), keyCount);
}

void TestDemo::valueTypesAsBengalWritesThem()
{
    DemoOptions options;
    options.builds = 2000;
    const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
    const QRegularExpression floating(QStringLiteral("^-?\\d+(\\.\\d+)?(e[-+]\\d+)?$"));
    for (const Record& r : generate(options)) {
        for (const QString& key : IntegerKeys) {
            if (r.raw.count(key))
                QVERIFY2(integer.match(QString::fromLatin1(r.raw.at(key))).hasMatch(),
                         qPrintable(key));
        }
        for (const QString& key : FloatKeys) {
            const QString text = QString::fromLatin1(r.raw.at(key));
            QVERIFY2(floating.match(text).hasMatch() && !integer.match(text).hasMatch(),
                     qPrintable(key + QLatin1String(": ") + text));
        }
        if (r.raw.count(QStringLiteral("fonts_time_ms")))
            QCOMPARE(r.raw.at(QStringLiteral("fonts_time_ms")), QByteArray("0"));
        if (r.raw.count(QStringLiteral("time_saved_ms")) &&
            !r.json.value(QLatin1String("incremental")).toBool())
            QCOMPARE(r.raw.at(QStringLiteral("time_saved_ms")), QByteArray("0"));
        QCOMPARE(r.raw.at(QStringLiteral("skipped")), QByteArray("false"));
        if (r.raw.count(QStringLiteral("completion_policy")))
            QCOMPARE(r.raw.at(QStringLiteral("completion_policy")), QByteArray("\"complete\""));
        // RSS is a delta in whole 4 KiB pages.
        const double rss = number(r, "memory_rss_mb");
        QCOMPARE(rss * 256.0, std::round(rss * 256.0));
        // The ledger is rounded to 0.1 ms and drops empty phases.
        const QJsonObject ledger = r.json.value(QLatin1String("phase_timings_ms")).toObject();
        for (auto it = ledger.begin(); it != ledger.end(); ++it) {
            QVERIFY(it.value().toDouble() > 0.0);
            QCOMPARE(std::round(it.value().toDouble() * 10.0) / 10.0, it.value().toDouble());
        }
    }
}

void TestDemo::timestampsAreMonotonicAndSwitchForm()
{
    DemoOptions options;
    options.builds = 5000;
    const std::vector<Record> records = generate(options);
    qint64 previous = -1;
    bool seenAware = false;
    int wholeSeconds = 0;
    for (const Record& r : records) {
        const QString text = r.json.value(QLatin1String("timestamp")).toString();
        bool aware = false;
        const qint64 t = timestampMs(text, &aware);
        QVERIFY2(t > previous, qPrintable(text));
        previous = t;
        QVERIFY2(aware || !seenAware, "naive timestamps end at v0.1.9 and never come back");
        seenAware = seenAware || aware;
        // v0.1.9 switched the form while the 25-key layout was current.
        if (r.keys.size() == 21)
            QVERIFY(!aware);
        if (r.keys.size() >= 26)
            QVERIFY(aware);
        if (!text.contains(QLatin1Char('.')))
            ++wholeSeconds;
    }
    QVERIFY(seenAware);
    QVERIFY2(wholeSeconds > 0, "Python's short form (no .ffffff) appears");
    const QDateTime first = QDateTime::fromString(
        records.front().json.value(QLatin1String("timestamp")).toString(), Qt::ISODateWithMs);
    QCOMPARE(first.date(), QDate(2025, 10, 5));
}

void TestDemo::stepIsInTheData_data()
{
    QTest::addColumn<QString>("stepMetric");
    QTest::addColumn<double>("factor");
    QTest::addColumn<QString>("flat");   // flat field that must move
    QTest::addColumn<QString>("ledger"); // ledger entry that must move too
    QTest::newRow("ledger rendering")
        << QStringLiteral("phase_timings_ms.Rendering") << 1.5
        << QStringLiteral("rendering_time_ms") << QStringLiteral("Rendering");
    QTest::newRow("flat discovery")
        << QStringLiteral("discovery_time_ms") << 0.8 << QStringLiteral("discovery_time_ms")
        << QStringLiteral("Discovery");
    QTest::newRow("postprocess 10%")
        << QStringLiteral("postprocess_time_ms") << 1.1 << QStringLiteral("postprocess_time_ms")
        << QStringLiteral("Post-process");
}

// A step changes its metric by its factor (median after / median before, per page so that the
// site's growth does not count), and build_time_ms by the same absolute amount.
void TestDemo::stepIsInTheData()
{
    QFETCH(QString, stepMetric);
    QFETCH(double, factor);
    QFETCH(QString, flat);
    QFETCH(QString, ledger);
    DemoOptions options;
    options.builds = 1200;
    options.schemaKeys = 51;
    options.defaultSteps = false;
    options.driftPerBuild = 0.0;
    options.steps.push_back({600, stepMetric, factor});
    const std::vector<Record> records = generate(options);
    const QByteArray flatKey = flat.toLatin1();
    const QByteArray ledgerKey = ledger.toLatin1();
    const auto perPage = [](double ms, const Record& r) {
        return ms / number(r, "total_pages");
    };
    const auto flatValue = [&](const Record& r) {
        return perPage(number(r, flatKey.constData()), r);
    };
    const auto ledgerValue = [&](const Record& r) {
        return perPage(nested(r, "phase_timings_ms", ledgerKey.constData()), r);
    };
    const auto total = [&](const Record& r) {
        return perPage(number(r, "build_time_ms"), r);
    };

    const double flatRatio =
        medianOf(records, 300, 600, flatValue) > 0
            ? medianOf(records, 600, 900, flatValue) / medianOf(records, 300, 600, flatValue)
            : 0.0;
    QVERIFY2(std::abs(flatRatio - factor) < 0.03,
             qPrintable(QStringLiteral("flat ratio %1").arg(flatRatio)));
    const double ledgerRatio =
        medianOf(records, 600, 900, ledgerValue) / medianOf(records, 300, 600, ledgerValue);
    QVERIFY2(std::abs(ledgerRatio - factor) < 0.03,
             qPrintable(QStringLiteral("ledger ratio %1").arg(ledgerRatio)));
    // Incremental builds carry the step too.
    const auto incremental = [](const Record& r) {
        return r.json.value(QLatin1String("incremental")).toBool() &&
               r.json.value(QLatin1String("parallel")).toBool();
    };
    // (per re-rendered page: how many pages an incremental build renders varies a lot)
    const auto perRendered = [&](const Record& r) {
        return number(r, flatKey.constData()) / number(r, "pages_rendered");
    };
    const double incrementalRatio = medianOf(records, 600, 900, perRendered, incremental) /
                                    medianOf(records, 300, 600, perRendered, incremental);
    QVERIFY2(std::abs(incrementalRatio - factor) < 0.08,
             qPrintable(QStringLiteral("incremental ratio %1").arg(incrementalRatio)));
    // build_time_ms moves by what the phase gained or lost.
    const double phaseDelta =
        medianOf(records, 600, 900, flatValue) - medianOf(records, 300, 600, flatValue);
    const double totalDelta =
        medianOf(records, 600, 900, total) - medianOf(records, 300, 600, total);
    const double spread = 0.03 * medianOf(records, 300, 600, total);
    QVERIFY2(
        std::abs(totalDelta - phaseDelta) < spread,
        qPrintable(QStringLiteral("total moved %1, phase %2").arg(totalDelta).arg(phaseDelta)));
}

void TestDemo::stepLeavesOtherBuildsAlone()
{
    DemoOptions plain;
    plain.builds = 400;
    plain.defaultSteps = false;
    DemoOptions stepped = plain;
    stepped.steps.push_back({200, QStringLiteral("rendering_time_ms"), 1.2});
    DemoHistoryGenerator a(plain);
    DemoHistoryGenerator b(stepped);
    for (int i = 0; i < 200; ++i)
        QCOMPARE(b.nextLine(), a.nextLine());
    QVERIFY(b.nextLine() != a.nextLine());
    QCOMPARE(b.steps().size(), std::size_t(1));
    QCOMPARE(b.steps().front().buildIndex, qsizetype(200));
    QVERIFY(a.steps().empty());
}

void TestDemo::defaultStepsAreInTheData()
{
    DemoOptions options;
    options.builds = 4000;
    options.driftPerBuild = 0.0;
    const std::vector<DemoStep> expected = defaultDemoSteps(options.builds);
    QVERIFY(expected.size() >= 3);
    DemoHistoryGenerator generator(options);
    QCOMPARE(generator.steps().size(), expected.size());
    const std::vector<Record> records = generate(options);
    for (const DemoStep& step : expected) {
        QVERIFY(demoStepTarget(step.metric).isValid());
        constexpr qsizetype Window = 300;
        QVERIFY(step.buildIndex > Window && step.buildIndex + Window < options.builds);
        const QByteArray key = step.metric.toLatin1();
        const auto value = [&](const Record& r) {
            // Memory grows with pages like time does; compare per page as well.
            return number(r, key.constData()) / number(r, "total_pages");
        };
        const double ratio = medianOf(records, step.buildIndex, step.buildIndex + Window, value) /
                             medianOf(records, step.buildIndex - Window, step.buildIndex, value);
        QVERIFY2(std::abs(ratio - step.factor) < 0.06,
                 qPrintable(QStringLiteral("%1 at %2: ratio %3, factor %4")
                                .arg(step.metric)
                                .arg(step.buildIndex)
                                .arg(ratio)
                                .arg(step.factor)));
    }
    options.defaultSteps = false;
    QVERIFY(DemoHistoryGenerator(options).steps().empty());
    QVERIFY(defaultDemoSteps(10).empty());
}

void TestDemo::incrementalBuildsAreFaster()
{
    DemoOptions options;
    options.builds = 1500;
    options.schemaKeys = 51;
    const std::vector<Record> records = generate(options);
    const auto buildTime = [](const Record& r) {
        return number(r, "build_time_ms");
    };
    const auto incremental = [](const Record& r) {
        return r.json.value(QLatin1String("incremental")).toBool() &&
               r.json.value(QLatin1String("parallel")).toBool();
    };
    const double full = medianOf(records, 0, 1500, buildTime);
    const double fast = medianOf(records, 0, 1500, buildTime, incremental);
    QVERIFY2(fast > 0.08 * full && fast < 0.25 * full,
             qPrintable(QStringLiteral("incremental %1 ms, full %2 ms").arg(fast).arg(full)));
    int incrementals = 0;
    int sequentials = 0;
    for (const Record& r : records) {
        const bool isIncremental = r.json.value(QLatin1String("incremental")).toBool();
        sequentials += r.json.value(QLatin1String("parallel")).toBool() ? 0 : 1;
        if (isIncremental) {
            ++incrementals;
            QVERIFY(number(r, "pages_rendered") < number(r, "total_pages"));
            QVERIFY(number(r, "cache_hits") > 0);
            QVERIFY(number(r, "time_saved_ms") > 0);
        } else {
            QCOMPARE(number(r, "pages_rendered"), number(r, "total_pages"));
            QCOMPARE(number(r, "cache_hits"), 0.0);
        }
    }
    QVERIFY(incrementals > 400 && incrementals < 650); // 35%
    QVERIFY(sequentials > 100 && sequentials < 210);   // 10%
    QVERIFY(!records.front().json.value(QLatin1String("incremental")).toBool());
    // The site grows slowly.
    QVERIFY(number(records.back(), "total_pages") > number(records.front(), "total_pages"));
    QVERIFY(number(records.back(), "total_pages") < 1.5 * number(records.front(), "total_pages"));
}

void TestDemo::siteGrowthIsAnOption()
{
    DemoOptions options;
    options.builds = 3000;
    options.pageGrowth = 0.0;
    const std::vector<Record> fixed = generate(options);
    QCOMPARE(number(fixed.back(), "total_pages"), number(fixed.front(), "total_pages"));
    options.pageGrowth = 0.5;
    const std::vector<Record> growing = generate(options);
    const double growth =
        number(growing.back(), "regular_pages") / number(growing.front(), "regular_pages");
    QVERIFY2(std::abs(growth - (1.0 + 0.5 * std::log1p(2.999))) < 0.02,
             qPrintable(QString::number(growth)));
}

void TestDemo::ledgerAgreesWithFlatFields()
{
    DemoOptions options;
    options.builds = 800;
    options.schemaKeys = 51;
    std::vector<double> unattributedShare;
    for (const Record& r : generate(options)) {
        const double build = number(r, "build_time_ms");
        const double ledger = ledgerSum(r);
        QVERIFY(ledger < build);
        unattributedShare.push_back((build - ledger) / build);
        QVERIFY(std::abs(nested(r, "phase_timings_ms", "Rendering") -
                         number(r, "rendering_time_ms")) < 2.0);
        QVERIFY(std::abs(nested(r, "phase_timings_ms", "Post-process") -
                         number(r, "postprocess_time_ms")) <= 0.051);
        QVERIFY(nested(r, "phase_timings_ms", "Discovery") >= number(r, "discovery_time_ms"));
        QVERIFY(nested(r, "phase_timings_ms", "Content") >= number(r, "taxonomy_time_ms") +
                                                                number(r, "menu_time_ms") +
                                                                number(r, "related_posts_time_ms"));
        QCOMPARE(nested(r, "post_render_timings_ms", "cache_save"),
                 nested(r, "phase_timings_ms", "Cache save"));
        QVERIFY(!r.json.value(QLatin1String("phase_timings_ms"))
                     .toObject()
                     .contains(QLatin1String("Finalize")));
        QVERIFY(nested(r, "post_render_timings_ms", "asset_audit") > 0.0);
        QVERIFY(number(r, "render_p50_ms") <= number(r, "render_p95_ms"));
        QVERIFY(number(r, "render_p95_ms") <= number(r, "render_max_ms"));
    }
    const double share = median(unattributedShare);
    QVERIFY2(share > 0.07 && share < 0.14, qPrintable(QString::number(share)));
}

void TestDemo::memoryByVersionAndProfile()
{
    DemoOptions options;
    options.builds = 3000;
    int alwaysTracedZeroHeap = 0;
    int laterZeroHeap = 0;
    int laterHeap = 0;
    int negativeRss = 0;
    const std::vector<Record> records = generate(options);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        const double heap = number(r, "memory_heap_mb");
        const double peak = number(r, "memory_peak_mb");
        negativeRss += number(r, "memory_rss_mb") < 0 ? 1 : 0;
        if (heap != 0.0)
            QVERIFY(peak > heap);
        else
            QCOMPARE(r.raw.at(QStringLiteral("memory_peak_mb")), QByteArray("0.0"));
        if (i < records.size() / 10) // v0.1.0-v0.1.5 always ran tracemalloc
            alwaysTracedZeroHeap += heap == 0.0 ? 1 : 0;
        if (r.keys.size() == 51)
            (heap == 0.0 ? laterZeroHeap : laterHeap) += 1;
    }
    QCOMPARE(alwaysTracedZeroHeap, 0);
    QVERIFY2(laterZeroHeap > laterHeap, "theme-dev (no tracemalloc) is the common profile");
    QVERIFY2(laterHeap > 0, "dev builds trace memory");
    QVERIFY2(negativeRss > 0, "RSS is a delta and can be negative");
}

void TestDemo::writeFileIsAtomicAndComplete()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    DemoOptions options;
    options.builds = 2500; // more than one write chunk
    QString error;
    QVERIFY2(writeDemoHistory(path, options, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    DemoHistoryGenerator generator(options);
    QByteArray expected;
    for (int i = 0; i < 2500; ++i)
        expected += generator.nextLine();
    QCOMPARE(written.size(), expected.size());
    QVERIFY(written == expected);
    QCOMPARE(QFileInfo(path).permissions() & QFileDevice::ReadOther, QFileDevice::ReadOther);
    // Replacing an existing history leaves no temporary file behind.
    options.builds = 10;
    QVERIFY2(writeDemoHistory(path, options, &error), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll().count('\n'), 10);
}

void TestDemo::writeFailsWithPathAndReason()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/dir/history.jsonl"));
    QString error;
    DemoOptions options;
    options.builds = 5;
    QVERIFY(!writeDemoHistory(path, options, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(error.size() > path.size() + 10);
    // Onto a directory: the rename fails, and nothing is left behind.
    const QString directory = dir.filePath(QStringLiteral("adir"));
    QVERIFY(QDir().mkpath(directory));
    QVERIFY(!writeDemoHistory(directory, options, &error));
    QVERIFY2(error.contains(directory), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}

void TestDemo::validateRejectsBadOptions()
{
    DemoOptions options;
    QVERIFY(DemoHistoryGenerator::validate(options).isEmpty());
    DemoOptions bad = options;
    bad.schemaKeys = 24;
    QVERIFY(!DemoHistoryGenerator::validate(bad).isEmpty());
    bad = options;
    bad.steps.push_back({10, QStringLiteral("no_such_metric"), 1.2});
    QVERIFY(DemoHistoryGenerator::validate(bad).contains(QLatin1String("no_such_metric")));
    bad = options;
    bad.steps.push_back({10, QStringLiteral("rendering_time_ms"), 0.0});
    QVERIFY(!DemoHistoryGenerator::validate(bad).isEmpty());
    bad = options;
    bad.steps.push_back({500, QStringLiteral("rendering_time_ms"), 1.2});
    QVERIFY(!DemoHistoryGenerator::validate(bad).isEmpty());
    bad = options;
    bad.noise = -0.1;
    QVERIFY(!DemoHistoryGenerator::validate(bad).isEmpty());
    // Every advertised step metric resolves, and the map entries name real record entries.
    for (const QString& metric : demoStepMetricNames())
        QVERIFY2(demoStepTarget(metric).isValid(), qPrintable(metric));
    QVERIFY(demoStepMetricNames().contains(QLatin1String("phase_timings_ms.Rendering")));
}

void TestDemo::commandLine()
{
    const QString exe = bengalPerf();
    if (exe.isEmpty())
        QSKIP("bengal-perf is not built in BENGAL_TEST_BIN_DIR");
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("h.jsonl"));
    const auto run = [&](const QStringList& args, QByteArray* err = nullptr) {
        QProcess process;
        process.start(exe, QStringList{QStringLiteral("demo")} + args);
        process.waitForFinished(60000);
        if (err)
            *err = process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    QByteArray err;
    QCOMPARE(run({QStringLiteral("--builds"), QStringLiteral("300"), QStringLiteral("--out"), out,
                  QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--step"),
                  QStringLiteral("150:phase_timings_ms.Config/filter:1.4")},
                 &err),
             0);
    QVERIFY2(err.contains("300") && err.contains(out.toUtf8()) &&
                 err.contains("phase_timings_ms.Config/filter"),
             err.constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 300);
    // The file is exactly what the library makes for the same options.
    DemoOptions options;
    options.builds = 300;
    options.seed = 7;
    options.steps.push_back({150, QStringLiteral("phase_timings_ms.Config/filter"), 1.4});
    DemoHistoryGenerator generator(options);
    file.seek(0);
    QCOMPARE(file.readLine(), generator.nextLine());

    QCOMPARE(run({QStringLiteral("--out"), out}), 2); // no --builds
    QCOMPARE(run({QStringLiteral("--builds"), QStringLiteral("x"), QStringLiteral("--out"), out}),
             2);
    QCOMPARE(run({QStringLiteral("--builds"), QStringLiteral("5"), QStringLiteral("--out"), out,
                  QStringLiteral("--schema"), QStringLiteral("24")}),
             2);
    QCOMPARE(run({QStringLiteral("--builds"), QStringLiteral("5"), QStringLiteral("--out"), out,
                  QStringLiteral("--step"), QStringLiteral("2:rendering_time_ms")}),
             2);
    QCOMPARE(run({QStringLiteral("--builds"), QStringLiteral("5"), QStringLiteral("--out"), out,
                  QStringLiteral("--step"), QStringLiteral("2:nothing:1.5")}),
             2);
    QCOMPARE(run({QStringLiteral("--builds"), QStringLiteral("5"), QStringLiteral("--out"),
                  dir.filePath(QStringLiteral("no/such/dir/h.jsonl"))},
                 &err),
             1);
    QVERIFY2(err.contains("no/such/dir/h.jsonl"), err.constData());
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
