#pragma once

#include "charts/ChartColumns.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

namespace bengal {

class HistoryStore;
struct ChartPalette;

// Which of the two trend charts: phase timings or memory.
enum class TrendKind
{
    Phases,
    Memory
};

// One line (or stacked layer) of a trend chart.
struct SeriesSpec
{
    enum class Role
    {
        Total,
        Phase,
        LedgerPhase,
        Unattributed,
        Memory
    };
    QString metric; // store column
    QString label;  // plain text for people (never rich text)
    Role role = Role::Phase;
    ColumnView view = ColumnView::AsIs;      // how the column is read for drawing
    ColumnView stackView = ColumnView::AsIs; // how it is read as a stacked layer
    bool stackable = false;                  // a part of the build time (phases, unattributed)
    QColor color;

    bool operator==(const SeriesSpec&) const = default;
};

// The series a chart of `kind` has for the metrics in `store`, in legend order: build time,
// the five classic phases, the phase_timings_ms ledger phases, unattributed time (phases);
// RSS Δ, heap Δ, peak heap and collector peaks (memory).
QList<SeriesSpec> seriesFor(TrendKind kind, const HistoryStore& store, const ChartPalette& palette);

// The y axis titles of a chart of `kind`, with its unit: longest first, the shorter ones for
// low charts.
QStringList yAxisTitles(TrendKind kind);

} // namespace bengal
