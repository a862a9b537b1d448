#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace bengal {

// A build's value of a metric by name, NaN when it has none.
using MetricLookup = std::function<double(const QString& metric)>;

// Figures computed from a build's own fields:
//   ms_per_page            build_time_ms / total_pages
//   pages_per_second       total_pages / rendering_time_ms * 1000 (pages per second of rendering)
//   cache_effectiveness    time_saved_ms / (rendering_time_ms + time_saved_ms), in %
//   *_hit_ratio            hits / (hits + misses), in %, for the page, block and parsed caches
//   unattributed_ms        build_time_ms minus the phases (as the store derives it)
// Each is NaN when an input is missing or the denominator is 0.
struct DerivedFigure
{
    QString key;
    QString label;       // for people
    QString description; // the formula, for tooltips
};

const QList<DerivedFigure>& derivedFigures();

double derivedValue(const QString& key, const MetricLookup& lookup);
// The value with its unit ("12.3 ms", "45.6 pages/s", "78.9 %").
QString formatDerived(const QString& key, double value);
bool isDerivedFigure(const QString& key);

} // namespace bengal
