#include "core/Timestamp.h"

#include <QDateTime>
#include <cstdio>
#include <cstring>
#include <limits>

namespace bengal {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic.
constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil
{
    std::int64_t y;
    unsigned m, d;
};

constexpr Civil civilFromDays(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

bool isLeap(std::int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(std::int64_t y, unsigned m)
{
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

[[gnu::always_inline]] inline bool digits(std::string_view s, std::size_t pos, std::size_t count,
                                          int* out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

std::optional<TimestampUs> fail(TimestampError* error, TimestampError why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

constexpr std::int64_t kUsPerSecond = 1000000;
constexpr std::int64_t kUsPerDay = 86400 * kUsPerSecond;

// The date part of the timestamp parsed last on this thread: builds of one day share it, so its
// checks and calendar arithmetic are done once per day rather than once per line.
struct DateCache
{
    char text[10] = {};
    std::int64_t days = 0;
    bool valid = false;
};
thread_local DateCache lastDate;

constexpr std::int64_t kUnrealDate = std::numeric_limits<std::int64_t>::min();

} // namespace

std::optional<TimestampUs> parseTimestamp(std::string_view s, TimestampError* error)
{
    if (error)
        *error = TimestampError::None;
    if (s.size() < 19)
        return fail(error, TimestampError::BadForm);
    std::int64_t days;
    if (lastDate.valid && std::memcmp(lastDate.text, s.data(), sizeof lastDate.text) == 0) {
        days = lastDate.days;
    } else {
        int year, month, day;
        if (!digits(s, 0, 4, &year) || s[4] != '-' || !digits(s, 5, 2, &month) || s[7] != '-' ||
            !digits(s, 8, 2, &day))
            return fail(error, TimestampError::BadForm);
        const bool realDate = year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
                              unsigned(day) <= daysInMonth(year, unsigned(month));
        // The form of the rest is checked before the date is called unreal, as it always was.
        if (realDate) {
            days = daysFromCivil(year, unsigned(month), unsigned(day));
            std::memcpy(lastDate.text, s.data(), sizeof lastDate.text);
            lastDate.days = days;
            lastDate.valid = true;
        } else {
            days = kUnrealDate;
        }
    }
    int hour, minute, second;
    if (s[10] != 'T' || !digits(s, 11, 2, &hour) || s[13] != ':' || !digits(s, 14, 2, &minute) ||
        s[16] != ':' || !digits(s, 17, 2, &second))
        return fail(error, TimestampError::BadForm);
    std::size_t pos = 19;
    std::int64_t micros = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (++n > 6)
                return fail(error, TimestampError::BadForm);
            micros = micros * 10 + (s[pos] - '0');
            ++pos;
        }
        if (n == 0)
            return fail(error, TimestampError::BadForm);
        for (std::size_t i = n; i < 6; ++i)
            micros *= 10;
    }
    std::int64_t offsetMinutes = 0;
    if (pos < s.size()) {
        const char sign = s[pos];
        if (sign == 'Z') {
            ++pos;
        } else if (sign == '+' || sign == '-') {
            int oh, om;
            if (!digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
                !digits(s, pos + 4, 2, &om))
                return fail(error, TimestampError::BadForm);
            if (oh > 23 || om > 59)
                return fail(error, TimestampError::BadDate);
            offsetMinutes = (oh * 60 + om) * (sign == '-' ? -1 : 1);
            pos += 6;
        } else {
            return fail(error, TimestampError::BadForm);
        }
    }
    if (pos != s.size())
        return fail(error, TimestampError::BadForm);
    if (days == kUnrealDate || hour > 23 || minute > 59 || second > 59)
        return fail(error, TimestampError::BadDate);
    const std::int64_t secs =
        days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
    return secs * kUsPerSecond + micros;
}

static QString formatWithSuffix(TimestampUs us, QLatin1String suffix)
{
    std::int64_t days = us / kUsPerDay;
    std::int64_t rest = us % kUsPerDay;
    if (rest < 0) {
        rest += kUsPerDay;
        --days;
    }
    const Civil c = civilFromDays(days);
    const std::int64_t secs = rest / kUsPerSecond;
    const std::int64_t micros = rest % kUsPerSecond;
    char buf[64];
    int n =
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                      static_cast<long long>(c.y), c.m, c.d, static_cast<long long>(secs / 3600),
                      static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
    if (micros != 0)
        n += std::snprintf(buf + n, sizeof buf - size_t(n), ".%06lld",
                           static_cast<long long>(micros));
    return QString::fromLatin1(buf, n) + suffix;
}

QString formatTimestampUtc(TimestampUs us)
{
    return formatWithSuffix(us, QLatin1String("Z"));
}

QString formatTimestampBengal(TimestampUs us)
{
    return formatWithSuffix(us, QLatin1String("+00:00"));
}

TimestampUs currentTimestampUs()
{
    return QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() * 1000;
}

} // namespace bengal
