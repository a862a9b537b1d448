#include "charts/OverviewStrip.h"

#include "charts/SeriesReducer.h"
#include "charts/TrendChart.h"

#include <QChart>
#include <QChartView>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <cmath>

namespace bengal {

namespace {
constexpr double kEdgeGrab = 5; // pixels either side of a window edge that resize it
constexpr double kWheelStep = 0.85;
} // namespace

OverviewStrip::OverviewStrip(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Whole history. Drag the window to pan, drag its edges to zoom, "
                  "double-click to show everything."));
}

void OverviewStrip::setChart(TrendChart* chart)
{
    for (const QMetaObject::Connection& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_chart = chart;
    m_curveDirty = true;
    if (chart) {
        m_connections = {
            connect(chart, &TrendChart::dataChanged, this,
                    [this] {
                        m_curveDirty = true;
                        update();
                    }),
            connect(chart, &TrendChart::redrawn, this, [this] { update(); }),
            connect(chart, &TrendChart::visibleRangeChanged, this, [this] { update(); }),
        };
    }
    update();
}

QRectF OverviewStrip::plotRect() const
{
    // Line the strip up with the chart's plot area when we sit right under it.
    QRectF r = QRectF(rect()).adjusted(1, 3, -1, -3);
    if (m_chart && m_chart->chart()) {
        const QRectF plot = m_chart->chart()->plotArea();
        QChartView* view = m_chart->chartView();
        const QPoint inView = view->mapFromScene(m_chart->chart()->mapToScene(plot.topLeft()));
        const QPoint left = mapFromGlobal(view->viewport()->mapToGlobal(inView));
        if (plot.width() > 50 && left.x() >= 0 && left.x() + plot.width() <= width() + 1) {
            r.setLeft(left.x());
            r.setWidth(plot.width());
        }
    }
    return r;
}

double OverviewStrip::xToPos(double x) const
{
    const QRectF r = plotRect();
    const auto [lo, hi] = m_chart ? m_chart->fullRange() : qMakePair(0.0, 1.0);
    return r.left() + (x - lo) / std::max(1e-9, hi - lo) * r.width();
}

double OverviewStrip::posToX(double pos) const
{
    const QRectF r = plotRect();
    const auto [lo, hi] = m_chart ? m_chart->fullRange() : qMakePair(0.0, 1.0);
    return lo + (pos - r.left()) / std::max(1.0, r.width()) * (hi - lo);
}

QRectF OverviewStrip::windowRect() const
{
    if (!m_chart)
        return {};
    const auto [a, b] = m_chart->visibleRange();
    const QRectF r = plotRect();
    const double left = std::clamp(xToPos(a), r.left(), r.right());
    const double right = std::clamp(xToPos(b), r.left(), r.right());
    return QRectF(QPointF(left, r.top()), QPointF(right, r.bottom()));
}

void OverviewStrip::rebuildCurve()
{
    m_curve.clear();
    // The chart creates its series on its first redraw: until then, try again on every paint.
    m_curveDirty = true;
    if (!m_chart)
        return;
    const QString metric = m_chart->primaryMetric();
    ChartColumns& columns = m_chart->columns();
    if (metric.isEmpty() || columns.isEmpty())
        return;
    m_curveDirty = false;
    ReduceWindow w{m_curveMin, m_curveMax, std::max(1, int(plotRect().width())), 2.0, false};
    ReducedSeries r = reduceSeries(columns.x(), columns.column(metric), w);
    m_curve = std::move(r.points);
    m_yMin = r.hasRange() ? std::min(0.0, r.yMin) : 0;
    m_yMax = r.hasRange() ? std::max(r.yMax, m_yMin + 1e-9) : 1;
    m_yMax += (m_yMax - m_yMin) * 0.08; // headroom: the peak should not touch the frame
}

void OverviewStrip::resizeEvent(QResizeEvent* event)
{
    m_curveDirty = true;
    QWidget::resizeEvent(event);
}

void OverviewStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    if (!m_chart)
        return;
    const auto [lo, hi] = m_chart->fullRange();
    if (lo != m_curveMin || hi != m_curveMax) {
        m_curveMin = lo;
        m_curveMax = hi;
        m_curveDirty = true;
    }
    if (m_curveDirty)
        rebuildCurve();
    const QRectF r = plotRect();
    p.fillRect(r, palette().color(QPalette::Base));
    p.setRenderHint(QPainter::Antialiasing, true);
    if (!m_curve.isEmpty()) {
        QPainterPath path;
        for (qsizetype i = 0; i < m_curve.size(); ++i) {
            const QPointF pt(xToPos(m_curve[i].x()), r.bottom() - (m_curve[i].y() - m_yMin) /
                                                                      (m_yMax - m_yMin) *
                                                                      (r.height() - 2));
            if (i == 0)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        QColor line = palette().color(QPalette::Text);
        line.setAlphaF(0.6f);
        p.setPen(QPen(line, 1));
        p.drawPath(path);
    }
    // Shade what the chart does not show, and frame the window.
    const QRectF w = windowRect();
    QColor shade = palette().color(QPalette::Window);
    shade.setAlphaF(0.6f);
    p.fillRect(QRectF(r.topLeft(), QPointF(w.left(), r.bottom())), shade);
    p.fillRect(QRectF(QPointF(w.right(), r.top()), r.bottomRight()), shade);
    QColor accent = palette().color(QPalette::Highlight);
    p.setPen(QPen(accent, 1.5));
    accent.setAlphaF(0.12f);
    p.setBrush(accent);
    p.drawRect(w.adjusted(0.75, 0.75, -0.75, -0.75));
    // Grips on both edges.
    p.setBrush(palette().color(QPalette::Highlight));
    for (const double x : {w.left(), w.right()})
        p.drawRoundedRect(QRectF(x - 2.5, w.center().y() - 8, 5, 16), 2, 2);
}

OverviewStrip::Drag OverviewStrip::hitTest(double pos) const
{
    const QRectF w = windowRect();
    if (std::abs(pos - w.left()) <= kEdgeGrab)
        return Drag::Left;
    if (std::abs(pos - w.right()) <= kEdgeGrab)
        return Drag::Right;
    if (pos > w.left() && pos < w.right())
        return Drag::Move;
    return Drag::None;
}

void OverviewStrip::requestRange(double xMin, double xMax)
{
    if (m_chart)
        m_chart->setVisibleRange(xMin, xMax);
}

void OverviewStrip::mousePressEvent(QMouseEvent* event)
{
    if (!m_chart || event->button() != Qt::LeftButton)
        return;
    const double pos = event->position().x();
    std::tie(m_fullMin, m_fullMax) = m_chart->fullRange();
    m_drag = hitTest(pos);
    auto [a, b] = m_chart->visibleRange();
    if (m_drag == Drag::None) {
        // Centre the window where the user clicked, then let them drag it from there.
        const double half = (b - a) / 2, centre = posToX(pos);
        const double from =
            std::clamp(centre - half, m_fullMin, std::max(m_fullMin, m_fullMax - 2 * half));
        requestRange(from, from + 2 * half);
        std::tie(a, b) = m_chart->visibleRange();
        m_drag = Drag::Move;
    }
    m_pressPos = pos;
    m_pressMin = a;
    m_pressMax = b;
}

void OverviewStrip::mouseMoveEvent(QMouseEvent* event)
{
    const double pos = event->position().x();
    if (m_drag == Drag::None) {
        const Drag hover = hitTest(pos);
        setCursor(hover == Drag::Left || hover == Drag::Right ? Qt::SizeHorCursor
                  : hover == Drag::Move                       ? Qt::OpenHandCursor
                                                              : Qt::ArrowCursor);
        return;
    }
    const double dx = posToX(pos) - posToX(m_pressPos);
    if (m_drag == Drag::Move) {
        const double span = m_pressMax - m_pressMin;
        const double from =
            std::clamp(m_pressMin + dx, m_fullMin, std::max(m_fullMin, m_fullMax - span));
        requestRange(from, from + span);
    } else if (m_drag == Drag::Left) {
        requestRange(std::min(m_pressMin + dx, m_pressMax), m_pressMax);
    } else {
        requestRange(m_pressMin, std::max(m_pressMax + dx, m_pressMin));
    }
}

void OverviewStrip::mouseReleaseEvent(QMouseEvent*)
{
    m_drag = Drag::None;
}

void OverviewStrip::mouseDoubleClickEvent(QMouseEvent*)
{
    if (m_chart)
        m_chart->resetZoom();
}

void OverviewStrip::wheelEvent(QWheelEvent* event)
{
    if (!m_chart || event->angleDelta().y() == 0)
        return;
    m_chart->zoomBy(std::pow(kWheelStep, event->angleDelta().y() / 120.0),
                    posToX(event->position().x()));
    event->accept();
}

} // namespace bengal
