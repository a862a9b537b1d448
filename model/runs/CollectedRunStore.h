#pragma once

#include "runs/CollectedRun.h"

#include <QHash>
#include <vector>

namespace bengal {

// The runs of one collector.jsonl in file order, with their problems, and an index from the
// build a run produced (its `build_timestamp`, as an instant) to the run.
class CollectedRunStore
{
public:
    qsizetype size() const { return qsizetype(m_runs.size()); }
    bool isEmpty() const { return m_runs.empty(); }
    const CollectedRun& run(qsizetype index) const { return m_runs[std::size_t(index)]; }
    const std::vector<CollectedRun>& runs() const { return m_runs; }
    const std::vector<Problem>& problems() const { return m_problems; }
    qsizetype rejectedCount() const;

    // Appends a batch; returns the index of its first run.
    qsizetype append(const CollectedRunBatch& batch);
    void clear();

    // The run whose build_timestamp is this instant (the last one filed, should two claim
    // it), or -1.
    qsizetype runForBuild(TimestampUs buildUs) const { return m_byBuild.value(buildUs, -1); }
    // Runs that failed (non-zero exit, signal, cancelled), in file order.
    std::vector<qsizetype> failedRuns() const;

private:
    std::vector<CollectedRun> m_runs;
    std::vector<Problem> m_problems;
    QHash<TimestampUs, qsizetype> m_byBuild;
};

} // namespace bengal
