#pragma once

#include <QString>
#include <cstdint>
#include <optional>
#include <string_view>

namespace bengal {

// Microseconds since 1970-01-01T00:00:00Z. Years 0001-9999 fit comfortably in 64 bits.
using TimestampUs = std::int64_t;

enum class TimestampError
{
    None,
    BadForm,
    BadDate
};

// Parses YYYY-MM-DDTHH:MM:SS[.f up to 6 digits][Z|+HH:MM|-HH:MM] with a real calendar date;
// no offset means UTC (Bengal up to v0.1.8 wrote naive UTC).
std::optional<TimestampUs> parseTimestamp(std::string_view text, TimestampError* error = nullptr);

// ISO-8601 UTC ending in Z, with six fraction digits when the fraction is not zero
// (as Python's isoformat does).
QString formatTimestampUtc(TimestampUs us);

// UTC "+00:00" form, the one Bengal writes since v0.1.9.
QString formatTimestampBengal(TimestampUs us);

TimestampUs currentTimestampUs();

} // namespace bengal
