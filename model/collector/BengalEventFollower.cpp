#include "collector/BengalEventFollower.h"

namespace bengal {

BengalEventFollower::BengalEventFollower(QObject* parent) : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &BengalEventFollower::poll);
}

BengalEventFollower::~BengalEventFollower() = default;

void BengalEventFollower::start(const QString& path, const QElapsedTimer& runClock,
                                qint64 launchEpochMs, int pollMs)
{
    m_runClock = runClock;
    m_reader = std::make_unique<GrowingFileReader>(path);
    m_tracker = PhaseTracker(launchEpochMs);
    m_timer.start(qMax(1, pollMs));
}

void BengalEventFollower::poll()
{
    if (m_reader)
        feed(m_reader->poll());
}

void BengalEventFollower::finish(double endMs)
{
    m_timer.stop();
    if (!m_reader)
        return;
    feed(m_reader->pollFinal());
    m_tracker.closeOpenPhases(endMs);
}

void BengalEventFollower::feed(const QList<QByteArray>& lines)
{
    const double observedMs = double(m_runClock.elapsed());
    for (const QByteArray& line : lines) {
        int index = -1;
        const PhaseTracker::Change change = m_tracker.feedLine(line, observedMs, &index);
        if (change == PhaseTracker::Change::None)
            continue;
        const PhaseSpan& span = m_tracker.phases().at(index);
        if (change == PhaseTracker::Change::Started)
            emit phaseStarted(span.name, span.startMs);
        else
            emit phaseFinished(span.name, span.startMs, span.durationMs);
    }
}

} // namespace bengal
