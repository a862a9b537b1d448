#pragma once

// Shared by the hardening tests: history files written quickly, peak memory of a load measured
// in a child process (so one test's allocations do not hide another's).

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <functional>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hardening {

// True when built with AddressSanitizer, whose quarantine keeps freed memory resident: peak
// RSS then says nothing about the code's own bound.
constexpr bool kAddressSanitizer =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

// One valid record per call, each with its own timestamp (so no line is a duplicate).
inline QByteArray recordLine(int n, const QByteArray& extra = QByteArray())
{
    const int day = 1 + n / 86400 % 28;
    const int second = n % 86400;
    QByteArray line = QByteArray("{\"timestamp\": \"2026-03-") +
                      QByteArray::number(day).rightJustified(2, '0') + "T" +
                      QByteArray::number(second / 3600).rightJustified(2, '0') + ":" +
                      QByteArray::number(second / 60 % 60).rightJustified(2, '0') + ":" +
                      QByteArray::number(second % 60).rightJustified(2, '0') + "." +
                      QByteArray::number(n / 2419200).rightJustified(6, '0') +
                      "\", \"build_time_ms\": " + QByteArray::number(1000 + n % 997) +
                      ", \"total_pages\": 137, \"phase_timings_ms\": {\"rendering\": " +
                      QByteArray::number(500 + n % 101) + ", \"assets\": 20.5}";
    if (!extra.isEmpty())
        line += ", " + extra;
    return line + "}\n";
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

struct ChildRun
{
    bool ok = false;
    long peakRssKb = 0;    // the child's own peak resident set
    double seconds = 0;    // wall time
    double cpuSeconds = 0; // user + system time of the child's threads: what a busy machine
                           // does not inflate
    int exitCode = -1;
};

// Runs `work` in a forked child and reports its peak RSS (from wait4) and wall time. The child
// exits with work()'s return value. Call before this process starts threads of its own.
inline ChildRun runInChild(const std::function<int()>& work)
{
    ChildRun run;
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = ::fork();
    if (pid < 0)
        return run;
    if (pid == 0)
        ::_exit(work());
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) != pid)
        return run;
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.peakRssKb = usage.ru_maxrss;
    run.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    run.ok = WIFEXITED(status);
    run.exitCode = run.ok ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace hardening
