#include "charts/ChartCursorSync.h"

#include "charts/TrendChart.h"

namespace bengal {

ChartCursorSync::ChartCursorSync(QObject* parent) : QObject(parent)
{}

void ChartCursorSync::addChart(TrendChart* chart)
{
    if (!chart || charts().contains(chart))
        return;
    m_charts.append(chart);
    connect(chart, &TrendChart::hoveredBuildChanged, this,
            [this, chart](int row) { onHover(chart, row); });
    connect(chart, &TrendChart::visibleRangeChanged, this,
            [this, chart](double a, double b) { onRange(chart, a, b); });
    connect(chart, &TrendChart::buildSelected, this,
            [this, chart](int row) { onSelected(chart, row); });
    connect(chart, &QObject::destroyed, this, [this] { m_charts.removeAll(nullptr); });
}

void ChartCursorSync::removeChart(TrendChart* chart)
{
    m_charts.removeAll(chart);
    disconnect(chart, nullptr, this, nullptr);
}

QList<TrendChart*> ChartCursorSync::charts() const
{
    QList<TrendChart*> out;
    for (const QPointer<TrendChart>& c : m_charts) {
        if (c)
            out.append(c);
    }
    return out;
}

void ChartCursorSync::onHover(TrendChart* source, int row)
{
    for (TrendChart* chart : charts()) {
        if (chart != source)
            chart->showCrosshairAtRow(row);
    }
    emit hoveredBuildChanged(row);
}

void ChartCursorSync::onRange(TrendChart* source, double xMin, double xMax)
{
    if (!m_syncRange || m_busy)
        return;
    m_busy = true;
    for (TrendChart* chart : charts()) {
        if (chart == source || chart->options().xMode != source->options().xMode)
            continue;
        if (source->isZoomed())
            chart->setVisibleRange(xMin, xMax);
        else
            chart->resetZoom();
    }
    m_busy = false;
}

void ChartCursorSync::onSelected(TrendChart* source, int row)
{
    if (!m_syncSelection)
        return;
    for (TrendChart* chart : charts()) {
        if (chart != source)
            chart->setSelectedBuild(row);
    }
}

} // namespace bengal
