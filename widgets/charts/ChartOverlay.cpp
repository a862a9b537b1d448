#include "charts/ChartOverlay.h"

#include "charts/ChartFillItem.h"
#include "charts/ChartPalette.h"

#include <QBrush>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <cmath>

namespace bengal {

namespace {
constexpr qreal kOverlayZ = 20; // above the series, grid and axes
// Qt Charts stacks grid (2), axes (3) and series (4) as children of the chart: fills go between.
constexpr qreal kFillZ = 3.5;
constexpr int kLabelChars = 28;
} // namespace

ChartOverlay::ChartOverlay(QChart* chart)
    : m_chart(chart), m_crosshair(new QGraphicsLineItem(chart)),
      m_selection(new QGraphicsLineItem(chart)), m_fillItem(new ChartFillItem(chart))
{
    m_fillItem->setZValue(kFillZ);
    for (QGraphicsLineItem* item : {m_crosshair, m_selection}) {
        item->setZValue(kOverlayZ);
        item->hide();
        item->setAcceptedMouseButtons(Qt::NoButton);
    }
}

ChartOverlay::~ChartOverlay() = default; // the items belong to the chart

void ChartOverlay::setGeometry(const QRectF& plotArea, double xMin, double xMax)
{
    m_plot = plotArea;
    m_xMin = xMin;
    m_xMax = xMax > xMin ? xMax : xMin + 1;
    place(m_crosshair, m_crosshairX);
    place(m_selection, m_selectionX);
    placeMarkers();
    placeFills();
}

void ChartOverlay::setYRange(double yMin, double yMax, bool log)
{
    m_yMin = yMin;
    m_yMax = yMax > yMin ? yMax : yMin + 1;
    m_logY = log && yMin > 0;
    placeFills();
}

double ChartOverlay::yToPosition(double y) const
{
    double share = 0;
    if (m_logY)
        share = y > 0 ? std::log(y / m_yMin) / std::log(m_yMax / m_yMin) : -1;
    else
        share = (y - m_yMin) / (m_yMax - m_yMin);
    return m_plot.bottom() - share * m_plot.height();
}

void ChartOverlay::setFills(const QList<Fill>& fills)
{
    m_fills = fills;
    placeFills();
}

qsizetype ChartOverlay::fillCount() const
{
    return m_fillItem->isVisible() ? m_fillItem->regionCount() : 0;
}

void ChartOverlay::placeFills()
{
    const auto map = [this](const QList<QPointF>& points) {
        QPolygonF out;
        out.reserve(points.size());
        for (const QPointF& p : points)
            out.append(QPointF(xToPosition(p.x()), yToPosition(p.y())));
        return out;
    };
    QList<ChartFillItem::Region> regions;
    regions.reserve(m_fills.size());
    for (const Fill& fill : std::as_const(m_fills)) {
        const double zero =
            std::clamp(yToPosition(m_logY ? m_yMin : 0.0), m_plot.top(), m_plot.bottom());
        regions.append({map(fill.upper), map(fill.lower), zero, fill.colour, fill.edge});
    }
    m_fillItem->setPlotArea(m_plot);
    m_fillItem->setRegions(regions);
}

double ChartOverlay::xToPosition(double x) const
{
    return m_plot.left() + (x - m_xMin) / (m_xMax - m_xMin) * m_plot.width();
}

double ChartOverlay::positionToX(double position) const
{
    return m_xMin + (position - m_plot.left()) / std::max(1.0, m_plot.width()) * (m_xMax - m_xMin);
}

void ChartOverlay::place(QGraphicsLineItem* line, double x) const
{
    const double px = xToPosition(x);
    line->setLine(px, m_plot.top(), px, m_plot.bottom());
    // Hidden when outside the plot, without losing whether it is shown at all.
    line->setOpacity(px >= m_plot.left() - 0.5 && px <= m_plot.right() + 0.5 ? 1.0 : 0.0);
}

void ChartOverlay::showCrosshair(double x)
{
    m_crosshairX = x;
    place(m_crosshair, x);
    m_crosshair->show();
}

void ChartOverlay::hideCrosshair()
{
    m_crosshair->hide();
}

bool ChartOverlay::crosshairVisible() const
{
    return m_crosshair->isVisible();
}

void ChartOverlay::showSelection(double x)
{
    m_selectionX = x;
    place(m_selection, x);
    m_selection->show();
}

void ChartOverlay::hideSelection()
{
    m_selection->hide();
}

void ChartOverlay::clearMarkers()
{
    for (const MarkerItems& m : std::as_const(m_markers)) {
        delete m.text;
        delete m.box;
        delete m.line;
    }
    m_markers.clear();
}

void ChartOverlay::setMarkers(const QList<Placed>& markers)
{
    clearMarkers();
    for (const Placed& p : markers) {
        if (!std::isfinite(p.x))
            continue;
        MarkerItems m{p.x, p.marker.kind, new QGraphicsLineItem(m_chart),
                      new QGraphicsRectItem(m_chart), new QGraphicsSimpleTextItem(m_chart)};
        QString text = p.marker.label.simplified();
        if (text.size() > kLabelChars)
            text = text.left(kLabelChars - 1) + QChar(0x2026);
        m.text->setText(text); // QGraphicsSimpleTextItem never interprets markup
        m.line->setZValue(kOverlayZ - 1);
        m.box->setZValue(kOverlayZ - 1);
        m.text->setZValue(kOverlayZ - 1);
        styleMarker(m);
        m_markers.append(m);
    }
    placeMarkers();
}

void ChartOverlay::placeMarkers()
{
    // Labels sit at the top of the plot; one that would overlap the previous label drops a row.
    QList<double> rowEnds;
    for (MarkerItems& m : m_markers) {
        const double px = xToPosition(m.x);
        const bool inside = px >= m_plot.left() && px <= m_plot.right();
        m.line->setVisible(inside);
        m.box->setVisible(inside && !m.text->text().isEmpty());
        m.text->setVisible(inside && !m.text->text().isEmpty());
        if (!inside)
            continue;
        m.line->setLine(px, m_plot.top(), px, m_plot.bottom());
        const QRectF textRect = m.text->boundingRect();
        double left = px + 3;
        if (left + textRect.width() > m_plot.right())
            left = px - 3 - textRect.width();
        int row = 0;
        while (row < rowEnds.size() && rowEnds[row] > left - 4)
            ++row;
        if (row == rowEnds.size())
            rowEnds.append(0);
        rowEnds[row] = left + textRect.width();
        const double top = m_plot.top() + 2 + row * (textRect.height() + 2);
        m.text->setPos(left, top);
        m.box->setRect(QRectF(left - 2, top, textRect.width() + 4, textRect.height()));
    }
}

int ChartOverlay::visibleMarkerCount() const
{
    int n = 0;
    for (const MarkerItems& m : m_markers)
        n += m.line->isVisible() ? 1 : 0;
    return n;
}

void ChartOverlay::styleMarker(MarkerItems& m) const
{
    const QColor c = m.kind == ChartMarker::Kind::Failure ? m_failureColour
                     : m.kind == ChartMarker::Kind::Note  ? m_noteColour
                                                          : m_markerColour;
    QPen pen(c, 1.5, m.kind == ChartMarker::Kind::Note ? Qt::DotLine : Qt::DashLine);
    pen.setCosmetic(true);
    m.line->setPen(pen);
    m.text->setBrush(c);
    m.box->setPen(Qt::NoPen);
    m.box->setBrush(m_labelBackground);
}

void ChartOverlay::applyPalette(const ChartPalette& palette)
{
    QPen cross(palette.crosshair, 1, Qt::DashLine);
    cross.setCosmetic(true);
    m_crosshair->setPen(cross);
    QColor sel = palette.selection;
    sel.setAlphaF(0.75f);
    QPen selection(sel, 2);
    selection.setCosmetic(true);
    m_selection->setPen(selection);
    m_markerColour = palette.marker;
    m_failureColour = palette.failure;
    m_noteColour = palette.mutedText;
    m_labelBackground = palette.plotArea;
    m_labelBackground.setAlphaF(0.85f);
    for (MarkerItems& m : m_markers)
        styleMarker(m);
}

} // namespace bengal
