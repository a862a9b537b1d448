#include "models/MetricCatalog.h"

#include <QCoreApplication>
#include <QHash>

namespace bengal::MetricCatalog {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::MetricCatalog", text);
}
} // namespace

const QStringList& classicPhases()
{
    static const QStringList list{"discovery_time_ms", "taxonomy_time_ms", "rendering_time_ms",
                                  "assets_time_ms", "postprocess_time_ms"};
    return list;
}

const QStringList& laterPhases()
{
    static const QStringList list{"fonts_time_ms", "menu_time_ms", "related_posts_time_ms",
                                  "health_check_time_ms"};
    return list;
}

const QStringList& memoryMetrics()
{
    static const QStringList list{"memory_rss_mb", "memory_heap_mb", "memory_peak_mb"};
    return list;
}

bool isPhase(const QString& metric)
{
    return classicPhases().contains(metric) || laterPhases().contains(metric) ||
           metric.startsWith(QLatin1String("phase_timings_ms.")) ||
           metric == QLatin1String("unattributed_ms");
}

bool isMemory(const QString& metric)
{
    return memoryMetrics().contains(metric);
}

int rank(const QString& metric)
{
    if (metric == QLatin1String("build_time_ms"))
        return 0;
    if (const qsizetype i = classicPhases().indexOf(metric); i >= 0)
        return 10 + int(i);
    if (metric.startsWith(QLatin1String("phase_timings_ms.")))
        return 20;
    if (metric == QLatin1String("unattributed_ms"))
        return 30;
    if (const qsizetype i = laterPhases().indexOf(metric); i >= 0)
        return 31 + int(i);
    if (const qsizetype i = memoryMetrics().indexOf(metric); i >= 0)
        return 40 + int(i);
    if (metric == QLatin1String("tree_peak_rss_mb"))
        return 43; // next to Bengal's memory figures
    if (metric == QLatin1String("total_pages") || metric == QLatin1String("ms_per_page"))
        return 50;
    if (metric.contains(QLatin1Char('.')))
        return 80;
    return 60;
}

QString label(const QString& metric)
{
    static const QHash<QString, const char*> names{
        {"build_time_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Build time")},
        {"discovery_time_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Discovery")},
        {"taxonomy_time_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Taxonomies")},
        {"rendering_time_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Rendering")},
        {"assets_time_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Assets")},
        {"postprocess_time_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Post-process")},
        {"unattributed_ms", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Unattributed")},
        {"memory_rss_mb", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "RSS Δ")},
        {"memory_heap_mb", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Heap Δ")},
        {"memory_peak_mb", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Peak heap")},
        {"tree_peak_rss_mb", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Tree peak RSS")},
        {"total_pages", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "Pages")},
        {"ms_per_page", QT_TRANSLATE_NOOP("bengal::MetricCatalog", "ms / page")},
    };
    if (auto it = names.constFind(metric); it != names.constEnd())
        return tr(*it);
    if (metric.startsWith(QLatin1String("phase_timings_ms.")))
        return metric.mid(17);
    return metric;
}

QString description(const QString& metric)
{
    if (metric == QLatin1String("memory_rss_mb"))
        return tr("Resident memory at the end of the build minus at its start (a delta, can be "
                  "negative), in MiB.");
    if (metric == QLatin1String("memory_heap_mb"))
        return tr("Python heap (tracemalloc) at the end minus at the start (a delta); 0 when "
                  "tracemalloc did not run (theme-dev profile).");
    if (metric == QLatin1String("memory_peak_mb"))
        return tr("Absolute tracemalloc peak since tracing began, in MiB; 0 when not measured.");
    if (metric == QLatin1String("tree_peak_rss_mb"))
        return tr("Peak resident memory of the whole process tree of the build, in MiB, "
                  "measured by bengal-perf run (collector.jsonl); empty when not collected.");
    if (metric == QLatin1String("unattributed_ms"))
        return tr("Build time not covered by the phase ledger (or by the five classic phases "
                  "when there is no ledger).");
    if (metric == QLatin1String("build_time_ms"))
        return tr("Wall time from build start to just before the metrics were saved.");
    return QString();
}

} // namespace bengal::MetricCatalog
