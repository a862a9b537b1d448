#include "runs/RunsSession.h"

#include "history/HistorySession.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace bengal {

RunsSession::RunsSession(HistorySession* history, QObject* parent)
    : QObject(parent), m_history(history)
{
    connect(history, &HistorySession::stateChanged, this, [this](HistorySession::FileState state) {
        if (state == HistorySession::FileState::Closed)
            close();
        else if (m_history->filePath() != m_historyPath)
            openFor(m_history->filePath());
    });
    connect(history, &HistorySession::cleared, this, [this] {
        // The joined column went with the store: every run with a build waits again.
        m_waiting.clear();
        m_joined = 0;
        for (qsizetype i = 0; i < m_store.size(); ++i) {
            if (m_store.run(i).buildUs)
                m_waiting.push_back(i);
        }
    });
    connect(history, &HistorySession::appended, this, [this] {
        if (!m_waiting.empty()) {
            joinWaiting();
            emit runsChanged();
        }
    });
    if (!history->filePath().isEmpty())
        openFor(history->filePath());
}

RunsSession::~RunsSession()
{
    stopFollower();
}

QString RunsSession::treePeakMetric()
{
    return QStringLiteral("tree_peak_rss_mb");
}

QString RunsSession::collectorFileFor(const QString& historyPath)
{
    return QFileInfo(historyPath).absoluteDir().filePath(QStringLiteral("collector.jsonl"));
}

const CollectedRun* RunsSession::runForRow(qsizetype storeRow) const
{
    if (!m_history || storeRow < 0 || storeRow >= m_history->store().size())
        return nullptr;
    const qsizetype index = m_store.runForBuild(m_history->store().timestampUs(storeRow));
    return index < 0 ? nullptr : &m_store.run(index);
}

void RunsSession::stopFollower()
{
    ++m_generation; // whatever is still queued from the old follower is dropped
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

void RunsSession::close()
{
    stopFollower();
    const bool had = !m_store.isEmpty();
    onReset();
    m_path.clear();
    m_historyPath.clear();
    if (had)
        emit runsChanged();
}

void RunsSession::openFor(const QString& historyPath)
{
    close();
    m_historyPath = historyPath;
    m_path = collectorFileFor(historyPath);
    const quint64 generation = m_generation;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("collector-follower"));
    auto* follower = new CollectorFollower(m_path);
    follower->setPollInterval(m_pollInterval);
    follower->moveToThread(m_thread);
    m_follower = follower;
    connect(m_thread, &QThread::started, follower, &FileFollower::start);
    connect(m_thread, &QThread::finished, follower, &QObject::deleteLater);
    connect(follower, &CollectorFollower::runsReady, this,
            [this, generation](const CollectedRunBatchPtr& batch) {
                if (generation == m_generation)
                    onRuns(*batch);
            });
    connect(follower, &FileFollower::fileReset, this, [this, generation] {
        if (generation != m_generation)
            return;
        onReset();
        emit runsChanged();
    });
    connect(follower, &FileFollower::readFailed, this, [this, generation](const QString& error) {
        // Most histories have no collector.jsonl: its absence is not an error.
        if (generation == m_generation && QFileInfo::exists(m_path))
            emit errorOccurred(error);
    });
    m_thread->start();
}

void RunsSession::onReset()
{
    // The file is read again from its start: its runs are forgotten, and so are the values
    // they gave builds.
    if (m_history) {
        const HistoryStore& history = m_history->store();
        const int column = history.metricIndex(treePeakMetric());
        QList<QPair<qsizetype, double>> cleared;
        if (column >= 0) {
            for (qsizetype row = 0; row < history.size(); ++row) {
                if (!std::isnan(history.value(column, row)))
                    cleared.append({row, std::nan("")});
            }
        }
        if (!cleared.isEmpty())
            m_history->setJoinedValues(treePeakMetric(), cleared);
    }
    m_store.clear();
    m_waiting.clear();
    m_joined = 0;
}

void RunsSession::onRuns(const CollectedRunBatch& batch)
{
    const qsizetype first = m_store.append(batch);
    for (qsizetype i = first; i < m_store.size(); ++i) {
        if (m_store.run(i).buildUs)
            m_waiting.push_back(i);
    }
    joinWaiting();
    emit runsChanged();
}

void RunsSession::joinWaiting()
{
    if (!m_history || m_waiting.empty())
        return;
    const std::span<const TimestampUs> stamps = m_history->store().timestamps();
    QList<QPair<qsizetype, double>> values;
    std::vector<qsizetype> still;
    for (const qsizetype index : m_waiting) {
        const CollectedRun& run = m_store.run(index);
        // The store is in time order: the build is found by its instant, whatever the text.
        const auto it = std::lower_bound(stamps.begin(), stamps.end(), *run.buildUs);
        if (it == stamps.end() || *it != *run.buildUs) {
            still.push_back(index);
            continue;
        }
        values.append({qsizetype(it - stamps.begin()), run.peakRssMb});
        ++m_joined;
    }
    m_waiting = std::move(still);
    if (!values.isEmpty())
        m_history->setJoinedValues(treePeakMetric(), values);
}

} // namespace bengal
