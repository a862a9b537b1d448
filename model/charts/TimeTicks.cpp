#include "charts/TimeTicks.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <cmath>

namespace bengal {

namespace {

constexpr double kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;
constexpr std::array<double, 20> kFixedSteps{
    kSecond,     2 * kSecond, 5 * kSecond,  10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
    2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute, kHour,        2 * kHour,
    3 * kHour,   6 * kHour,   12 * kHour,   kDay,         2 * kDay,     7 * kDay};
constexpr std::array<int, 9> kMonthSteps{1, 2, 3, 6, 12, 24, 60, 120, 600};
constexpr double kMonthMs = 30.436875 * kDay;
// 1970-01-01 was a Thursday: weeks start on the Monday four days later.
constexpr double kMondayOffset = 4 * kDay;

QDateTime utc(double ms)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(ms)), QTimeZone::utc());
}

QString labelFor(double ms, double step, int months, bool oneDay, bool oneYear)
{
    QString format;
    if (months >= 12)
        format = QStringLiteral("yyyy");
    else if (months > 0)
        format = QStringLiteral("yyyy-MM");
    else if (step >= kDay)
        format = oneYear ? QStringLiteral("MMM d") : QStringLiteral("yyyy-MM-dd");
    else if (step < kMinute)
        format = oneDay ? QStringLiteral("HH:mm:ss") : QStringLiteral("MM-dd HH:mm:ss");
    else
        format = oneDay ? QStringLiteral("HH:mm") : QStringLiteral("MM-dd HH:mm");
    return QLocale::c().toString(utc(ms), format); // English month names, like the ISO parts
}

} // namespace

QList<TimeTick> timeTicks(double fromMs, double toMs, int maxTicks)
{
    const double span = toMs - fromMs;
    if (!(span > 0) || maxTicks < 1 || !std::isfinite(span))
        return {};
    const bool oneDay = utc(fromMs).date() == utc(toMs).date();
    const bool oneYear = utc(fromMs).date().year() == utc(toMs).date().year();
    const auto fixedTicks = [&](double step) {
        QList<TimeTick> ticks;
        const double offset = step == 7 * kDay ? kMondayOffset : 0;
        for (double t = std::ceil((fromMs - offset) / step) * step + offset; t <= toMs; t += step)
            ticks.append({t, labelFor(t, step, 0, oneDay, oneYear)});
        return ticks;
    };
    const auto monthTicks = [&](int months) {
        QList<TimeTick> ticks;
        const QDate first = utc(fromMs).date();
        int index = first.year() * 12 + first.month() - 1; // months since year 0
        index = (index + months - 1) / months * months;
        for (;; index += months) {
            const QDate date(index / 12, index % 12 + 1, 1);
            const double t =
                double(QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
            if (t > toMs)
                break;
            if (t >= fromMs)
                ticks.append({t, labelFor(t, 0, months, oneDay, oneYear)});
        }
        return ticks;
    };
    // The finest step that gives at most maxTicks ticks. Coarse steps can miss a short range
    // altogether (16 days hold no first of a month): then every k-th tick of the next finer
    // step, so a narrow chart still has a label.
    double finerStep = 0; // > 0: a fixed step; < 0: minus a month step
    const auto pick = [&](QList<TimeTick> ticks) {
        if (!ticks.isEmpty() || finerStep == 0)
            return ticks;
        const QList<TimeTick> finer =
            finerStep > 0 ? fixedTicks(finerStep) : monthTicks(int(-finerStep));
        const qsizetype every = std::max<qsizetype>(1, (finer.size() + maxTicks - 1) / maxTicks);
        for (qsizetype i = 0; i < finer.size(); i += every)
            ticks.append(finer[i]);
        return ticks;
    };
    for (const double step : kFixedSteps) {
        if (span / step <= maxTicks)
            return pick(fixedTicks(step));
        finerStep = step;
    }
    for (const int months : kMonthSteps) {
        if (span / (months * kMonthMs) <= maxTicks)
            return pick(monthTicks(months));
        finerStep = -months;
    }
    return {};
}

} // namespace bengal
