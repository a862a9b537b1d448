#include "history/HistoryFollower.h"

#include "history/HistoryLoader.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace bengal {

namespace {
constexpr int kProgressIntervalMs = 50;
} // namespace

HistoryFollower::HistoryFollower(const QString& filePath, QObject* parent)
    : QObject(parent), m_path(QFileInfo(filePath).absoluteFilePath())
{
    qRegisterMetaType<BuildBatchPtr>();
    qRegisterMetaType<ResetReason>();
}

HistoryFollower::~HistoryFollower() = default;

void HistoryFollower::setPollInterval(int milliseconds)
{
    m_pollInterval = milliseconds;
    if (m_poll)
        m_poll->setInterval(milliseconds);
}

void HistoryFollower::start()
{
    if (!reopen()) {
        emit readFailed(m_file.errorString());
        emit initialLoadFinished(false);
        m_missing = !HistoryFile::identityOf(m_path).has_value();
        watch();
        return;
    }
    readNew(true);
    const bool cancelled = m_cancel.load();
    emit initialLoadFinished(cancelled);
    if (!cancelled)
        watch();
}

void HistoryFollower::watch()
{
    m_following = true;
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &HistoryFollower::checkNow);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &HistoryFollower::checkNow);
    const bool watching = m_watcher->addPath(QFileInfo(m_path).absolutePath());
    m_watcher->addPath(m_path);
    m_poll = new QTimer(this);
    // Without a directory watch, polling is all we have: poll faster.
    m_poll->setInterval(watching ? m_pollInterval : std::min(m_pollInterval, 200));
    connect(m_poll, &QTimer::timeout, this, &HistoryFollower::checkNow);
    m_poll->start();
}

bool HistoryFollower::reopen()
{
    if (!m_file.open(m_path))
        return false;
    m_tracker.restart();
    return true;
}

void HistoryFollower::checkNow()
{
    if (!m_following)
        return;
    const auto identity = HistoryFile::identityOf(m_path);
    if (!identity) {
        if (!m_missing) {
            m_missing = true;
            m_file.close();
            emit fileMissing();
        }
        return;
    }
    if (m_watcher && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path); // a rename drops the watch on the old inode
    if (m_missing || !m_file.isOpen() || *identity != m_file.identity()) {
        const bool wasMissing = m_missing;
        const bool hadFile = m_file.isOpen() || wasMissing;
        if (!reopen()) {
            emit readFailed(m_file.errorString());
            return;
        }
        m_missing = false;
        if (wasMissing)
            emit fileBack();
        if (hadFile)
            emit fileReset(ResetReason::Replaced);
        readNew(false);
        return;
    }
    const ReadOutcome outcome = m_tracker.update(
        m_file, emitBatch(), [this] { emit fileReset(ResetReason::Truncated); },
        [this](std::int64_t, std::int64_t) { return !m_cancel.load(); });
    if (outcome.status == ReadOutcome::Status::Failed)
        emit readFailed(outcome.error);
}

BatchCallback HistoryFollower::emitBatch()
{
    return [this](BuildBatch&& batch) {
        emit batchReady(std::make_shared<const BuildBatch>(std::move(batch)));
    };
}

void HistoryFollower::readNew(bool reportProgress)
{
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto onProgress = [&](std::int64_t done, std::int64_t total) {
        if (reportProgress && (sinceProgress.elapsed() >= kProgressIntervalMs || done == total)) {
            sinceProgress.restart();
            emit loadProgress(done, total);
        }
        return !m_cancel.load();
    };
    const ReadOutcome outcome = m_tracker.readNew(m_file, emitBatch(), onProgress);
    if (outcome.status == ReadOutcome::Status::Failed)
        emit readFailed(outcome.error);
}

} // namespace bengal
