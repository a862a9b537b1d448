// TrendChart: turning the columns into Qt Charts series (reduction, axes, legend, selection).
#include "charts/TrendChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartOverlay.h"
#include "charts/ChartStyle.h"
#include "charts/MinMaxBlocks.h"
#include "charts/SeriesReducer.h"
#include "charts/TrendChartView.h"
#include "history/HistoryStore.h"

#include <QChart>
#include <QDateTime>
#include <QGuiApplication>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStyleHints>
#include <cmath>
#include <limits>

namespace bengal {

using namespace chartstyle;

namespace {

// Up to two points per pixel column are drawn as they are; above, min/max per column.
constexpr double kExactPerPixel = 2.0;
// Qt Charts lays out and paints about 1 µs per point, so all lines together get about this
// many: with many series each gets fewer columns than the plot has pixels (never fewer than
// kMinColumns). Keeps a redraw near 16 ms whatever the history size.
constexpr int kPointBudget = 8000;
constexpr int kMinColumns = 160;
// Lines get wider pens and antialiasing only while every build in view is drawn as it is and
// there are at most this many points. Reduced lines zigzag between column extremes: wider
// pens leave the raster engine's fast cosmetic-line path for its general stroker, whose joins
// cost 10-100x more there, and antialiasing costs ~1.6x.
constexpr int kDetailedPoints = 4000;
// Stacked layers share a smaller budget, and never fewer than kMinStackColumns columns: each
// layer is a filled area whose per-pixel shape comes from the fill item, so its edge needs
// fewer points than a free line.
constexpr int kStackPointBudget = 3000;
constexpr int kMinStackColumns = 160;

QColor layerEdge(const QColor& colour, bool dark)
{
    return colour.darker(dark ? 80 : 125);
}
// The noise band is a soft area: a third of the plot's pixel columns are plenty.
constexpr int kBandColumnsPerPixel = 3;
} // namespace

std::span<const double> TrendChart::values(const SeriesSpec& spec, bool stacked)
{
    return m_columns.column(spec.metric, stacked ? spec.stackView : spec.view);
}

bool TrendChart::isLayer(const Item& item) const
{
    return m_options.stacked && item.spec.stackable;
}

// ---------------------------------------------------------------- series

void TrendChart::syncSeries()
{
    const HistoryStore* store = m_columns.store();
    if (!store) {
        removeItems();
        return;
    }
    if (m_syncedMetricCount == store->metricCount())
        return;
    m_syncedMetricCount = store->metricCount();
    const QList<SeriesSpec> specs = seriesFor(m_kind, *store, m_palette);
    QHash<QString, Item> created;
    for (const SeriesSpec& spec : specs) {
        if (m_itemIndex.contains(spec.metric))
            continue;
        Item item{spec, new QLineSeries};
        item.line->setProperty(kMetricProperty, spec.metric);
        m_chart->addSeries(item.line);
        m_axes->attach(item.line);
        for (QLegendMarker* marker : m_chart->legend()->markers(item.line)) {
            connect(marker, &QLegendMarker::clicked, this,
                    [this, marker] { onMarkerClicked(marker); });
        }
        created.insert(spec.metric, item);
    }
    if (created.isEmpty())
        return;
    // The median line goes last again: drawn over the data, listed after it in the legend.
    m_axes->detach(m_medianLine);
    m_chart->removeSeries(m_medianLine);
    m_chart->addSeries(m_medianLine);
    m_axes->attach(m_medianLine);
    // Keep m_items in legend order.
    QList<Item> ordered;
    for (const SeriesSpec& spec : specs) {
        const auto it = m_itemIndex.constFind(spec.metric);
        ordered.append(it != m_itemIndex.constEnd() ? m_items[*it] : created.value(spec.metric));
    }
    m_items = ordered;
    m_itemIndex.clear();
    for (int i = 0; i < m_items.size(); ++i) {
        m_itemIndex.insert(m_items[i].spec.metric, i);
        styleItem(m_items[i]);
    }
    updateLegend();
}

void TrendChart::removeItems()
{
    for (const Item& item : std::as_const(m_items)) {
        m_axes->detach(item.line);
        m_chart->removeSeries(item.line);
        delete item.line;
    }
    m_items.clear();
    m_itemIndex.clear();
}

void TrendChart::styleItem(Item& item)
{
    const SeriesSpec& spec = item.spec;
    QPen pen(spec.color, m_thinPens ? 1.0 : 1.6);
    pen.setCosmetic(true);
    if (spec.role == SeriesSpec::Role::Total)
        pen.setWidthF(m_thinPens ? 1.0 : 2.4);
    if (spec.role == SeriesSpec::Role::Unattributed)
        pen.setStyle(Qt::DotLine);
    if (isLayer(item)) {
        // A stacked layer is a fill; its line is the layer's top edge. Reduced, the edge is
        // drawn by the fill item: Qt Charts paints about 1 µs per point of a line,
        // and 20 zigzagging layer edges were most of a stacked redraw.
        pen.setColor(layerEdge(spec.color, m_palette.dark));
        pen.setWidthF(1.0);
        pen.setStyle(m_thinPens ? Qt::NoPen : Qt::SolidLine);
    }
    item.line->setName(spec.label.toHtmlEscaped()); // Qt Charts renders legend text as HTML
    item.line->setPen(pen);
}

QString TrendChart::primaryMetric() const
{
    for (const Item& item : m_items) {
        if (item.spec.role == SeriesSpec::Role::Total || m_kind == TrendKind::Memory)
            return item.spec.metric;
    }
    return m_items.isEmpty() ? QString() : m_items.first().spec.metric;
}

QXYSeries* TrendChart::lineSeries(const QString& metric) const
{
    const auto it = m_itemIndex.constFind(metric);
    return it == m_itemIndex.constEnd() ? nullptr : m_items[*it].line;
}

QList<QPointF> TrendChart::seriesPoints(const QString& metric) const
{
    const QXYSeries* line = lineSeries(metric);
    return line ? line->points() : QList<QPointF>();
}

// ---------------------------------------------------------------- redraw

void TrendChart::redrawNow()
{
    m_redrawTimer.stop();
    syncSeries();
    const QRectF plot = m_chart->plotArea();
    const auto [xMin, xMax] = visibleRange();
    const std::span<const double> x = m_columns.x();
    const auto median = m_itemIndex.constFind(m_options.medianMetric);
    const bool showMedian = median != m_itemIndex.constEnd() &&
                            m_options.isVisible(m_options.medianMetric) && !m_options.stacked;
    int lines = showMedian ? 1 : 0;
    for (const Item& item : std::as_const(m_items))
        lines += m_options.isVisible(item.spec.metric) ? 1 : 0;
    const int pixels = std::max(50, int(plot.width() * m_pixelScale));
    const int columns =
        std::clamp(kPointBudget / (2 * std::max(1, lines)), std::min(pixels, kMinColumns), pixels);
    const ReduceWindow window{xMin, xMax, columns, kExactPerPixel, m_options.logY};
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const auto widen = [&](const ReducedSeries& r) {
        if (r.hasRange()) {
            lo = std::min(lo, r.yMin);
            hi = std::max(hi, r.yMax);
        }
    };

    struct Update
    {
        QXYSeries* series;
        QList<QPointF> points;
    };
    QList<Update> updates;
    QList<ChartOverlay::Fill> fills;
    QList<const Item*> layers;
    struct Task
    {
        QXYSeries* series;
        std::span<const double> y;
        const MinMaxBlocks* blocks;
        ReducedSeries result;
    };
    std::vector<Task> tasks;
    for (const Item& item : std::as_const(m_items)) {
        const bool visible = m_options.isVisible(item.spec.metric);
        if (item.line->isVisible() != visible)
            item.line->setVisible(visible);
        if (visible && isLayer(item)) {
            layers.append(&item);
        } else if (visible) {
            // Columns and blocks are fetched here: they fill caches, which only this thread may.
            tasks.push_back({item.line,
                             values(item.spec, false),
                             m_columns.blocks(item.spec.metric, item.spec.view),
                             {}});
        }
    }
    // The reductions themselves only read: with many builds in view they share the cores.
    const auto reduce = [&](Task& t) {
        t.result = reduceSeries(x, t.y, window, t.blocks);
    };
    std::for_each(tasks.begin(), tasks.end(), reduce);
    bool reduced = false;
    for (Task& t : tasks) {
        reduced = reduced || !t.result.exact;
        widen(t.result);
        updates.append({t.series, std::move(t.result.points)});
    }
    if (!layers.isEmpty()) {
        std::vector<std::span<const double>> spans;
        QList<ChartColumns::Layer> stackLayers;
        for (const Item* item : std::as_const(layers)) {
            spans.push_back(values(item->spec, true));
            stackLayers.append({item->spec.metric, item->spec.stackView});
        }
        ReduceWindow layerWindow = window;
        layerWindow.pixels = std::clamp(kStackPointBudget / (2 * int(layers.size())),
                                        std::min(pixels, kMinStackColumns), pixels);
        std::vector<ReducedSeries> stack =
            reduceStacked(x, spans, layerWindow, m_columns.stackedBlocks(stackLayers));
        for (std::size_t k = 0; k < stack.size(); ++k) {
            reduced = reduced || !stack[k].exact;
            widen(stack[k]);
            fills.append({stack[k].points, k == 0 ? QList<QPointF>() : stack[k - 1].points,
                          tint(layers[qsizetype(k)]->spec.color, m_palette.plotArea,
                               layerTint(m_palette.dark)),
                          layerEdge(layers[qsizetype(k)]->spec.color, m_palette.dark)});
        }
        for (std::size_t k = 0; k < stack.size(); ++k)
            updates.append({layers[qsizetype(k)]->line, std::move(stack[k].points)});
    }

    if (showMedian) {
        const SeriesSpec& spec = m_items[*median].spec;
        const RollingMedianMad& rolling =
            m_columns.rolling(spec.metric, m_options.medianWindow, spec.view);
        const ChartColumns::BandEdges& edges =
            m_columns.bandEdges(spec.metric, m_options.medianWindow, spec.view, m_options.bandMads);
        const auto blocksOf = [](const MinMaxBlocks& b) {
            return b.covered() ? &b : nullptr;
        };
        ReduceWindow coarse = window;
        coarse.pixels = std::max(50, pixels / kBandColumnsPerPixel);
        ReducedSeries upper =
            reduceSeries(x, edges.upper, coarse, blocksOf(edges.upperBlocks), ReduceKeep::Max);
        ReducedSeries lower =
            reduceSeries(x, edges.lower, coarse, blocksOf(edges.lowerBlocks), ReduceKeep::Min);
        ReducedSeries centre =
            reduceSeries(x, rolling.median, window, blocksOf(edges.medianBlocks));
        widen(centre);
        fills.prepend({std::move(upper.points), std::move(lower.points),
                       withAlpha(spec.color, m_palette.dark ? 0.20 : 0.13)});
        updates.append({m_medianLine, std::move(centre.points)});
        QPen pen(spec.color.darker(m_palette.dark ? 70 : 140), m_thinPens ? 1.0 : 1.4,
                 Qt::DashLine);
        pen.setCosmetic(true);
        if (pen != m_medianLine->pen())
            m_medianLine->setPen(pen);
        // One arg() call: a '%1' in a label (a key from the history) is not a placeholder.
        const QString name = tr("%1, rolling median (%2)")
                                 .arg(spec.label, QString::number(m_options.medianWindow))
                                 .toHtmlEscaped();
        if (name != m_medianLine->name())
            m_medianLine->setName(name); // a new name lays the legend out again
    }
    if (m_medianLine->isVisible() != showMedian)
        m_medianLine->setVisible(showMedian);

    // Empty the series first so the new axis ranges do not lay out the old points again, then
    // set the ranges, then hand over the new points: one layout pass per redraw.
    int total = 0;
    for (const Update& u : std::as_const(updates))
        total += int(u.points.size());
    for (const Item& item : std::as_const(m_items)) {
        if (item.line->count() > 0)
            item.line->clear();
    }
    if (m_medianLine->count() > 0)
        m_medianLine->clear();
    m_selectionDots->clear();
    m_axes->setRanges(xMin, xMax, lo, hi, plot.size());
    // Restyling series and legend markers lays them out again: only when something changed.
    const bool thin = reduced || total > kDetailedPoints;
    QString legendState = m_options.hiddenSeries.join(QLatin1Char('\n'));
    legendState += QString::number(int(m_options.stacked)) + QString::number(int(showMedian)) +
                   QString::number(int(thin)) + m_palette.text.name() +
                   QString::number(m_items.size());
    const bool restyle = legendState != m_legendState;
    if (restyle) {
        // Pens depend on both: thin lines for dense data, layer edges in stacked mode.
        m_thinPens = thin;
        for (Item& item : m_items)
            styleItem(item);
    }
    m_view->setRenderHint(QPainter::Antialiasing, !m_thinPens);
    if (!m_thinPens) {
        for (ChartOverlay::Fill& fill : fills)
            fill.edge = QColor(); // the layer series draw their edges themselves
    }
    for (Update& u : updates)
        u.series->replace(std::move(u.points));
    m_drawnPoints = total;
    m_drawnMin = xMin;
    m_drawnMax = xMax;
    const AxisRange y = m_axes->yRange();
    m_overlay->setYRange(y.min, y.max, m_axes->logY());
    m_overlay->setFills(fills);
    if (restyle) {
        m_legendState = legendState;
        updateLegend();
    }
    updateSelectionDots();
    updateOverlay();
    emit redrawn();
}

} // namespace bengal
