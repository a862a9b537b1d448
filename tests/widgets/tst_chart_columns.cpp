// ChartColumns: the store through a filter, as chart columns, extended on append.
#include "charts/ChartColumns.h"
#include "history/HistoryStore.h"

#include "ChartTestData.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace bengal;
using namespace bengal::test;

class TestChartColumns : public QObject
{
    Q_OBJECT
private slots:
    void unfilteredUsesEveryBuild();
    void filterKeepsAcceptedRowsInOrder();
    void appendExtendsFilteredColumns();
    void lastNRebuildsOnAppend();
    void nearestAndIndexOfRow();
    void rollingExtendsLikeAFullPass();
    void trailingMedianMatchesBruteForce();
    void blocksAndBandFollowAppends();
    void stackedBlocksFollowAppends();
};

void TestChartColumns::unfilteredUsesEveryBuild()
{
    HistoryStore store;
    loadText(store, readTestFile(QStringLiteral("showcase-history.jsonl")));
    QCOMPARE(store.size(), 38);
    ChartColumns columns;
    columns.setStore(&store);
    QCOMPARE(columns.size(), 38);
    const auto rendering = columns.column(QStringLiteral("rendering_time_ms"));
    QCOMPARE(rendering.size(), std::size_t(38));
    for (qsizetype i = 0; i < 38; ++i) {
        QCOMPARE(rendering[std::size_t(i)],
                 metricOf(store, QStringLiteral("rendering_time_ms"), i));
        QCOMPARE(columns.xAt(i), double(store.timestampUs(i)) / 1000.0);
    }
    QVERIFY(columns.column(QStringLiteral("no_such_metric")).empty());
    columns.setXMode(ChartXMode::BuildIndex);
    QCOMPARE(columns.xAt(5), 5.0);
}

void TestChartColumns::filterKeepsAcceptedRowsInOrder()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 300));
    ChartColumns columns;
    columns.setStore(&store);
    BuildFilter filter;
    filter.kind = BuildFilter::Kind::Incremental;
    filter.mode = BuildFilter::Mode::Parallel;
    columns.setFilter(filter);
    const std::vector<std::uint32_t> rows = filter.rows(store);
    QVERIFY(!rows.empty() && rows.size() < 300);
    QCOMPARE(columns.size(), qsizetype(rows.size()));
    const auto build = columns.column(QStringLiteral("build_time_ms"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        QCOMPARE(columns.rowAt(qsizetype(i)), qsizetype(rows[i]));
        QCOMPARE(build[i], metricOf(store, QStringLiteral("build_time_ms"), rows[i]));
        QVERIFY(store.flags(rows[i]) & BuildFlag::Incremental);
    }
}

void TestChartColumns::appendExtendsFilteredColumns()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 100));
    ChartColumns columns;
    columns.setStore(&store);
    BuildFilter filter;
    filter.kind = BuildFilter::Kind::Full;
    columns.setFilter(filter);
    (void)columns.column(QStringLiteral("rendering_time_ms")); // gathered before the append
    const qsizetype before = columns.size();

    const QByteArray more = syntheticHistory(100, 20);
    const AppendResult result = appendText(store, more);
    QCOMPARE(result.added, 20);
    QVERIFY(columns.storeAppended(result));
    QCOMPARE(columns.size(), before + 10); // every other build is full
    const auto rendering = columns.column(QStringLiteral("rendering_time_ms"));
    QCOMPARE(qsizetype(rendering.size()), columns.size());
    ChartColumns fresh;
    fresh.setStore(&store);
    fresh.setFilter(filter);
    const auto expected = fresh.column(QStringLiteral("rendering_time_ms"));
    QVERIFY(std::equal(rendering.begin(), rendering.end(), expected.begin(), expected.end()));
}

void TestChartColumns::lastNRebuildsOnAppend()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 50));
    ChartColumns columns;
    columns.setStore(&store);
    BuildFilter filter;
    filter.lastN = 10;
    columns.setFilter(filter);
    QCOMPARE(columns.rowAt(0), 40);
    HistoryStore& s = store;
    const QByteArray more = syntheticHistory(50, 5);
    QVERIFY(!columns.storeAppended(appendText(s, more)));
    QCOMPARE(columns.size(), 10);
    QCOMPARE(columns.rowAt(0), 45);
}

void TestChartColumns::nearestAndIndexOfRow()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 40));
    ChartColumns columns;
    columns.setStore(&store);
    BuildFilter filter;
    filter.kind = BuildFilter::Kind::Full; // even rows
    columns.setFilter(filter);
    QCOMPARE(columns.indexOfRow(6), 3);
    QCOMPARE(columns.indexOfRow(7), -1);
    const double x6 = columns.xOfRow(6), x8 = columns.xOfRow(8);
    QCOMPARE(columns.nearestIndex(x6 + (x8 - x6) * 0.4), 3);
    QCOMPARE(columns.nearestIndex(x6 + (x8 - x6) * 0.6), 4);
    QCOMPARE(columns.nearestIndex(-1e18), 0);
    QCOMPARE(columns.nearestIndex(1e18), columns.size() - 1);
}

void TestChartColumns::rollingExtendsLikeAFullPass()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 200));
    ChartColumns columns;
    columns.setStore(&store);
    (void)columns.rolling(QStringLiteral("build_time_ms"), 20);
    const QByteArray more = syntheticHistory(200, 37);
    QVERIFY(columns.storeAppended(appendText(store, more)));
    const RollingMedianMad extended = columns.rolling(QStringLiteral("build_time_ms"), 20);
    const RollingMedianMad full =
        rollingMedianMad(columns.column(QStringLiteral("build_time_ms")), 20);
    QCOMPARE(extended.median.size(), std::size_t(237));
    for (std::size_t i = 0; i < full.median.size(); ++i) {
        QCOMPARE(extended.median[i], full.median[i]);
        QCOMPARE(extended.mad[i], full.mad[i]);
    }
}

void TestChartColumns::trailingMedianMatchesBruteForce()
{
    const std::vector<double> v{5, NAN, 1, 9, 3, NAN, 7, 2, 8};
    QCOMPARE(ChartColumns::trailingMedian(v, 8, 3), 7.0);       // {7, 2, 8}
    QCOMPARE(ChartColumns::trailingMedian(v, 8, 4), 5.0);       // {3, 7, 2, 8}
    QCOMPARE(ChartColumns::trailingMedian(v, 2, 20), 3.0);      // {5, 1}
    QVERIFY(std::isnan(ChartColumns::trailingMedian(v, 1, 0))); // empty window
}

void TestChartColumns::blocksAndBandFollowAppends()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 70'000, 60));
    ChartColumns columns;
    columns.setStore(&store);
    const MinMaxBlocks* before = columns.blocks(QStringLiteral("rendering_time_ms"));
    QVERIFY(before);
    (void)columns.bandEdges(QStringLiteral("build_time_ms"), 20, ColumnView::AsIs, 3);
    QVERIFY(columns.storeAppended(appendText(store, syntheticHistory(70'000, 101, 60))));
    const MinMaxBlocks* blocks = columns.blocks(QStringLiteral("rendering_time_ms"));
    QCOMPARE(blocks->covered(), 70'101);
    MinMaxBlocks fresh;
    fresh.rebuild(columns.column(QStringLiteral("rendering_time_ms")));
    QCOMPARE(blocks->blockCount(), fresh.blockCount());
    QCOMPARE(blocks->block(fresh.blockCount() - 1).max, fresh.block(fresh.blockCount() - 1).max);
    const ChartColumns::BandEdges& band =
        columns.bandEdges(QStringLiteral("build_time_ms"), 20, ColumnView::AsIs, 3);
    const RollingMedianMad full =
        rollingMedianMad(columns.column(QStringLiteral("build_time_ms")), 20);
    QCOMPARE(band.upper.size(), std::size_t(70'101));
    for (std::size_t i = 69'990; i < 70'101; ++i) {
        QCOMPARE(band.upper[i], full.median[i] + 3 * full.mad[i]);
        QCOMPARE(band.lower[i], full.median[i] - 3 * full.mad[i]);
    }
    QCOMPARE(band.upperBlocks.covered(), 70'101);
    // Fewer builds than blocks pay off for: none.
    BuildFilter filter;
    filter.lastN = 100;
    columns.setFilter(filter);
    QVERIFY(!columns.blocks(QStringLiteral("rendering_time_ms")));
}

void TestChartColumns::stackedBlocksFollowAppends()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 70'000, 60));
    ChartColumns columns;
    columns.setStore(&store);
    const QList<ChartColumns::Layer> layers{
        {QStringLiteral("discovery_time_ms"), ColumnView::UnlessLedger},
        {QStringLiteral("rendering_time_ms"), ColumnView::UnlessLedger},
        {QStringLiteral("assets_time_ms"), ColumnView::AsIs}};
    QCOMPARE(columns.stackedBlocks(layers).size(), std::size_t(3));
    QVERIFY(columns.storeAppended(appendText(store, syntheticHistory(70'000, 101, 60))));
    const std::span<const MinMaxBlocks> blocks = columns.stackedBlocks(layers);
    QCOMPARE(blocks.size(), std::size_t(3));
    // Layer k's blocks summarize the running sum of layers 0..k, appended builds included.
    const auto discovery = columns.column(QStringLiteral("discovery_time_ms"));
    const auto rendering = columns.column(QStringLiteral("rendering_time_ms"));
    const auto assets = columns.column(QStringLiteral("assets_time_ms"));
    std::vector<double> top;
    for (qsizetype i = 0; i < columns.size(); ++i)
        top.push_back(discovery[std::size_t(i)] + rendering[std::size_t(i)] +
                      assets[std::size_t(i)]);
    MinMaxBlocks fresh;
    fresh.rebuild(top);
    QCOMPARE(blocks[2].covered(), 70'101);
    QCOMPARE(blocks[2].blockCount(), fresh.blockCount());
    for (qsizetype b = 0; b < fresh.blockCount(); ++b) {
        QCOMPARE(blocks[2].block(b).max, fresh.block(b).max);
        QCOMPARE(blocks[2].block(b).minAt, fresh.block(b).minAt);
    }
    QCOMPARE(blocks[0].block(5).max,
             *std::max_element(discovery.begin() + 5 * 64, discovery.begin() + 6 * 64));
    // Another list of layers starts afresh; a short (filtered) chart needs none.
    QCOMPARE(columns.stackedBlocks(layers.first(2)).size(), std::size_t(2));
    BuildFilter filter;
    filter.lastN = 100;
    columns.setFilter(filter);
    QVERIFY(columns.stackedBlocks(layers).empty());
}

QTEST_GUILESS_MAIN(TestChartColumns)
#include "tst_chart_columns.moc"
