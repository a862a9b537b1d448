#include "collector/ProcessTree.h"

#include "collector/ProcFs.h"

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

#include <string_view>

namespace bengal {

namespace {

// Full re-classification every this many listings: catches a pid that was foreign, died and
// was reused by a new descendant between two listings (it needs a pid wrap-around in between).
constexpr int FullScanEvery = 100;
// A listing at least every this many samples, whatever /proc/loadavg says.
constexpr int ListingAtLeastEvery = 10;
// Members beyond this count are read with open/read/close instead of kept descriptors.
constexpr size_t DescriptorBudget = 256;

double ticksToMs(std::uint64_t ticks)
{
    return double(ticks) * 1000.0 / double(procfs::clockTicksPerSecond());
}

// Reads a member's /proc file through its kept descriptor, or by name over the budget.
long readMemberFile(pid_t pid, int fd, const char* name, char* buffer, long capacity)
{
    if (fd >= 0)
        return procfs::readAt0(fd, buffer, capacity);
    const int once = procfs::openProcFile(pid, name);
    if (once < 0)
        return -1;
    const long n = procfs::readAt0(once, buffer, capacity);
    ::close(once);
    return n;
}

} // namespace

ProcessTree::ProcessTree(pid_t root) : m_root(root)
{
    m_loadavgFd = ::open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    if (const auto stat = procfs::readStat(root)) {
        m_rootLeadsSession = stat->session == root;
        addMember(root, stat->ppid, stat->startTime);
    }
}

ProcessTree::~ProcessTree()
{
    if (m_loadavgFd >= 0)
        ::close(m_loadavgFd);
    for (auto& [pid, member] : m_members)
        closeMember(member);
}

void ProcessTree::closeMember(Member& member)
{
    if (member.statFd >= 0)
        ::close(member.statFd);
    if (member.statmFd >= 0)
        ::close(member.statmFd);
    member.statFd = member.statmFd = -1;
}

bool ProcessTree::qualifies(pid_t pid, pid_t ppid, pid_t session) const
{
    return pid == m_root || (m_rootLeadsSession && session == m_root) || m_members.count(ppid) > 0;
}

void ProcessTree::addMember(pid_t pid, pid_t ppid, std::uint64_t startTime)
{
    Member member;
    member.ppid = ppid;
    member.startTime = startTime;
    if (m_members.size() < DescriptorBudget) {
        member.statFd = procfs::openProcFile(pid, "stat");
        member.statmFd = procfs::openProcFile(pid, "statm");
    }
    m_members.emplace(pid, member);
}

void ProcessTree::discoverNewMembers(const std::vector<pid_t>& pids)
{
    std::vector<procfs::ProcessStat> fresh;
    for (const pid_t pid : pids) {
        if (const auto foreign = m_foreign.find(pid); foreign != m_foreign.end()) {
            foreign->second = m_listing;
            continue;
        }
        if (m_members.count(pid))
            continue;
        if (const auto stat = procfs::readStat(pid))
            fresh.push_back(*stat);
    }
    // A child can be listed before its parent (pids wrap), so repeat until nothing changes.
    for (bool changed = true; changed;) {
        changed = false;
        for (auto it = fresh.begin(); it != fresh.end();) {
            if (qualifies(it->pid, it->ppid, it->session)) {
                addMember(it->pid, it->ppid, it->startTime);
                it = fresh.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
    }
    for (const procfs::ProcessStat& stat : fresh)
        m_foreign.emplace(stat.pid, m_listing);
    // Forget foreign pids this listing did not see, so the set stays the size of the table.
    std::erase_if(m_foreign, [this](const auto& entry) { return entry.second != m_listing; });
}

void ProcessTree::forget(pid_t pid, const Member& member, bool parentIsMember)
{
    // A member reaped by a member parent shows up in that parent's cutime/cstime (and the root
    // in the launcher's own rusage); only orphans reaped by an outsider would be lost.
    if (pid != m_root && !parentIsMember) {
        m_lostUserTicks += member.userTicks;
        m_lostSystemTicks += member.systemTicks;
    }
}

bool ProcessTree::processesWereCreated()
{
    if (--m_samplesUntilListing <= 0 || m_loadavgFd < 0)
        return true;
    char buffer[128];
    const long n = procfs::readAt0(m_loadavgFd, buffer, sizeof buffer - 1);
    const auto lastPid =
        n > 0 ? procfs::parseLastPid(std::string_view(buffer, size_t(n))) : std::nullopt;
    if (!lastPid)
        return true;
    const bool moved = *lastPid != m_lastPid;
    m_lastPid = *lastPid;
    return moved;
}

TreeReading ProcessTree::sample()
{
    if (processesWereCreated()) {
        m_samplesUntilListing = ListingAtLeastEvery;
        const std::vector<pid_t> pids = procfs::listProcesses();
        ++m_listing;
        if (--m_listingsUntilFullScan <= 0) {
            m_foreign.clear();
            m_listingsUntilFullScan = FullScanEvery;
        }
        discoverNewMembers(pids);
    }

    TreeReading reading;
    std::vector<pid_t> gone;
    char buffer[1024];
    for (auto& [pid, member] : m_members) {
        const long n = readMemberFile(pid, member.statFd, "stat", buffer, sizeof buffer);
        const auto stat =
            n > 0 ? procfs::parseStat(std::string_view(buffer, size_t(n))) : std::nullopt;
        if (!stat || stat->startTime != member.startTime) {
            member.statm = {};
            gone.push_back(pid);
            continue;
        }
        member.ppid = stat->ppid;
        member.forkedWithoutExec = (stat->flags & procfs::ForkedWithoutExec) != 0;
        member.userTicks = stat->utime + stat->cutime;
        member.systemTicks = stat->stime + stat->cstime;
        reading.userMs += ticksToMs(member.userTicks);
        reading.systemMs += ticksToMs(member.systemTicks);
        ++reading.processCount;
        const long m = readMemberFile(pid, member.statmFd, "statm", buffer, sizeof buffer);
        const auto statm =
            m > 0 ? procfs::parseStatm(std::string_view(buffer, size_t(m))) : std::nullopt;
        member.statm = statm.value_or(procfs::Statm{});
        reading.rssBytes += member.statm.resident * procfs::pageSize();
    }
    reading.rssBytes -= doubleCountedBytes();
    // Decide about every departed member before erasing any: a parent that left in the same
    // interval was still a member, and its reaper accounts for both.
    for (const pid_t pid : gone) {
        const Member& member = m_members.at(pid);
        forget(pid, member, m_members.count(member.ppid) > 0);
    }
    for (const pid_t pid : gone) {
        closeMember(m_members.at(pid));
        m_members.erase(pid);
        m_forkSharing.forget(pid);
    }
    reading.userMs += ticksToMs(m_lostUserTicks);
    reading.systemMs += ticksToMs(m_lostSystemTicks);
    return reading;
}

std::int64_t ProcessTree::doubleCountedBytes()
{
    std::int64_t bytes = 0;
    for (const auto& [pid, member] : m_members) {
        if (member.statm.resident == 0)
            continue;
        const auto parent = m_members.find(member.ppid);
        if (parent == m_members.end() || !member.forkedWithoutExec) {
            m_forkSharing.forget(pid);
            continue;
        }
        const std::int64_t resident = member.statm.resident * procfs::pageSize();
        if (parent->second.statm == member.statm)
            bytes += resident; // shares the parent's very memory (vfork before exec)
        else
            bytes += std::min(resident, m_forkSharing.sharedBytes(pid));
    }
    return bytes;
}

std::vector<pid_t> ProcessTree::livePids() const
{
    std::vector<pid_t> pids;
    pids.reserve(m_members.size());
    for (const auto& [pid, member] : m_members)
        pids.push_back(pid);
    return pids;
}

double ProcessTree::lostUserMs() const
{
    return ticksToMs(m_lostUserTicks);
}
double ProcessTree::lostSystemMs() const
{
    return ticksToMs(m_lostSystemTicks);
}

} // namespace bengal
