#include "FakeLog.h"

#include "FakeSupport.h"

#include <fcntl.h>
#include <unistd.h>

namespace fake {

namespace {

const char* levelName(Level level)
{
    switch (level) {
    case Debug:
        return "DEBUG";
    case Info:
        return "INFO";
    case Warning:
        return "WARNING";
    case Error:
        return "ERROR";
    }
    return "INFO";
}

// The common head of every event, in LogEvent.to_dict() order.
std::string head(Level level, const std::string& type)
{
    return "{\"timestamp\": " + jsonString(localIsoNow()) +
           ", \"level\": " + jsonString(levelName(level)) +
           ", \"logger_name\": \"bengal.orchestration.build\", \"event_type\": " +
           jsonString(type) + ", \"message\": " + jsonString(type);
}

} // namespace

EventLog::EventLog(const std::string& path, Level threshold, bool tracing)
    : m_threshold(threshold), m_tracing(tracing)
{
    const size_t slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0)
        makeDirectories(path.substr(0, slash));
    // configure_logging() truncates the file at the start of every build.
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (envFlag("FAKE_BENGAL_GARBAGE")) // a line cut by an interleaving writer
        write(Error, "{\"timestamp\": \"2026-08-17T12:04:11.4\", \"level\": \"INF\n");
}

EventLog::~EventLog()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void EventLog::write(Level level, const std::string& line)
{
    if (m_fd < 0 || level < m_threshold)
        return;
    if (envFlag("FAKE_BENGAL_SPLIT_WRITES") && line.size() > 10) {
        // Let the follower see a partial line first.
        const size_t half = line.size() / 2;
        (void)::write(m_fd, line.data(), half);
        sleepMs(60);
        (void)::write(m_fd, line.data() + half, line.size() - half);
        return;
    }
    (void)::write(m_fd, line.data(), line.size());
}

void EventLog::phaseStart(const std::string& name, int depth)
{
    write(Info, head(Info, "phase_start") + ", \"phase\": " + jsonString(name) +
                    ", \"phase_depth\": " + std::to_string(depth) +
                    ", \"context\": {\"phase_name\": " + jsonString(name) + "}}\n");
}

void EventLog::phaseComplete(const std::string& name, int depth, double durationMs)
{
    // Popped before emitting: depth is the parent's and `phase` names the parent (absent here).
    // memory_mb is the tracemalloc delta over the phase, peak_memory_mb the absolute peak.
    const std::string memory = m_tracing ? ", \"memory_mb\": 0.25, \"peak_memory_mb\": " +
                                               jsonNumber(double(selfRssKib()) / 1024.0)
                                         : std::string();
    write(Info, head(Info, "phase_complete") + ", \"phase_depth\": " + std::to_string(depth - 1) +
                    ", \"duration_ms\": " + jsonNumber(durationMs) + memory +
                    ", \"context\": {\"phase_name\": " + jsonString(name) + "}}\n");
}

void EventLog::phaseError(const std::string& name, const std::string& error)
{
    write(Error, head(Error, "phase_error") + ", \"phase\": " + jsonString(name) +
                     ", \"phase_depth\": 1, \"context\": {\"phase_name\": " + jsonString(name) +
                     ", \"error\": " + jsonString(error) + "}}\n");
}

void EventLog::event(Level level, const std::string& type, const std::string& context,
                     double durationMs)
{
    std::string line = head(level, type);
    if (durationMs >= 0)
        line += ", \"duration_ms\": " + jsonNumber(durationMs);
    write(level, line + ", \"context\": {" + context + "}}\n");
}

} // namespace fake
