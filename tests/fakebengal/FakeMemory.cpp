#include "FakeMemory.h"

#include "FakeSupport.h"

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

extern char** environ;

namespace fake {

void HeldMemory::allocate(long mib)
{
    if (mib <= 0)
        return;
    m_block.assign(size_t(mib) * 1024 * 1024, char(1)); // writes every page
}

void HeldMemory::release()
{
    std::vector<char>().swap(m_block);
}

pid_t spawnHelper(long mib, long holdMs, int readyFd, long grandchildMib)
{
    const std::string words[] = {"bengal",
                                 "__child",
                                 std::to_string(mib),
                                 std::to_string(holdMs),
                                 std::to_string(readyFd),
                                 std::to_string(grandchildMib)};
    char* argv[7];
    for (int i = 0; i < 6; ++i)
        argv[i] = const_cast<char*>(words[i].c_str());
    argv[6] = nullptr;
    pid_t pid = 0;
    // A fresh exec, not a fork: the helper shares no copy-on-write pages with us.
    if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv, environ) != 0)
        return -1;
    return pid;
}

void report(bool rss)
{
    const char* dir = std::getenv("FAKE_BENGAL_REPORT_DIR");
    if (!dir || !*dir)
        return;
    const std::string pid = std::to_string(getpid());
    writeFile(std::string(dir) + "/pid-" + pid, pid + "\n");
    if (rss)
        writeFile(std::string(dir) + "/rss-" + pid, std::to_string(selfRssKib()) + "\n");
}

void reportCpu()
{
    const char* dir = std::getenv("FAKE_BENGAL_REPORT_DIR");
    if (!dir || !*dir)
        return;
    rusage self{};
    rusage children{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    auto ms = [](const timeval& a, const timeval& b) {
        return double(a.tv_sec + b.tv_sec) * 1000.0 + double(a.tv_usec + b.tv_usec) / 1000.0;
    };
    writeFile(std::string(dir) + "/cpu-" + std::to_string(getpid()),
              jsonNumber(ms(self.ru_utime, children.ru_utime)) + " " +
                  jsonNumber(ms(self.ru_stime, children.ru_stime)) + "\n");
}

pid_t forkHolder(long mib, long holdMs)
{
    int ready[2];
    if (::pipe(ready) != 0)
        return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        HeldMemory memory;
        memory.allocate(mib);
        report(true);
        if (const char* dir = std::getenv("FAKE_BENGAL_REPORT_DIR"); dir && *dir)
            writeFile(std::string(dir) + "/uss-" + std::to_string(getpid()),
                      std::to_string(selfPrivateKib()) + "\n");
        const char byte = 'r';
        (void)::write(ready[1], &byte, 1);
        sleepMs(holdMs);
        ::_exit(0);
    }
    char byte;
    if (pid > 0)
        (void)::read(ready[0], &byte, 1);
    ::close(ready[0]);
    ::close(ready[1]);
    return pid;
}

void vforkPause(long ms)
{
    if (ms <= 0)
        return;
    const pid_t pid = vfork();
    if (pid == 0) {
        const timespec pause{ms / 1000, (ms % 1000) * 1000000};
        nanosleep(&pause, nullptr); // a bare system call: allowed in a vfork child on Linux
        execl("/proc/self/exe", "bengal", "__child", "0", "0", "-1", "-1",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    if (pid > 0)
        ::waitpid(pid, nullptr, 0);
}

int helperMain(const std::vector<std::string>& args)
{
    if (args.size() < 4)
        return 2;
    const long mib = std::atol(args[0].c_str());
    const long holdMs = std::atol(args[1].c_str());
    const int readyFd = std::atoi(args[2].c_str());
    const long grandchildMib = std::atol(args[3].c_str());

    HeldMemory memory;
    memory.allocate(mib);
    pid_t grandchild = -1;
    if (grandchildMib >= 0)
        grandchild = spawnHelper(grandchildMib, holdMs, readyFd, -1);
    report(true);
    const char ready = 'r';
    (void)::write(readyFd, &ready, 1);
    if (grandchild > 0 && envFlag("FAKE_BENGAL_ORPHAN"))
        return 0; // leave the grandchild to init: the collector must still count it
    if (holdMs < 0) {
        for (;;)
            ::pause();
    }
    sleepMs(holdMs);
    if (grandchild > 0)
        ::waitpid(grandchild, nullptr, 0);
    return 0;
}

} // namespace fake
