#include "collector/ProcessTreeSampler.h"

#include <ctime>

namespace bengal {

namespace {

// CPU time of this thread: what sampling takes from the machine, unlike wall time, which on a
// loaded machine mostly measures waiting for a core.
qint64 threadCpuNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

ProcessTreeSampler::ProcessTreeSampler(QObject* parent) : QObject(parent)
{
    // A precise timer keeps the 50 ms grid; a coarse one may drift by 5% per tick.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ProcessTreeSampler::sampleNow);
}

ProcessTreeSampler::~ProcessTreeSampler() = default;

void ProcessTreeSampler::setIntervalMs(int intervalMs)
{
    m_intervalMs = qMax(1, intervalMs);
    m_timer.setInterval(m_intervalMs);
}

void ProcessTreeSampler::start(qint64 rootPid, const QElapsedTimer& runClock)
{
    m_runClock = runClock;
    m_tree = std::make_unique<ProcessTree>(pid_t(rootPid));
    m_samples.clear();
    m_peakRssBytes = 0;
    m_last = {};
    m_sampleCount = 0;
    m_sampleCostNs = 0;
    m_timer.start(m_intervalMs);
    sampleNow();
}

void ProcessTreeSampler::sampleNow()
{
    if (!m_tree || !m_timer.isActive())
        return;
    const qint64 before = threadCpuNs();
    const TreeReading reading = m_tree->sample();
    m_sampleCostNs += threadCpuNs() - before;
    ++m_sampleCount;
    if (reading.processCount == 0)
        return; // the tree is gone; keep the last CPU reading rather than zeros
    m_last = reading;
    const RssSample sample{m_runClock.elapsed(), reading.rssBytes};
    m_samples.append(sample);
    m_peakRssBytes = qMax(m_peakRssBytes, reading.rssBytes);
    emit sampled(sample.atMs, sample.rssBytes);
}

void ProcessTreeSampler::stop()
{
    m_timer.stop();
}

double ProcessTreeSampler::lostUserMs() const
{
    return m_tree ? m_tree->lostUserMs() : 0.0;
}
double ProcessTreeSampler::lostSystemMs() const
{
    return m_tree ? m_tree->lostSystemMs() : 0.0;
}

QList<qint64> ProcessTreeSampler::livePids() const
{
    QList<qint64> pids;
    if (m_tree) {
        for (const pid_t pid : m_tree->livePids())
            pids.append(pid);
    }
    return pids;
}

double ProcessTreeSampler::meanSampleCostMicroseconds() const
{
    return m_sampleCount > 0 ? double(m_sampleCostNs) / double(m_sampleCount) / 1000.0 : 0.0;
}

} // namespace bengal
