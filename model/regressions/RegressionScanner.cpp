#include "regressions/RegressionScanner.h"

#include "history/HistorySession.h"

#include <QtConcurrent/QtConcurrentRun>

namespace bengal {

RegressionScanner::RegressionScanner(QObject* parent) : QObject(parent)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(300);
    connect(&m_coalesce, &QTimer::timeout, this, &RegressionScanner::start);
    connect(&m_watcher, &QFutureWatcher<RegressionBatch>::finished, this,
            &RegressionScanner::onFinished);
}

RegressionScanner::~RegressionScanner()
{
    // The run works on its own snapshot; waiting only keeps the future from outliving us.
    m_watcher.waitForFinished();
}

void RegressionScanner::setSession(HistorySession* session)
{
    for (const auto& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_session = session;
    if (!session)
        return;
    m_connections << connect(session, &HistorySession::aboutToClear, this, [this] {
        ++m_generation;
        m_latest.reset();
        m_loaded = false;
        m_liveFrom = -1;
        m_coalesce.stop();
        emit findingsCleared();
    });
    m_connections << connect(session, &HistorySession::loadFinished, this, [this] {
        m_loaded = true;
        m_liveFrom = m_session->store().size();
        rescan();
    });
    m_connections << connect(session, &HistorySession::appended, this, [this] {
        // During the first read the batches come fast; one run when it finishes is enough.
        if (m_loaded && !m_coalesce.isActive())
            m_coalesce.start();
    });
}

void RegressionScanner::rescan()
{
    m_coalesce.stop();
    start();
}

void RegressionScanner::start()
{
    if (!m_session)
        return;
    if (m_watcher.isRunning()) {
        m_pending = true;
        return;
    }
    const Options options = m_provider ? m_provider() : Options{};
    std::shared_ptr<const RegressionSnapshot> snapshot =
        snapshotForDetection(m_session->store(), options.metrics, options.grouping, options.marks);
    if (!snapshot) {
        auto empty = std::make_shared<RegressionBatch>();
        empty->generation = m_generation;
        empty->builds = m_session->store().size();
        empty->liveFrom = m_liveFrom;
        empty->grouping = options.grouping;
        m_latest = empty;
        emit findingsReady(m_latest);
        return;
    }
    ++m_runs;
    const quint64 generation = m_generation;
    const qsizetype liveFrom = m_liveFrom;
    const DetectionParams params = m_params;
    m_watcher.setFuture(QtConcurrent::run([snapshot, generation, liveFrom, params] {
        RegressionBatch batch = runDetection(*snapshot, params);
        batch.generation = generation;
        batch.liveFrom = liveFrom;
        return batch;
    }));
}

void RegressionScanner::onFinished()
{
    RegressionBatch batch = m_watcher.result();
    if (batch.generation == m_generation) {
        m_latest = std::make_shared<const RegressionBatch>(std::move(batch));
        emit findingsReady(m_latest);
    }
    if (m_pending) {
        m_pending = false;
        start();
    }
}

} // namespace bengal
