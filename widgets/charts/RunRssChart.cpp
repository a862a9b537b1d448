#include "charts/RunRssChart.h"

#include "charts/ChartStyle.h"
#include "runs/CollectedRun.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace bengal {

namespace {

// A round step for about `ticks` intervals over `span`.
double niceStep(double span, int ticks)
{
    const double raw = span / std::max(ticks, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (f * magnitude >= raw)
            return f * magnitude;
    }
    return 10 * magnitude;
}

constexpr double kBandZ = 1.5; // Qt Charts: plot area 0, grid 2, series 4 and up
constexpr double kLabelZ = 10; // over everything

} // namespace

RunRssChart::RunRssChart(QWidget* parent)
    : QWidget(parent), m_chart(new QChart), m_line(new QLineSeries), m_x(new QValueAxis),
      m_y(new QValueAxis)
{
    setObjectName(QStringLiteral("runRssChart"));
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 8, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->addSeries(m_line);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_line->attachAxis(m_x);
    m_line->attachAxis(m_y);
    m_x->setTitleText(tr("Seconds from launch"));
    m_y->setTitleText(tr("Tree RSS (MiB)"));
    m_x->setLabelFormat(QStringLiteral("%g"));
    m_y->setLabelFormat(QStringLiteral("%g"));
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { placeBands(); });
    applyPalette();
}

RunRssChart::~RunRssChart()
{
    clearBands();
}

void RunRssChart::clearBands()
{
    for (const Band& band : std::as_const(m_bands)) {
        delete band.text;
        delete band.textBox;
        delete band.rect;
    }
    m_bands.clear();
}

void RunRssChart::clear()
{
    clearBands();
    m_line->clear();
}

void RunRssChart::setRun(const CollectedRun& run)
{
    clear();
    const double step = run.sampleIntervalMs / 1000.0;
    QList<QPointF> points;
    points.reserve(qsizetype(run.rssSamplesMb.size()));
    double top = 0;
    for (std::size_t i = 0; i < run.rssSamplesMb.size(); ++i) {
        const double mb = run.rssSamplesMb[i];
        if (!std::isfinite(mb))
            continue;
        points.append({double(i) * step, mb});
        top = std::max(top, mb);
    }
    double end = std::isfinite(run.wallMs) ? run.wallMs / 1000.0 : 0;
    end = std::max(end, points.isEmpty() ? 0.0 : points.last().x());
    for (const CollectedPhase& phase : run.phases)
        end = std::max(end, double(phase.startMs + phase.durationMs) / 1000.0);
    if (end <= 0)
        end = 1;
    if (std::isfinite(run.peakRssMb))
        top = std::max(top, run.peakRssMb);
    const double yStep = niceStep(top > 0 ? top : 1, 4);
    const double xStep = niceStep(end, 6);
    // Axis ranges first, then the points (Qt Charts redraws on every change otherwise).
    m_x->setRange(0, std::ceil(end / xStep) * xStep);
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_x->setTickInterval(xStep);
    m_y->setRange(0, std::ceil(top * 1.12 / yStep) * yStep);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(yStep);
    m_line->replace(points);
    m_line->setName(tr("Tree RSS"));

    for (const CollectedPhase& phase : run.phases) {
        Band band;
        band.from = phase.startMs / 1000.0;
        band.to = (phase.startMs + phase.durationMs) / 1000.0;
        band.name = phase.name;
        band.rect = new QGraphicsRectItem(m_chart);
        band.rect->setZValue(kBandZ);
        band.rect->setPen(Qt::NoPen);
        band.textBox = new QGraphicsRectItem(m_chart);
        band.textBox->setZValue(kLabelZ);
        band.textBox->setPen(Qt::NoPen);
        band.text = new QGraphicsSimpleTextItem(m_chart); // never interprets markup
        band.text->setZValue(kLabelZ + 1);
        band.text->setText(phase.name);
        band.rect->setToolTip(tr("%1: %2 ms from %3 ms")
                                  .arg(phase.name)
                                  .arg(double(phase.durationMs), 0, 'f', 0)
                                  .arg(double(phase.startMs), 0, 'f', 0));
        m_bands.append(band);
    }
    applyPalette();
    placeBands();
}

qsizetype RunRssChart::pointCount() const
{
    return m_line->count();
}

QStringList RunRssChart::bandLabels() const
{
    QStringList out;
    for (const Band& band : m_bands)
        out << band.text->text();
    return out;
}

void RunRssChart::placeBands()
{
    const QRectF plot = m_chart->plotArea();
    if (plot.isEmpty())
        return;
    const double span = m_x->max() - m_x->min();
    const auto toX = [&](double seconds) {
        return plot.left() + (seconds - m_x->min()) / (span > 0 ? span : 1) * plot.width();
    };
    // Labels sit at the top of their band; one that would overlap the label before it drops
    // a row (nested and short phases are common).
    QList<double> rowEnds;
    for (Band& band : m_bands) {
        const double left = std::clamp(toX(band.from), plot.left(), plot.right());
        const double right = std::clamp(toX(band.to), plot.left(), plot.right());
        band.rect->setRect(QRectF(left, plot.top(), std::max(right - left, 1.0), plot.height()));
        const QRectF textRect = band.text->boundingRect();
        double x = left + 2;
        if (x + textRect.width() > plot.right())
            x = plot.right() - textRect.width() - 2;
        int row = 0;
        while (row < rowEnds.size() && rowEnds[row] > x - 3)
            ++row;
        if (row == rowEnds.size())
            rowEnds.append(0);
        rowEnds[row] = x + textRect.width();
        const double y = plot.top() + 2 + row * (textRect.height() + 1);
        band.text->setPos(x, y);
        band.textBox->setRect(QRectF(x - 1, y, textRect.width() + 2, textRect.height()));
    }
}

void RunRssChart::applyPalette()
{
    m_palette = ChartPalette::fromPalette(palette());
    m_chart->setBackgroundBrush(m_palette.background);
    m_chart->setPlotAreaBackgroundBrush(m_palette.plotArea);
    m_chart->setPlotAreaBackgroundVisible(true);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsBrush(m_palette.text);
        axis->setTitleBrush(m_palette.mutedText);
        axis->setGridLineColor(m_palette.grid);
        axis->setLinePenColor(m_palette.axisLine);
        QFont font = axis->titleFont();
        font.setPointSizeF(font.pointSizeF() * 0.9);
        font.setBold(false);
        axis->setTitleFont(font);
    }
    QPen pen(m_palette.total, 1.8);
    pen.setCosmetic(true);
    m_line->setPen(pen);
    QColor labelBackground = m_palette.plotArea;
    labelBackground.setAlphaF(0.8f);
    for (int i = 0; i < m_bands.size(); ++i) {
        Band& band = m_bands[i];
        const QColor c = m_palette.series(i);
        band.rect->setBrush(chartstyle::withAlpha(c, m_palette.dark ? 0.22 : 0.16));
        band.text->setBrush(m_palette.text);
        band.textBox->setBrush(labelBackground);
        // A coloured edge on the left marks where the phase starts.
        band.rect->setPen(QPen(chartstyle::withAlpha(c, 0.8), 0));
    }
}

void RunRssChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

} // namespace bengal
