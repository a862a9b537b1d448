#pragma once

#include "charts/ChartMarker.h"
#include "charts/ChartOptions.h"
#include "export/ExportTheme.h"
#include "models/BuildFilter.h"

#include <QFont>
#include <QPair>
#include <QPalette>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace bengal {

class HistoryStore;
class TrendChart;

// What an export draws: one chart, build time alone, or the dashboard (a title and summary
// strip over the phase and memory charts).
enum class ChartTarget
{
    Phases,
    Memory,
    Total, // build_time_ms only, with its rolling median and noise band
    Dashboard
};

// Everything an export needs to draw the charts again off screen, as values: the window's
// charts are never resized, recoloured or redrawn by an export.
struct ChartScene
{
    const HistoryStore* store = nullptr; // must outlive the export
    QString sourcePath;                  // named in the dashboard's title strip
    BuildFilter filter;
    std::optional<ChartOptions> phaseOptions; // none: the charts' defaults
    std::optional<ChartOptions> memoryOptions;
    std::optional<QPair<double, double>> visibleRange; // chart x units; none: every build
    QList<ChartMarker> markers;
    ExportTheme theme = ExportTheme::Light;
    QPalette currentPalette; // the colours ExportTheme::Current stands for
    QFont font;
};

// A scene from the window's charts: their store, filter, options and markers, and the visible
// range when `visibleOnly` and the charts are zoomed. `memory` may be null.
ChartScene sceneFromCharts(const TrendChart& phases, const TrendChart* memory, bool visibleOnly,
                           const QString& sourcePath);

// The store rows a scene shows, in time order: the filter's, cut to the visible range.
std::vector<std::uint32_t> sceneRows(const ChartScene& scene);

} // namespace bengal
