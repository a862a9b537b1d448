#include "collector/ForkSharing.h"

#include "collector/ProcFs.h"

#include <ctime>

namespace bengal {

namespace {

// The refresh may take this share of the elapsed time: cost c means wait c / share.
constexpr std::int64_t BudgetDivisor = 200; // 0.5%

std::int64_t nowNs(clockid_t clock)
{
    timespec now{};
    ::clock_gettime(clock, &now);
    return std::int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

std::int64_t ForkSharing::sharedBytes(pid_t pid)
{
    Entry& entry = m_entries[pid];
    const std::int64_t now = nowNs(CLOCK_MONOTONIC);
    if (now < entry.nextRefreshNs)
        return entry.sharedBytes;
    const std::int64_t cpuBefore = nowNs(CLOCK_THREAD_CPUTIME_ID);
    if (const auto rollup = procfs::readSmapsRollup(pid))
        entry.sharedBytes =
            rollup->rss > rollup->privateBytes ? rollup->rss - rollup->privateBytes : 0;
    const std::int64_t cost = nowNs(CLOCK_THREAD_CPUTIME_ID) - cpuBefore;
    entry.nextRefreshNs = now + cost * BudgetDivisor;
    return entry.sharedBytes;
}

} // namespace bengal
