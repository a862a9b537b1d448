#include "history/FileFollower.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace bengal {

namespace {
constexpr int kProgressIntervalMs = 50;
} // namespace

FileFollower::FileFollower(const QString& filePath, QObject* parent)
    : QObject(parent), m_path(QFileInfo(filePath).absoluteFilePath())
{
    qRegisterMetaType<ResetReason>();
}

FileFollower::~FileFollower() = default;

void FileFollower::setPollInterval(int milliseconds)
{
    m_pollInterval = milliseconds;
    if (m_poll)
        m_poll->setInterval(milliseconds);
}

void FileFollower::start()
{
    if (!reopen()) {
        emit readFailed(m_file.errorString());
        emit initialLoadFinished(false);
        m_missing = !HistoryFile::identityOf(m_path).has_value();
        watch();
        return;
    }
    readFirst();
    const bool cancelled = m_cancel.load();
    emit initialLoadFinished(cancelled);
    if (!cancelled)
        watch();
}

void FileFollower::watch()
{
    m_following = true;
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &FileFollower::checkNow);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileFollower::checkNow);
    const bool watching = m_watcher->addPath(QFileInfo(m_path).absolutePath());
    m_watcher->addPath(m_path);
    m_poll = new QTimer(this);
    // Without a directory watch, polling is all we have: poll faster.
    m_poll->setInterval(watching ? m_pollInterval : std::min(m_pollInterval, 200));
    connect(m_poll, &QTimer::timeout, this, &FileFollower::checkNow);
    m_poll->start();
}

bool FileFollower::reopen()
{
    if (!m_file.open(m_path))
        return false;
    restartReading();
    return true;
}

void FileFollower::checkNow()
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
        const ReadOutcome outcome =
            readNew(m_file, [this](std::int64_t, std::int64_t) { return !m_cancel.load(); });
        if (outcome.status == ReadOutcome::Status::Failed)
            emit readFailed(outcome.error);
        return;
    }
    const ReadOutcome outcome = update(
        m_file, [this] { emit fileReset(ResetReason::Truncated); },
        [this](std::int64_t, std::int64_t) { return !m_cancel.load(); });
    if (outcome.status == ReadOutcome::Status::Failed)
        emit readFailed(outcome.error);
}

void FileFollower::readFirst()
{
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto onProgress = [&](std::int64_t done, std::int64_t total) {
        if (sinceProgress.elapsed() >= kProgressIntervalMs || done == total) {
            sinceProgress.restart();
            emit loadProgress(done, total);
        }
        return !m_cancel.load();
    };
    const ReadOutcome outcome = readNew(m_file, onProgress);
    if (outcome.status == ReadOutcome::Status::Failed)
        emit readFailed(outcome.error);
}

} // namespace bengal
