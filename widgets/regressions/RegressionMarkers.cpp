#include "regressions/RegressionMarkers.h"

#include "detail/BuildLine.h"
#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"
#include "regressions/RegressionModel.h"

#include <QCoreApplication>

#include <cmath>

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
        if (MetricCatalog::memoryMetrics().contains(f.metric)) {
            sets.memory.append(marker);
            sets.memoryTooltips.append(tip);
        } else {
            sets.phases.append(marker);
            sets.phaseTooltips.append(tip);
        }
    }
    return sets;
}

} // namespace bengal
