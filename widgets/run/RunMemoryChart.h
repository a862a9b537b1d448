#pragma once

#include <QList>
#include <QPointF>
#include <QTimer>
#include <QWidget>

class QAreaSeries;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace bengal {

// The process tree's RSS over the run in progress, live: MiB against seconds since launch,
// redrawn at most every 200 ms. Long runs keep at most MaxPoints points (pairs of neighbours
// merge into their higher value, so the peak stays visible).
class RunMemoryChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxPoints = 1500;

    explicit RunMemoryChart(QWidget* parent = nullptr);

    void clear();
    void addSample(qint64 atMs, double rssMb);
    int pointCount() const { return int(m_points.size()); }
    double peakMb() const { return m_peakMb; }
    void redrawNow();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QChart* m_chart;
    QChartView* m_view;
    QLineSeries* m_line;
    QLineSeries* m_baseline;
    QAreaSeries* m_area;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QList<QPointF> m_points;
    double m_peakMb = 0;
    QTimer m_redraw;
};

} // namespace bengal
