#pragma once

#include <QList>
#include <QString>

namespace bengal {

// A labelled tick on a time axis.
struct TimeTick
{
    double ms = 0; // UTC, ms since the epoch
    QString label;
    bool operator==(const TimeTick&) const = default;
};

// Ticks at round UTC times (seconds, minutes, hours, days, Mondays, months, years) inside
// [fromMs, toMs], at most `maxTicks` of them, with labels just precise enough for the step and
// all different from each other ("14:00", "Oct 7", "2024-12-30", "2025-07", "2026").
QList<TimeTick> timeTicks(double fromMs, double toMs, int maxTicks);

} // namespace bengal
