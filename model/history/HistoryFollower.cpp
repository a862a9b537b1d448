#include "history/HistoryFollower.h"

#include "history/HistoryLoader.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace bengal {

namespace {
constexpr std::size_t kTailBytes = 64;
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
    m_reader.restart();
    m_tail.clear();
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
    const std::int64_t size = m_file.size();
    if (size < 0) {
        emit readFailed(m_file.errorString());
        return;
    }
    if (size < m_reader.streamOffset() || !tailStillMatches()) {
        m_reader.restart();
        m_tail.clear();
        emit fileReset(ResetReason::Truncated);
    }
    if (size > m_reader.streamOffset())
        readNew(false);
}

void HistoryFollower::readNew(bool reportProgress)
{
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto onBatch = [this](BuildBatch&& batch) {
        emit batchReady(std::make_shared<const BuildBatch>(std::move(batch)));
    };
    const auto onProgress = [&](std::int64_t done, std::int64_t total) {
        if (reportProgress && (sinceProgress.elapsed() >= kProgressIntervalMs || done == total)) {
            sinceProgress.restart();
            emit loadProgress(done, total);
        }
        return !m_cancel.load();
    };
    // The first read of a big file uses both cores; appends are small and read here.
    const ReadOutcome outcome = m_reader.streamOffset() == 0
                                    ? readAvailableParallel(m_file, m_reader, onBatch, onProgress)
                                    : readAvailable(m_file, m_reader, onBatch, onProgress);
    if (outcome.status == ReadOutcome::Status::Failed)
        emit readFailed(outcome.error);
    rememberTail();
}

void HistoryFollower::rememberTail()
{
    const std::int64_t end = m_reader.streamOffset();
    const std::int64_t begin = std::max<std::int64_t>(0, end - std::int64_t(kTailBytes));
    m_tail.resize(std::size_t(end - begin));
    const std::int64_t got = m_file.readAt(begin, m_tail.data(), m_tail.size());
    m_tail.resize(std::size_t(std::max<std::int64_t>(got, 0)));
}

bool HistoryFollower::tailStillMatches()
{
    if (m_tail.empty())
        return true;
    std::string now(m_tail.size(), '\0');
    const std::int64_t begin = m_reader.streamOffset() - std::int64_t(m_tail.size());
    const std::int64_t got = m_file.readAt(begin, now.data(), now.size());
    return got == std::int64_t(now.size()) && now == m_tail;
}

} // namespace bengal
