// The runs of collector.jsonl in the window: failed runs as markers on both trend charts,
// collected builds in the detail dock. Joined values (the tree peak RSS) reach the table and
// the memory chart through the history store (see RunsSession).
#include "MainWindow.h"

#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "ProblemsPanel.h"
#include "models/ProblemsModel.h"
#include "runs/RunsSession.h"

#include <QStatusBar>
#include <QTabWidget>

namespace bengal {

void MainWindow::wireCollectedRuns()
{
    m_runs = new RunsSession(m_session, this);
    m_detail->setRuns(m_runs);
    m_collectorProblems = new ProblemsPanel(new ProblemsModel(m_runs, this), this);
    m_collectorProblems->setObjectName(QStringLiteral("collectorProblems"));
    m_problemTabs->addTab(m_collectorProblems, tr("Collector runs"));
    m_problemTabs->setTabToolTip(1, tr("Lines of collector.jsonl (the runs Bengal Perf launched) "
                                       "that could not be read"));
    m_problemTabs->setTabVisible(1, false);
    connect(m_runs, &RunsSession::runsChanged, this, &MainWindow::showFailedRuns);
    connect(m_runs, &RunsSession::errorOccurred, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
}

void MainWindow::showFailedRuns()
{
    // Failed runs have no build, so they never enter the trends or the statistics: they are
    // only marked, at the time they started.
    QList<ChartMarker> markers;
    QStringList tooltips;
    for (const qsizetype index : m_runs->failedRuns()) {
        const CollectedRun& run = m_runs->store().run(index);
        ChartMarker marker;
        marker.kind = ChartMarker::Kind::Failure;
        marker.timeMs = run.startUs / 1000;
        marker.label = run.signal     ? tr("killed (signal %1)").arg(*run.signal)
                       : run.exitCode ? tr("failed (exit %1)").arg(*run.exitCode)
                                      : tr("failed");
        markers.append(marker);
        tooltips.append(tr("%1 at %2 UTC: not a build, left out of trends and statistics")
                            .arg(marker.label, formatTimestampUtc(run.startUs)));
    }
    m_phaseChart->setMarkerLayer(QStringLiteral("failed-runs"), markers, tooltips);
    m_memoryChart->setMarkerLayer(QStringLiteral("failed-runs"), markers, tooltips);

    // Lines of collector.jsonl that could not be read are listed in their own Problems tab, and
    // said once per change, not hidden.
    const std::size_t problems = m_runs->store().problems().size();
    m_collectorProblems->setHistoryPath(m_runs->filePath());
    m_problemTabs->setTabVisible(1, !m_runs->filePath().isEmpty());
    m_problemTabs->setTabText(1, problems == 0 ? tr("Collector runs")
                                               : tr("Collector runs (%1)").arg(problems));
    const qsizetype rejected = m_runs->store().rejectedCount();
    if (rejected > 0 && rejected != m_collectorRejectedSaid) {
        statusBar()->showMessage(
            tr("%1: %n line(s) could not be read (see Problems)", nullptr, int(rejected))
                .arg(m_runs->filePath()),
            15000);
    }
    m_collectorRejectedSaid = rejected;
    updateStatus();
}

} // namespace bengal
