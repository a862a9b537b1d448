#pragma once

#include "charts/ChartColumns.h"

#include <QList>
#include <QObject>
#include <QSizeF>
#include <QStringList>

class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QCategoryAxis;
class QLogValueAxis;
class QValueAxis;
class QFont;

namespace bengal {

struct ChartPalette;

// A y range with round ends and a round tick step.
struct AxisRange
{
    double min = 0;
    double max = 1;
    double step = 0.2; // 0 for log axes
};

// The range to show for data in [lo, hi] (lo > hi: no data) with about `ticks` ticks. Linear
// ranges start at zero for non-negative data and get a little headroom; log ranges are whole
// decades so there is always a labelled tick.
AxisRange fitYRange(double lo, double hi, bool log, int ticks);
// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
double niceStep(double raw);

// The axes of a trend chart: x by time or by build index, y linear or log. Only two axes are
// in the chart at any time; switching moves every attached series to the new axis.
class ChartAxes : public QObject
{
public:
    ChartAxes(QChart* chart, QObject* parent);
    ~ChartAxes() override;

    void setXMode(ChartXMode mode);
    ChartXMode xMode() const { return m_xMode; }
    void setLogY(bool log);
    bool logY() const { return m_logY; }
    // Y axis titles, longest first: the longest that fits the plot's height is shown (a
    // vertical title longer than the plot is cut off).
    void setYTitles(const QStringList& titles);
    // Picks the title for a plot `plotHeight` high (chart units).
    void fitYTitle(qreal plotHeight);
    QString yTitle() const; // as shown on the y axis in use (plain text)

    void attach(QAbstractSeries* series);
    void detach(QAbstractSeries* series);

    // Sets the x range and a y range fitted to [yLo, yHi], with ticks spaced for the plot size.
    // Called before the series get their new points, so Qt Charts lays points out only once.
    void setRanges(double xMin, double xMax, double yLo, double yHi, QSizeF plotSize);
    AxisRange yRange() const { return m_yRange; }

    void applyPalette(const ChartPalette& palette, const QFont& font);

    QAbstractAxis* xAxis() const { return m_x; }
    QAbstractAxis* yAxis() const { return m_y; }

private:
    void swap(QAbstractAxis*& current, QAbstractAxis* next, Qt::Alignment alignment);
    void setTimeTicks(double xMin, double xMax, int maxTicks);

    QChart* m_chart;
    QList<QAbstractSeries*> m_series;
    QCategoryAxis* m_time; // labels at round UTC times (QDateTimeAxis spaces ticks evenly)
    QValueAxis* m_index;
    QValueAxis* m_linear;
    QLogValueAxis* m_log;
    QAbstractAxis* m_x = nullptr;
    QAbstractAxis* m_y = nullptr;
    ChartXMode m_xMode = ChartXMode::Time;
    bool m_logY = false;
    AxisRange m_yRange;
    QStringList m_yTitles;
    QString m_linearTitle; // as shown (plain text)
    QString m_logTitle;
};

} // namespace bengal
