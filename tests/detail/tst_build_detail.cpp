// One build in detail: every field grouped, phase shares, derived figures, the raw line read
// again from the file, and the tree model.
#include "DetailTestData.h"
#include "detail/BuildDetail.h"
#include "detail/BuildDetailModel.h"
#include "detail/DerivedFigures.h"
#include "history/HistoryLoader.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bengal;
using namespace bengal::test;

namespace {

const DetailGroup* groupOf(const BuildDetail& detail, FieldGroup group)
{
    for (const DetailGroup& g : detail.groups) {
        if (g.group == group)
            return &g;
    }
    return nullptr;
}

const DetailField* fieldOf(const BuildDetail& detail, const QString& key)
{
    for (const DetailGroup& g : detail.groups) {
        for (const DetailField& f : g.fields) {
            if (f.key == key)
                return &f;
        }
    }
    return nullptr;
}

// Writes `text` to a file, loads it into `store` and returns the path.
QString loadFile(QTemporaryDir& dir, const QByteArray& text, HistoryStore& store)
{
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    if (!writeFile(path, text))
        return {};
    loadHistoryInto(path, store);
    return path;
}

} // namespace

class TestBuildDetail : public QObject
{
    Q_OBJECT
private slots:
    void everyFieldOfA51KeyRecordIsGrouped()
    {
        const QByteArray line = record51("2026-08-17T16:04:12.518734+00:00", 2921.734123, false,
                                         "\"custom_note\": \"<b>x</b>\", \"extra_count\": 7, "
                                         "\"odd_map\": {\"k\": \"v\"}, \"list\": [1, 2]");
        QTemporaryDir dir;
        HistoryStore store;
        const QString path = loadFile(dir, line + '\n', store);
        QCOMPARE(store.size(), 1);
        const BuildDetail detail = loadBuildDetail(store, 0, path, ChangeOptions{});
        QCOMPARE(detail.source, BuildLineRead::Status::Ok);
        QCOMPARE(detail.rawLine, line);

        // Every key of the line appears exactly once, in the group it belongs to.
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.size(), 55);
        int fields = 0;
        for (const DetailGroup& group : detail.groups) {
            if (group.group == FieldGroup::Derived)
                continue;
            for (const DetailField& field : group.fields) {
                ++fields;
                QVERIFY2(object.contains(field.key), qPrintable(field.key));
                QCOMPARE(group.group, fieldGroupOf(field.key));
            }
        }
        QCOMPARE(fields, 55);

        const DetailGroup* other = groupOf(detail, FieldGroup::Other);
        QVERIFY(other);
        QStringList otherKeys;
        for (const DetailField& field : other->fields)
            otherKeys << field.key;
        QCOMPARE(otherKeys, (QStringList{"custom_note", "extra_count", "list", "odd_map"}));
        // Text from the file is kept literally (the view shows it as plain text).
        QCOMPARE(fieldOf(detail, "custom_note")->valueText, QStringLiteral("<b>x</b>"));
        QCOMPARE(fieldOf(detail, "list")->valueText, QStringLiteral("[1,2]"));
        QCOMPARE(fieldOf(detail, "odd_map")->children.size(), 1);

        QCOMPARE(groupOf(detail, FieldGroup::Environment)->fields.size(), 7);
        QCOMPARE(fieldOf(detail, "platform")->valueText, QStringLiteral("linux"));
        QCOMPARE(fieldOf(detail, "parallel")->valueText, QStringLiteral("yes"));
        QCOMPARE(fieldOf(detail, "completion_policy")->valueText, QStringLiteral("complete"));
        QCOMPARE(fieldOf(detail, "memory_rss_mb")->valueText, QStringLiteral("142.6 MiB"));
        QCOMPARE(fieldOf(detail, "total_pages")->valueText, QStringLiteral("137"));
        QCOMPARE(fieldOf(detail, "build_time_ms")->valueText, QStringLiteral("2921.7 ms"));
        QCOMPARE(groupOf(detail, FieldGroup::Memory)->fields.size(), 3);
        QCOMPARE(groupOf(detail, FieldGroup::Caches)->fields.size(), 12);
        QCOMPARE(groupOf(detail, FieldGroup::Pages)->fields.size(), 12);
        QCOMPARE(detail.kindText(), QStringLiteral("full · parallel"));
        QCOMPARE(detail.buildKey, buildKeyOf(store.hash(0)));
        QCOMPARE(detail.buildKey.size(), 16);
    }

    void phaseSharesAddUpWithTheUnattributedRest()
    {
        HistoryStore store;
        loadText(store, record51("2026-08-17T16:04:12Z") + '\n');
        const BuildDetail detail = describeBuild(
            store, 0, *parseBuildLine(record51("2026-08-17T16:04:12Z")), ChangeOptions{});
        const PhaseBreakdown& phases = detail.phases;
        QVERIFY(phases.fromLedger);
        QCOMPARE(phases.phases.size(), 14);
        // Ledger order as written, not sorted by name.
        QCOMPARE(phases.phases.first().label, QStringLiteral("Initialization"));
        QCOMPARE(phases.phases.last().label, QStringLiteral("Provenance save"));
        // By hand: the ledger sums to 2369.5 ms.
        QVERIFY(std::abs(phases.attributedMs - 2369.5) < 1e-9);
        QVERIFY(std::abs(phases.unattributedMs - (2921.734123 - 2369.5)) < 1e-9);
        double shares = phases.unattributedShare;
        for (const PhaseShare& phase : phases.phases)
            shares += phase.share;
        QVERIFY(std::abs(shares - 1.0) < 1e-12);
        QVERIFY(std::abs(phases.phases[7].share - 1315.2 / 2921.734123) < 1e-15);

        // The tree shows the same share on the ledger's Rendering entry.
        const DetailField* ledger = fieldOf(detail, "phase_timings_ms");
        QVERIFY(ledger);
        QCOMPARE(ledger->children.size(), 14);
        QCOMPARE(ledger->children[0].key, QStringLiteral("Initialization"));
        QCOMPARE(ledger->children[7].shareOf, ShareOf::BuildTime);
        QCOMPARE(ledger->children[7].share, 1315.2 / 2921.734123);
        QCOMPARE(ledger->valueText, QStringLiteral("Σ 2369.5 ms"));

        // Other nested maps: shares of their own total, summing to 1.
        for (const char* map : {"post_render_timings_ms", "postprocess_task_timings_ms",
                                "postprocess_output_timings_ms"}) {
            const DetailField* field = fieldOf(detail, QLatin1String(map));
            QVERIFY(field && !field->children.isEmpty());
            double sum = 0;
            for (const DetailField& child : field->children) {
                QCOMPARE(child.shareOf, ShareOf::MapTotal);
                QVERIFY(child.metric.startsWith(QLatin1String(map) + QLatin1Char('.')));
                sum += child.share;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-12);
        }
        QCOMPARE(fieldOf(detail, "post_render_timings_ms")->children[0].key,
                 QStringLiteral("asset_audit"));
    }

    void classicPhasesWithoutALedger()
    {
        HistoryStore store;
        loadText(store, record("2025-10-05T14:52:52",
                               "\"build_time_ms\": 1000, \"discovery_time_ms\": 100, "
                               "\"rendering_time_ms\": 600, \"assets_time_ms\": 50, "
                               "\"postprocess_time_ms\": 150") +
                            '\n');
        const PhaseBreakdown phases = describeBuild(store, 0, storeRowAsJson(store, 0), {}).phases;
        QVERIFY(!phases.fromLedger);
        QCOMPARE(phases.phases.size(), 4); // taxonomy missing: left out
        QCOMPARE(phases.phases[1].metric, QStringLiteral("rendering_time_ms"));
        QCOMPARE(phases.phases[1].share, 0.6);
        QCOMPARE(phases.unattributedMs, 100.0);
        QCOMPARE(phases.unattributedShare, 0.1);
    }

    void overAttributedBuildsHaveANegativeRest()
    {
        HistoryStore store;
        loadText(store, record("2025-10-05T14:52:52",
                               "\"build_time_ms\": 100, \"rendering_time_ms\": 150") +
                            '\n');
        const PhaseBreakdown phases = describeBuild(store, 0, storeRowAsJson(store, 0), {}).phases;
        QCOMPARE(phases.unattributedMs, -50.0);
        QCOMPARE(phases.phases[0].share + phases.unattributedShare, 1.0);
    }

    void derivedFigures()
    {
        HistoryStore store;
        loadText(store, record51("2026-08-17T16:04:12Z") + '\n');
        const BuildDetail detail =
            describeBuild(store, 0, *parseBuildLine(record51("2026-08-17T16:04:12Z")), {});
        const DetailGroup* derived = groupOf(detail, FieldGroup::Derived);
        QVERIFY(derived);
        QCOMPARE(detail.groups[1].group, FieldGroup::Derived); // right after the timings
        auto valueOf = [&](const char* key) {
            for (const DetailField& f : derived->fields) {
                if (f.key == QLatin1String(key))
                    return f.number;
            }
            return std::nan("");
        };
        QCOMPARE(valueOf("ms_per_page"), 2921.734123 / 137);
        QCOMPARE(valueOf("pages_per_second"), 137 / 1314.775 * 1000);
        QCOMPARE(valueOf("cache_effectiveness"), 0.0); // time_saved_ms 0 of 1314.775
        QCOMPARE(valueOf("cache_hit_ratio"), 0.0);
        QCOMPARE(valueOf("block_cache_hit_ratio"), 411.0 / 414.0 * 100);
        QCOMPARE(valueOf("parsed_cache_hit_ratio"), 0.0);
        QVERIFY(std::abs(valueOf("unattributed_ms") - 552.234123) < 1e-9);
        QCOMPARE(formatDerived("pages_per_second", 104.2), QStringLiteral("104 pages/s"));
        QCOMPARE(formatDerived("cache_effectiveness", 12.345), QStringLiteral("12.3 %"));

        // Cache effectiveness: time saved against rendering plus time saved.
        MetricLookup lookup = [](const QString& m) {
            return m == QLatin1String("time_saved_ms")       ? 400.0
                   : m == QLatin1String("rendering_time_ms") ? 600.0
                                                             : std::nan("");
        };
        QCOMPARE(derivedValue("cache_effectiveness", lookup), 40.0);
        QVERIFY(std::isnan(derivedValue("ms_per_page", lookup)));
    }

    void headlineMetrics()
    {
        HistoryStore store;
        loadText(store, record51("2026-08-17T16:04:12Z") + '\n');
        const BuildDetail detail =
            describeBuild(store, 0, *parseBuildLine(record51("2026-08-17T16:04:12Z")), {});
        QCOMPARE(detail.headline.mid(0, 2),
                 (QStringList{"build_time_ms", "phase_timings_ms.Rendering"}));
        QVERIFY(detail.headline.contains("memory_rss_mb"));
    }

    void fileChangedFallsBackToTheStore()
    {
        QTemporaryDir dir;
        HistoryStore store;
        const QByteArray text =
            smallRecord("2025-10-05T14:52:52", 1000, false, true, "\"custom\": \"hello\"") + '\n' +
            smallRecord("2025-10-05T15:52:52", 1100, false) + '\n';
        const QString path = loadFile(dir, text, store);
        QCOMPARE(loadBuildDetail(store, 0, path, {}).source, BuildLineRead::Status::Ok);
        QVERIFY(fieldOf(loadBuildDetail(store, 0, path, {}), "custom"));

        // Same length, different bytes: the hash says it is not the same build any more.
        QByteArray changed = text;
        changed.replace("1000", "1001");
        QVERIFY(writeFile(path, changed));
        BuildDetail detail = loadBuildDetail(store, 0, path, {});
        QCOMPARE(detail.source, BuildLineRead::Status::Changed);
        QVERIFY(detail.sourceMessage.contains(QLatin1String("changed")));
        QVERIFY(detail.rawLine.isEmpty());
        QCOMPARE(fieldOf(detail, "build_time_ms")->number, 1000.0); // what the store has
        QVERIFY(!fieldOf(detail, "custom"));                        // strings are not kept
        QCOMPARE(fieldOf(detail, "platform")->valueText, QStringLiteral("darwin"));
        QCOMPARE(fieldOf(detail, "incremental")->valueText, QStringLiteral("no"));

        QVERIFY(writeFile(path, "{}\n")); // truncated
        QCOMPARE(loadBuildDetail(store, 1, path, {}).source, BuildLineRead::Status::Changed);
        QVERIFY(QFile::remove(path));
        detail = loadBuildDetail(store, 1, path, {});
        QCOMPARE(detail.source, BuildLineRead::Status::Unreadable);
        QVERIFY(detail.sourceMessage.contains(path));
        QCOMPARE(fieldOf(detail, "build_time_ms")->number, 1100.0);
        QCOMPARE(loadBuildDetail(store, 1, QString(), {}).source, BuildLineRead::Status::NoFile);
    }

    void edgeCaseLinesAreReadLikeTheStoreReadsThem()
    {
        const QString path = QStringLiteral(BENGAL_TEST_DATA "/edge-cases.jsonl");
        HistoryStore store;
        QCOMPARE(loadHistoryInto(path, store).status, ReadOutcome::Status::Ok);
        QVERIFY(store.size() > 5);
        for (qsizetype row = 0; row < store.size(); ++row) {
            const BuildDetail detail = loadBuildDetail(store, row, path, {});
            QCOMPARE(detail.source, BuildLineRead::Status::Ok); // BOM, blanks, CRs handled
            // Every number the store kept is shown with the same value.
            for (int column = 0; column < store.metricCount(); ++column) {
                const QString& name = store.metricName(column);
                const double value = store.value(column, row);
                if (std::isnan(value) || name.contains(QLatin1Char('.')) || isDerivedFigure(name))
                    continue;
                const DetailField* field = fieldOf(detail, name);
                QVERIFY2(field, qPrintable(name));
                QCOMPARE(field->number, value); // duplicate keys: the last one wins in both
            }
            if (store.environment(row, EnvField::Platform) == QLatin1String("<b>x</b>")) {
                QCOMPARE(fieldOf(detail, "platform")->valueText, QStringLiteral("<b>x</b>"));
                QCOMPARE(fieldOf(detail, "build_time_ms")->valueText, QStringLiteral("<b>x</b>"));
            }
        }
        // NaN and Infinity are shown for what they are.
        qsizetype nanRow = -1;
        for (qsizetype r = 0; r < store.size(); ++r) {
            if (store.timestampUs(r) == *parseTimestamp("2026-08-19T00:00:00Z"))
                nanRow = r;
        }
        QVERIFY(nanRow >= 0);
        const BuildDetail detail = loadBuildDetail(store, nanRow, path, {});
        QCOMPARE(fieldOf(detail, "build_time_ms")->valueText,
                 QStringLiteral("NaN (not a finite number)"));
        QCOMPARE(fieldOf(detail, "memory_peak_mb")->valueText,
                 QStringLiteral("Infinity (not a finite number)"));
    }

    void buildKeysRoundTrip()
    {
        QCOMPARE(buildKeyOf(0x1a), QByteArray("000000000000001a"));
        QCOMPARE(lineHashOfKey("000000000000001a"), std::optional<std::uint64_t>(0x1a));
        QCOMPARE(lineHashOfKey(buildKeyOf(0xfedcba9876543210ULL)),
                 std::optional<std::uint64_t>(0xfedcba9876543210ULL));
        QVERIFY(!lineHashOfKey("xyz"));
        QVERIFY(!lineHashOfKey(""));
        QVERIFY(!lineHashOfKey("00000000000000001"));
    }

    void treeModelOnRealSamples_data()
    {
        QTest::addColumn<QString>("history");
        const QDir data(QStringLiteral(BENGAL_TEST_DATA));
        for (const QString& name : data.entryList({QStringLiteral("*.jsonl")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << data.filePath(name);
    }
    void treeModelOnRealSamples()
    {
        QFETCH(QString, history);
        HistoryStore store;
        QCOMPARE(loadHistoryInto(history, store).status, ReadOutcome::Status::Ok);
        BuildDetailModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (qsizetype row = 0; row < store.size(); ++row) {
            model.setDetail(loadBuildDetail(store, row, history, {}));
            QVERIFY(model.rowCount() > 0);
            const QModelIndex build = model.findKey(QStringLiteral("build_time_ms"));
            const double stored = store.value(store.metricIndex("build_time_ms"), row);
            if (build.isValid() && std::isfinite(stored))
                QCOMPARE(model
                             .data(build.siblingAtColumn(BuildDetailModel::ValueColumn),
                                   BuildDetailModel::NumberRole)
                             .toDouble(),
                         store.value(store.metricIndex("build_time_ms"), row));
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void treeModelShowsNestedEntriesAndChanges()
    {
        HistoryStore store;
        loadText(store, record51("2026-08-17T16:00:00Z", 2000) + '\n' +
                            record51("2026-08-17T17:00:00Z", 3000) + '\n');
        BuildDetailModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDetail(describeBuild(store, 1, *parseBuildLine(record51("x", 3000)), {}));
        const QModelIndex ledger = model.findKey(QStringLiteral("phase_timings_ms"));
        QVERIFY(ledger.isValid());
        QCOMPARE(model.rowCount(ledger), 14);
        const QModelIndex rendering = model.index(7, 0, ledger);
        QCOMPARE(rendering.data().toString(), QStringLiteral("Rendering"));
        QCOMPARE(rendering.data(BuildDetailModel::KeyRole).toString(),
                 QStringLiteral("phase_timings_ms.Rendering"));
        QCOMPARE(rendering.parent(), ledger);
        QCOMPARE(rendering.siblingAtColumn(BuildDetailModel::ShareColumn).data().toString(),
                 QString::number(1315.2 / 3000 * 100, 'f', 1) + QStringLiteral(" %"));
        const QModelIndex build = model.findKey(QStringLiteral("build_time_ms"));
        const QModelIndex previous = build.siblingAtColumn(BuildDetailModel::PreviousColumn);
        QCOMPARE(previous.data().toString(), QStringLiteral("+50.0 %"));
        QCOMPARE(previous.data(BuildDetailModel::DirectionRole).toInt(), int(Direction::Worse));
        // The baseline (default: median of the comparable builds before it, here the one).
        const QModelIndex baseline = build.siblingAtColumn(BuildDetailModel::BaselineColumn);
        QCOMPARE(model.headerData(BuildDetailModel::BaselineColumn, Qt::Horizontal).toString(),
                 QStringLiteral("vs baseline"));
        QCOMPARE(baseline.data().toString(), QStringLiteral("+50.0 %"));
        QCOMPARE(baseline.data(BuildDetailModel::DirectionRole).toInt(), int(Direction::Worse));
        QVERIFY(model.headerData(BuildDetailModel::PreviousColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("positive means slower or bigger")));
        QVERIFY(model.index(0, 0).data(BuildDetailModel::IsGroupRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestBuildDetail)
#include "tst_build_detail.moc"
