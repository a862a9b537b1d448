#include "detail/DerivedFigures.h"

#include "report/MetricUnits.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::DerivedFigures", text);
}

double ratio(double part, double whole)
{
    return std::isfinite(part) && std::isfinite(whole) && whole != 0 ? part / whole : kNaN;
}

double hitRatio(const MetricLookup& lookup, const char* hits, const char* misses)
{
    const double h = lookup(QLatin1String(hits));
    return ratio(h, h + lookup(QLatin1String(misses))) * 100.0;
}

} // namespace

const QList<DerivedFigure>& derivedFigures()
{
    static const QList<DerivedFigure> list{
        {QStringLiteral("ms_per_page"), tr("ms per page"), tr("build_time_ms / total_pages")},
        {QStringLiteral("pages_per_second"), tr("Pages per second (rendering)"),
         tr("total_pages / rendering_time_ms × 1000")},
        {QStringLiteral("unattributed_ms"), tr("Unattributed time"),
         tr("build_time_ms minus the phases (the ledger when present, else the five classic "
            "phases)")},
        {QStringLiteral("cache_effectiveness"), tr("Cache effectiveness"),
         tr("time_saved_ms / (rendering_time_ms + time_saved_ms); time_saved_ms is Bengal's "
            "estimate (hits × 40 ms)")},
        {QStringLiteral("cache_hit_ratio"), tr("Page cache hit ratio"),
         tr("cache_hits / (cache_hits + cache_misses)")},
        {QStringLiteral("block_cache_hit_ratio"), tr("Block cache hit ratio"),
         tr("block_cache_hits / (block_cache_hits + block_cache_misses)")},
        {QStringLiteral("parsed_cache_hit_ratio"), tr("Parsed cache hit ratio"),
         tr("parsed_cache_hits / (parsed_cache_hits + parsed_cache_misses)")},
    };
    return list;
}

bool isDerivedFigure(const QString& key)
{
    for (const DerivedFigure& figure : derivedFigures()) {
        if (figure.key == key)
            return true;
    }
    return false;
}

double derivedValue(const QString& key, const MetricLookup& lookup)
{
    if (key == QLatin1String("ms_per_page")) {
        const double pages = lookup(QStringLiteral("total_pages"));
        return pages > 0 ? ratio(lookup(QStringLiteral("build_time_ms")), pages) : kNaN;
    }
    if (key == QLatin1String("pages_per_second")) {
        const double rendering = lookup(QStringLiteral("rendering_time_ms"));
        return rendering > 0 ? ratio(lookup(QStringLiteral("total_pages")), rendering) * 1000.0
                             : kNaN;
    }
    if (key == QLatin1String("unattributed_ms"))
        return lookup(key);
    if (key == QLatin1String("cache_effectiveness")) {
        const double saved = lookup(QStringLiteral("time_saved_ms"));
        return ratio(saved, lookup(QStringLiteral("rendering_time_ms")) + saved) * 100.0;
    }
    if (key == QLatin1String("cache_hit_ratio"))
        return hitRatio(lookup, "cache_hits", "cache_misses");
    if (key == QLatin1String("block_cache_hit_ratio"))
        return hitRatio(lookup, "block_cache_hits", "block_cache_misses");
    if (key == QLatin1String("parsed_cache_hit_ratio"))
        return hitRatio(lookup, "parsed_cache_hits", "parsed_cache_misses");
    return kNaN;
}

QString formatDerived(const QString& key, double value)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    if (key == QLatin1String("pages_per_second"))
        return QString::number(value, 'f', value >= 100 ? 0 : 1) + QLatin1Char(' ') + tr("pages/s");
    if (key.endsWith(QLatin1String("_ms")) || key == QLatin1String("ms_per_page"))
        return formatValue(value, MetricUnit::Milliseconds);
    return QString::number(value, 'f', 1) + QStringLiteral(" %");
}

} // namespace bengal
