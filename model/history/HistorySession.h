#pragma once

#include "history/HistoryFollower.h"
#include "history/HistoryStore.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace bengal {

// One open history: owns the store (on this, the GUI thread) and a follower on a worker
// thread. Batches arrive by queued signals and are applied here; stale batches of a previous
// file are dropped by a generation counter.
class HistorySession : public QObject
{
    Q_OBJECT
public:
    enum class FileState
    {
        Closed,
        Loading,
        Following,
        Missing,
        Stopped
    };
    Q_ENUM(FileState)

    explicit HistorySession(QObject* parent = nullptr);
    ~HistorySession() override;

    // Opens a history file (already discovered). Loading starts at once, off this thread.
    void open(const QString& filePath);
    void close();
    void cancelLoad();
    void setPollInterval(int milliseconds) { m_pollInterval = milliseconds; }

    const HistoryStore& store() const { return m_store; }
    // Sets values of a metric that does not come from the history file (joined from
    // collector.jsonl), creating its column on first use; NaN clears a value. Emits
    // valuesChanged.
    void setJoinedValues(const QString& metric, const QList<QPair<qsizetype, double>>& values);
    QString filePath() const { return m_path; }
    FileState state() const { return m_state; }
    bool isLoading() const { return m_state == FileState::Loading; }

signals:
    // After the store took a batch. Item models update their rows from `result`.
    void appended(const bengal::AppendResult& result, const bengal::BuildBatch& batch);
    // The file was truncated or replaced: problems start over, builds stay.
    void reloadStarted(bengal::HistoryFollower::ResetReason reason);
    void aboutToClear();
    // Values of existing builds changed (setJoinedValues); `newColumn` when the metric's column
    // was just created.
    void valuesChanged(int column, bool newColumn);
    void cleared();
    void loadProgress(qint64 done, qint64 total);
    void loadFinished(bool cancelled);
    void stateChanged(bengal::HistorySession::FileState state);
    void errorOccurred(const QString& message);

private:
    void setState(FileState state);
    void stopFollower();

    HistoryStore m_store;
    QString m_path;
    FileState m_state = FileState::Closed;
    QThread* m_thread = nullptr;
    QPointer<HistoryFollower> m_follower;
    quint64 m_generation = 0;
    int m_pollInterval = 500;
};

} // namespace bengal
