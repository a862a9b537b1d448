#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace fake {

// Memory the fake holds on purpose, in itself and in helper processes, so the collector's
// tree RSS can be checked against a known truth.
class HeldMemory
{
public:
    // Allocates and touches `mib` MiB (every page written, so it is resident).
    void allocate(long mib);
    void release();

private:
    std::vector<char> m_block;
};

// Starts `bengal __child MIB HOLD_MS READY_FD GRANDCHILD_MIB` from our own executable; returns
// its pid. The helper writes one byte to the pipe when its memory is resident (and one more for
// its grandchild when GRANDCHILD_MIB >= 0). HOLD_MS < 0 holds until killed.
pid_t spawnHelper(long mib, long holdMs, int readyFd, long grandchildMib);

// vfork()s a child that waits `ms` before it execs a no-op helper: for that long it shares
// our memory, the window in which a naive tree sum counts us twice.
void vforkPause(long ms);

// fork()s a child that does not exec: it shares our pages copy-on-write, allocates `mib` more
// and holds them `holdMs`. It reports "uss-<pid>" (its private KiB) besides pid and rss. Returns
// once the child's memory is resident; the caller waits for the child.
pid_t forkHolder(long mib, long holdMs);

// The helper's main: `args` are the words after "__child".
int helperMain(const std::vector<std::string>& args);

// Records this process for the tests: "<dir>/pid-<pid>" and, when `rss`, "<dir>/rss-<pid>"
// holding VmRSS in KiB. No-op without FAKE_BENGAL_REPORT_DIR.
void report(bool rss);

// Records "<dir>/cpu-<pid>" = "USER_MS SYSTEM_MS" of this process and the helpers it reaped
// (getrusage), the truth for the collector's CPU figures. No-op without the report folder.
void reportCpu();

} // namespace fake
