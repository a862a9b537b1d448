#include "regressions/RegressionBatch.h"

#include "detail/BuildLine.h"
#include "history/HistoryStore.h"
#include "report/RegressionReport.h"

#include <QElapsedTimer>

namespace bengal {

QStringList windowRegressionMetrics(const HistoryStore& store, const QStringList& wanted)
{
    if (wanted.isEmpty())
        return defaultRegressionMetrics(store);
    QStringList present;
    for (const QString& metric : wanted)
        if (store.metricIndex(metric) >= 0)
            present.append(metric);
    // A stored choice of metrics this file does not have: the defaults rather than nothing.
    return present.isEmpty() ? defaultRegressionMetrics(store) : present;
}

std::vector<BaselineBreak> breaksForMarks(const HistoryStore& store,
                                          const std::vector<IntendedMark>& marks)
{
    std::vector<BaselineBreak> breaks;
    for (const IntendedMark& mark : marks) {
        const qsizetype row = store.isEmpty() ? -1 : store.findHash(mark.lineHash);
        if (row >= 0)
            breaks.push_back({mark.metric, row});
    }
    return breaks;
}

std::shared_ptr<const RegressionSnapshot>
snapshotForDetection(const HistoryStore& store, const QStringList& metrics, BuildGrouping grouping,
                     const std::vector<IntendedMark>& marks)
{
    const QStringList names = windowRegressionMetrics(store, metrics);
    if (names.isEmpty() || store.isEmpty())
        return nullptr;
    RegressionInput view;
    QString unknown;
    if (!buildRegressionInput(store, names, &view, &unknown, grouping))
        return nullptr;

    auto snapshot = std::make_shared<RegressionSnapshot>();
    snapshot->metrics = names;
    snapshot->grouping = grouping;
    snapshot->timestamps = std::move(view.timestamps);
    snapshot->group = std::move(view.group);
    snapshot->hashes.resize(std::size_t(store.size()));
    for (qsizetype row = 0; row < store.size(); ++row)
        snapshot->hashes[std::size_t(row)] = store.hash(row);
    // Reserved first: the spans below point into these vectors.
    snapshot->columns.reserve(view.input.metrics.size() + view.input.phaseColumns.size());
    const auto own = [&snapshot](const MetricColumn& column) {
        std::vector<double>& copy =
            snapshot->columns.emplace_back(column.values.begin(), column.values.end());
        return MetricColumn{column.name, copy};
    };
    DetectionInput& input = snapshot->input;
    input.timestampsUs = snapshot->timestamps;
    input.group = snapshot->group;
    for (const MetricColumn& column : view.input.metrics)
        input.metrics.push_back(own(column));
    for (const MetricColumn& column : view.input.phaseColumns)
        input.phaseColumns.push_back(own(column));
    input.phaseMetrics = view.input.phaseMetrics;
    input.breaks = breaksForMarks(store, marks);
    return snapshot;
}

RegressionBatch runDetection(const RegressionSnapshot& snapshot, DetectionParams params)
{
    QElapsedTimer timer;
    timer.start();
    params.parallel = false;
    RegressionBatch batch;
    batch.builds = qsizetype(snapshot.timestamps.size());
    batch.metrics = snapshot.metrics;
    batch.grouping = snapshot.grouping;
    const std::vector<Finding> findings = detectRegressions(snapshot.input, params);
    batch.items.reserve(findings.size());
    for (const Finding& f : findings) {
        QByteArray key;
        if (f.index >= 0 && std::size_t(f.index) < snapshot.hashes.size())
            key = buildKeyOf(snapshot.hashes[std::size_t(f.index)]);
        batch.items.push_back({f, key});
    }
    batch.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    return batch;
}

} // namespace bengal
