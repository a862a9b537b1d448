#include "detail/PhaseBreakdown.h"

#include "models/MetricCatalog.h"

#include <cmath>
#include <limits>

namespace bengal {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QLatin1String kLedgerPrefix("phase_timings_ms.");
} // namespace

PhaseBreakdown phaseBreakdown(const QStringList& metricNames, std::span<const double> values)
{
    PhaseBreakdown result{kNaN, false, {}, 0, kNaN, kNaN};
    auto valueOf = [&](qsizetype column) {
        return column >= 0 && std::size_t(column) < values.size() ? values[std::size_t(column)]
                                                                  : kNaN;
    };
    result.totalMs = valueOf(metricNames.indexOf(QStringLiteral("build_time_ms")));

    // The ledger, in column order (the order Bengal wrote the phases in).
    for (qsizetype column = 0; column < metricNames.size(); ++column) {
        const QString& name = metricNames[column];
        const double ms = valueOf(column);
        if (name.startsWith(kLedgerPrefix) && std::isfinite(ms))
            result.phases.append({name, name.mid(kLedgerPrefix.size()), ms, kNaN});
    }
    result.fromLedger = !result.phases.isEmpty();
    if (!result.fromLedger) {
        for (const QString& name : MetricCatalog::classicPhases()) {
            const double ms = valueOf(metricNames.indexOf(name));
            if (std::isfinite(ms))
                result.phases.append({name, MetricCatalog::label(name), ms, kNaN});
        }
    }
    for (const PhaseShare& phase : result.phases)
        result.attributedMs += phase.ms;
    if (std::isfinite(result.totalMs)) {
        result.unattributedMs = result.totalMs - result.attributedMs;
        if (result.totalMs != 0) {
            for (PhaseShare& phase : result.phases)
                phase.share = phase.ms / result.totalMs;
            result.unattributedShare = result.unattributedMs / result.totalMs;
        }
    }
    return result;
}

} // namespace bengal
