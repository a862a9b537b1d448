#include "history/BatchPool.h"

#include <algorithm>

namespace bengal {

namespace {
bool byCapacity(const BuildBatch& a, const BuildBatch& b)
{
    return a.value.capacity() < b.value.capacity();
}
} // namespace

void BatchPool::giveBack(BuildBatch&& batch)
{
    batch.clear();
    std::lock_guard lock(m_mutex);
    if (m_spares.size() < kMaxSpares) {
        m_spares.push_back(std::move(batch));
        return;
    }
    // Full: keep the biggest, they spare the most growth.
    auto smallest = std::min_element(m_spares.begin(), m_spares.end(), byCapacity);
    if (byCapacity(*smallest, batch))
        *smallest = std::move(batch);
}

BuildBatch BatchPool::take()
{
    std::lock_guard lock(m_mutex);
    if (m_spares.empty())
        return {};
    auto biggest = std::max_element(m_spares.begin(), m_spares.end(), byCapacity);
    BuildBatch batch = std::move(*biggest);
    m_spares.erase(biggest);
    return batch;
}

} // namespace bengal
