#pragma once

#include "core/BuildBatch.h"
#include "history/HistoryFile.h"
#include "history/TailTracker.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace bengal {

using BuildBatchPtr = std::shared_ptr<const BuildBatch>;

// Reads a history file and keeps reading it as builds are appended: only new bytes are read;
// a half-written last line is held until complete; truncation or replacement (inode change,
// atomic rename, rotation) re-reads the file; deletion is reported and reading resumes when
// the file is back. Lives on a worker thread; everything it finds leaves as queued signals.
class HistoryFollower : public QObject
{
    Q_OBJECT
public:
    enum class ResetReason
    {
        Truncated,
        Replaced
    };
    Q_ENUM(ResetReason)

    explicit HistoryFollower(const QString& filePath, QObject* parent = nullptr);
    ~HistoryFollower() override;

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
    void batchReady(bengal::BuildBatchPtr batch);
    void loadProgress(qint64 done, qint64 total);
    void initialLoadFinished(bool cancelled);
    // Sent before the batches of a re-read; builds seen before are not reported again.
    void fileReset(bengal::HistoryFollower::ResetReason reason);
    void fileMissing();
    void fileBack();
    void readFailed(const QString& error);

private:
    bool reopen();
    void readNew(bool reportProgress);
    BatchCallback emitBatch();
    void watch();

    QString m_path;
    HistoryFile m_file;
    TailTracker m_tracker; // what is new after a change: the part the fuzz target drives
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_poll = nullptr;
    int m_pollInterval = 500;
    bool m_missing = false;
    bool m_following = false;
    std::atomic<bool> m_cancel{false};
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::BuildBatchPtr)
