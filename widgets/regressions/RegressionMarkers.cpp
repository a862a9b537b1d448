#include "regressions/RegressionMarkers.h"

#include "detail/BuildLine.h"
#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"
#include "regressions/RegressionModel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RegressionMarkers", text);
}

QString shortPercent(double pct)
{
    if (!std::isfinite(pct))
        return {};
    return (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 0) +
           QLatin1Char('%');
}

// The findings at one build, shown as one marker: several labels at one build would stack
// over the plot. The label is the build time's finding if there is one, else the biggest
// change, with how many more there are; the tooltip lists them all.
struct BuildFindings
{
    ChartMarker marker;
    QStringList tips;
    int count = 0;
    bool shownIsBuildTime = false;
    double shownSize = -1;
};

void addFinding(std::vector<BuildFindings>& groups, const ChartMarker& marker, const QString& tip,
                bool isBuildTime, double size)
{
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const BuildFindings& g) { return g.marker.row == marker.row; });
    if (group == groups.end()) {
        groups.push_back({marker, {tip}, 1, isBuildTime, size});
        return;
    }
    ++group->count;
    if (!group->shownIsBuildTime && (isBuildTime || size > group->shownSize)) {
        group->marker = marker;
        group->shownIsBuildTime = isBuildTime;
        group->shownSize = size;
        group->tips.prepend(tip);
    } else {
        group->tips.append(tip);
    }
}

void toMarkers(const std::vector<BuildFindings>& groups, QList<ChartMarker>& markers,
               QStringList& tooltips)
{
    for (const BuildFindings& group : groups) {
        ChartMarker marker = group.marker;
        if (group.count > 1)
            marker.label += tr(" (+%1 more)").arg(group.count - 1);
        markers.append(marker);
        tooltips.append(group.tips.join(QLatin1Char('\n')));
    }
}

} // namespace

qsizetype storeRowOf(const RegressionItem& item, const HistoryStore& store)
{
    if (const auto hash = lineHashOfKey(item.buildKey)) {
        const qsizetype row = store.findHash(*hash);
        if (row >= 0)
            return row;
    }
    return item.finding.index < store.size() ? item.finding.index : -1;
}

RegressionMarkerSets regressionMarkers(const RegressionModel& model, const HistoryStore& store)
{
    RegressionMarkerSets sets;
    std::vector<BuildFindings> phases;
    std::vector<BuildFindings> memory;
    for (int row = 0; row < model.rowCount(); ++row) {
        const TriageState state = model.state(row);
        if (state == TriageState::Ignored)
            continue;
        const RegressionItem& item = model.item(row);
        const Finding& f = item.finding;
        const qsizetype storeRow = storeRowOf(item, store);
        if (storeRow < 0)
            continue;
        const QString arrow = f.kind == Finding::Kind::Trend
                                  ? (f.changePct >= 0 ? QStringLiteral("↗") : QStringLiteral("↘"))
                              : f.kind == Finding::Kind::Alert ? QStringLiteral("!")
                              : f.changePct >= 0               ? QStringLiteral("▲")
                                                               : QStringLiteral("▼");
        ChartMarker marker;
        marker.row = storeRow;
        marker.kind = ChartMarker::Kind::Regression;
        marker.label = QStringLiteral("%1 %2 %3")
                           .arg(arrow, MetricCatalog::label(f.metric), shortPercent(f.changePct))
                           .trimmed();
        QString tip = tr("%1 in %2: %3, confidence %4%")
                          .arg(RegressionModel::kindLabel(f.kind), MetricCatalog::label(f.metric),
                               RegressionModel::sizeText(f))
                          .arg(QString::number(f.confidence * 100, 'f', 2));
        if (!f.phase.isEmpty())
            tip += tr("; phase: %1").arg(RegressionModel::phaseLabel(f));
        tip += tr(" (%1)").arg(TriageRepository::stateLabel(state));
        addFinding(MetricCatalog::memoryMetrics().contains(f.metric) ? memory : phases, marker, tip,
                   f.metric == QLatin1String("build_time_ms"),
                   std::isfinite(f.changePct) ? std::abs(f.changePct) : 0.0);
    }
    toMarkers(phases, sets.phases, sets.phaseTooltips);
    toMarkers(memory, sets.memory, sets.memoryTooltips);
    return sets;
}

} // namespace bengal
