#pragma once

#include <QChartView>
#include <QPointer>

class QRubberBand;

namespace bengal {

// The QChartView of a TrendChart. It turns mouse, wheel and keys over the plot into requests in
// chart coordinates; TrendChart decides what they mean for the data. Presses outside the plot
// go to Qt Charts as usual, so legend markers stay clickable.
class TrendChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TrendChartView(QChart* chart, QWidget* parent = nullptr);

    // A viewport position in chart coordinates (where plotArea() lives).
    QPointF toChart(const QPoint& viewportPos) const;
    QPoint fromChart(const QPointF& chartPos) const;

signals:
    void zoomRequested(double chartX, double factor);   // factor < 1 zooms in around chartX
    void panRequested(double chartDx);                  // the plot was dragged by chartDx
    void spanRequested(double chartX0, double chartX1); // rubber band
    void resetRequested();
    void hovered(const QPointF& chartPos);
    void hoverLeft();
    void clicked(const QPointF& chartPos);
    void stepRequested(int delta); // Left/Right
    void firstRequested();         // Home
    void lastRequested();          // End

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag
    {
        None,
        Pending,
        Pan,
        Band
    };
    bool inPlot(const QPoint& viewportPos) const;
    void updateBand(const QPoint& pos);

    Drag m_drag = Drag::None;
    bool m_bandDrag = false; // the press asked for a rubber band (Shift or right button)
    QPoint m_pressPos;
    QPoint m_lastPos;
    QPointer<QRubberBand> m_band;
};

} // namespace bengal
