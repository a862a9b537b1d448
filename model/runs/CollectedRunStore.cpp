#include "runs/CollectedRunStore.h"

#include <algorithm>

namespace bengal {

qsizetype CollectedRunStore::rejectedCount() const
{
    return qsizetype(std::count_if(m_problems.begin(), m_problems.end(), [](const Problem& p) {
        return p.kind == Problem::Kind::Rejected;
    }));
}

qsizetype CollectedRunStore::append(const CollectedRunBatch& batch)
{
    const qsizetype first = size();
    for (const CollectedRun& run : batch.runs) {
        if (run.buildUs)
            m_byBuild.insert(*run.buildUs, size());
        m_runs.push_back(run);
    }
    m_problems.insert(m_problems.end(), batch.problems.begin(), batch.problems.end());
    return first;
}

void CollectedRunStore::clear()
{
    m_runs.clear();
    m_problems.clear();
    m_byBuild.clear();
}

std::vector<qsizetype> CollectedRunStore::failedRuns() const
{
    std::vector<qsizetype> out;
    for (qsizetype i = 0; i < size(); ++i) {
        if (m_runs[std::size_t(i)].failed())
            out.push_back(i);
    }
    return out;
}

} // namespace bengal
