#include "charts/ChartAxes.h"

#include "charts/ChartPalette.h"
#include "charts/TimeTicks.h"

#include <QAbstractSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <QFontMetricsF>
#include <QLogValueAxis>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

QString axisText(const char* text)
{
    return QCoreApplication::translate("bengal::TrendChart", text);
}

// Qt Charts prints axis labels with a printf format: enough decimals for the step, no more.
QString labelFormat(double step)
{
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-9)
        ++decimals;
    return QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
}

void styleAxis(QAbstractAxis* axis, const ChartPalette& p, const QFont& font)
{
    QFont title = font;
    title.setPointSizeF(font.pointSizeF() * 0.95);
    title.setBold(false);
    axis->setLabelsFont(font);
    axis->setTitleFont(title);
    axis->setLabelsColor(p.text);
    axis->setTitleBrush(p.mutedText);
    axis->setGridLineColor(p.grid);
    axis->setMinorGridLineColor(p.minorGrid);
    axis->setLinePenColor(p.axisLine);
}

} // namespace

double niceStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / power;
    const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * power;
}

AxisRange fitYRange(double lo, double hi, bool log, int ticks)
{
    if (log) {
        if (!(lo <= hi) || !(hi > 0))
            return {1, 10, 0};
        lo = std::max(lo, hi * 1e-9);
        const double min = std::pow(10.0, std::floor(std::log10(lo)));
        double max = std::pow(10.0, std::ceil(std::log10(hi)));
        if (max <= min)
            max = min * 10;
        return {min, max, 0};
    }
    if (!(lo <= hi))
        return {0, 1, 0.2};
    if (lo > 0)
        lo = 0;
    hi += (hi - lo) * 0.06;
    if (hi <= lo)
        hi = lo + 1;
    const double step = niceStep((hi - lo) / std::max(1, ticks));
    return {std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

ChartAxes::ChartAxes(QChart* chart, QObject* parent)
    : QObject(parent), m_chart(chart), m_time(new QCategoryAxis(this)),
      m_index(new QValueAxis(this)), m_linear(new QValueAxis(this)), m_log(new QLogValueAxis(this))
{
    m_time->setTitleText(axisText("Build time (UTC)"));
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_index->setTitleText(axisText("Build (row in the history)"));
    m_index->setTickType(QValueAxis::TicksDynamic);
    m_index->setTickAnchor(0);
    m_index->setLabelFormat(QStringLiteral("%.0f"));
    m_linear->setTickType(QValueAxis::TicksDynamic);
    m_linear->setTickAnchor(0);
    m_log->setBase(10);
    m_log->setLabelFormat(QStringLiteral("%g"));
    m_log->setMinorTickCount(8);
    m_chart->addAxis(m_index, Qt::AlignBottom);
    m_chart->addAxis(m_log, Qt::AlignLeft);
    m_index->setVisible(false);
    m_log->setVisible(false);
    swap(m_x, m_time, Qt::AlignBottom);
    swap(m_y, m_linear, Qt::AlignLeft);
}

ChartAxes::~ChartAxes() = default;

void ChartAxes::swap(QAbstractAxis*& current, QAbstractAxis* next, Qt::Alignment alignment)
{
    // Every axis stays in the chart; the unused one is hidden and holds no series. (Removing an
    // axis from a QChart leaves its labels on screen until the event loop deletes them.)
    if (current == next)
        return;
    if (!next->parent() || next->parent() == this)
        m_chart->addAxis(next, alignment);
    for (QAbstractSeries* series : std::as_const(m_series)) {
        if (current)
            series->detachAxis(current);
        series->attachAxis(next);
    }
    if (current)
        current->setVisible(false);
    next->setVisible(true);
    current = next;
}

void ChartAxes::setXMode(ChartXMode mode)
{
    m_xMode = mode;
    swap(m_x, mode == ChartXMode::Time ? static_cast<QAbstractAxis*>(m_time) : m_index,
         Qt::AlignBottom);
}

void ChartAxes::setLogY(bool log)
{
    m_logY = log;
    swap(m_y, log ? static_cast<QAbstractAxis*>(m_log) : m_linear, Qt::AlignLeft);
}

void ChartAxes::setYTitles(const QStringList& titles)
{
    m_yTitles = titles;
    m_linearTitle.clear();
    m_logTitle.clear();
    fitYTitle(std::numeric_limits<qreal>::max());
}

void ChartAxes::fitYTitle(qreal plotHeight)
{
    if (m_yTitles.isEmpty())
        return;
    // Log titles say so; on a very low chart the last resort is the plain shortest title
    // (the decade labels show the scale).
    QStringList logTitles;
    for (const QString& title : std::as_const(m_yTitles))
        logTitles.append(axisText("%1, log scale").arg(title));
    logTitles.append(m_yTitles.last());
    // The longest title that fits, leaving a little room for the axis' own margins; the
    // shortest when none does.
    const auto fit = [&](QAbstractAxis* axis, const QStringList& titles) {
        const QFontMetricsF metrics(axis->titleFont());
        for (const QString& title : titles) {
            if (metrics.horizontalAdvance(title) + 8 <= plotHeight)
                return title;
        }
        return titles.last();
    };
    // Setting a title lays the chart out again: only on a change.
    if (const QString title = fit(m_linear, m_yTitles); title != m_linearTitle) {
        m_linearTitle = title;
        m_linear->setTitleText(title.toHtmlEscaped());
    }
    if (const QString title = fit(m_log, logTitles); title != m_logTitle) {
        m_logTitle = title;
        m_log->setTitleText(title.toHtmlEscaped());
    }
}

QString ChartAxes::yTitle() const
{
    return m_logY ? m_logTitle : m_linearTitle;
}

void ChartAxes::attach(QAbstractSeries* series)
{
    m_series.append(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
}

void ChartAxes::detach(QAbstractSeries* series)
{
    m_series.removeAll(series);
}

void ChartAxes::setRanges(double xMin, double xMax, double yLo, double yHi, QSizeF plotSize)
{
    const double width = std::max(100.0, plotSize.width());
    const double height = std::max(60.0, plotSize.height());
    if (m_xMode == ChartXMode::Time) {
        setTimeTicks(xMin, xMax, std::clamp(int(width / 85), 2, 12));
        m_time->setRange(xMin, xMax);
    } else {
        m_index->setTickInterval(std::max(1.0, niceStep((xMax - xMin) / (width / 90))));
        m_index->setRange(xMin, xMax);
    }
    m_yRange = fitYRange(yLo, yHi, m_logY, std::clamp(int(height / 55), 2, 12));
    if (m_logY) {
        m_log->setRange(m_yRange.min, m_yRange.max);
    } else {
        m_linear->setTickInterval(m_yRange.step);
        m_linear->setLabelFormat(labelFormat(m_yRange.step));
        m_linear->setRange(m_yRange.min, m_yRange.max);
    }
}

void ChartAxes::applyPalette(const ChartPalette& palette, const QFont& font)
{
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_time), static_cast<QAbstractAxis*>(m_index),
          static_cast<QAbstractAxis*>(m_linear), static_cast<QAbstractAxis*>(m_log)})
        styleAxis(axis, palette, font);
}

void ChartAxes::setTimeTicks(double xMin, double xMax, int maxTicks)
{
    const QList<TimeTick> ticks = timeTicks(xMin, xMax, maxTicks);
    const QStringList old = m_time->categoriesLabels();
    bool same = old.size() == ticks.size();
    for (qsizetype i = 0; same && i < ticks.size(); ++i)
        same = old[i] == ticks[i].label && m_time->endValue(old[i]) == ticks[i].ms;
    if (same)
        return;
    for (const QString& label : old)
        m_time->remove(label);
    m_time->setStartValue(xMin);
    for (const TimeTick& tick : ticks)
        m_time->append(tick.label, tick.ms);
}

} // namespace bengal
