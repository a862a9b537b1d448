// Build ▸ Run Build… and Write Pending Runs: the window's side of the embedded collector
// (issue 5). The dialog does the work; this file only places it in the window.
#include "MainWindow.h"

#include "collector/PendingRuns.h"
#include "history/HistorySession.h"
#include "run/RunBuildDialog.h"
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"

#include <QAction>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace bengal {

void MainWindow::buildRunMenu()
{
    m_runBuildAction = new QAction(tr("&Run Build…"), this);
    m_runBuildAction->setObjectName(QStringLiteral("runBuildAction"));
    m_runBuildAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runBuildAction->setIcon(QIcon::fromTheme(QStringLiteral("system-run")));
    m_runBuildAction->setToolTip(tr("Run a build under the collector and watch it live (Ctrl+R)"));
    m_runBuildAction->setStatusTip(m_runBuildAction->toolTip());
    connect(m_runBuildAction, &QAction::triggered, this, &MainWindow::openRunDialog);

    m_writePendingAction = new QAction(tr("&Write Pending Runs"), this);
    m_writePendingAction->setObjectName(QStringLiteral("writePendingAction"));
    m_writePendingAction->setStatusTip(
        tr("Append the runs that could not be filed (disk full, no permission) to their files"));
    connect(m_writePendingAction, &QAction::triggered, this, &MainWindow::writePendingRuns);

    // Below the Build menu's actions on a selected build (MainWindowPanels.cpp); a menu of its
    // own before Help when there is none.
    QMenu* build = nullptr;
    const QList<QAction*> menus = menuBar()->actions();
    for (QAction* menu : menus) {
        if (menu->menu() && menu->text() == tr("&Build"))
            build = menu->menu();
    }
    if (build) {
        build->addSeparator();
    } else {
        build = new QMenu(tr("&Build"), this);
        menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), build);
    }
    build->addAction(m_runBuildAction);
    build->addAction(m_writePendingAction);
    connect(build, &QMenu::aboutToShow, this, [this] {
        const int pending = m_database && m_database->isOpen()
                                ? CollectorRunsRepository(*m_database).pendingCount()
                                : 0;
        m_writePendingAction->setEnabled(pending > 0);
        m_writePendingAction->setText(pending > 0 ? tr("&Write Pending Runs (%1)").arg(pending)
                                                  : tr("&Write Pending Runs"));
    });

    if (auto* bar = findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
        const QList<QAction*> actions = bar->actions();
        const qsizetype reload = actions.indexOf(m_reloadAction);
        bar->insertAction(reload >= 0 && reload + 1 < actions.size() ? actions.at(reload + 1)
                                                                     : nullptr,
                          m_runBuildAction);
    }
}

void MainWindow::openRunDialog()
{
    if (!m_runDialog) {
        m_runDialog = new RunBuildDialog(m_database, this);
        connect(m_runDialog, &RunBuildDialog::runsFinished, this, [this](const QString& history) {
            // With nothing (or the demo) open, show the history the runs went to; an open
            // history that got them follows them live already.
            if ((m_session->filePath().isEmpty() || m_isDemo) && QFileInfo::exists(history))
                openPath(history);
        });
    }
    m_runDialog->setOpenHistory(m_isDemo ? QString() : m_session->filePath());
    m_runDialog->show();
    m_runDialog->raise();
    m_runDialog->activateWindow();
}

void MainWindow::writePendingRuns()
{
    if (!m_database || !m_database->isOpen()) {
        statusBar()->showMessage(tr("The local store is not available."), 10000);
        return;
    }
    CollectorRunsRepository runs(*m_database);
    const PendingWriteResult result = bengal::writePendingRuns(runs);
    const QString text = describePendingWrite(result);
    statusBar()->showMessage(text, 15000);
    if (result.failed > 0) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Write Pending Runs"), text,
                                    QMessageBox::Ok, this);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // not exec(): nothing waits on it
    }
}

} // namespace bengal
