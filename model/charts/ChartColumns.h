#pragma once

#include "charts/MinMaxBlocks.h"
#include "models/BuildFilter.h"
#include "stats/RollingMedian.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>
#include <span>
#include <vector>

namespace bengal {

class HistoryStore;
struct AppendResult;

// What the x axis of a trend chart counts: UTC time in ms since the epoch, or the build's store
// row (stable when the filter changes, so "build #120" stays build #120).
enum class ChartXMode
{
    Time,
    BuildIndex
};

// How a column is read for drawing.
enum class ColumnView
{
    AsIs,
    ZeroAsMissing, // Bengal writes 0 for "not measured" (tracemalloc peak and heap)
    UnlessLedger,  // NaN on builds that have a phase_timings_ms ledger (the classic phases
                   // overlap the ledger, so a stack uses one or the other per build)
};

// The builds a chart draws: the store seen through a BuildFilter, as sorted x values plus metric
// columns in the same order. Without a filter the store's own columns are used as they are (no
// copy, even at a million builds); with one, a column is gathered the first time a chart asks
// for it. New builds at the end of the store extend everything in place.
class ChartColumns
{
public:
    void setStore(const HistoryStore* store);
    const HistoryStore* store() const { return m_store; }
    void setFilter(const BuildFilter& filter);
    const BuildFilter& filter() const { return m_filter; }
    void setXMode(ChartXMode mode);
    ChartXMode xMode() const { return m_xMode; }

    // Reads everything again from the store (after a clear or a non-contiguous insert).
    void rebuild();
    // After the store took a batch. Returns true when the new builds were appended at the end
    // (indices of older builds still hold); false when everything was rebuilt.
    bool storeAppended(const AppendResult& result);

    qsizetype size() const { return qsizetype(m_x.size()); }
    bool isEmpty() const { return m_x.empty(); }
    std::span<const double> x() const { return m_x; }
    double xAt(qsizetype index) const { return m_x[std::size_t(index)]; }
    // Store row of the index-th drawn build, and back (-1 when the filter hides the row).
    qsizetype rowAt(qsizetype index) const;
    qsizetype indexOfRow(qsizetype row) const;
    // Drawn build whose x is closest to `x` (-1 when nothing is drawn).
    qsizetype nearestIndex(double x) const;
    // Where any store row sits on the x axis, drawn or not.
    double xOfRow(qsizetype row) const;

    // The metric's values in drawing order (NaN = missing); empty when the store lacks it.
    std::span<const double> column(const QString& metric, ColumnView view = ColumnView::AsIs);
    // Block extremes of column(metric, view) for fast reduction of long ranges; null while the
    // chart has too few builds for them to pay off. Cached and extended on append.
    const MinMaxBlocks* blocks(const QString& metric, ColumnView view = ColumnView::AsIs);

    // A stacked layer: a metric and how it is read.
    struct Layer
    {
        QString metric;
        ColumnView view = ColumnView::AsIs;
        bool operator==(const Layer&) const = default;
    };
    // Block extremes of the stacked sums of `layers`, one per layer, for reduceStacked; empty
    // while the chart has too few builds for them to pay off. Cached for one list of layers
    // and extended on append.
    std::span<const MinMaxBlocks> stackedBlocks(const QList<Layer>& layers);

    // Trailing rolling median and MAD of a metric (window ending at each build). Cached for one
    // (metric, window) pair and extended on append.
    const RollingMedianMad& rolling(const QString& metric, qsizetype window,
                                    ColumnView view = ColumnView::AsIs);
    // The noise band median ± k·MAD of the last rolling() call, as two edges with their blocks.
    struct BandEdges
    {
        std::vector<double> lower;
        std::vector<double> upper;
        MinMaxBlocks lowerBlocks;
        MinMaxBlocks upperBlocks;
        MinMaxBlocks medianBlocks;
    };
    const BandEdges& bandEdges(const QString& metric, qsizetype window, ColumnView view, double k);

    // Median of the last `window` finite values up to and including `index` (NaN if none).
    static double trailingMedian(std::span<const double> values, qsizetype index, qsizetype window);

private:
    double xForRow(qsizetype row) const;
    bool accepts(qsizetype row) const;
    void appendRows(qsizetype from);
    double valueFor(int column, ColumnView view, qsizetype row);
    std::span<const double> columnSpan(int column, ColumnView view);
    void extendBand();
    bool rowHasLedger(qsizetype row);

    struct RollingCache
    {
        QString metric;
        qsizetype window = 0;
        ColumnView view = ColumnView::AsIs;
        SortedWindow state{1};
        RollingMedianMad values;
        double k = -1; // band edges are for this k; < 0: not computed
        BandEdges band;
    };

    const HistoryStore* m_store = nullptr;
    BuildFilter m_filter;
    ChartXMode m_xMode = ChartXMode::Time;
    bool m_identity = true;            // no filter: index == store row
    qsizetype m_storeSize = 0;         // store size at the last sync
    std::vector<std::uint32_t> m_rows; // store rows, only when filtered
    std::vector<double> m_x;
    // (store column, view) -> values; only for filtered or derived columns.
    QHash<QPair<int, int>, std::vector<double>> m_gathered;
    QHash<QPair<int, int>, MinMaxBlocks> m_blocks;
    std::vector<int> m_ledgerColumns; // store columns named phase_timings_ms.*
    int m_ledgerScanned = 0;          // store columns looked at for m_ledgerColumns
    std::optional<RollingCache> m_rolling;
    QList<Layer> m_stackLayers;
    std::vector<MinMaxBlocks> m_stackBlocks; // of m_stackLayers
};

} // namespace bengal
