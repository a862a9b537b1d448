// `bengal-perf compare`: golden JSON on the sample histories, the Markdown table, exit codes.
#include "CliTestUtils.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal::test;

namespace {

const QString kData = QStringLiteral(BENGAL_TEST_DATA);

// The builds each golden file compares, per sample history.
QStringList selectorsFor(const QString& history)
{
    if (history == QLatin1String("showcase-history"))
        return {"previous", "latest", "median:5", "1"};
    if (history == QLatin1String("quickstart-history"))
        return {"1", "2", "3"};
    if (history == QLatin1String("root-history"))
        return {"1", "2025-12-05T20:56:08.265363"};
    return {"median:3", "latest", "1"}; // edge-cases
}

QJsonObject compareJson(const QStringList& args, int* exitCode = nullptr)
{
    const CliResult r = runCli(QStringList{"compare", "--json"} + args);
    if (exitCode)
        *exitCode = r.exitCode;
    if (r.exitCode != 0)
        qWarning() << r.err;
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestCompareCli : public QObject
{
    Q_OBJECT
private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("history");
        const QDir data(kData);
        for (const QString& name : data.entryList({QStringLiteral("*.jsonl")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << data.filePath(name);
    }
    void golden()
    {
        QFETCH(QString, history);
        const QFileInfo info(history);
        int code = -1;
        const QJsonObject actual =
            compareJson(QStringList{history} + selectorsFor(info.completeBaseName()), &code);
        QCOMPARE(code, 0);
        QVERIFY(!actual.isEmpty());
        const QString goldenPath = info.dir().filePath(
            QStringLiteral("golden/") + info.completeBaseName() + QStringLiteral(".compare.json"));
        const QString why = goldenMismatch(actual, goldenPath);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void shapeOfTheJson()
    {
        const QJsonObject json = compareJson(
            {kData + QStringLiteral("/showcase-history.jsonl"), "1", "2", "median:4", "latest"});
        const QJsonArray builds = json.value("builds").toArray();
        QCOMPARE(builds.size(), 4);
        QCOMPARE(builds[0].toObject().value("index").toInt(), 1);
        QCOMPARE(builds[3].toObject().value("index").toInt(), 38);
        QVERIFY(builds[2].toObject().value("index").isNull());
        QCOMPARE(builds[2].toObject().value("median_of").toInt(), 4);
        // The median's timestamp is that of the newest build in its window (build 37).
        const QJsonObject previous =
            compareJson({kData + QStringLiteral("/showcase-history.jsonl"), "previous", "latest"});
        QCOMPARE(builds[2].toObject().value("timestamp"),
                 previous.value("builds").toArray()[0].toObject().value("timestamp"));
        const QJsonObject metrics = json.value("metrics").toObject();
        QVERIFY(metrics.contains("build_time_ms"));
        for (const QString& name : metrics.keys()) {
            const QJsonObject m = metrics.value(name).toObject();
            QCOMPARE(m.value("values").toArray().size(), 4);
            QVERIFY(m.value("change").toArray()[0].isNull());
            QVERIFY(m.value("change_pct").toArray()[0].isNull());
            for (int i = 1; i < 4; ++i) {
                const double a = m.value("values").toArray()[0].toDouble();
                const double v = m.value("values").toArray()[i].toDouble();
                if (m.value("values").toArray()[i].isNull() ||
                    m.value("values").toArray()[0].isNull()) {
                    QVERIFY(m.value("change").toArray()[i].isNull());
                    continue;
                }
                if (a == 0) { // "null where a value is missing or A is zero"
                    QVERIFY(m.value("change").toArray()[i].isNull());
                    QVERIFY(m.value("change_pct").toArray()[i].isNull());
                    continue;
                }
                QCOMPARE(m.value("change").toArray()[i].toDouble(), v - a);
                QCOMPARE(m.value("change_pct").toArray()[i].toDouble(),
                         (v - a) / std::abs(a) * 100);
            }
        }
    }

    void markdownByDefault()
    {
        const CliResult r =
            runCli({"compare", kData + QStringLiteral("/quickstart-history.jsonl"), "1", "latest"});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.startsWith(QLatin1String("Change against A")));
        QVERIFY(text.contains(QLatin1String("positive means slower or bigger")));
        QVERIFY(text.contains(QStringLiteral("| Metric | A: #1 · 2025-10-05 14:52:52 UTC | "
                                             "B: #3 · 2025-10-05 14:54:32 UTC | Δ B | Δ% B |")));
        QVERIFY(text.contains(QStringLiteral("| Build time (build\\_time\\_ms) | 3020.8 ms | "
                                             "2430.4 ms | −590.4 ms | −19.5 % |")));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrPart");
        const QString showcase = kData + QStringLiteral("/showcase-history.jsonl");
        QTest::newRow("unknown selector")
            << QStringList{"compare", showcase, "1", "newest"} << 2 << "unknown build \"newest\"";
        QTest::newRow("index out of range")
            << QStringList{"compare", showcase, "1", "39"} << 2 << "build \"39\"";
        QTest::newRow("index zero")
            << QStringList{"compare", showcase, "0", "1"} << 2 << "build \"0\"";
        QTest::newRow("no such time")
            << QStringList{"compare", showcase, "1", "2020-01-01T00:00:00"} << 2
            << "build \"2020-01-01T00:00:00\": no build at that time";
        QTest::newRow("bad median")
            << QStringList{"compare", showcase, "median:0", "1"} << 2 << "median:0";
        QTest::newRow("window backwards")
            << QStringList{"compare", showcase, "5..3", "1"} << 2 << "I..J";
        QTest::newRow("window past the end")
            << QStringList{"compare", showcase, "1..39", "1"} << 2 << "builds 1 to 38";
        QTest::newRow("one build")
            << QStringList{"compare", showcase, "1"} << 2 << "two to four builds";
        QTest::newRow("five builds") << QStringList{"compare", showcase, "1", "2", "3", "4", "5"}
                                     << 2 << "two to four builds";
        QTest::newRow("missing file")
            << QStringList{"compare", "/no/such.jsonl", "1", "2"} << 2 << "no such file";
        QTest::newRow("bad option")
            << QStringList{"compare", "--bogus", showcase, "1", "2"} << 2 << "bogus";
        QTest::newRow("two builds: previous and median")
            << QStringList{"compare", kData + QStringLiteral("/root-history.jsonl"), "previous",
                           "median:5"}
            << 0 << "";
        QTest::newRow("help") << QStringList{"compare", "--help"} << 0 << "";
    }
    // Two windows of builds: compared by their medians, and Mann-Whitney says whether B is
    // really slower. The showcase history's builds 29-38 render about 4x slower than 1-10;
    // its assets barely moved.
    void windowsAreTested()
    {
        const QString showcase = kData + QStringLiteral("/showcase-history.jsonl");
        int code = -1;
        const QJsonObject shifted = compareJson({showcase, "1..10", "29..38", "latest"}, &code);
        QCOMPARE(code, 0);
        const QJsonArray builds = shifted.value("builds").toArray();
        QCOMPARE(builds.at(0).toObject().value("median_of").toInt(), 10);
        QVERIFY(builds.at(0).toObject().value("index").isNull());
        const QJsonObject metrics = shifted.value("metrics").toObject();
        const QJsonArray slower =
            metrics.value("build_time_ms").toObject().value("p_slower").toArray();
        QCOMPARE(slower.size(), 3);
        QVERIFY(slower.at(0).isNull());
        QVERIFY2(slower.at(1).toDouble() < 0.01,
                 qPrintable(QString::number(slower.at(1).toDouble())));
        QVERIFY(slower.at(2).isNull()); // a single build is not a window
        QVERIFY(metrics.value("assets_time_ms")
                    .toObject()
                    .value("p_slower")
                    .toArray()
                    .at(1)
                    .toDouble() > 0.05);
        // The same window on both sides: nothing to see.
        const QJsonObject same = compareJson({showcase, "1..10", "1..10"}, &code);
        QCOMPARE(code, 0);
        QVERIFY(same.value("metrics")
                    .toObject()
                    .value("build_time_ms")
                    .toObject()
                    .value("p_slower")
                    .toArray()
                    .at(1)
                    .toDouble() >= 0.4);
        // Single builds against each other: no test, no p keys (the golden files stay as they are).
        const QJsonObject single = compareJson({showcase, "1", "2"}, &code);
        QVERIFY(!single.value("metrics")
                     .toObject()
                     .value("build_time_ms")
                     .toObject()
                     .contains("p_slower"));
        // The Markdown table gets a p column.
        const CliResult md = runCli({"compare", showcase, "1..10", "29..38"});
        QCOMPARE(md.exitCode, 0);
        QVERIFY(md.out.contains("| p B |"));
        QVERIFY(md.out.contains("median of builds #1 to #10"));
    }

    // A hand-made history as a user may have one: the oldest (21-key) schema next to a modern
    // line, zeros in A, keys Bengal never writes, a missing field and a line that is not JSON.
    void oddHistory()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("odd.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"timestamp": "2025-10-05T14:52:52.575025", "python_version": "3.10.2", )"
            R"("platform": "darwin", "total_pages": 0, "build_time_ms": 0, "parallel": true, )"
            R"("incremental": false, "skipped": false, "rendering_time_ms": 0, )"
            R"("memory_heap_mb": 0.0, "weird_key": 5})"
            "\n"
            R"({"timestamp": "2025-10-05T14:53:52", "python_version": "3.12.2", "platform": )"
            R"("linux", "total_pages": 10, "build_time_ms": 120.5, "parallel": false, )"
            R"("incremental": true, "rendering_time_ms": 50, "weird_key": 7})"
            "\nnot json at all\n"
            R"({"timestamp": "2025-10-05T14:54:52.1+00:00", "build_time_ms": 130, )"
            R"("phase_timings_ms": {"Rendering": 60}, "completion_policy": "complete"})"
            "\n");
        file.close();
        const CliResult r = runCli({"compare", "--json", path, "1", "2", "3"});
        QCOMPARE(r.exitCode, 0);
        // The left-out line is named by file and line on stderr; stdout is only the JSON.
        QVERIFY2(r.err.contains(QStringLiteral("%1:3:").arg(path).toUtf8()), r.err.constData());
        const QJsonObject metrics =
            QJsonDocument::fromJson(r.out).object().value("metrics").toObject();
        const auto array = [&](const char* metric, const char* key) {
            return metrics.value(metric).toObject().value(key).toArray();
        };
        // A is 0: both changes are null, the values stay.
        QCOMPARE(array("build_time_ms", "values"), QJsonArray({0, 120.5, 130}));
        QCOMPARE(array("build_time_ms", "change"),
                 QJsonArray({QJsonValue::Null, QJsonValue::Null, QJsonValue::Null}));
        QCOMPARE(array("build_time_ms", "change_pct"),
                 QJsonArray({QJsonValue::Null, QJsonValue::Null, QJsonValue::Null}));
        // A missing value (heap in B and C) gives null values and changes.
        QCOMPARE(array("memory_heap_mb", "values"),
                 QJsonArray({0, QJsonValue::Null, QJsonValue::Null}));
        // An unknown key is compared like any number.
        QCOMPARE(array("weird_key", "values"), QJsonArray({5, 7, QJsonValue::Null}));
        QCOMPARE(array("weird_key", "change"), QJsonArray({QJsonValue::Null, 2, QJsonValue::Null}));
        QCOMPARE(array("weird_key", "change_pct"),
                 QJsonArray({QJsonValue::Null, 40, QJsonValue::Null}));
        // Only C has the ledger: A's and B's entries are null.
        QCOMPARE(array("phase_timings_ms.Rendering", "values"),
                 QJsonArray({QJsonValue::Null, QJsonValue::Null, 60}));
        // Selector errors name the history file.
        for (const QString& bad : {QStringLiteral("9"), QStringLiteral("2020-01-01T00:00:00"),
                                   QStringLiteral("median:x")}) {
            const CliResult e = runCli({"compare", path, "1", bad});
            QCOMPARE(e.exitCode, 2);
            const QByteArray expected = path.toUtf8() + ": build \"" + bad.toUtf8();
            QVERIFY2(e.err.contains(expected), e.err.constData());
        }
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, stderrPart);
        const CliResult r = runCli(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrPart), r.err.constData());
        if (code == 2)
            QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCompareCli)
#include "tst_compare_cli.moc"
