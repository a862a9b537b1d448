#include "demo/DemoTimestamp.h"

namespace bengal {

namespace {

struct CivilDate
{
    qint64 year;
    int month;
    int day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
CivilDate civilFromDays(qint64 days)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void appendDigits(char*& p, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    p += width;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

void appendIsoTimestamp(std::string& out, qint64 epochMicros, DemoTimestampStyle style)
{
    constexpr qint64 MicrosPerDay = 86400LL * 1000000LL;
    const qint64 days = floorDiv(epochMicros, MicrosPerDay);
    const qint64 microsOfDay = epochMicros - days * MicrosPerDay;
    const CivilDate date = civilFromDays(days);
    const qint64 secondsOfDay = microsOfDay / 1000000;
    const qint64 micros = microsOfDay % 1000000;

    char buffer[40];
    char* p = buffer;
    appendDigits(p, date.year, 4);
    *p++ = '-';
    appendDigits(p, date.month, 2);
    *p++ = '-';
    appendDigits(p, date.day, 2);
    *p++ = 'T';
    appendDigits(p, secondsOfDay / 3600, 2);
    *p++ = ':';
    appendDigits(p, (secondsOfDay / 60) % 60, 2);
    *p++ = ':';
    appendDigits(p, secondsOfDay % 60, 2);
    if (micros != 0) {
        *p++ = '.';
        appendDigits(p, micros, 6);
    }
    if (style == DemoTimestampStyle::AwareUtc) {
        for (const char c : {'+', '0', '0', ':', '0', '0'})
            *p++ = c;
    }
    out.append(buffer, p - buffer);
}

} // namespace bengal
