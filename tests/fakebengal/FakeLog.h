#pragma once

#include <string>

namespace fake {

enum Level
{
    Debug = 10,
    Info = 20,
    Warning = 30,
    Error = 40
};

// Bengal's structured log file: JSON lines, truncated when the build starts, one write and
// flush per event. Events below the profile's level are not written (writer logs WARNING+).
class EventLog
{
public:
    // `tracing`: tracemalloc runs (dev profile), so phase_complete carries memory figures.
    EventLog(const std::string& path, Level threshold, bool tracing = false);
    ~EventLog();

    void phaseStart(const std::string& name, int depth);
    void phaseComplete(const std::string& name, int depth, double durationMs);
    void phaseError(const std::string& name, const std::string& error);
    void event(Level level, const std::string& type, const std::string& context,
               double durationMs = -1);

private:
    void write(Level level, const std::string& line);

    int m_fd = -1;
    Level m_threshold;
    bool m_tracing;
};

} // namespace fake
