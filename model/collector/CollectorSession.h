#pragma once

#include "collector/BuildLauncher.h"
#include "collector/HistoryAppender.h"
#include "collector/HistorySnapshot.h"
#include "collector/RunEnvironment.h"
#include "collector/RunRecord.h"

#include <QFutureWatcher>
#include <QObject>
#include <memory>

class QTemporaryFile;

namespace bengal {

class BengalEventFollower;
class ProcessTreeSampler;

struct CollectorSettings
{
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString historyPath; // history.jsonl; collector.jsonl is written beside it
    int warmups = 0;
    int repeats = 1;
    int intervalMs = 50;
    QString label;
    QString eventsFile; // a JSON-lines event log to follow; empty: automatic for Bengal builds
    LaunchSpec::Output output = LaunchSpec::Output::Capture;
    int graceMs = 3000;
};

// What became of one run's data. On a failed append the line is here to be kept and written
// later (the local store's pending runs).
struct RunFiling
{
    RunRecord record;
    int shellStatus = 0;            // exit code or 128 + signal
    bool buildWroteHistory = false; // Bengal appended its own record: the collector added none
    QByteArray historyLine;         // the record the collector appended (or tried to); or empty
    LineAppendResult historyResult;
    QByteArray collectorLine;
    LineAppendResult collectorResult;
};

// Runs a command `warmups` + `repeats` times, one after the other, each under a launcher, a
// tree sampler and (when there are events) an event follower, and files every run:
// collector.jsonl always; history.jsonl only for a successful run whose build wrote no record.
// A cancel ends the current run's process tree and the session.
class CollectorSession : public QObject
{
    Q_OBJECT
public:
    explicit CollectorSession(const CollectorSettings& settings, QObject* parent = nullptr);
    ~CollectorSession() override;

    void start();
    // Forwards `signal` to the running build's process group (SIGKILL after the grace period)
    // and runs nothing more.
    void cancel(int signal = 15);

    bool isRunning() const { return m_running; }
    // The last finished run's status (exit code or 128 + signal); 127 when it did not start.
    int lastStatus() const { return m_lastStatus; }
    const CollectorSettings& settings() const { return m_settings; }
    QString collectorPath() const;
    const QList<RunFiling>& filings() const { return m_filings; }
    // Sampling cost over the session so far, for the overhead benchmark.
    double meanSampleCostMicroseconds() const;

signals:
    // runNumber counts from 1 over warm-ups and repeats; repeatIndex from 0 within each kind.
    void runStarted(int runNumber, int totalRuns, bool warmup, int repeatIndex);
    void standardOutput(const QByteArray& bytes);
    void standardError(const QByteArray& bytes);
    void sampled(qint64 atMs, double rssMb);
    void phaseStarted(const QString& name, double startMs);
    void phaseFinished(const bengal::PhaseMeasurement& phase);
    void runFinished(const bengal::RunFiling& filing);
    void failedToStart(const QString& message);
    void finished(int lastStatus);

private:
    void startNextRun();
    void launch(const RunEnvironment& environment);
    void onStarted(qint64 pid);
    void onLaunchFinished(const LaunchOutcome& outcome);
    void onFailedToStart(const QString& message);
    RunRecord assembleRecord(const LaunchOutcome& outcome) const;
    RunFiling file(const RunRecord& record, int shellStatus);
    void endSession();

    CollectorSettings m_settings;
    BuildLauncher* m_launcher;
    ProcessTreeSampler* m_sampler;
    BengalEventFollower* m_follower;
    QFutureWatcher<RunEnvironment> m_environmentWatcher;
    std::unique_ptr<QTemporaryFile> m_eventLog;

    // The run in progress.
    int m_runNumber = 0;
    RunEnvironment m_environment;
    HistorySnapshot m_historyBefore;
    QString m_startTimestamp;
    qint64 m_launchEpochMs = 0;
    QString m_eventsPath;
    double m_usageBeforeUserMs = 0;
    double m_usageBeforeSystemMs = 0;
    qint64 m_usageBeforeMaxRss = 0;

    QList<RunFiling> m_filings;
    int m_lastStatus = 0;
    bool m_running = false;
    bool m_cancelled = false;
    int m_cancelSignal = 15;
    qint64 m_sampleCount = 0;
    double m_sampleCostUs = 0;
};

} // namespace bengal
