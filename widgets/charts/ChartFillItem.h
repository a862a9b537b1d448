#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QImage>
#include <QList>
#include <QPolygonF>

namespace bengal {

// Filled regions of the plot (the noise band, stacked layers) drawn column by column into an
// image that is blended in one go. Qt's own polygon fill (and so QAreaSeries) costs in
// proportion to the spans on every scanline, which for reduced, jagged data went from
// milliseconds to seconds; this costs about one blend of the plot area whatever the shape.
class ChartFillItem : public QGraphicsItem
{
public:
    struct Region
    {
        QPolygonF upper; // chart coordinates, x ascending
        QPolygonF lower; // empty: down to `baseline`
        double baseline = 0;
        QColor colour;
        // Valid: `upper` is also drawn as a 1 px line in this colour, over every fill. Much
        // cheaper than a chart series for the edges of reduced stacked layers.
        QColor edge = {};
    };

    explicit ChartFillItem(QGraphicsItem* parent);

    void setPlotArea(const QRectF& plot);
    // Regions are painted in order, later ones over earlier ones.
    void setRegions(const QList<Region>& regions);
    qsizetype regionCount() const { return m_regions.size(); }

    QRectF boundingRect() const override { return m_plot; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // The highest (top) and lowest (bottom) y a polyline reaches in each of `columns` columns
    // of width `step` starting at `left`; NaN where it does not reach. Exposed for tests.
    static void columnExtents(const QPolygonF& line, double left, double step, int columns,
                              std::vector<float>& top, std::vector<float>& bottom);

private:
    void rebuild(qreal scale);

    QRectF m_plot;
    QList<Region> m_regions;
    QImage m_image;
    qreal m_imageScale = 0; // device pixels per chart unit the image was built for; 0 = stale
    int m_usedTop = 0;      // image rows [m_usedTop, m_usedBottom) hold something
    int m_usedBottom = 0;
};

} // namespace bengal
