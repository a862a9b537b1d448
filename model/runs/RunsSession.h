#pragma once

#include "runs/CollectedRunStore.h"
#include "runs/CollectorFollower.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace bengal {

class HistorySession;

// Follows collector.jsonl beside the history a HistorySession has open and joins its runs to
// the builds: a run belongs to the build whose `timestamp` is the run's `build_timestamp` (as
// instants). A joined run's tree peak RSS becomes the build's `tree_peak_rss_mb` value in
// the history store, so tables, charts and exports see it as a metric. Runs whose build is not
// (yet) in the history wait and are joined when it arrives; failed runs have no build and are
// kept as failed runs at their start time. Lives on the GUI thread; the file is read by a
// CollectorFollower on its own thread.
class RunsSession : public QObject
{
    Q_OBJECT
public:
    explicit RunsSession(HistorySession* history, QObject* parent = nullptr);
    ~RunsSession() override;

    // The metric a joined run gives its build.
    static QString treePeakMetric();
    static QString collectorFileFor(const QString& historyPath);

    void setPollInterval(int milliseconds) { m_pollInterval = milliseconds; }
    QString filePath() const { return m_path; }
    const CollectedRunStore& store() const { return m_store; }

    // The run that produced the build at this store row, or nullptr.
    const CollectedRun* runForRow(qsizetype storeRow) const;
    // Runs that failed, in file order (they have no build).
    std::vector<qsizetype> failedRuns() const { return m_store.failedRuns(); }
    qsizetype joinedCount() const { return m_joined; }
    // Successful runs whose build_timestamp names no build of the history (yet).
    qsizetype waitingCount() const { return qsizetype(m_waiting.size()); }

signals:
    // Runs were added, joined or dropped.
    void runsChanged();
    void errorOccurred(const QString& message);

private:
    void openFor(const QString& historyPath);
    void close();
    void stopFollower();
    void onRuns(const CollectedRunBatch& batch);
    void onReset();
    void joinWaiting();

    QPointer<HistorySession> m_history;
    CollectedRunStore m_store;
    std::vector<qsizetype> m_waiting; // runs with a build_timestamp not joined yet
    qsizetype m_joined = 0;
    QString m_path;        // collector.jsonl
    QString m_historyPath; // the history it belongs to
    QThread* m_thread = nullptr;
    QPointer<CollectorFollower> m_follower;
    quint64 m_generation = 0;
    int m_pollInterval = 500;
};

} // namespace bengal
