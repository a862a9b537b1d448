#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

// Small, allocation-light readers of Linux /proc. They run beside a build every few tens of
// milliseconds, so they use raw open/pread/close and fixed buffers instead of QFile.
namespace bengal::procfs {

// The fields of /proc/<pid>/stat the collector needs (clock ticks for the times).
struct ProcessStat
{
    pid_t pid = 0;
    char state = '?';
    pid_t ppid = 0;
    pid_t pgrp = 0;
    pid_t session = 0;
    std::uint64_t utime = 0;
    std::uint64_t stime = 0;
    std::uint64_t cutime = 0; // children this process has waited for
    std::uint64_t cstime = 0;
    std::uint64_t startTime = 0; // ticks after boot: tells a reused pid from the old process
    unsigned flags = 0;          // PF_* flags of the task
};

// PF_FORKNOEXEC: forked and not (yet) exec'd, so it may share its parent's pages.
constexpr unsigned ForkedWithoutExec = 0x40;

// What /proc/<pid>/smaps_rollup says about resident memory, in bytes. Reading it walks the
// process's page tables (about 24 µs per MiB): use it sparingly.
struct MemoryRollup
{
    std::int64_t rss = 0;
    std::int64_t privateBytes = 0; // Private_Clean + Private_Dirty: pages mapped only here
};
std::optional<MemoryRollup> parseSmapsRollup(std::string_view text);
std::optional<MemoryRollup> readSmapsRollup(pid_t pid);

// Parses the text of /proc/<pid>/stat; the command name may hold spaces and parentheses.
std::optional<ProcessStat> parseStat(std::string_view text);

// Reads up to `capacity` bytes from the start of an open /proc file (pread at 0, so one
// descriptor can be re-read every sample). Returns the byte count, or -1 (e.g. ESRCH: gone).
long readAt0(int fd, char* buffer, long capacity);

// Opens /proc/<pid>/<name> read-only and close-on-exec; -1 when the process is gone.
int openProcFile(pid_t pid, const char* name);

// The memory counters of /proc/<pid>/statm, in pages.
struct Statm
{
    std::int64_t size = 0;
    std::int64_t resident = 0;
    std::int64_t shared = 0;
    std::int64_t text = 0;
    std::int64_t data = 0;
    bool operator==(const Statm&) const = default;
};
std::optional<Statm> parseStatm(std::string_view text);

// Resident set size in bytes from the text of /proc/<pid>/statm (second field, in pages).
std::optional<std::int64_t> parseStatmResidentBytes(std::string_view text);

// Every numeric entry of /proc (thread-group leaders only), in directory order.
std::vector<pid_t> listProcesses();

// The most recently assigned pid, the last field of /proc/loadavg read through `fd` (kept
// open): while it stays the same, no process was created, so no new tree member can exist.
std::optional<pid_t> parseLastPid(std::string_view loadavgText);

// Reads and parses /proc/<pid>/stat in one go (open, read, close).
std::optional<ProcessStat> readStat(pid_t pid);

// True while some process other than a zombie has process group `pgid`.
bool groupHasLiveMembers(pid_t pgid);

// Clock ticks per second and page size, cached.
long clockTicksPerSecond();
long pageSize();

} // namespace bengal::procfs
