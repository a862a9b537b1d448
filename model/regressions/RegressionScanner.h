#pragma once

#include "regressions/RegressionBatch.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace bengal {

class HistorySession;

// Runs regression detection for the window off the GUI thread: after a load finishes and after
// live appends (coalesced: a burst of appends gives one run, and appends during a run give one
// more run after it). Each run works on a copy of the columns, so the store may change
// meanwhile; results of a previous file are dropped by a generation counter.
class RegressionScanner : public QObject
{
    Q_OBJECT
public:
    explicit RegressionScanner(QObject* parent = nullptr);
    ~RegressionScanner() override;

    void setSession(HistorySession* session);
    // What each run analyses, asked on the GUI thread when the run starts (so a new file, a
    // changed choice or a new intended-change mark is always current). Without a provider: the
    // default metrics, grouped by kind, no marks.
    struct Options
    {
        QStringList metrics; // empty: the defaults (windowRegressionMetrics)
        BuildGrouping grouping = BuildGrouping::Kind;
        std::vector<IntendedMark> marks;
    };
    void setOptionsProvider(std::function<Options()> provider) { m_provider = std::move(provider); }
    void setParams(const DetectionParams& params) { m_params = params; }
    // How long appends are collected before a run (default 300 ms).
    void setCoalesceInterval(int milliseconds) { m_coalesce.setInterval(milliseconds); }

    // Starts a run now (or after the current one).
    void rescan();
    bool isRunning() const { return m_watcher.isRunning(); }
    // Whether the current file has finished its first read (runs before that are pointless).
    bool isLoaded() const { return m_loaded; }
    std::shared_ptr<const RegressionBatch> latest() const { return m_latest; }
    int runCount() const { return m_runs; }

signals:
    void findingsReady(std::shared_ptr<const bengal::RegressionBatch> batch);
    // The findings were dropped (file closed or a new file opened).
    void findingsCleared();

private:
    void start();
    void onFinished();

    QPointer<HistorySession> m_session;
    QList<QMetaObject::Connection> m_connections;
    std::function<Options()> m_provider;
    DetectionParams m_params;
    QTimer m_coalesce;
    QFutureWatcher<RegressionBatch> m_watcher;
    std::shared_ptr<const RegressionBatch> m_latest;
    quint64 m_generation = 0;
    qsizetype m_liveFrom = -1;
    bool m_pending = false;
    bool m_loaded = false;
    int m_runs = 0;
};

} // namespace bengal
