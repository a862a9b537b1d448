#pragma once

#include <QtGlobal>
#include <string>

namespace bengal {

// The two ways Bengal's collector has written `timestamp`.
enum class DemoTimestampStyle
{
    NaiveUtc, // datetime.utcnow().isoformat(), up to v0.1.8: "2025-10-05T14:52:52.575025"
    AwareUtc, // datetime.now(UTC).isoformat(), v0.1.9 on: "2026-06-17T15:04:05.123456+00:00"
};

// Appends Python's isoformat() of a UTC instant given in microseconds since the Unix epoch.
// Like Python, the ".ffffff" part is left out when the microseconds are exactly zero.
// Written by hand because QDateTime formatting per line would dominate writing 1M lines.
void appendIsoTimestamp(std::string& out, qint64 epochMicros, DemoTimestampStyle style);

} // namespace bengal
