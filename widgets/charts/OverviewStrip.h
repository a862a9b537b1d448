#pragma once

#include <QPointer>
#include <QWidget>

namespace bengal {

class TrendChart;

// A thin strip under a trend chart showing the whole history (its main metric, reduced to the
// strip's width) with a window marking the chart's visible range. Drag the window to pan, drag
// its edges to resize it, click elsewhere to centre it there, wheel to zoom, double-click to
// show everything.
class OverviewStrip : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewStrip(QWidget* parent = nullptr);

    void setChart(TrendChart* chart);
    TrendChart* chart() const { return m_chart; }

    // The visible-range window in widget coordinates (for tests).
    QRectF windowRect() const;

    QSize sizeHint() const override { return {600, 56}; }
    QSize minimumSizeHint() const override { return {120, 36}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Drag
    {
        None,
        Move,
        Left,
        Right
    };
    QRectF plotRect() const;
    double xToPos(double x) const;
    double posToX(double pos) const;
    void rebuildCurve();
    void requestRange(double xMin, double xMax);
    Drag hitTest(double pos) const;

    QPointer<TrendChart> m_chart;
    QList<QMetaObject::Connection> m_connections;
    QList<QPointF> m_curve; // data coordinates, reduced to the strip's width
    double m_yMin = 0;
    double m_yMax = 1;
    bool m_curveDirty = true;
    double m_curveMin = 0; // the full range the curve was reduced for
    double m_curveMax = 1;
    double m_fullMin = 0; // the full range when a drag started
    double m_fullMax = 1;
    Drag m_drag = Drag::None;
    double m_pressPos = 0;
    double m_pressMin = 0;
    double m_pressMax = 0;
};

} // namespace bengal
