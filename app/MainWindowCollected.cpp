// The runs of collector.jsonl in the window: failed runs as markers on both trend charts,
// collected builds in the detail dock. Joined values (the tree peak RSS) reach the table and
// the memory chart through the history store (see RunsSession).
#include "MainWindow.h"

#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "runs/RunsSession.h"

#include <QStatusBar>

namespace bengal {

void MainWindow::wireCollectedRuns()
{
    m_runs = new RunsSession(m_session, this);
    m_detail->setRuns(m_runs);
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

    // Lines of collector.jsonl that could not be read are said once per change, not hidden.
    const qsizetype rejected = m_runs->store().rejectedCount();
    if (rejected > 0 && rejected != m_collectorRejectedSaid) {
        statusBar()->showMessage(
            tr("%1: %n line(s) could not be read", nullptr, int(rejected)).arg(m_runs->filePath()),
            15000);
    }
    m_collectorRejectedSaid = rejected;
}

} // namespace bengal
