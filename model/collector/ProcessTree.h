#pragma once

#include <sys/types.h>

#include "collector/ForkSharing.h"
#include "collector/ProcFs.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace bengal {

// One look at a process tree: summed resident memory and CPU time.
struct TreeReading
{
    std::int64_t rssBytes = 0;
    int processCount = 0;
    double userMs = 0; // live processes plus the children they reaped, plus lost orphans
    double systemMs = 0;
};

// The set of processes that belong to a launched command, kept up to date by sample().
//
// A process belongs when it is the root, is in the root's session (the launcher makes the root
// a session leader, so children re-parented to init after their parent exits stay found), or
// has a member as parent when first seen. Membership is decided once per process; members keep
// /proc/<pid>/stat and statm open and are re-read with pread. The /proc listing that finds new
// processes runs only when the last assigned pid (in /proc/loadavg) moved, or every tenth
// sample in case that figure is virtualised; so a sample of a build that spawns nothing costs
// one read plus two reads per member. A child whose memory counters equal its parent's is a
// clone that has not exec'd yet (vfork/posix_spawn share the parent's memory): it adds nothing
// of its own, so it is not counted. A forked child that never execs is counted without the pages
// it still shares with its parent (see ForkSharing). A pid reused by an
// unrelated process is never mistaken for a member: the open descriptors of the old process fail
// with ESRCH.
class ProcessTree
{
public:
    explicit ProcessTree(pid_t root);
    ~ProcessTree();
    ProcessTree(const ProcessTree&) = delete;
    ProcessTree& operator=(const ProcessTree&) = delete;

    TreeReading sample();

    pid_t root() const { return m_root; }
    std::vector<pid_t> livePids() const;
    // CPU of members that vanished without a member to reap them (orphans reaped by init).
    double lostUserMs() const;
    double lostSystemMs() const;

private:
    struct Member
    {
        pid_t ppid = 0;
        std::uint64_t startTime = 0;
        int statFd = -1; // -1: over the descriptor budget, opened per read instead
        int statmFd = -1;
        std::uint64_t userTicks = 0; // utime + cutime at the last sample
        std::uint64_t systemTicks = 0;
        procfs::Statm statm; // this sample's counters; all zero when unread
        bool forkedWithoutExec = false;
    };

    std::int64_t doubleCountedBytes();

    void discoverNewMembers(const std::vector<pid_t>& pids);
    bool processesWereCreated();
    bool qualifies(pid_t pid, pid_t ppid, pid_t session) const;
    void addMember(pid_t pid, pid_t ppid, std::uint64_t startTime);
    void forget(pid_t pid, const Member& member, bool parentIsMember);
    static void closeMember(Member& member);

    pid_t m_root;
    bool m_rootLeadsSession = false;
    int m_listingsUntilFullScan = 0;
    int m_samplesUntilListing = 0;
    int m_loadavgFd = -1;
    pid_t m_lastPid = -1;
    std::unordered_map<pid_t, Member> m_members;
    // Classified as not ours (re-checked every full scan), with the listing that last saw them.
    std::unordered_map<pid_t, std::uint32_t> m_foreign;
    std::uint32_t m_listing = 0;
    ForkSharing m_forkSharing;
    std::uint64_t m_lostUserTicks = 0;
    std::uint64_t m_lostSystemTicks = 0;
};

} // namespace bengal
