#include "charts/TrendChartView.h"

#include <QGraphicsScene>

#include <QApplication>
#include <QChart>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWheelEvent>
#include <cmath>

namespace bengal {

namespace {
constexpr double kWheelStep = 0.85; // one wheel notch shows 85 % of the range
constexpr double kKeyZoom = 0.7;
} // namespace

TrendChartView::TrendChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent)
{
    setRubberBand(QChartView::NoRubberBand);
    setDragMode(QGraphicsView::NoDrag);
    setMouseTracking(true);
    viewport()->setMouseTracking(true); // hover crosshair without a button held
    setFocusPolicy(Qt::StrongFocus);
    setRenderHint(QPainter::Antialiasing, true);
    setFrameShape(QFrame::NoFrame);
    // Every redraw moves and reshapes every series item. The scene's default BSP index is
    // updated on each of those changes and pays off only for finding items among thousands,
    // which a chart never has.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
}

QPointF TrendChartView::toChart(const QPoint& viewportPos) const
{
    return chart()->mapFromScene(mapToScene(viewportPos));
}

QPoint TrendChartView::fromChart(const QPointF& chartPos) const
{
    return mapFromScene(chart()->mapToScene(chartPos));
}

bool TrendChartView::inPlot(const QPoint& viewportPos) const
{
    return chart()->plotArea().contains(toChart(viewportPos));
}

void TrendChartView::mousePressEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const bool band =
        event->button() == Qt::RightButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (!inPlot(pos) || (event->button() != Qt::LeftButton && !band)) {
        QChartView::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    m_drag = Drag::Pending;
    m_bandDrag = band;
    m_pressPos = m_lastPos = pos;
    event->accept();
}

void TrendChartView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Pending &&
        (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_drag = m_bandDrag ? Drag::Band : Drag::Pan;
        if (m_drag == Drag::Pan)
            setCursor(Qt::ClosedHandCursor);
    }
    if (m_drag == Drag::Pan) {
        const double dx = toChart(pos).x() - toChart(m_lastPos).x();
        m_lastPos = pos;
        emit panRequested(dx);
    } else if (m_drag == Drag::Band) {
        updateBand(pos);
    }
    if (m_drag == Drag::None || m_drag == Drag::Pending) {
        if (inPlot(pos))
            emit hovered(toChart(pos));
        else
            emit hoverLeft();
        QChartView::mouseMoveEvent(event);
    }
}

void TrendChartView::updateBand(const QPoint& pos)
{
    if (!m_band)
        m_band = new QRubberBand(QRubberBand::Rectangle, viewport());
    const QRectF plot = chart()->plotArea();
    const QPoint top = fromChart(plot.topLeft());
    const QPoint bottom = fromChart(plot.bottomRight());
    const int left = std::max(top.x(), std::min(pos.x(), m_pressPos.x()));
    const int right = std::min(bottom.x(), std::max(pos.x(), m_pressPos.x()));
    m_band->setGeometry(QRect(QPoint(left, top.y()), QPoint(right, bottom.y())));
    m_band->show();
}

void TrendChartView::mouseReleaseEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (drag == Drag::None) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    if (drag == Drag::Band) {
        if (m_band)
            m_band->hide();
        const double a = toChart(m_pressPos).x(), b = toChart(pos).x();
        if (std::abs(a - b) >= 3)
            emit spanRequested(std::min(a, b), std::max(a, b));
    } else if (drag == Drag::Pending && !m_bandDrag) {
        emit clicked(toChart(pos));
    }
    event->accept();
}

void TrendChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && inPlot(event->position().toPoint())) {
        emit resetRequested();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void TrendChartView::wheelEvent(QWheelEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const int delta = event->angleDelta().y();
    if (!inPlot(pos) || delta == 0) {
        event->ignore();
        return;
    }
    emit zoomRequested(toChart(pos).x(), std::pow(kWheelStep, delta / 120.0));
    event->accept();
}

void TrendChartView::keyPressEvent(QKeyEvent* event)
{
    const double centre = chart()->plotArea().center().x();
    switch (event->key()) {
    case Qt::Key_Left:
        emit stepRequested(-1);
        break;
    case Qt::Key_Right:
        emit stepRequested(1);
        break;
    case Qt::Key_Home:
        emit firstRequested();
        break;
    case Qt::Key_End:
        emit lastRequested();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        emit zoomRequested(centre, kKeyZoom);
        break;
    case Qt::Key_Minus:
        emit zoomRequested(centre, 1 / kKeyZoom);
        break;
    case Qt::Key_0:
    case Qt::Key_Escape:
        emit resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TrendChartView::leaveEvent(QEvent* event)
{
    emit hoverLeft();
    QChartView::leaveEvent(event);
}

} // namespace bengal
