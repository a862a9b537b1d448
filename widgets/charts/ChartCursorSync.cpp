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
    connect(chart, &TrendChart::redrawn, this, &ChartCursorSync::align);
    connect(chart, &QObject::destroyed, this, [this] { m_charts.removeAll(nullptr); });
    align();
}

void ChartCursorSync::setAlignPlotAreas(bool align)
{
    m_align = align;
    if (!align) {
        for (TrendChart* chart : charts())
            chart->setPlotPadding(0, 0);
    }
    this->align();
}

void ChartCursorSync::align()
{
    const QList<TrendChart*> all = charts();
    if (!m_align || all.size() < 2)
        return;
    qreal left = 0, right = 0;
    QList<QPair<qreal, qreal>> insets;
    for (TrendChart* chart : all) {
        insets.append(chart->isVisible() ? chart->naturalPlotInsets() : qMakePair(0.0, 0.0));
        left = std::max(left, insets.last().first);
        right = std::max(right, insets.last().second);
    }
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all[i]->isVisible())
            all[i]->setPlotPadding(left - insets[i].first, right - insets[i].second);
    }
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
