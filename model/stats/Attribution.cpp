#include "stats/Attribution.h"

#include "stats/MetricColumn.h"
#include "stats/Quantiles.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace bengal {

namespace {

double medianAt(std::span<const double> column, std::span<const qsizetype> rows)
{
    std::vector<double> picked;
    picked.reserve(rows.size());
    for (qsizetype r : rows) {
        if (r >= 0 && size_t(r) < column.size() && std::isfinite(column[size_t(r)]))
            picked.push_back(column[size_t(r)]);
    }
    return medianInPlace(picked);
}

std::vector<qsizetype> range(qsizetype begin, qsizetype end)
{
    std::vector<qsizetype> rows(size_t(std::max<qsizetype>(0, end - begin)));
    std::iota(rows.begin(), rows.end(), begin);
    return rows;
}

} // namespace

Attribution attributeChange(std::span<const double> total, std::span<const MetricColumn> phases,
                            std::span<const qsizetype> beforeRows,
                            std::span<const qsizetype> afterRows)
{
    Attribution a;
    a.totalBefore = medianAt(total, beforeRows);
    a.totalAfter = medianAt(total, afterRows);
    a.totalDelta = a.totalAfter - a.totalBefore;
    double explained = 0.0;
    for (const MetricColumn& column : phases) {
        PhaseChange c{column.name, medianAt(column.values, beforeRows),
                      medianAt(column.values, afterRows), 0.0};
        c.delta = c.after - c.before;
        if (std::isfinite(c.delta))
            explained += c.delta;
        a.phases.push_back(c);
    }
    a.unattributedDelta = a.totalDelta - explained;

    // The most responsible part moved furthest in the direction the total moved.
    const double direction = a.totalDelta < 0.0 ? -1.0 : 1.0;
    double bestShare = 0.0;
    for (const PhaseChange& c : a.phases) {
        if (std::isfinite(c.delta) && c.delta * direction > bestShare) {
            bestShare = c.delta * direction;
            a.responsiblePhase = c.phase;
        }
    }
    if (std::isfinite(a.unattributedDelta) && a.unattributedDelta * direction > bestShare)
        a.responsiblePhase = QString::fromUtf16(kUnattributedName);
    return a;
}

Attribution attributeChange(std::span<const double> total, std::span<const MetricColumn> phases,
                            qsizetype beforeBegin, qsizetype beforeEnd, qsizetype afterBegin,
                            qsizetype afterEnd)
{
    const std::vector<qsizetype> before = range(beforeBegin, beforeEnd);
    const std::vector<qsizetype> after = range(afterBegin, afterEnd);
    return attributeChange(total, phases, before, after);
}

} // namespace bengal
