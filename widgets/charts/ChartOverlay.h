#pragma once

#include "charts/ChartMarker.h"

#include <QColor>
#include <QList>
#include <QRectF>

class QChart;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QGraphicsRectItem;

namespace bengal {

class ChartFillItem;
struct ChartPalette;

// What is drawn over the plot besides the series: the hover crosshair, the selected build and
// the markers. Plain graphics items in the chart, so they are in every render and export.
class ChartOverlay
{
public:
    explicit ChartOverlay(QChart* chart);
    ~ChartOverlay();
    ChartOverlay(const ChartOverlay&) = delete;
    ChartOverlay& operator=(const ChartOverlay&) = delete;

    // The plot rectangle (chart coordinates) and the ranges it shows; repositions everything.
    void setGeometry(const QRectF& plotArea, double xMin, double xMax);
    void setYRange(double yMin, double yMax, bool log);
    double xToPosition(double x) const;
    double yToPosition(double y) const;
    double positionToX(double position) const;
    const QRectF& plotArea() const { return m_plot; }

    void showCrosshair(double x);
    void hideCrosshair();
    bool crosshairVisible() const;
    void showSelection(double x);
    void hideSelection();

    // Markers with their x already resolved (NaN: not placeable, skipped).
    struct Placed
    {
        double x;
        ChartMarker marker;
    };
    void setMarkers(const QList<Placed>& markers);
    // Markers inside the visible range, as drawn (for tests).
    int visibleMarkerCount() const;

    // Filled regions in data coordinates (noise band, stacked layers), painted under the series.
    struct Fill
    {
        QList<QPointF> upper;
        QList<QPointF> lower; // empty: down to zero
        QColor colour;
        QColor edge = {}; // valid: the upper edge is drawn as a 1 px line in this colour
    };
    void setFills(const QList<Fill>& fills);
    qsizetype fillCount() const;

    void applyPalette(const ChartPalette& palette);

private:
    struct MarkerItems
    {
        double x;
        ChartMarker::Kind kind;
        QGraphicsLineItem* line;
        QGraphicsRectItem* box;
        QGraphicsSimpleTextItem* text;
    };
    void place(QGraphicsLineItem* line, double x) const;
    void placeMarkers();
    void styleMarker(MarkerItems& m) const;
    void clearMarkers();
    void placeFills();

    QChart* m_chart;
    QRectF m_plot;
    double m_xMin = 0;
    double m_xMax = 1;
    double m_yMin = 0;
    double m_yMax = 1;
    bool m_logY = false;
    QList<Fill> m_fills;
    double m_crosshairX = 0;
    double m_selectionX = 0;
    QGraphicsLineItem* m_crosshair;
    QGraphicsLineItem* m_selection;
    ChartFillItem* m_fillItem;
    QList<MarkerItems> m_markers;
    QColor m_markerColour;
    QColor m_failureColour;
    QColor m_noteColour;
    QColor m_labelBackground;
};

} // namespace bengal
