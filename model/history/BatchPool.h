#pragma once

#include "core/BuildBatch.h"

#include <mutex>
#include <vector>

namespace bengal {

// Batches already appended, handed back so the reader fills them again: a fresh batch's
// vectors grow page by page, and on a big load those page faults cost more than the parse
// (about a third of the time of a 100k-build load). Shared by the reading threads.
class BatchPool
{
public:
    // Empties `batch` but keeps its capacity. Beyond a few spares it is simply freed.
    void giveBack(BuildBatch&& batch);
    // A spare, empty batch, or a new one.
    BuildBatch take();

private:
    static constexpr std::size_t kMaxSpares = 4;
    std::mutex m_mutex;
    std::vector<BuildBatch> m_spares;
};

} // namespace bengal
