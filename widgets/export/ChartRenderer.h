#pragma once

#include "export/ChartScene.h"

#include <QColor>
#include <QRectF>
#include <memory>

class QPainter;

namespace bengal {

// Paints a scene's charts into any QPainter (image, SVG, PDF) at the painter's size: the
// charts are rebuilt off screen from the scene and reduce their builds to the target's pixel
// columns, exactly as on screen, so even a million builds give a few thousand points per series.
class ChartRenderer
{
public:
    explicit ChartRenderer(const ChartScene& scene);
    ~ChartRenderer();
    ChartRenderer(const ChartRenderer&) = delete;
    ChartRenderer& operator=(const ChartRenderer&) = delete;

    // Paints `target` into `rect` (logical units of the painter's device).
    void paint(QPainter& painter, const QRectF& rect, ChartTarget target);
    // What fills the page around the charts.
    QColor background() const;
    // The title strip's text (plain text), for tests and the SVG/PDF document title.
    QString title() const;
    QString subtitle() const;

private:
    class TrendChart* chart(ChartTarget target);
    void paintHeader(QPainter& painter, const QRectF& rect);
    qreal headerHeight(QPainter& painter) const;
    // Lays the chart out at `size`; `fit`: with a legend font small enough for every entry.
    static QRectF layOut(TrendChart* chart, const QSizeF& size, bool fit = true);
    static void alignPlotAreas(TrendChart* a, const QSizeF& sizeA, TrendChart* b,
                               const QSizeF& sizeB);

    ChartScene m_scene;
    QPalette m_palette;
    std::unique_ptr<TrendChart> m_phases;
    std::unique_ptr<TrendChart> m_memory;
    std::unique_ptr<TrendChart> m_total;
};

} // namespace bengal
