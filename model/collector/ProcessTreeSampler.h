#pragma once

#include "collector/ProcessTree.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <memory>

namespace bengal {

// The tree's resident memory at one moment, `atMs` after the run started.
struct RssSample
{
    qint64 atMs = 0;
    qint64 rssBytes = 0;
};

// Samples a ProcessTree on a timer (50 ms by default) and keeps the series, the peak and the
// latest CPU reading. Runs in the thread it lives in; one sample costs tens of microseconds.
class ProcessTreeSampler : public QObject
{
    Q_OBJECT
public:
    explicit ProcessTreeSampler(QObject* parent = nullptr);
    ~ProcessTreeSampler() override;

    void setIntervalMs(int intervalMs);
    int intervalMs() const { return m_intervalMs; }

    // Starts sampling the tree rooted at `rootPid`; `runClock` was started at launch and gives
    // the sample times. Takes a first sample at once.
    void start(qint64 rootPid, const QElapsedTimer& runClock);
    // Takes one more sample now (e.g. just before the root is reaped) unless stopped.
    void sampleNow();
    // Stops the timer; the series, peak and readings stay until the next start().
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    const QList<RssSample>& samples() const { return m_samples; }
    qint64 peakRssBytes() const { return m_peakRssBytes; }
    // The last reading's CPU (live members plus reaped and lost ones).
    TreeReading lastReading() const { return m_last; }
    double lostUserMs() const;
    double lostSystemMs() const;
    // Members alive at the last sample (for ending escaped processes on cancel).
    QList<qint64> livePids() const;

    qint64 sampleCount() const { return m_sampleCount; }
    // CPU time one sample takes, on average (thread CPU clock).
    double meanSampleCostMicroseconds() const;

signals:
    void sampled(qint64 atMs, qint64 rssBytes);

private:
    QTimer m_timer;
    QElapsedTimer m_runClock;
    std::unique_ptr<ProcessTree> m_tree;
    int m_intervalMs = 50;
    QList<RssSample> m_samples;
    qint64 m_peakRssBytes = 0;
    TreeReading m_last;
    qint64 m_sampleCount = 0;
    qint64 m_sampleCostNs = 0;
};

} // namespace bengal
