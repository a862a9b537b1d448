// TrendChart: turning the columns into Qt Charts series (reduction, axes, legend, selection).
#include "charts/TrendChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartOverlay.h"
#include "charts/SeriesReducer.h"
#include "charts/TrendChartView.h"
#include "history/HistoryStore.h"

#include <QAreaSeries>
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

namespace {

// Up to two points per pixel column are drawn as they are; above, min/max per column.
constexpr double kExactPerPixel = 2.0;
// Antialiasing costs ~1.6x per point; above this many points the lines are dense anyway.
constexpr int kAntialiasPoints = 6000;
const char* const kMetricProperty = "bengalMetric";

QColor withAlpha(QColor c, double alpha)
{
    c.setAlphaF(float(alpha));
    return c;
}

} // namespace

std::span<const double> TrendChart::values(const SeriesSpec& spec, bool stacked)
{
    return m_columns.column(spec.metric, stacked ? spec.stackView : spec.view);
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
    QList<SeriesSpec> fresh;
    for (const SeriesSpec& spec : specs) {
        if (!m_itemIndex.contains(spec.metric))
            fresh.append(spec);
    }
    if (fresh.isEmpty())
        return;
    // Areas before lines: Qt Charts draws in insertion order, and the build-time line belongs
    // on top of a stack.
    QHash<QString, Item> created;
    for (const SeriesSpec& spec : std::as_const(fresh)) {
        Item item;
        item.spec = spec;
        if (spec.stackable) {
            item.upper = new QLineSeries(this);
            item.lower = new QLineSeries(this);
            item.area = new QAreaSeries(item.upper, item.lower);
            item.area->setVisible(false);
            m_chart->addSeries(item.area);
            m_axes->attach(item.area);
        }
        created.insert(spec.metric, item);
    }
    for (const SeriesSpec& spec : std::as_const(fresh)) {
        Item& item = created[spec.metric];
        item.line = new QLineSeries;
        m_chart->addSeries(item.line);
        m_axes->attach(item.line);
    }
    // The median line goes last again: drawn over the data, listed after it in the legend.
    m_axes->detach(m_medianLine);
    m_chart->removeSeries(m_medianLine);
    m_chart->addSeries(m_medianLine);
    m_axes->attach(m_medianLine);
    // Keep m_items in legend order.
    QList<Item> ordered;
    for (const SeriesSpec& spec : specs) {
        if (const auto it = m_itemIndex.constFind(spec.metric); it != m_itemIndex.constEnd())
            ordered.append(m_items[*it]);
        else
            ordered.append(created.value(spec.metric));
    }
    m_items = ordered;
    m_itemIndex.clear();
    for (int i = 0; i < m_items.size(); ++i) {
        Item& item = m_items[i];
        m_itemIndex.insert(item.spec.metric, i);
        styleItem(item);
    }
    for (const Item& item : std::as_const(m_items)) {
        for (QAbstractSeries* s :
             {static_cast<QAbstractSeries*>(item.line), static_cast<QAbstractSeries*>(item.area)}) {
            if (!s || !created.contains(item.spec.metric))
                continue;
            s->setProperty(kMetricProperty, item.spec.metric);
            for (QLegendMarker* marker : m_chart->legend()->markers(s)) {
                connect(marker, &QLegendMarker::clicked, this,
                        [this, marker] { onMarkerClicked(marker); });
            }
        }
    }
    updateLegend();
}

void TrendChart::removeItems()
{
    for (const Item& item : std::as_const(m_items)) {
        for (QAbstractSeries* s :
             {static_cast<QAbstractSeries*>(item.line), static_cast<QAbstractSeries*>(item.area)}) {
            if (!s)
                continue;
            m_axes->detach(s);
            m_chart->removeSeries(s);
            delete s;
        }
        delete item.upper;
        delete item.lower;
    }
    m_items.clear();
    m_itemIndex.clear();
}

void TrendChart::styleItem(Item& item)
{
    const SeriesSpec& spec = item.spec;
    const QString name = spec.label.toHtmlEscaped(); // Qt Charts renders legend text as HTML
    QPen pen(spec.color, 1.6);
    pen.setCosmetic(true);
    if (spec.role == SeriesSpec::Role::Total)
        pen.setWidthF(2.4);
    if (spec.role == SeriesSpec::Role::Unattributed)
        pen.setStyle(Qt::DotLine);
    item.line->setName(name);
    item.line->setPen(pen);
    if (item.area) {
        item.area->setName(name);
        item.area->setBrush(withAlpha(spec.color, m_palette.dark ? 0.70 : 0.78));
        QPen edge(spec.color.darker(m_palette.dark ? 90 : 125), 1);
        edge.setCosmetic(true);
        item.area->setPen(edge);
    }
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

QAreaSeries* TrendChart::areaSeries(const QString& metric) const
{
    const auto it = m_itemIndex.constFind(metric);
    return it == m_itemIndex.constEnd() ? nullptr : m_items[*it].area;
}

QList<QPointF> TrendChart::seriesPoints(const QString& metric) const
{
    const auto it = m_itemIndex.constFind(metric);
    if (it == m_itemIndex.constEnd())
        return {};
    const Item& item = m_items[*it];
    return m_options.stacked && item.area ? item.upper->points() : item.line->points();
}

// ---------------------------------------------------------------- redraw

void TrendChart::redrawNow()
{
    m_redrawTimer.stop();
    syncSeries();
    const QRectF plot = m_chart->plotArea();
    const auto [xMin, xMax] = visibleRange();
    const std::span<const double> x = m_columns.x();
    ReduceWindow window{xMin, xMax, std::max(50, int(plot.width() * m_pixelScale)), kExactPerPixel,
                        m_options.logY};
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const auto widen = [&](double a, double b) {
        if (a <= b) {
            lo = std::min(lo, a);
            hi = std::max(hi, b);
        }
    };

    struct Update
    {
        QXYSeries* series;
        QList<QPointF> points;
    };
    QList<Update> updates;
    QList<const Item*> layers;
    for (const Item& item : std::as_const(m_items)) {
        const bool visible = m_options.isVisible(item.spec.metric);
        const bool layer = m_options.stacked && item.area;
        if (item.line->isVisible() != (visible && !layer))
            item.line->setVisible(visible && !layer);
        if (item.area && item.area->isVisible() != (visible && layer))
            item.area->setVisible(visible && layer);
        if (visible && layer) {
            layers.append(&item);
        } else if (visible) {
            ReducedSeries r = reduceSeries(x, values(item.spec, false), window);
            widen(r.yMin, r.yMax);
            updates.append({item.line, std::move(r.points)});
        }
    }
    if (!layers.isEmpty()) {
        std::vector<std::span<const double>> spans;
        for (const Item* item : std::as_const(layers))
            spans.push_back(values(item->spec, true));
        std::vector<ReducedSeries> stack = reduceStacked(x, spans, window);
        for (std::size_t k = 0; k < stack.size(); ++k) {
            widen(stack[k].yMin, stack[k].yMax);
            QList<QPointF> lower = k == 0 ? stack[k].points : stack[k - 1].points;
            if (k == 0) {
                for (QPointF& p : lower)
                    p.setY(0);
            }
            updates.append({layers[qsizetype(k)]->lower, std::move(lower)});
        }
        for (std::size_t k = 0; k < stack.size(); ++k)
            updates.append({layers[qsizetype(k)]->upper, std::move(stack[k].points)});
    }

    const auto median = m_itemIndex.constFind(m_options.medianMetric);
    const bool showMedian = median != m_itemIndex.constEnd() &&
                            m_options.isVisible(m_options.medianMetric) && !m_options.stacked;
    if (showMedian) {
        const SeriesSpec& spec = m_items[*median].spec;
        const RollingMedianMad& rolling =
            m_columns.rolling(spec.metric, m_options.medianWindow, spec.view);
        ReducedBand band = reduceBand(x, rolling.median, rolling.mad, m_options.bandMads, window);
        widen(band.center.yMin, band.center.yMax);
        updates.append({m_medianLine, std::move(band.center.points)});
        updates.append({m_bandUpper, std::move(band.upper)});
        updates.append({m_bandLower, std::move(band.lower)});
        QPen pen(spec.color.darker(m_palette.dark ? 70 : 140), 1.4, Qt::DashLine);
        pen.setCosmetic(true);
        m_medianLine->setPen(pen);
        m_medianLine->setName(tr("Rolling median of %1 (%2 builds)")
                                  .arg(spec.label)
                                  .arg(m_options.medianWindow)
                                  .toHtmlEscaped());
        m_band->setBrush(withAlpha(spec.color, m_palette.dark ? 0.16 : 0.10));
        m_band->setPen(Qt::NoPen);
    }
    if (m_medianLine->isVisible() != showMedian) {
        m_medianLine->setVisible(showMedian);
        m_band->setVisible(showMedian);
    }

    // Empty the series first so the new axis ranges do not lay out the old points again, then
    // set the ranges, then hand over the new points: one layout pass per redraw.
    int total = 0;
    for (const Update& u : std::as_const(updates))
        total += int(u.points.size());
    const bool rangeMoves = xMin != m_drawnMin || xMax != m_drawnMax;
    for (const Item& item : std::as_const(m_items)) {
        for (QXYSeries* s :
             {static_cast<QXYSeries*>(item.line), static_cast<QXYSeries*>(item.upper),
              static_cast<QXYSeries*>(item.lower)}) {
            if (s && s->count() > 0)
                s->clear();
        }
    }
    if (rangeMoves || !showMedian) {
        for (QXYSeries* s :
             {static_cast<QXYSeries*>(m_medianLine), static_cast<QXYSeries*>(m_bandUpper),
              static_cast<QXYSeries*>(m_bandLower)}) {
            if (s->count() > 0)
                s->clear();
        }
    }
    m_selectionDots->clear();
    m_axes->setRanges(xMin, xMax, lo, hi, plot.size());
    m_view->setRenderHint(QPainter::Antialiasing, total <= kAntialiasPoints);
    for (Update& u : updates)
        u.series->replace(std::move(u.points));
    m_drawnPoints = total;
    m_drawnMin = xMin;
    m_drawnMax = xMax;
    updateLegend();
    updateSelectionDots();
    updateOverlay();
    emit redrawn();
}

// ---------------------------------------------------------------- legend

void TrendChart::updateLegend()
{
    QLegend* legend = m_chart->legend();
    const auto set = [&](QAbstractSeries* series, bool shown, bool dimmed, const QColor& colour) {
        if (!series)
            return;
        for (QLegendMarker* marker : legend->markers(series)) {
            marker->setVisible(shown);
            marker->setLabelBrush(dimmed ? m_palette.mutedText : m_palette.text);
            QColor c = colour;
            if (dimmed)
                c.setAlphaF(0.25f);
            QPen pen = marker->pen();
            pen.setColor(c);
            marker->setPen(pen);
            if (series->type() == QAbstractSeries::SeriesTypeArea)
                marker->setBrush(c);
        }
    };
    for (const Item& item : std::as_const(m_items)) {
        const bool hidden = !m_options.isVisible(item.spec.metric);
        const bool layer = m_options.stacked && item.area;
        set(item.line, !layer, hidden, item.spec.color);
        set(item.area, layer, hidden, item.spec.color);
    }
    set(m_medianLine, m_medianLine->isVisible(), false, m_medianLine->pen().color());
    set(m_band, false, false, QColor());
    set(m_selectionDots, false, false, QColor());
}

QLegendMarker* TrendChart::legendMarker(const QString& metric) const
{
    const auto it = m_itemIndex.constFind(metric);
    if (it == m_itemIndex.constEnd())
        return nullptr;
    const Item& item = m_items[*it];
    QAbstractSeries* s =
        m_options.stacked && item.area ? static_cast<QAbstractSeries*>(item.area) : item.line;
    const QList<QLegendMarker*> markers = m_chart->legend()->markers(s);
    return markers.isEmpty() ? nullptr : markers.first();
}

void TrendChart::onMarkerClicked(QLegendMarker* marker)
{
    const QString metric = marker->series()->property(kMetricProperty).toString();
    if (metric.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool second =
        metric == m_lastClickedMarker &&
        now - m_lastMarkerClickMs <= QGuiApplication::styleHints()->mouseDoubleClickInterval();
    m_lastClickedMarker = second ? QString() : metric;
    m_lastMarkerClickMs = now;
    // A double click isolates the series (or, on the only one shown, shows all again): it
    // replaces what its first click did. Alt+click does the same at once.
    if (second) {
        if (m_markerWasAlone)
            showAllSeries();
        else
            isolateSeries(metric);
        return;
    }
    m_markerWasAlone = m_options.isVisible(metric);
    for (const Item& item : std::as_const(m_items)) {
        if (item.spec.metric != metric && m_options.isVisible(item.spec.metric))
            m_markerWasAlone = false;
    }
    if (QGuiApplication::keyboardModifiers() & Qt::AltModifier) {
        m_lastClickedMarker.clear();
        if (m_markerWasAlone)
            showAllSeries();
        else
            isolateSeries(metric);
        return;
    }
    setSeriesVisible(metric, !m_options.isVisible(metric));
}

// ---------------------------------------------------------------- selection and overlay

void TrendChart::updateSelectionDots()
{
    m_selectionDots->clear();
    const qsizetype index = m_columns.indexOfRow(m_selectedRow);
    if (index < 0)
        return;
    QList<QPointF> dots;
    double stack = 0;
    for (const Item& item : std::as_const(m_items)) {
        if (!m_options.isVisible(item.spec.metric))
            continue;
        const bool layer = m_options.stacked && item.area;
        const std::span<const double> v = values(item.spec, layer);
        double y = std::size_t(index) < v.size() ? v[std::size_t(index)]
                                                 : std::numeric_limits<double>::quiet_NaN();
        if (layer) {
            stack += std::isfinite(y) ? y : 0;
            y = stack;
        }
        if (std::isfinite(y) && (!m_options.logY || y > 0))
            dots.append(QPointF(m_columns.xAt(index), y));
    }
    m_selectionDots->replace(dots);
}

void TrendChart::updateOverlay()
{
    m_overlay->setGeometry(m_chart->plotArea(), m_drawnMin, m_drawnMax);
    const double x = m_columns.xOfRow(m_selectedRow);
    if (m_columns.indexOfRow(m_selectedRow) >= 0 && std::isfinite(x))
        m_overlay->showSelection(x);
    else
        m_overlay->hideSelection();
}

} // namespace bengal
