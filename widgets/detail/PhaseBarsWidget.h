#pragma once

#include "detail/PhaseBreakdown.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QRectF>
#include <QWidget>

namespace bengal {

// One horizontal bar per build: its phases as segments in build order, then the unattributed
// rest (hatched), all bars on one scale so builds compare at a glance. A legend with each
// phase's time and share (for one build) or its name (for several) follows the bars.
class PhaseBarsWidget : public QWidget
{
    Q_OBJECT
public:
    struct Bar
    {
        QString title; // plain text, shown above the bar
        PhaseBreakdown breakdown;
    };

    explicit PhaseBarsWidget(QWidget* parent = nullptr);

    void setBars(const QList<Bar>& bars);
    void setColors(const QHash<QString, QColor>& colors);
    const QList<Bar>& bars() const { return m_bars; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Segment
    {
        QRectF rect;
        QString tip;
    };
    struct LegendItem
    {
        QString metric;
        QString text;
    };
    QColor colorOf(const QString& metric, int index) const;
    QList<LegendItem> legendItems() const;
    // Lays out the legend for `width`; returns its height and, when asked, the item rectangles.
    int layoutLegend(int width, QList<QRect>* rects) const;
    int barsHeight() const;
    double scaleMax() const;

    QList<Bar> m_bars;
    QHash<QString, QColor> m_colors;
    QList<Segment> m_segments; // from the last paint, for tooltips
};

} // namespace bengal
