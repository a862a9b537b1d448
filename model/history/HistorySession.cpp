#include "history/HistorySession.h"

namespace bengal {

HistorySession::HistorySession(QObject* parent) : QObject(parent)
{}

HistorySession::~HistorySession()
{
    stopFollower();
}

void HistorySession::setState(FileState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void HistorySession::stopFollower()
{
    ++m_generation; // whatever is still queued from the old follower is dropped
    if (m_follower)
        m_follower->requestCancel();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

void HistorySession::close()
{
    stopFollower();
    emit aboutToClear();
    m_store.clear();
    m_path.clear();
    emit cleared();
    setState(FileState::Closed);
}

void HistorySession::open(const QString& filePath)
{
    close();
    m_path = filePath;
    const quint64 generation = m_generation;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("history-follower"));
    auto* follower = new HistoryFollower(filePath);
    follower->setPollInterval(m_pollInterval);
    follower->moveToThread(m_thread);
    m_follower = follower;
    connect(m_thread, &QThread::started, follower, &HistoryFollower::start);
    connect(m_thread, &QThread::finished, follower, &QObject::deleteLater);

    connect(follower, &HistoryFollower::batchReady, this,
            [this, generation](const BuildBatchPtr& batch) {
                if (generation != m_generation)
                    return;
                const AppendResult result = m_store.append(*batch);
                emit appended(result, *batch);
            });
    connect(follower, &HistoryFollower::loadProgress, this,
            [this, generation](qint64 done, qint64 total) {
                if (generation == m_generation)
                    emit loadProgress(done, total);
            });
    connect(follower, &HistoryFollower::initialLoadFinished, this,
            [this, generation](bool cancelled) {
                if (generation != m_generation)
                    return;
                m_store.squeeze();
                setState(cancelled ? FileState::Stopped : FileState::Following);
                emit loadFinished(cancelled);
            });
    connect(follower, &HistoryFollower::fileReset, this,
            [this, generation](HistoryFollower::ResetReason reason) {
                if (generation != m_generation)
                    return;
                m_store.beginReload();
                emit reloadStarted(reason);
            });
    connect(follower, &HistoryFollower::fileMissing, this, [this, generation] {
        if (generation == m_generation)
            setState(FileState::Missing);
    });
    connect(follower, &HistoryFollower::fileBack, this, [this, generation] {
        if (generation == m_generation)
            setState(FileState::Following);
    });
    connect(follower, &HistoryFollower::readFailed, this, [this, generation](const QString& error) {
        if (generation == m_generation)
            emit errorOccurred(error);
    });
    setState(FileState::Loading);
    m_thread->start();
}

void HistorySession::setJoinedValues(const QString& metric,
                                     const QList<QPair<qsizetype, double>>& values)
{
    const int known = m_store.metricIndex(metric);
    if (known < 0 && values.isEmpty())
        return; // nothing to clear, no column wanted
    const int column = known >= 0 ? known : m_store.ensureMetric(metric);
    for (const auto& [row, value] : values)
        m_store.setValue(column, row, value);
    emit valuesChanged(column, known < 0);
}

void HistorySession::cancelLoad()
{
    if (m_follower && m_state == FileState::Loading)
        m_follower->requestCancel();
}

} // namespace bengal
