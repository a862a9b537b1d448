// TrendChart: hover crosshair and tooltip, click selection, keyboard stepping.
#include "charts/TrendChart.h"

#include "charts/ChartOverlay.h"
#include "charts/ChartTooltip.h"
#include "charts/TrendChartView.h"
#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"

#include <QChart>
#include <QDateTime>
#include <QLineSeries>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

QString signedPercent(double pct)
{
    const QString number = QString::number(std::abs(pct), 'f', std::abs(pct) < 10 ? 1 : 0);
    return (pct < 0 ? QString(QChar(0x2212)) : QStringLiteral("+")) + number;
}

} // namespace

qsizetype TrendChart::indexAtChartX(double chartX) const
{
    return m_columns.nearestIndex(m_overlay->positionToX(chartX));
}

void TrendChart::onHover(const QPointF& chartPos)
{
    const qsizetype index = indexAtChartX(chartPos.x());
    if (index < 0) {
        onHoverLeft();
        return;
    }
    const int row = int(m_columns.rowAt(index));
    m_overlay->showCrosshair(m_columns.xAt(index));
    if (row != m_hoverRow || !m_tooltip->isVisible()) {
        QString note =
            m_kind == TrendKind::Memory
                ? tr("RSS \u0394 and heap \u0394 are changes during the build; peak heap is the "
                     "absolute tracemalloc peak (0 = not measured).")
                : QString();
        // What the markers at this build say (regressions, failed runs, notes) comes first.
        QStringList marked;
        const auto collect = [&marked, row](const QList<ChartMarker>& markers,
                                            const QStringList& tooltips) {
            for (qsizetype i = 0; i < markers.size(); ++i)
                if (markers[i].row == row)
                    marked.append(tooltips.value(i, markers[i].label));
        };
        collect(m_markers, {});
        for (const MarkerLayer& layer : std::as_const(m_markerLayers))
            collect(layer.markers, layer.tooltips);
        if (!marked.isEmpty())
            note = marked.join(QLatin1Char('\n')) +
                   (note.isEmpty() ? QString() : QLatin1String("\n") + note);
        m_tooltip->setContent(tooltipTitle(index), tooltipRows(index), note);
    }
    m_tooltip->placeNear(m_view->fromChart(chartPos),
                         m_view->fromChart(m_chart->plotArea().topLeft()).y() + 6);
    if (row != m_hoverRow) {
        m_hoverRow = row;
        emit hoveredBuildChanged(row);
    }
}

void TrendChart::onHoverLeft()
{
    m_overlay->hideCrosshair();
    m_tooltip->hide();
    if (m_hoverRow != -1) {
        m_hoverRow = -1;
        emit hoveredBuildChanged(-1);
    }
}

QString TrendChart::tooltipText() const
{
    return m_hoverRow < 0 ? QString() : m_tooltip->plainText();
}

QString TrendChart::tooltipTitle(qsizetype index) const
{
    const HistoryStore& store = *m_columns.store();
    const qsizetype row = m_columns.rowAt(index);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(store.timestampUs(row) / 1000, Qt::UTC);
    const std::uint8_t flags = store.flags(row);
    QStringList kind;
    if (flags & BuildFlag::IncrementalKnown)
        kind.append(flags & BuildFlag::Incremental ? tr("incremental") : tr("full"));
    if (flags & BuildFlag::ParallelKnown)
        kind.append(flags & BuildFlag::Parallel ? tr("parallel") : tr("sequential"));
    QString title = tr("Build %1 \u00b7 %2 UTC")
                        .arg(row)
                        .arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (!kind.isEmpty())
        title += QStringLiteral(" \u00b7 ") + kind.join(QStringLiteral(", "));
    return title;
}

QList<TooltipRow> TrendChart::tooltipRows(qsizetype index)
{
    const HistoryStore& store = *m_columns.store();
    const qsizetype row = m_columns.rowAt(index);
    const int window = m_options.medianWindow;
    const auto rowFor = [&](const QString& metric, const QString& label, const QColor& colour,
                            ColumnView view) {
        TooltipRow r;
        r.colour = colour;
        r.label = label;
        const int col = store.metricIndex(metric);
        const double v = col < 0 ? std::numeric_limits<double>::quiet_NaN() : store.value(col, row);
        if (view == ColumnView::ZeroAsMissing && v == 0) {
            r.value = tr("not measured");
            return r;
        }
        r.value = formatValue(v, unitOf(metric));
        const double median =
            ChartColumns::trailingMedian(m_columns.column(metric, view), index, window);
        if (std::isfinite(v) && std::isfinite(median) && median != 0)
            r.change =
                tr("%1 % vs median").arg(signedPercent((v - median) / std::abs(median) * 100));
        return r;
    };

    QList<TooltipRow> rows;
    for (const Item& item : std::as_const(m_items)) {
        if (m_options.isVisible(item.spec.metric))
            rows.append(rowFor(item.spec.metric, item.spec.label, item.spec.color, item.spec.view));
    }
    // The other chart's headline numbers, so one tooltip tells the whole story of a build.
    QStringList extra;
    if (m_kind == TrendKind::Phases) {
        for (const QString& metric : MetricCatalog::memoryMetrics()) {
            if (store.metricIndex(metric) >= 0)
                extra.append(metric);
        }
    } else if (store.metricIndex(QStringLiteral("build_time_ms")) >= 0) {
        extra.append(QStringLiteral("build_time_ms"));
    }
    if (!extra.isEmpty()) {
        TooltipRow heading;
        heading.heading = true;
        heading.label = m_kind == TrendKind::Phases ? tr("Memory") : tr("Build");
        rows.append(heading);
        for (const QString& metric : std::as_const(extra)) {
            const ColumnView view = metric == QLatin1String("memory_peak_mb")
                                        ? ColumnView::ZeroAsMissing
                                        : ColumnView::AsIs;
            rows.append(rowFor(metric, MetricCatalog::label(metric), QColor(), view));
        }
    }
    return rows;
}

void TrendChart::onClick(const QPointF& chartPos)
{
    const qsizetype index = indexAtChartX(chartPos.x());
    if (index >= 0)
        selectIndex(index);
}

void TrendChart::onStep(int delta)
{
    if (m_columns.isEmpty())
        return;
    qsizetype index = m_columns.indexOfRow(m_selectedRow);
    if (index < 0) {
        // Nothing selected yet: start from the build nearest the middle of the view.
        const auto [a, b] = visibleRange();
        selectIndex(m_columns.nearestIndex((a + b) / 2));
        return;
    }
    selectIndex(std::clamp<qsizetype>(index + delta, 0, m_columns.size() - 1));
}

void TrendChart::selectIndex(qsizetype index)
{
    if (index < 0 || index >= m_columns.size())
        return;
    const int row = int(m_columns.rowAt(index));
    ensureIndexVisible(index);
    setSelectedBuild(row);
    emit buildSelected(row);
}

void TrendChart::ensureIndexVisible(qsizetype index)
{
    if (!m_zoomed)
        return;
    const double x = m_columns.xAt(index);
    const double span = m_rangeMax - m_rangeMin;
    const double margin = span * 0.1;
    if (x < m_rangeMin + margin / 2)
        setRangeInternal(x - margin, x - margin + span);
    else if (x > m_rangeMax - margin / 2)
        setRangeInternal(x + margin - span, x + margin);
}

QPoint TrendChart::viewportPositionOf(int row, const QString& metric) const
{
    const qsizetype index = m_columns.indexOfRow(row);
    const auto it = m_itemIndex.constFind(metric);
    if (index < 0 || it == m_itemIndex.constEnd())
        return QPoint(-1, -1);
    const Item& item = m_items[*it];
    const int col = m_columns.store()->metricIndex(metric);
    const QPointF value(m_columns.xAt(index), m_columns.store()->value(col, row));
    return m_view->fromChart(m_chart->mapToPosition(value, item.line));
}

} // namespace bengal
