// Round UTC ticks for the time axis.
#include "charts/TimeTicks.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace bengal;

namespace {
double ms(const char* iso)
{
    return double(QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toMSecsSinceEpoch());
}
} // namespace

class TestTimeTicks : public QObject
{
    Q_OBJECT
private slots:
    void daysOverElevenDays();
    void hoursWithinOneDay();
    void hoursAcrossMidnightCarryTheDate();
    void monthsOverYears();
    void weeksStartOnMonday();
    void propertiesHoldForRandomRanges();
    void emptyRanges();
    void narrowChartsStillGetALabel();
};

void TestTimeTicks::daysOverElevenDays()
{
    const QList<TimeTick> ticks =
        timeTicks(ms("2025-10-05T14:55:16Z"), ms("2025-10-16T09:00:00Z"), 9);
    QStringList labels;
    for (const TimeTick& t : ticks)
        labels.append(t.label);
    // 1-day ticks would be 11, too many; 2-day ticks fall on even days since the epoch.
    QCOMPARE(labels, (QStringList{"Oct 7", "Oct 9", "Oct 11", "Oct 13", "Oct 15"}));
    QCOMPARE(ticks.first().ms, ms("2025-10-07T00:00:00Z"));
}

void TestTimeTicks::hoursWithinOneDay()
{
    const QList<TimeTick> ticks =
        timeTicks(ms("2025-10-05T14:55:00Z"), ms("2025-10-05T20:10:00Z"), 8);
    QCOMPARE(ticks.size(), 6);
    QCOMPARE(ticks.first().label, QStringLiteral("15:00"));
    QCOMPARE(ticks.last().label, QStringLiteral("20:00"));
}

void TestTimeTicks::hoursAcrossMidnightCarryTheDate()
{
    const QList<TimeTick> ticks =
        timeTicks(ms("2025-10-05T20:00:00Z"), ms("2025-10-06T10:00:00Z"), 6);
    QVERIFY(!ticks.isEmpty());
    QCOMPARE(ticks.first().label, QStringLiteral("10-05 21:00"));
}

void TestTimeTicks::monthsOverYears()
{
    const QList<TimeTick> ticks =
        timeTicks(ms("2023-02-10T00:00:00Z"), ms("2026-01-20T00:00:00Z"), 10);
    QStringList labels;
    for (const TimeTick& t : ticks)
        labels.append(t.label);
    QCOMPARE(labels,
             (QStringList{"2023-07", "2024-01", "2024-07", "2025-01", "2025-07", "2026-01"}));
    const QList<TimeTick> years =
        timeTicks(ms("2000-01-01T00:00:00Z"), ms("2025-06-01T00:00:00Z"), 8);
    QCOMPARE(years.first().label, QStringLiteral("2000"));
    QCOMPARE(years.last().label, QStringLiteral("2025"));
}

void TestTimeTicks::weeksStartOnMonday()
{
    // Across New Year the day labels carry the year.
    const QList<TimeTick> newYear =
        timeTicks(ms("2025-12-20T00:00:00Z"), ms("2026-01-10T00:00:00Z"), 6);
    QCOMPARE(newYear.first().label, QStringLiteral("2025-12-22"));

    const QList<TimeTick> ticks =
        timeTicks(ms("2025-09-01T12:00:00Z"), ms("2025-11-20T00:00:00Z"), 12);
    QVERIFY(ticks.size() >= 10);
    for (const TimeTick& t : ticks) {
        const QDateTime d = QDateTime::fromMSecsSinceEpoch(qint64(t.ms), QTimeZone::utc());
        QCOMPARE(d.date().dayOfWeek(), 1);
        QCOMPARE(d.time(), QTime(0, 0));
    }
}

void TestTimeTicks::propertiesHoldForRandomRanges()
{
    QRandomGenerator rng(5);
    for (int i = 0; i < 2000; ++i) {
        const double from = 1.5e12 + rng.bounded(1e11);
        const double span = std::pow(10.0, 3 + rng.bounded(8.0)); // a second to three years
        const int maxTicks = 2 + int(rng.bounded(12));
        const QList<TimeTick> ticks = timeTicks(from, from + span, maxTicks);
        QVERIFY(ticks.size() <= maxTicks);
        QSet<QString> labels;
        for (qsizetype k = 0; k < ticks.size(); ++k) {
            QVERIFY(ticks[k].ms >= from && ticks[k].ms <= from + span);
            QVERIFY(k == 0 || ticks[k].ms > ticks[k - 1].ms);
            labels.insert(ticks[k].label);
        }
        QCOMPARE(labels.size(), ticks.size());
    }
}

void TestTimeTicks::emptyRanges()
{
    QVERIFY(timeTicks(5, 5, 10).isEmpty());
    QVERIFY(timeTicks(10, 5, 10).isEmpty());
    QVERIFY(timeTicks(0, 1e9, 0).isEmpty());
}

void TestTimeTicks::narrowChartsStillGetALabel()
{
    // Room for two labels over 16 days: week steps would be three ticks, and no first of a month
    // falls inside, so every other weekly tick is used rather than none.
    QStringList labels;
    for (const TimeTick& t : timeTicks(ms("2025-10-06T10:00:00Z"), ms("2025-10-22T20:45:00Z"), 2))
        labels.append(t.label);
    QCOMPARE(labels, (QStringList{"Oct 13", "Oct 20"}));
    labels.clear();
    for (const TimeTick& t : timeTicks(ms("2025-01-01T01:00:00Z"), ms("2025-01-31T23:00:00Z"), 2))
        labels.append(t.label);
    QCOMPARE(labels, (QStringList{"Jan 6", "Jan 20"}));
}

QTEST_GUILESS_MAIN(TestTimeTicks)
#include "tst_time_ticks.moc"
