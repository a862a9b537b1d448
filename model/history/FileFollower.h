#pragma once

#include "history/HistoryFile.h"
#include "history/HistoryLoader.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>

class QFileSystemWatcher;
class QTimer;

namespace bengal {

// Follows one growing JSON-lines file: reads what is there, then only new bytes; a
// half-written last line is held by the subclass's reader; truncation or replacement (inode
// change, atomic rename, rotation) re-reads the file; deletion is reported and reading resumes
// when the file is back. What the bytes mean is the subclass's business (HistoryFollower for
// history.jsonl, CollectorFollower for collector.jsonl). Lives on a worker thread; everything
// it finds leaves as queued signals.
class FileFollower : public QObject
{
    Q_OBJECT
public:
    enum class ResetReason
    {
        Truncated,
        Replaced
    };
    Q_ENUM(ResetReason)

    explicit FileFollower(const QString& filePath, QObject* parent = nullptr);
    ~FileFollower() override;

    // Polling backs up the watcher (and replaces it where watching fails).
    void setPollInterval(int milliseconds);
    // Thread-safe: stops the first load at the next chunk; what was read is kept.
    void requestCancel() { m_cancel.store(true); }

public slots:
    // Reads the existing content, then follows the file (unless the load was cancelled).
    void start();
    // Looks for new bytes, truncation, replacement or deletion now.
    void checkNow();

signals:
    void loadProgress(qint64 done, qint64 total);
    void initialLoadFinished(bool cancelled);
    // Sent before the batches of a re-read.
    void fileReset(bengal::FileFollower::ResetReason reason);
    void fileMissing();
    void fileBack();
    void readFailed(const QString& error);

protected:
    // The reader starts over at offset 0 of a (re)opened file.
    virtual void restartReading() = 0;
    // Reads from the read position to the current end and hands out what it found (as the
    // subclass's own signals). `onProgress` returns false when the load was cancelled.
    virtual ReadOutcome readNew(HistoryFile& file, const ProgressCallback& onProgress) = 0;
    // One look at the open file after it may have changed: a shrink or rewrite restarts the
    // read (onRestart is called before any batch of the re-read); new bytes are read.
    virtual ReadOutcome update(HistoryFile& file, const std::function<void()>& onRestart,
                               const ProgressCallback& onProgress) = 0;

private:
    bool reopen();
    void readFirst();
    void watch();

    QString m_path;
    HistoryFile m_file;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_poll = nullptr;
    int m_pollInterval = 500;
    bool m_missing = false;
    bool m_following = false;
    std::atomic<bool> m_cancel{false};
};

} // namespace bengal
