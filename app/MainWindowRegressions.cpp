#include "MainWindow.h"

#include "regressions/RegressionNotifier.h"
#include "regressions/RegressionsController.h"
#include "regressions/RegressionsPanel.h"

#include <QDockWidget>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace bengal {

// Regressions in the window (issue 6): the panel in a dock beside the table, the badge on the
// status bar, the notification bar over the charts. The logic is in RegressionsController.
void MainWindow::buildRegressions()
{
    m_regressions =
        new RegressionsController(m_session, m_database, m_phaseChart, m_memoryChart, this);
    m_regressionsDock = new QDockWidget(tr("Regressions"), this);
    m_regressionsDock->setObjectName(QStringLiteral("regressionsDock"));
    m_regressionsDock->setWidget(m_regressions->panel());
    addDockWidget(Qt::BottomDockWidgetArea, m_regressionsDock);
    tabifyDockWidget(m_compareDock, m_regressionsDock);
    m_tableDock->raise();
    m_viewMenu->addAction(m_regressionsDock->toggleViewAction());

    // After the build count: what is new sits next to how much there is.
    statusBar()->insertPermanentWidget(3, m_regressions->badge());
    if (auto* layout = qobject_cast<QVBoxLayout*>(centralWidget()->layout()))
        layout->insertWidget(0, m_regressions->notificationBar());

    connect(m_regressions, &RegressionsController::buildActivated, this, &MainWindow::selectBuild);
    connect(m_regressions, &RegressionsController::showPanelRequested, this, [this] {
        m_regressionsDock->show();
        m_regressionsDock->raise();
        m_regressions->panel()->setFocus();
    });
}

} // namespace bengal
