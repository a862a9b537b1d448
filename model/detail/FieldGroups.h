#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <limits>

namespace bengal {

// The groups of the detail view, in display order.
enum class FieldGroup
{
    Timings,
    Derived,
    Pages,
    Caches,
    Memory,
    Environment,
    Other // keys Bengal is not known to write
};

QString fieldGroupTitle(FieldGroup group);
// The group of a top-level key of a history line.
FieldGroup fieldGroupOf(const QString& key);

// What a field's share is a share of.
enum class ShareOf
{
    None,
    BuildTime, // a phase: of build_time_ms
    MapTotal   // an entry of a nested map: of the sum of the map's entries
};

// One field of a build as the user sees it: every value of the line, numbers with units,
// everything else as literal plain text.
struct DetailField
{
    QString key;       // the JSON key (within its map for nested entries)
    QString metric;    // the store's name for numbers ("phase_timings_ms.Rendering")
    QString label;     // for people
    QString valueText; // plain text, with unit
    double number = std::numeric_limits<double>::quiet_NaN(); // NaN when the value is not a number
    double share = std::numeric_limits<double>::quiet_NaN();  // NaN when not a part of something
    ShareOf shareOf = ShareOf::None;
    QString description; // for tooltips
    QList<DetailField> children;
};

struct DetailGroup
{
    FieldGroup group;
    QString title;
    QList<DetailField> fields;
};

// Every key of the line, grouped (empty groups left out). Known keys keep Bengal's order,
// unknown ones are sorted by name.
QList<DetailGroup> groupFields(const QJsonObject& line);

// A readable name for a key Bengal writes; the key itself for any other.
QString fieldLabel(const QString& key);
// A readable name for any store metric or derived figure: "Rendering", "Rendering (ledger)",
// "Post-render steps: asset_audit", "ms per page"; unknown names as they are.
QString metricLabel(const QString& metric);

} // namespace bengal
