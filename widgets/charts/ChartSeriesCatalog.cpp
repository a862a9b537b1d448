#include "charts/ChartSeriesCatalog.h"

#include "charts/ChartPalette.h"
#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"

#include <QCoreApplication>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::TrendChart", text);
}

const QLatin1String kLedgerPrefix("phase_timings_ms.");

bool isCollectorPeak(const QString& metric)
{
    return metric.endsWith(QLatin1String("peak_rss_mb"));
}

QList<SeriesSpec> phaseSeries(const HistoryStore& store, const ChartPalette& palette)
{
    QList<SeriesSpec> out;
    if (store.metricIndex(QStringLiteral("build_time_ms")) >= 0) {
        out.append({QStringLiteral("build_time_ms"),
                    MetricCatalog::label(QStringLiteral("build_time_ms")), SeriesSpec::Role::Total,
                    ColumnView::AsIs, ColumnView::AsIs, false, palette.total});
    }
    int colour = 0;
    for (const QString& metric : MetricCatalog::classicPhases()) {
        const QColor c = palette.series(colour++);
        if (store.metricIndex(metric) >= 0) {
            // The classic phases overlap the ledger, so a stack counts them only on builds
            // without one.
            out.append({metric, MetricCatalog::label(metric), SeriesSpec::Role::Phase,
                        ColumnView::AsIs, ColumnView::UnlessLedger, true, c});
        }
    }
    for (const QString& metric : store.metricNames()) {
        if (!metric.startsWith(kLedgerPrefix))
            continue;
        out.append({metric, tr("%1 (ledger)").arg(MetricCatalog::label(metric)),
                    SeriesSpec::Role::LedgerPhase, ColumnView::AsIs, ColumnView::AsIs, true,
                    palette.series(colour++)});
    }
    if (store.metricIndex(QStringLiteral("unattributed_ms")) >= 0) {
        out.append({QStringLiteral("unattributed_ms"),
                    MetricCatalog::label(QStringLiteral("unattributed_ms")),
                    SeriesSpec::Role::Unattributed, ColumnView::AsIs, ColumnView::AsIs, true,
                    palette.unattributed});
    }
    return out;
}

QList<SeriesSpec> memorySeries(const HistoryStore& store, const ChartPalette& palette)
{
    QList<SeriesSpec> out;
    int colour = 0;
    for (const QString& metric : MetricCatalog::memoryMetrics()) {
        const QColor c = palette.series(colour++);
        if (store.metricIndex(metric) < 0)
            continue;
        // Bengal writes a peak of 0 when tracemalloc did not run: a gap, not a drop to zero.
        const ColumnView view = metric == QLatin1String("memory_peak_mb")
                                    ? ColumnView::ZeroAsMissing
                                    : ColumnView::AsIs;
        out.append(
            {metric, MetricCatalog::label(metric), SeriesSpec::Role::Memory, view, view, false, c});
    }
    for (const QString& metric : store.metricNames()) {
        if (!isCollectorPeak(metric))
            continue;
        out.append({metric, tr("Peak RSS (%1)").arg(metric.section(QLatin1Char('.'), 0, -2)),
                    SeriesSpec::Role::Memory, ColumnView::ZeroAsMissing, ColumnView::ZeroAsMissing,
                    false, palette.series(colour++)});
        if (metric == QLatin1String("tree_peak_rss_mb"))
            out.last().label = MetricCatalog::label(metric); // joined from collector.jsonl
        else if (!metric.contains(QLatin1Char('.')))
            out.last().label = tr("Peak RSS");
    }
    return out;
}

} // namespace

QList<SeriesSpec> seriesFor(TrendKind kind, const HistoryStore& store, const ChartPalette& palette)
{
    return kind == TrendKind::Phases ? phaseSeries(store, palette) : memorySeries(store, palette);
}

QStringList yAxisTitles(TrendKind kind)
{
    if (kind == TrendKind::Phases)
        return {tr("Time (ms)")};
    return {tr("Memory (MiB): RSS \u0394, heap \u0394 per build; peak absolute"),
            tr("Memory (MiB): \u0394 per build; peak absolute"), tr("Memory (MiB)")};
}

} // namespace bengal
