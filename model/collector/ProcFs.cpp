#include "collector/ProcFs.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>

namespace bengal::procfs {

namespace {

// Splits off the next space-separated field of `text`.
std::string_view nextField(std::string_view& text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    const size_t end = text.find(' ');
    const std::string_view field = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end);
    return field;
}

template <typename T>
bool toNumber(std::string_view field, T& out)
{
    const auto result = std::from_chars(field.data(), field.data() + field.size(), out);
    return result.ec == std::errc() && result.ptr == field.data() + field.size();
}

} // namespace

std::optional<ProcessStat> parseStat(std::string_view text)
{
    ProcessStat stat;
    const size_t open = text.find('(');
    const size_t close = text.rfind(')'); // the name may itself contain ") "
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    if (!toNumber(text.substr(0, open > 0 ? open - 1 : 0), stat.pid))
        return std::nullopt;
    std::string_view rest = text.substr(close + 1);
    // Field 3 onwards; fields 14-17 are the times, 22 the start time.
    std::string_view fields[20];
    for (std::string_view& field : fields) {
        field = nextField(rest);
        if (field.empty())
            return std::nullopt;
    }
    stat.state = fields[0].front();
    const bool ok = toNumber(fields[1], stat.ppid) && toNumber(fields[2], stat.pgrp) &&
                    toNumber(fields[3], stat.session) && toNumber(fields[11], stat.utime) &&
                    toNumber(fields[12], stat.stime) && toNumber(fields[13], stat.cutime) &&
                    toNumber(fields[14], stat.cstime) && toNumber(fields[19], stat.startTime) &&
                    toNumber(fields[6], stat.flags);
    if (!ok)
        return std::nullopt;
    return stat;
}

long readAt0(int fd, char* buffer, long capacity)
{
    for (;;) {
        const ssize_t n = ::pread(fd, buffer, size_t(capacity), 0);
        if (n >= 0 || errno != EINTR)
            return long(n);
    }
}

int openProcFile(pid_t pid, const char* name)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/%s", int(pid), name);
    return ::open(path, O_RDONLY | O_CLOEXEC);
}

std::optional<Statm> parseStatm(std::string_view text)
{
    Statm statm;
    std::int64_t library = 0; // always 0 since Linux 2.6
    const bool ok =
        toNumber(nextField(text), statm.size) && toNumber(nextField(text), statm.resident) &&
        toNumber(nextField(text), statm.shared) && toNumber(nextField(text), statm.text) &&
        toNumber(nextField(text), library) && toNumber(nextField(text), statm.data);
    if (!ok)
        return std::nullopt;
    return statm;
}

std::optional<std::int64_t> parseStatmResidentBytes(std::string_view text)
{
    const auto statm = parseStatm(text);
    if (!statm)
        return std::nullopt;
    return statm->resident * pageSize();
}

std::vector<pid_t> listProcesses()
{
    std::vector<pid_t> pids;
    DIR* dir = ::opendir("/proc");
    if (!dir)
        return pids;
    while (const dirent* entry = ::readdir(dir)) {
        const char* name = entry->d_name;
        if (name[0] < '1' || name[0] > '9')
            continue;
        pid_t pid = 0;
        const std::string_view text(name);
        if (toNumber(text, pid))
            pids.push_back(pid);
    }
    ::closedir(dir);
    return pids;
}

std::optional<pid_t> parseLastPid(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    const size_t space = text.rfind(' ');
    pid_t pid = 0;
    if (space == std::string_view::npos || !toNumber(text.substr(space + 1), pid))
        return std::nullopt;
    return pid;
}

std::optional<MemoryRollup> parseSmapsRollup(std::string_view text)
{
    MemoryRollup rollup;
    bool sawRss = false;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view key = line.substr(0, colon);
        std::string_view rest = line.substr(colon + 1);
        std::int64_t kib = 0;
        if (!toNumber(nextField(rest), kib))
            continue;
        if (key == "Rss") {
            rollup.rss = kib * 1024;
            sawRss = true;
        } else if (key == "Private_Clean" || key == "Private_Dirty") {
            rollup.privateBytes += kib * 1024;
        }
    }
    if (!sawRss)
        return std::nullopt;
    return rollup;
}

std::optional<MemoryRollup> readSmapsRollup(pid_t pid)
{
    const int fd = openProcFile(pid, "smaps_rollup");
    if (fd < 0)
        return std::nullopt;
    char buffer[4096];
    const long n = readAt0(fd, buffer, sizeof buffer);
    ::close(fd);
    if (n <= 0)
        return std::nullopt;
    return parseSmapsRollup(std::string_view(buffer, size_t(n)));
}

std::optional<ProcessStat> readStat(pid_t pid)
{
    const int fd = openProcFile(pid, "stat");
    if (fd < 0)
        return std::nullopt;
    char buffer[1024];
    const long n = readAt0(fd, buffer, sizeof buffer);
    ::close(fd);
    if (n <= 0)
        return std::nullopt;
    return parseStat(std::string_view(buffer, size_t(n)));
}

bool groupHasLiveMembers(pid_t pgid)
{
    if (pgid <= 0)
        return false;
    if (::kill(-pgid, 0) != 0 && errno == ESRCH)
        return false; // the cheap answer covers the common case
    // kill() also succeeds for zombies, which are harmless and wait for their reaper.
    for (const pid_t pid : listProcesses()) {
        const auto stat = readStat(pid);
        if (stat && stat->pgrp == pgid && stat->state != 'Z' && stat->state != 'X')
            return true;
    }
    return false;
}

long clockTicksPerSecond()
{
    static const long ticks = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
    return ticks;
}

long pageSize()
{
    static const long size = ::sysconf(_SC_PAGESIZE) > 0 ? ::sysconf(_SC_PAGESIZE) : 4096;
    return size;
}

} // namespace bengal::procfs
