#pragma once

#include <sys/types.h>

#include <cstdint>
#include <unordered_map>

namespace bengal {

// How much of a forked-but-not-exec'd child's RSS is pages it still shares copy-on-write with
// its parent (e.g. Python multiprocessing workers with the fork start method). Summing RSS
// would count those pages twice; the tree subtracts this estimate for such children.
//
// The figure comes from /proc/<pid>/smaps_rollup (RSS minus private pages), which walks the
// page tables: ~10 ms for a 400 MiB child. It is therefore refreshed within a CPU budget
// (0.5% of elapsed time per child) and reused in between; sharing only shrinks after the fork.
class ForkSharing
{
public:
    std::int64_t sharedBytes(pid_t pid);
    void forget(pid_t pid) { m_entries.erase(pid); }

private:
    struct Entry
    {
        std::int64_t sharedBytes = 0;
        std::int64_t nextRefreshNs = 0;
    };
    std::unordered_map<pid_t, Entry> m_entries;
};

} // namespace bengal
