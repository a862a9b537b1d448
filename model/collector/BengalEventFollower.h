#pragma once

#include "collector/GrowingFileReader.h"
#include "collector/PhaseTracker.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>

namespace bengal {

// Follows a Bengal JSON-lines event log while the build runs (polling, since the file is
// flushed per event and may be truncated at start) and reports phases as they start and end.
class BengalEventFollower : public QObject
{
    Q_OBJECT
public:
    explicit BengalEventFollower(QObject* parent = nullptr);
    ~BengalEventFollower() override;

    // Starts following `path` (it need not exist yet). `runClock` was started at launch and
    // `launchEpochMs` is the wall-clock launch time, to place the events' own timestamps.
    void start(const QString& path, const QElapsedTimer& runClock, qint64 launchEpochMs,
               int pollMs = 50);
    // Reads what arrived since the last poll.
    void poll();
    // The build ended at `endMs`: reads the rest (the last line even without '\n'), closes
    // phases left open and stops polling.
    void finish(double endMs);

    bool isActive() const { return m_timer.isActive(); }
    const QList<PhaseSpan>& phases() const { return m_tracker.phases(); }
    const PhaseTracker& tracker() const { return m_tracker; }

signals:
    void phaseStarted(const QString& name, double startMs);
    void phaseFinished(const QString& name, double startMs, double durationMs);

private:
    void feed(const QList<QByteArray>& lines);

    QTimer m_timer;
    QElapsedTimer m_runClock;
    std::unique_ptr<GrowingFileReader> m_reader;
    PhaseTracker m_tracker;
};

} // namespace bengal
