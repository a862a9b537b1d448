// TrendChart: legend entries (toggle, isolate), the selected build and the overlay.
#include "charts/TrendChart.h"

#include "charts/ChartOverlay.h"
#include "charts/ChartStyle.h"

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

// ---------------------------------------------------------------- legend

void TrendChart::updateLegend()
{
    QLegend* legend = m_chart->legend();
    const auto set = [&](QAbstractSeries* series, bool shown, bool dimmed, const QColor& colour,
                         bool box) {
        for (QLegendMarker* marker : legend->markers(series)) {
            marker->setVisible(shown);
            marker->setLabelBrush(dimmed ? m_palette.mutedText : m_palette.text);
            marker->setShape(box ? QLegend::MarkerShapeRectangle : QLegend::MarkerShapeFromSeries);
            QColor c = colour;
            if (dimmed)
                c.setAlphaF(0.25f);
            QPen pen = marker->pen();
            pen.setColor(box ? colour.darker(125) : c);
            marker->setPen(pen);
            marker->setBrush(c);
        }
    };
    for (const Item& item : std::as_const(m_items)) {
        const bool layer = isLayer(item);
        const QColor colour =
            layer ? tint(item.spec.color, m_palette.plotArea, layerTint(m_palette.dark))
                  : item.spec.color;
        set(item.line, true, !m_options.isVisible(item.spec.metric), colour, layer);
    }
    set(m_medianLine, m_medianLine->isVisible(), false, m_medianLine->pen().color(), false);
    set(m_selectionDots, false, false, QColor(), false);
}

QLegendMarker* TrendChart::legendMarker(const QString& metric) const
{
    const QXYSeries* line = lineSeries(metric);
    const QList<QLegendMarker*> markers =
        line ? m_chart->legend()->markers(const_cast<QXYSeries*>(line)) : QList<QLegendMarker*>();
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
        const bool layer = isLayer(item);
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
