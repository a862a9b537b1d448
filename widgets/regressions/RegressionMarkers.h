#pragma once

#include "charts/ChartMarker.h"

#include <QList>
#include <QStringList>

namespace bengal {

class HistoryStore;
class RegressionModel;
struct RegressionItem;

// Chart markers for the findings: memory metrics on the memory chart, timings on the phase
// chart, one marker per build. Ignored findings get none. The label is short ("▲ Build time +12%
// (+2 more)"); the tooltip names every finding there: metric, size, confidence, phase, triage.
struct RegressionMarkerSets
{
    QList<ChartMarker> phases;
    QStringList phaseTooltips; // parallel to `phases`
    QList<ChartMarker> memory;
    QStringList memoryTooltips;
};
RegressionMarkerSets regressionMarkers(const RegressionModel& model, const HistoryStore& store);

// The store row of the build where a finding starts now: found by its line hash (rows move when
// builds arrive out of time order), else its index at detection time; -1 when gone.
qsizetype storeRowOf(const RegressionItem& item, const HistoryStore& store);

// The layer name the regressions use on TrendChart::setMarkerLayer.
inline constexpr auto kRegressionMarkerLayer = "regressions";

} // namespace bengal
