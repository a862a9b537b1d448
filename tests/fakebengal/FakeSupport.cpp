#include "FakeSupport.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <thread>

namespace fake {

long envNumber(const char* name, long fallback)
{
    const char* value = std::getenv(name);
    if (!value || !*value)
        return fallback;
    char* end = nullptr;
    const long number = std::strtol(value, &end, 10);
    return (end && *end == '\0') ? number : fallback;
}

bool envFlag(const char* name)
{
    return envNumber(name, 0) != 0;
}

void sleepMs(long ms)
{
    if (ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

double monotonicMs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

void spinMs(long ms)
{
    const double until = monotonicMs() + double(ms);
    volatile double sink = 0;
    while (monotonicMs() < until) {
        for (int i = 0; i < 10000; ++i)
            sink = sink + std::sqrt(double(i));
    }
}

namespace {

std::string isoNow(bool utc)
{
    timeval now{};
    gettimeofday(&now, nullptr);
    tm parts{};
    if (utc)
        gmtime_r(&now.tv_sec, &parts);
    else
        localtime_r(&now.tv_sec, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06ld%s", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  long(now.tv_usec), utc ? "+00:00" : "");
    return text;
}

} // namespace

std::string localIsoNow()
{
    return isoNow(false);
}
std::string utcIsoNow()
{
    return isoNow(true);
}

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string jsonNumber(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

void makeDirectories(const std::string& path)
{
    for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
        ::mkdir(path.substr(0, slash).c_str(), 0755);
        if (slash == std::string::npos)
            break;
    }
}

long selfRssKib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

long selfPrivateKib()
{
    std::ifstream rollup("/proc/self/smaps_rollup");
    std::string line;
    long total = 0;
    while (std::getline(rollup, line)) {
        if (line.rfind("Private_Clean:", 0) == 0 || line.rfind("Private_Dirty:", 0) == 0)
            total += std::strtol(line.c_str() + 14, nullptr, 10);
    }
    return total;
}

void writeFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

} // namespace fake
