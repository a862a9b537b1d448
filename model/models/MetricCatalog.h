#pragma once

#include <QString>
#include <QStringList>

namespace bengal {

// Names and grouping of the metrics Bengal writes, so views can order and label them.
namespace MetricCatalog {

// The five phases every Bengal version writes, in build order.
const QStringList& classicPhases();
// The later flat phase fields (v0.3.0+).
const QStringList& laterPhases();
// Memory fields and what they mean.
const QStringList& memoryMetrics();
// Sorting rank for table columns and lists: totals first, then phases, memory, pages, rest.
int rank(const QString& metric);
// A short human label ("Rendering", "RSS Δ", "Phase: Rendering").
QString label(const QString& metric);
// What Bengal's number means, for tooltips (RSS and heap are deltas, peak is absolute...).
QString description(const QString& metric);
bool isPhase(const QString& metric);
bool isMemory(const QString& metric);

} // namespace MetricCatalog
} // namespace bengal
