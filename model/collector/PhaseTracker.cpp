#include "collector/PhaseTracker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace bengal {

namespace {

// Event clocks and ours are the same system clock, but allow for rounding and slow polls.
constexpr double ClockSlackMs = 2000;

} // namespace

PhaseTracker::PhaseTracker(qint64 launchEpochMs) : m_launchEpochMs(launchEpochMs)
{}

double PhaseTracker::eventTimeMs(const QString& timestamp, double observedMs) const
{
    if (m_launchEpochMs <= 0 || timestamp.isEmpty())
        return observedMs;
    // Bengal stamps events with naive local time; Qt reads a naive stamp as local time too.
    const QDateTime when = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
    if (!when.isValid())
        return observedMs;
    const double offset = double(when.toMSecsSinceEpoch() - m_launchEpochMs);
    if (offset > observedMs + ClockSlackMs)
        return observedMs; // a clock jump or a wrong zone: trust our own clock
    return offset;
}

PhaseTracker::Change PhaseTracker::feedLine(const QByteArray& line, double observedMs, int* index)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return Change::None;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        ++m_malformed; // interleaved writers can cut lines; skip and go on
        return Change::None;
    }
    const QJsonObject event = document.object();
    const QString type = event.value(QLatin1String("event_type"))
                             .toString(event.value(QLatin1String("message")).toString());
    const double atMs = eventTimeMs(event.value(QLatin1String("timestamp")).toString(), observedMs);
    if (atMs < -ClockSlackMs) {
        ++m_stale; // left over from an earlier run in a file that was not truncated
        return Change::None;
    }
    const QString name = event.value(QLatin1String("context"))
                             .toObject()
                             .value(QLatin1String("phase_name"))
                             .toString();
    if (type == QLatin1String("build_complete"))
        m_buildComplete = true;
    if (type == QLatin1String("phase_error"))
        m_error = true;
    if (name.isEmpty())
        return Change::None;

    if (type == QLatin1String("phase_start")) {
        m_phases.append(PhaseSpan{name, atMs, 0, true});
        m_openByName[name].append(int(m_phases.size() - 1));
        if (index)
            *index = int(m_phases.size() - 1);
        return Change::Started;
    }
    if (type != QLatin1String("phase_complete"))
        return Change::None;
    const QJsonValue duration = event.value(QLatin1String("duration_ms"));
    QList<int>& open = m_openByName[name];
    int at = -1;
    if (open.isEmpty()) {
        // The start was missed (e.g. cut line): place the phase by its duration.
        const double ms = duration.isDouble() ? duration.toDouble() : 0.0;
        m_phases.append(PhaseSpan{name, qMax(0.0, atMs - ms), ms, false});
        at = int(m_phases.size() - 1);
    } else {
        at = open.takeLast();
        PhaseSpan& span = m_phases[at];
        span.durationMs =
            duration.isDouble() ? duration.toDouble() : qMax(0.0, atMs - span.startMs);
        span.open = false;
    }
    if (index)
        *index = at;
    return Change::Finished;
}

void PhaseTracker::closeOpenPhases(double endMs)
{
    for (QList<int>& open : m_openByName) {
        for (const int at : open) {
            PhaseSpan& span = m_phases[at];
            span.durationMs = qMax(0.0, endMs - span.startMs);
        }
        open.clear();
    }
}

} // namespace bengal
