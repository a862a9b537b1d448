#include "run/RunMemoryChart.h"

#include "charts/ChartPalette.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace bengal {

RunMemoryChart::RunMemoryChart(QWidget* parent)
    : QWidget(parent), m_chart(new QChart), m_line(new QLineSeries), m_baseline(new QLineSeries),
      m_x(new QValueAxis), m_y(new QValueAxis)
{
    // The chart owns the area series and the axes; the area series' bounding lines belong to
    // it, so they outlive its destructor.
    m_area = new QAreaSeries(m_line, m_baseline);
    m_line->setParent(m_area);
    m_baseline->setParent(m_area);
    m_area->setName(tr("Tree RSS"));
    m_chart->addSeries(m_area);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 8, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x->setTitleText(tr("seconds since launch"));
    m_y->setTitleText(tr("tree RSS (MiB)"));
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_area->attachAxis(m_x);
    m_area->attachAxis(m_y);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(140);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(200);
    connect(&m_redraw, &QTimer::timeout, this, &RunMemoryChart::redrawNow);
    applyPalette();
    clear();
}

void RunMemoryChart::clear()
{
    m_points.clear();
    m_peakMb = 0;
    redrawNow();
}

void RunMemoryChart::addSample(qint64 atMs, double rssMb)
{
    if (!std::isfinite(rssMb))
        return;
    m_points.append(QPointF(double(atMs) / 1000.0, rssMb));
    m_peakMb = std::max(m_peakMb, rssMb);
    if (m_points.size() > MaxPoints) {
        QList<QPointF> merged;
        merged.reserve(m_points.size() / 2 + 1);
        for (qsizetype i = 0; i + 1 < m_points.size(); i += 2) {
            const QPointF& a = m_points.at(i);
            const QPointF& b = m_points.at(i + 1);
            merged.append(a.y() >= b.y() ? a : b);
        }
        if (m_points.size() % 2)
            merged.append(m_points.last());
        m_points = merged;
    }
    if (!m_redraw.isActive())
        m_redraw.start();
}

void RunMemoryChart::redrawNow()
{
    m_redraw.stop();
    const double lastX = m_points.isEmpty() ? 0.0 : m_points.last().x();
    QList<QPointF> base;
    if (!m_points.isEmpty())
        base = {QPointF(m_points.first().x(), 0), QPointF(lastX, 0)};
    m_line->replace(m_points);
    m_baseline->replace(base);
    // Round the axes up to steps that read well and grow rarely as the run goes on; ticks on
    // round values (1-2-5 series), about five of them.
    const auto niceStep = [](double range) {
        const double raw = std::max(range, 1e-9) / 5.0;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        for (const double factor : {1.0, 2.0, 5.0}) {
            if (raw <= factor * magnitude)
                return factor * magnitude;
        }
        return 10.0 * magnitude;
    };
    const double xStep = niceStep(std::max(5.0, lastX));
    const double yStep = niceStep(std::max(10.0, m_peakMb * 1.1));
    m_x->setRange(0, std::max(5.0, std::ceil(lastX / xStep) * xStep));
    m_y->setRange(0, std::max(10.0, std::ceil(m_peakMb * 1.1 / yStep) * yStep));
    m_x->setTickInterval(xStep);
    m_y->setTickInterval(yStep);
}

void RunMemoryChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void RunMemoryChart::applyPalette()
{
    const ChartPalette p = ChartPalette::fromPalette(palette());
    m_chart->setBackgroundBrush(p.background);
    m_chart->setPlotAreaBackgroundBrush(p.plotArea);
    m_chart->setPlotAreaBackgroundVisible(true);
    const QColor colour = p.series(0);
    m_area->setPen(QPen(colour, 1.6));
    QColor fill = colour;
    fill.setAlphaF(p.dark ? 0.35f : 0.25f);
    m_area->setBrush(fill);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsColor(p.text);
        axis->setTitleBrush(p.mutedText);
        axis->setGridLineColor(p.grid);
        axis->setLinePenColor(p.axisLine);
        axis->setMinorGridLineColor(p.minorGrid);
    }
}

} // namespace bengal
