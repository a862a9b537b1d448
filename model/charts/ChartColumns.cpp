#include "charts/ChartColumns.h"

#include "charts/SeriesReducer.h"
#include "history/HistoryStore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Below this many drawn builds a reduction scans every value faster than blocks pay off.
constexpr qsizetype kBlocksFrom = 1 << 16;
} // namespace

void ChartColumns::setStore(const HistoryStore* store)
{
    m_store = store;
    rebuild();
}

void ChartColumns::setFilter(const BuildFilter& filter)
{
    m_filter = filter;
    rebuild();
}

void ChartColumns::setXMode(ChartXMode mode)
{
    if (mode == m_xMode)
        return;
    m_xMode = mode;
    for (std::size_t i = 0; i < m_x.size(); ++i)
        m_x[i] = xForRow(rowAt(qsizetype(i)));
}

void ChartColumns::rebuild()
{
    m_rows.clear();
    m_x.clear();
    m_gathered.clear();
    m_blocks.clear();
    m_rolling.reset();
    m_stackLayers.clear();
    m_stackBlocks.clear();
    m_ledgerColumns.clear();
    m_ledgerScanned = 0;
    m_storeSize = 0;
    m_identity = !m_filter.isActive();
    if (!m_store)
        return;
    if (m_identity) {
        appendRows(0);
        return;
    }
    m_rows = m_filter.rows(*m_store);
    m_x.reserve(m_rows.size());
    for (const std::uint32_t row : m_rows)
        m_x.push_back(xForRow(row));
    m_storeSize = m_store->size();
}

bool ChartColumns::storeAppended(const AppendResult& result)
{
    if (!m_store)
        return false;
    // A sliding "last N" window drops old builds, and builds that landed between others shift
    // every row after them: both need a fresh start.
    if (!result.contiguous || m_filter.lastN > 0 ||
        (result.added > 0 && result.firstRow != m_storeSize) || m_store->size() < m_storeSize) {
        rebuild();
        return false;
    }
    appendRows(m_storeSize);
    return true;
}

void ChartColumns::appendRows(qsizetype from)
{
    const qsizetype oldSize = size();
    const qsizetype end = m_store->size();
    for (qsizetype row = from; row < end; ++row) {
        if (m_identity) {
            m_x.push_back(xForRow(row));
        } else if (accepts(row)) {
            m_rows.push_back(std::uint32_t(row));
            m_x.push_back(xForRow(row));
        }
    }
    m_storeSize = end;
    for (auto it = m_gathered.begin(); it != m_gathered.end(); ++it) {
        const auto [col, view] = it.key();
        for (qsizetype i = oldSize; i < size(); ++i)
            it->push_back(valueFor(col, ColumnView(view), rowAt(i)));
    }
    for (auto it = m_blocks.begin(); it != m_blocks.end(); ++it)
        it->extend(columnSpan(it.key().first, ColumnView(it.key().second)));
    if (m_rolling) {
        const std::span<const double> values = column(m_rolling->metric, m_rolling->view);
        for (qsizetype i = oldSize; i < qsizetype(values.size()); ++i) {
            m_rolling->state.push(values[std::size_t(i)]);
            const bool any = m_rolling->state.size() > 0;
            m_rolling->values.median.push_back(any ? m_rolling->state.median() : kNaN);
            m_rolling->values.mad.push_back(any ? m_rolling->state.mad() : kNaN);
        }
        extendBand();
    }
}

std::span<const double> ChartColumns::columnSpan(int column, ColumnView view)
{
    return this->column(m_store->metricName(column), view);
}

const MinMaxBlocks* ChartColumns::blocks(const QString& metric, ColumnView view)
{
    const int col = m_store ? m_store->metricIndex(metric) : -1;
    if (col < 0 || size() < kBlocksFrom)
        return nullptr;
    const QPair<int, int> key(col, int(view));
    auto it = m_blocks.find(key);
    if (it == m_blocks.end()) {
        it = m_blocks.insert(key, MinMaxBlocks());
        it->rebuild(column(metric, view));
    }
    return &*it;
}

std::span<const MinMaxBlocks> ChartColumns::stackedBlocks(const QList<Layer>& layers)
{
    if (size() < kBlocksFrom || layers.isEmpty())
        return {};
    if (layers != m_stackLayers) {
        m_stackLayers = layers;
        m_stackBlocks.clear();
    }
    if (m_stackBlocks.empty() || m_stackBlocks.front().covered() != size()) {
        std::vector<std::span<const double>> spans;
        for (const Layer& layer : layers)
            spans.push_back(column(layer.metric, layer.view));
        extendStackedBlocks(spans, size(), m_stackBlocks);
    }
    return m_stackBlocks;
}

const ChartColumns::BandEdges& ChartColumns::bandEdges(const QString& metric, qsizetype window,
                                                       ColumnView view, double k)
{
    rolling(metric, window, view);
    if (m_rolling->k != k) {
        m_rolling->k = k;
        m_rolling->band = BandEdges();
        extendBand();
    }
    return m_rolling->band;
}

void ChartColumns::extendBand()
{
    if (!m_rolling || m_rolling->k < 0)
        return;
    BandEdges& band = m_rolling->band;
    const RollingMedianMad& r = m_rolling->values;
    for (std::size_t i = band.lower.size(); i < r.median.size(); ++i) {
        const double half = std::isfinite(r.mad[i]) ? m_rolling->k * r.mad[i] : 0.0;
        band.lower.push_back(r.median[i] - half);
        band.upper.push_back(r.median[i] + half);
    }
    if (qsizetype(band.lower.size()) >= kBlocksFrom) {
        band.lowerBlocks.extend(band.lower);
        band.upperBlocks.extend(band.upper);
        band.medianBlocks.extend(r.median);
    }
}

bool ChartColumns::accepts(qsizetype row) const
{
    return m_filter.acceptsRow(*m_store, row);
}

double ChartColumns::xForRow(qsizetype row) const
{
    if (m_xMode == ChartXMode::BuildIndex)
        return double(row);
    return double(m_store->timestampUs(row)) / 1000.0;
}

qsizetype ChartColumns::rowAt(qsizetype index) const
{
    return m_identity ? index : qsizetype(m_rows[std::size_t(index)]);
}

qsizetype ChartColumns::indexOfRow(qsizetype row) const
{
    if (row < 0)
        return -1;
    if (m_identity)
        return row < size() ? row : -1;
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), std::uint32_t(row));
    return it != m_rows.end() && *it == std::uint32_t(row) ? qsizetype(it - m_rows.begin()) : -1;
}

qsizetype ChartColumns::nearestIndex(double x) const
{
    if (m_x.empty())
        return -1;
    const auto it = std::lower_bound(m_x.begin(), m_x.end(), x);
    if (it == m_x.begin())
        return 0;
    if (it == m_x.end())
        return size() - 1;
    const qsizetype right = qsizetype(it - m_x.begin());
    return (x - m_x[std::size_t(right - 1)]) <= (*it - x) ? right - 1 : right;
}

double ChartColumns::xOfRow(qsizetype row) const
{
    return m_store && row >= 0 && row < m_store->size() ? xForRow(row) : kNaN;
}

std::span<const double> ChartColumns::column(const QString& metric, ColumnView view)
{
    const int col = m_store ? m_store->metricIndex(metric) : -1;
    if (col < 0)
        return {};
    if (m_identity && view == ColumnView::AsIs)
        return m_store->metric(col).first(std::size_t(size()));
    const QPair<int, int> key(col, int(view));
    auto it = m_gathered.find(key);
    if (it == m_gathered.end()) {
        std::vector<double> values;
        values.reserve(std::size_t(size()));
        for (qsizetype i = 0; i < size(); ++i)
            values.push_back(valueFor(col, view, rowAt(i)));
        it = m_gathered.insert(key, std::move(values));
    }
    return *it;
}

double ChartColumns::valueFor(int column, ColumnView view, qsizetype row)
{
    const double v = m_store->value(column, row);
    switch (view) {
    case ColumnView::AsIs:
        break;
    case ColumnView::ZeroAsMissing:
        return v == 0 ? kNaN : v;
    case ColumnView::UnlessLedger:
        return rowHasLedger(row) ? kNaN : v;
    }
    return v;
}

bool ChartColumns::rowHasLedger(qsizetype row)
{
    // New ledger phases can appear with any batch: look at the columns added since last time.
    for (; m_ledgerScanned < m_store->metricCount(); ++m_ledgerScanned) {
        if (m_store->metricName(m_ledgerScanned).startsWith(QLatin1String("phase_timings_ms.")))
            m_ledgerColumns.push_back(m_ledgerScanned);
    }
    for (const int col : m_ledgerColumns) {
        if (std::isfinite(m_store->value(col, row)))
            return true;
    }
    return false;
}

const RollingMedianMad& ChartColumns::rolling(const QString& metric, qsizetype window,
                                              ColumnView view)
{
    if (!m_rolling || m_rolling->metric != metric || m_rolling->window != window ||
        m_rolling->view != view) {
        const std::span<const double> values = column(metric, view);
        RollingCache cache{metric, window, view, SortedWindow(window), {}, -1, {}};
        cache.values = rollingMedianMad(values, window);
        // Prime the window with the last `window` finite values so appends continue where the
        // bulk pass stopped.
        std::size_t start = values.size();
        for (qsizetype found = 0; start > 0 && found < window;) {
            if (std::isfinite(values[--start]))
                ++found;
        }
        for (std::size_t i = start; i < values.size(); ++i)
            cache.state.push(values[i]);
        m_rolling = std::move(cache);
    }
    return m_rolling->values;
}

double ChartColumns::trailingMedian(std::span<const double> values, qsizetype index,
                                    qsizetype window)
{
    std::vector<double> w;
    w.reserve(std::size_t(std::max<qsizetype>(window, 0)));
    for (qsizetype i = std::min(index, qsizetype(values.size()) - 1);
         i >= 0 && qsizetype(w.size()) < window; --i) {
        if (std::isfinite(values[std::size_t(i)]))
            w.push_back(values[std::size_t(i)]);
    }
    if (w.empty())
        return kNaN;
    const auto mid = w.begin() + std::ptrdiff_t(w.size() / 2);
    std::nth_element(w.begin(), mid, w.end());
    if (w.size() % 2 == 1)
        return *mid;
    const double upper = *mid;
    const double lower = *std::max_element(w.begin(), mid);
    return (lower + upper) / 2;
}

} // namespace bengal
