#pragma once

// Small helpers shared by the fake `bengal` (plain C++, no Qt, so its own RSS stays small and
// the memory tests can tell its baseline from what it allocates on purpose).

#include <string>

namespace fake {

// Environment knob as a number, or `fallback` when unset or not a number.
long envNumber(const char* name, long fallback);
bool envFlag(const char* name);

void sleepMs(long ms);
// Burns CPU for `ms` of wall time (for the CPU-time tests).
void spinMs(long ms);
double monotonicMs();

// Now as Bengal stamps log events (naive local time) and metrics (UTC "+00:00").
std::string localIsoNow();
std::string utcIsoNow();

// Python's json.dumps of a string (ensure_ascii is not needed: our strings are ASCII).
std::string jsonString(const std::string& text);
std::string jsonNumber(double value);

void makeDirectories(const std::string& path);
// VmRSS of this process in KiB, from /proc/self/status.
long selfRssKib();
// Private (unshared) resident KiB of this process, from /proc/self/smaps_rollup.
long selfPrivateKib();
// Writes `text` to `path` (for the test report files).
void writeFile(const std::string& path, const std::string& text);

} // namespace fake
