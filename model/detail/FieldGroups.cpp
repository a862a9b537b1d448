#include "detail/FieldGroups.h"

#include "detail/DerivedFigures.h"
#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("bengal::FieldGroups", text, disambiguation, n);
}

struct KnownKey
{
    const char* key;
    FieldGroup group;
    const char* label;
};

// Bengal's keys in the order BuildStats.to_dict() writes them (bengal-metrics.md §2.2).
const KnownKey kKnownKeys[] = {
    {"timestamp", FieldGroup::Environment, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Timestamp")},
    {"python_version", FieldGroup::Environment,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Python version")},
    {"platform", FieldGroup::Environment, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Platform")},
    {"parallel", FieldGroup::Environment, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Parallel")},
    {"incremental", FieldGroup::Environment,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Incremental")},
    {"skipped", FieldGroup::Environment, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Skipped")},
    {"completion_policy", FieldGroup::Environment,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Completion policy")},
    {"total_pages", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Total pages")},
    {"regular_pages", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Regular pages")},
    {"generated_pages", FieldGroup::Pages,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Generated pages")},
    {"autodoc_pages", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Autodoc pages")},
    {"tag_pages", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Tag pages")},
    {"archive_pages", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Archive pages")},
    {"pagination_pages", FieldGroup::Pages,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Pagination pages")},
    {"pages_rendered", FieldGroup::Pages,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Pages rendered")},
    {"total_assets", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Total assets")},
    {"total_sections", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Sections")},
    {"taxonomies_count", FieldGroup::Pages,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Taxonomy terms")},
    {"total_directives", FieldGroup::Pages, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Directives")},
    {"build_time_ms", FieldGroup::Timings, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Build time")},
    {"fonts_time_ms", FieldGroup::Timings, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Fonts")},
    {"discovery_time_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Discovery")},
    {"taxonomy_time_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Taxonomies")},
    {"menu_time_ms", FieldGroup::Timings, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Menus")},
    {"related_posts_time_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Related posts")},
    {"rendering_time_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Rendering")},
    {"assets_time_ms", FieldGroup::Timings, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Assets")},
    {"postprocess_time_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Post-process")},
    {"health_check_time_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Health check")},
    {"phase_timings_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Phase ledger")},
    {"post_render_timings_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Post-render steps")},
    {"postprocess_task_timings_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Post-process tasks")},
    {"postprocess_output_timings_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Post-process outputs")},
    {"render_p50_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Page render p50")},
    {"render_p95_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Page render p95")},
    {"render_max_ms", FieldGroup::Timings,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Page render max")},
    {"memory_rss_mb", FieldGroup::Memory, QT_TRANSLATE_NOOP("bengal::FieldGroups", "RSS Δ")},
    {"memory_heap_mb", FieldGroup::Memory, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Heap Δ")},
    {"memory_peak_mb", FieldGroup::Memory, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Peak heap")},
    {"cache_hits", FieldGroup::Caches, QT_TRANSLATE_NOOP("bengal::FieldGroups", "Page cache hits")},
    {"cache_misses", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Page cache misses")},
    {"time_saved_ms", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Time saved (estimate)")},
    {"cache_bypass_hits", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Cache bypass hits")},
    {"cache_bypass_misses", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Cache bypass misses")},
    {"block_cache_hits", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Block cache hits")},
    {"block_cache_misses", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Block cache misses")},
    {"block_cache_site_blocks", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Cached site blocks")},
    {"block_cache_time_saved_ms", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Block cache time saved")},
    {"parsed_cache_hits", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Parsed cache hits")},
    {"rendered_cache_hits", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Rendered cache hits")},
    {"parsed_cache_misses", FieldGroup::Caches,
     QT_TRANSLATE_NOOP("bengal::FieldGroups", "Parsed cache misses")},
};

const KnownKey* knownKey(const QString& key)
{
    for (const KnownKey& known : kKnownKeys) {
        if (key == QLatin1String(known.key))
            return &known;
    }
    return nullptr;
}

bool isPhaseField(const QString& key)
{
    return MetricCatalog::classicPhases().contains(key) ||
           MetricCatalog::laterPhases().contains(key);
}

QString textOf(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::String: {
        const QString text = value.toString();
        // The reader's marker for Python's NaN / Infinity (see NonFiniteRewriter).
        if (text.startsWith(QChar(0)))
            return tr("%1 (not a finite number)").arg(text.mid(1));
        return text;
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    default:
        return QString();
    }
}

DetailField makeField(const QString& key, const QString& metric, const QString& label,
                      const QJsonValue& value)
{
    DetailField field{key,  QString(), label,         QString(),
                      kNaN, kNaN,      ShareOf::None, MetricCatalog::description(metric),
                      {}};
    if (value.isDouble()) {
        field.metric = metric;
        field.number = value.toDouble();
        field.valueText = formatValue(field.number, unitOf(metric));
    } else if (value.isObject()) {
        const QJsonObject map = value.toObject();
        double sum = 0;
        bool numeric = !map.isEmpty();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QString childMetric = metric + QLatin1Char('.') + it.key();
            field.children.append(makeField(it.key(), childMetric, it.key(), it.value()));
            const double n = field.children.last().number;
            numeric = numeric && std::isfinite(n);
            sum += std::isfinite(n) ? n : 0;
        }
        field.valueText = numeric ? tr("Σ %1").arg(formatValue(sum, unitOf(metric)))
                                  : tr("%n entries", nullptr, int(map.size()));
        for (DetailField& child : field.children) {
            if (std::isfinite(child.number) && sum > 0) {
                child.share = child.number / sum;
                child.shareOf = ShareOf::MapTotal;
            }
        }
    } else {
        field.valueText = textOf(value);
        if (metric.endsWith(QLatin1String("_ms")) || metric.endsWith(QLatin1String("_mb")))
            field.description = tr("Not a number: the store left this value out.");
    }
    return field;
}

} // namespace

QString fieldGroupTitle(FieldGroup group)
{
    switch (group) {
    case FieldGroup::Timings:
        return tr("Timings");
    case FieldGroup::Derived:
        return tr("Derived figures");
    case FieldGroup::Pages:
        return tr("Pages and content");
    case FieldGroup::Caches:
        return tr("Caches");
    case FieldGroup::Memory:
        return tr("Memory");
    case FieldGroup::Environment:
        return tr("Environment");
    case FieldGroup::Other:
        break;
    }
    return tr("Other (keys Bengal is not known to write)");
}

FieldGroup fieldGroupOf(const QString& key)
{
    const KnownKey* known = knownKey(key);
    return known ? known->group : FieldGroup::Other;
}

QString fieldLabel(const QString& key)
{
    const KnownKey* known = knownKey(key);
    return known ? QCoreApplication::translate("bengal::FieldGroups", known->label) : key;
}

QString metricLabel(const QString& metric)
{
    for (const DerivedFigure& figure : derivedFigures()) {
        if (figure.key == metric)
            return figure.label;
    }
    const qsizetype dot = metric.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        const QString parent = metric.left(dot);
        const QString child = metric.mid(dot + 1);
        if (parent == QLatin1String("phase_timings_ms"))
            return tr("%1 (ledger)").arg(child);
        return fieldLabel(parent) + QStringLiteral(": ") + child;
    }
    const QString label = fieldLabel(metric);
    return label != metric ? label : MetricCatalog::label(metric);
}

QList<DetailGroup> groupFields(const QJsonObject& line)
{
    QList<DetailGroup> groups;
    for (int g = int(FieldGroup::Timings); g <= int(FieldGroup::Other); ++g)
        groups.append({FieldGroup(g), fieldGroupTitle(FieldGroup(g)), {}});
    for (const KnownKey& known : kKnownKeys) {
        const QString key = QLatin1String(known.key);
        if (line.contains(key))
            groups[int(known.group)].fields.append(
                makeField(key, key, fieldLabel(key), line.value(key)));
    }
    // QJsonObject iterates in key order: the unknown keys come out sorted.
    for (auto it = line.constBegin(); it != line.constEnd(); ++it) {
        if (!knownKey(it.key()))
            groups[int(FieldGroup::Other)].fields.append(
                makeField(it.key(), it.key(), it.key(), it.value()));
    }
    // Phases are parts of the build time.
    const double total = line.value(QStringLiteral("build_time_ms")).toDouble(kNaN);
    for (DetailField& field : groups[int(FieldGroup::Timings)].fields) {
        QList<DetailField*> parts;
        if (isPhaseField(field.key)) {
            parts.append(&field);
        } else if (field.key == QLatin1String("phase_timings_ms")) {
            for (DetailField& child : field.children)
                parts.append(&child);
        }
        for (DetailField* part : parts) {
            part->share = std::isfinite(part->number) && total > 0 ? part->number / total : kNaN;
            part->shareOf = std::isnan(part->share) ? ShareOf::None : ShareOf::BuildTime;
        }
    }
    groups.removeIf([](const DetailGroup& group) { return group.fields.isEmpty(); });
    return groups;
}

} // namespace bengal
