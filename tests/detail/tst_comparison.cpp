// Build selectors, comparisons (JSON and Markdown) and the comparison model.
#include "DetailTestData.h"
#include "detail/BuildSelector.h"
#include "detail/Comparison.h"
#include "detail/ComparisonExport.h"
#include "detail/ComparisonModel.h"
#include "history/HistoryLoader.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace bengal;
using namespace bengal::test;

namespace {

// Five builds an hour apart; build_time_ms 100, 300, 200, 0, 400; the 4th is incremental and
// on linux, the 3rd has <b>x</b> as its platform.
void loadFive(HistoryStore& store)
{
    QByteArray text;
    text += smallRecord("2025-10-05T10:00:00", 100, false) + '\n';
    text += smallRecord("2025-10-05T11:00:00.250000", 300, false) + '\n';
    text += record("2025-10-05T12:00:00", "\"platform\": \"<b>x</b>\", \"build_time_ms\": 200, "
                                          "\"total_pages\": 100, \"memory_rss_mb\": -4") +
            '\n';
    text += record("2025-10-05T13:00:00", "\"platform\": \"linux\", \"build_time_ms\": 0, "
                                          "\"incremental\": true, \"memory_rss_mb\": 2") +
            '\n';
    text += smallRecord("2025-10-05T14:00:00", 400, false) + '\n';
    loadText(store, text);
}

std::optional<BuildSelection> select(const HistoryStore& store, const QString& text,
                                     QString* error = nullptr)
{
    return BuildSelector::parse(text, store, error);
}

Comparison compare(const HistoryStore& store, const QStringList& selectors)
{
    QList<CompareColumn> columns;
    for (const QString& s : selectors)
        columns.append(columnFor(store, *select(store, s)));
    return compareColumns(store, columns);
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT
private slots:
    void selectors()
    {
        HistoryStore store;
        loadFive(store);
        QCOMPARE(store.size(), 5);
        QCOMPARE(select(store, "latest")->row, 4);
        QCOMPARE(select(store, "previous")->row, 3);
        QCOMPARE(select(store, "1")->row, 0);
        QCOMPARE(select(store, " 5 ")->row, 4);
        QCOMPARE(select(store, "2025-10-05T12:00:00")->row, 2);
        QCOMPARE(select(store, "2025-10-05T12:00:00Z")->row, 2);
        QCOMPARE(select(store, "2025-10-05T14:00:00+02:00")->row, 2); // 12:00 UTC
        QCOMPARE(select(store, "2025-10-05T11:00:00.25")->row, 1);
        QCOMPARE(select(store, "2025-10-05T11:00:00")->row, 1); // the build within that second
        // As the window and the Markdown show times, pasted back.
        QCOMPARE(select(store, "2025-10-05 12:00:00 UTC")->row, 2);
        QCOMPARE(select(store, "2025-10-05 11:00:00")->row, 1);
        const auto median = select(store, "median:3");
        QCOMPARE(median->kind, BuildSelection::Kind::Median);
        QCOMPARE(median->first, 1);
        QCOMPARE(median->end, 4);
        QCOMPARE(select(store, "median:99")->first, 0);

        for (const char* bad : {"0", "6", "oldest", "median:0", "median:x", "median:",
                                "2025-10-05T11:00:00.5", "2025-13-01T00:00:00", "-1", ""}) {
            QString error;
            QVERIFY2(!select(store, QLatin1String(bad), &error), bad);
            QVERIFY2(error.contains(QLatin1String(bad)), qPrintable(error));
        }
        QString error;
        select(store, "oldest", &error);
        QVERIFY(error.startsWith(QLatin1String("unknown build \"oldest\"")));

        HistoryStore one;
        loadText(one, smallRecord("2025-10-05T10:00:00", 1, false) + '\n');
        QVERIFY(!select(one, "previous", &error));
        QVERIFY(!select(one, "median:2", &error));
        QVERIFY(select(one, "latest"));
    }

    void sameTimeTwiceIsAmbiguous()
    {
        HistoryStore store;
        loadText(store, smallRecord("2025-10-05T10:00:00", 1, false) + '\n' +
                            smallRecord("2025-10-05T10:00:00", 2, false) + '\n');
        QString error;
        QVERIFY(!select(store, "2025-10-05T10:00:00", &error));
        QVERIFY(error.contains(QLatin1String("1 to 2")));
    }

    void changesAgainstA()
    {
        HistoryStore store;
        loadFive(store);
        const Comparison c = compare(store, {"1", "2", "4", "median:3"});
        const int build = int(c.metrics.indexOf("build_time_ms"));
        QCOMPARE(build, 0); // build time first
        QCOMPARE(c.value(build, 1), 300.0);
        QCOMPARE(c.change(build, 1), 200.0);
        QCOMPARE(c.changePercent(build, 1), 200.0);
        QCOMPARE(c.change(build, 2), -100.0);
        QCOMPARE(c.changePercent(build, 2), -100.0);
        // median:3 = median of builds 2, 3, 4 (300, 200, 0) = 200.
        QCOMPARE(c.value(build, 3), 200.0);
        QCOMPARE(c.columns[3].window, (std::vector<qsizetype>{1, 2, 3}));
        QCOMPARE(c.columns[3].timestamp, store.timestampUs(3));
        QCOMPARE(c.columns[3].title(), QStringLiteral("median of 3 builds before #5"));
        // memory_rss_mb: A has none → every change null.
        const int rss = int(c.metrics.indexOf("memory_rss_mb"));
        QVERIFY(std::isnan(c.value(rss, 0)));
        QVERIFY(std::isnan(c.change(rss, 2)));
        // Median of the two values the window has: -4 and 2.
        QCOMPARE(c.value(rss, 3), -1.0);

        // A is zero: the change exists, the percentage does not.
        const Comparison zero = compare(store, {"4", "5"});
        QCOMPARE(zero.change(0, 1), 400.0);
        QVERIFY(std::isnan(zero.changePercent(0, 1)));

        // Environment: kind and platform differ, python too (the 4th build has none).
        const Comparison env = compare(store, {"1", "3", "4"});
        QStringList differing;
        for (const EnvironmentRow& row : env.environment) {
            if (row.differs)
                differing << row.key;
        }
        QCOMPARE(differing, (QStringList{"kind", "python_version", "platform"}));
        QCOMPARE(env.environment[2].values, (QStringList{"darwin", "<b>x</b>", "linux"}));
        QVERIFY(compare(store, {"1", "2"}).environment.size() == 3); // no completion policy
        for (const EnvironmentRow& row : compare(store, {"1", "2"}).environment)
            QVERIFY(!row.differs);
    }

    void json()
    {
        HistoryStore store;
        loadFive(store);
        const QJsonObject json = comparisonJson(compare(store, {"4", "5", "median:2"}));
        const QJsonArray builds = json.value("builds").toArray();
        QCOMPARE(builds.size(), 3);
        QCOMPARE(builds[0].toObject().value("index").toInt(), 4);
        QCOMPARE(builds[0].toObject().value("timestamp").toString(),
                 QStringLiteral("2025-10-05T13:00:00Z"));
        QVERIFY(builds[2].toObject().value("index").isNull());
        QCOMPARE(builds[2].toObject().value("median_of").toInt(), 2);
        QCOMPARE(builds[2].toObject().value("timestamp").toString(),
                 QStringLiteral("2025-10-05T13:00:00Z"));
        const QJsonObject build =
            json.value("metrics").toObject().value("build_time_ms").toObject();
        QCOMPARE(build.value("values").toArray(), (QJsonArray{0, 400, 100}));
        // A is 0: "null where a value is missing or A is zero", for both changes.
        QCOMPARE(build.value("change").toArray(),
                 (QJsonArray{QJsonValue(), QJsonValue(), QJsonValue()}));
        QCOMPARE(build.value("change_pct").toArray(),
                 (QJsonArray{QJsonValue(), QJsonValue(), QJsonValue()}));
        const QJsonObject rss = json.value("metrics").toObject().value("memory_rss_mb").toObject();
        QCOMPARE(rss.value("values").toArray(), (QJsonArray{2, QJsonValue(), -1}));
        QCOMPARE(rss.value("change").toArray(), (QJsonArray{QJsonValue(), QJsonValue(), -3}));
        QCOMPARE(rss.value("change_pct").toArray(), (QJsonArray{QJsonValue(), QJsonValue(), -150}));
        // Metrics no compared build has are left out.
        QVERIFY(!json.value("metrics").toObject().contains("discovery_time_ms"));
    }

    void markdown()
    {
        HistoryStore store;
        loadFive(store);
        const QString text = comparisonMarkdown(compare(store, {"1", "3"}));
        const QStringList lines = text.split(QLatin1Char('\n'));
        QVERIFY(lines[0].contains(QLatin1String("positive means slower or bigger")));
        QCOMPARE(lines[2], QStringLiteral("| Metric | A: #1 · 2025-10-05 10:00:00 UTC | "
                                          "B: #3 · 2025-10-05 12:00:00 UTC | Δ B | Δ% B |"));
        QCOMPARE(lines[3], QStringLiteral("| :--- | ---: | ---: | ---: | ---: |"));
        // The platform differs and its markup is escaped, never rendered.
        QVERIFY(text.contains(QStringLiteral("| ≠ Platform | darwin | \\<b\\>x\\</b\\> |  |  |")));
        QVERIFY(text.contains(QStringLiteral(
            "| Build time (build\\_time\\_ms) | 100.0 ms | 200.0 ms | +100.0 ms | +100.0 % |")));
        // Every table line has the same number of cells.
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1Char('|')))
                QCOMPARE(line.count(QRegularExpression(QStringLiteral("(?<!\\\\)\\|"))), 6);
        }
        QCOMPARE(markdownEscape(QStringLiteral("a|b*c_d`e\nf")),
                 QStringLiteral("a\\|b\\*c\\_d\\`e f"));
    }

    void modelWithTwoAndFourBuilds()
    {
        HistoryStore store;
        loadFive(store);
        ComparisonModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setComparison(compare(store, {"1", "3"}));
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(),
                 QStringLiteral("Metric\nΔ: positive = slower/bigger"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(),
                 QStringLiteral("B: #3\n2025-10-05 12:00:00 UTC"));
        QCOMPARE(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString(),
                 QStringLiteral("#3 · 2025-10-05 12:00:00 UTC"));
        const int platform = model.rowOf("platform");
        QVERIFY(model.index(platform, 0).data(ComparisonModel::DiffersRole).toBool());
        QCOMPARE(model.index(platform, 2).data().toString(), QStringLiteral("<b>x</b>"));
        const int build = model.rowOf("build_time_ms");
        QCOMPARE(model.index(build, 3).data().toString(), QStringLiteral("+100.0 ms"));
        QCOMPARE(model.index(build, 4).data().toString(), QStringLiteral("+100.0 %"));
        QCOMPARE(model.index(build, 4).data(ComparisonModel::NumberRole).toDouble(), 100.0);
        QCOMPARE(model.index(build, 4).data(ComparisonModel::DirectionRole).toInt(),
                 int(Direction::Worse));

        model.setComparison(compare(store, {"5", "1", "2", "median:4"}));
        QCOMPARE(model.columnCount(), 11);
        QCOMPARE(model.buildOf(10), 3);
        QCOMPARE(model.cellKind(10), ComparisonModel::CellKind::ChangePercent);
        QCOMPARE(model.index(model.rowOf("build_time_ms"), 7).data().toString(),
                 QStringLiteral("−25.0 %"));
        QCOMPARE(model.index(model.rowOf("build_time_ms"), 7)
                     .data(ComparisonModel::DirectionRole)
                     .toInt(),
                 int(Direction::Better));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }

    void modelOnRealSamples_data()
    {
        QTest::addColumn<QString>("history");
        const QDir data(QStringLiteral(BENGAL_TEST_DATA));
        for (const QString& name : data.entryList({QStringLiteral("*.jsonl")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << data.filePath(name);
    }
    void modelOnRealSamples()
    {
        QFETCH(QString, history);
        HistoryStore store;
        QCOMPARE(loadHistoryInto(history, store).status, ReadOutcome::Status::Ok);
        ComparisonModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setComparison(compare(store, {"1", "latest"}));
        QVERIFY(model.rowCount() > 0);
        if (store.size() > 2)
            model.setComparison(compare(store, {"median:5", "1", "previous", "latest"}));
        const QString md = comparisonMarkdown(model.comparison());
        QCOMPARE(md.count(QLatin1Char('\n')), 4 + model.rowCount());
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
