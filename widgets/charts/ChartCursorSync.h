#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

namespace bengal {

class TrendChart;

// Ties trend charts together: hovering a build on one shows the crosshair at that build on
// every other; optionally the visible x range and the selected build follow too.
class ChartCursorSync : public QObject
{
    Q_OBJECT
public:
    explicit ChartCursorSync(QObject* parent = nullptr);

    void addChart(TrendChart* chart);
    void removeChart(TrendChart* chart);
    QList<TrendChart*> charts() const;

    // Zooming or panning one chart moves the others (charts in the same x mode). Default on.
    void setSyncRange(bool sync) { m_syncRange = sync; }
    bool syncRange() const { return m_syncRange; }
    // Selecting a build on one chart selects it on the others. Default on.
    void setSyncSelection(bool sync) { m_syncSelection = sync; }
    bool syncSelection() const { return m_syncSelection; }
    // Pads the charts so their plot areas share left and right edges (one x axis above the
    // other reads as one). Default on.
    void setAlignPlotAreas(bool align);
    bool alignPlotAreas() const { return m_align; }

signals:
    void hoveredBuildChanged(int storeRow); // -1 when the cursor left every chart

private:
    void onHover(TrendChart* source, int row);
    void onRange(TrendChart* source, double xMin, double xMax);
    void onSelected(TrendChart* source, int row);
    void align();

    QList<QPointer<TrendChart>> m_charts;
    bool m_syncRange = true;
    bool m_syncSelection = true;
    bool m_align = true;
    bool m_busy = false; // a change we are passing on must not come back to us
};

} // namespace bengal
