#include "export/ChartScene.h"

#include "charts/ChartColumns.h"
#include "charts/TrendChart.h"
#include "history/HistoryStore.h"

namespace bengal {

ChartScene sceneFromCharts(const TrendChart& phases, const TrendChart* memory, bool visibleOnly,
                           const QString& sourcePath)
{
    ChartScene scene;
    scene.store = phases.store();
    scene.sourcePath = sourcePath;
    scene.filter = phases.filter();
    scene.phaseOptions = phases.options();
    if (memory)
        scene.memoryOptions = memory->options();
    if (visibleOnly && phases.isZoomed())
        scene.visibleRange = phases.visibleRange();
    scene.markers = phases.markers();
    scene.currentPalette = phases.palette();
    scene.font = phases.font();
    return scene;
}

std::vector<std::uint32_t> sceneRows(const ChartScene& scene)
{
    if (!scene.store)
        return {};
    std::vector<std::uint32_t> rows = scene.filter.rows(*scene.store);
    if (!scene.visibleRange)
        return rows;
    // The same x as the charts use (time or build index), so "visible" means what was seen.
    ChartColumns columns;
    columns.setStore(scene.store);
    columns.setXMode(scene.phaseOptions ? scene.phaseOptions->xMode : ChartXMode::Time);
    const auto [lo, hi] = *scene.visibleRange;
    std::erase_if(rows, [&](std::uint32_t row) {
        const double x = columns.xOfRow(row);
        return !(x >= lo && x <= hi);
    });
    return rows;
}

} // namespace bengal
