#pragma once

#include "charts/ChartPalette.h"

#include <QList>
#include <QWidget>

class QAreaSeries;
class QChart;
class QChartView;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

namespace bengal {

struct CollectedRun;

// The memory of one collected run over time: the process tree's RSS at every sample (x in
// seconds from the launch) with the build's phases as shaded bands, each labelled with the
// phase name (plain text). A run has at most 2000 samples, so they go to Qt Charts as they are.
class RunRssChart : public QWidget
{
    Q_OBJECT
public:
    explicit RunRssChart(QWidget* parent = nullptr);
    ~RunRssChart() override;

    void setRun(const CollectedRun& run);
    void clear();

    // For tests: points of the RSS line, phase bands and their labels as drawn.
    qsizetype pointCount() const;
    qsizetype bandCount() const { return m_bands.size(); }
    QStringList bandLabels() const;
    QChart* chart() const { return m_chart; }

    QSize sizeHint() const override { return {420, 200}; }
    QSize minimumSizeHint() const override { return {200, 140}; }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Band
    {
        double from = 0; // seconds
        double to = 0;
        QString name;
        QGraphicsRectItem* rect = nullptr;
        QGraphicsSimpleTextItem* text = nullptr;
        QGraphicsRectItem* textBox = nullptr;
    };
    void applyPalette();
    void placeBands();
    void clearBands();

    QChart* m_chart;
    QChartView* m_view;
    QLineSeries* m_line;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QList<Band> m_bands;
    ChartPalette m_palette;
};

} // namespace bengal
