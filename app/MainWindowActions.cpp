#include "MainWindow.h"

#include "BuildTablePanel.h"
#include "FilterBar.h"
#include "charts/TrendChart.h"
#include "history/HistorySession.h"
#include "store/Database.h"
#include "store/HistoriesRepository.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QToolBar>

namespace bengal {

void MainWindow::buildActions()
{
    const auto make = [this](const QString& text, const QKeySequence& key, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        return action;
    };
    m_openAction = make(tr("&Open History…"), QKeySequence::Open, tr("Open a history.jsonl file"));
    m_openAction->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openHistoryDialog);
    m_openFolderAction =
        make(tr("Open &Site Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
             tr("Open the history of a Bengal site folder"));
    connect(m_openFolderAction, &QAction::triggered, this, &MainWindow::openFolderDialog);
    m_quitAction = make(tr("&Quit"), QKeySequence::Quit, tr("Quit Bengal Perf"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_reloadAction =
        make(tr("&Reload"), QKeySequence::Refresh, tr("Read the history again from disk"));
    m_reloadAction->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    connect(m_reloadAction, &QAction::triggered, this, [this] {
        if (!m_session->filePath().isEmpty())
            openFile(m_session->filePath(), m_isDemo);
    });
    m_filterAction = make(tr("&Filter Builds"), QKeySequence::Find, tr("Filter the build table"));
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_tableDock->show();
        m_tableDock->raise();
        m_table->focusFilter();
    });

    const auto toggle = [&](const QString& text, const QKeySequence& key, const QString& tip) {
        QAction* action = make(text, key, tip);
        action->setCheckable(true);
        connect(action, &QAction::toggled, this, [this] {
            ChartOptions options = m_phaseChart->options();
            options.stacked = m_stackedAction->isChecked();
            options.logY = m_logAction->isChecked();
            options.xMode =
                m_byIndexAction->isChecked() ? ChartXMode::BuildIndex : ChartXMode::Time;
            options.followLatest = m_followAction->isChecked();
            options.medianMetric =
                m_medianAction->isChecked() ? QStringLiteral("build_time_ms") : QString();
            applyChartOptions(options);
        });
        return action;
    };
    m_stackedAction = toggle(tr("&Stacked Phases"), QKeySequence(Qt::CTRL | Qt::Key_T),
                             tr("Show how the build time is composed of its phases"));
    m_logAction = toggle(tr("&Logarithmic Scale"), QKeySequence(Qt::CTRL | Qt::Key_L),
                         tr("Logarithmic value axis"));
    m_byIndexAction = toggle(tr("X Axis by Build &Index"), QKeySequence(Qt::CTRL | Qt::Key_I),
                             tr("Space builds evenly instead of by time"));
    m_followAction = toggle(tr("&Follow Latest"), QKeySequence(Qt::CTRL | Qt::Key_J),
                            tr("Keep the newest build in view as builds arrive"));
    m_medianAction = toggle(tr("Rolling &Median"), QKeySequence(Qt::CTRL | Qt::Key_M),
                            tr("Rolling median of the build time with its noise band"));
    m_resetZoomAction =
        make(tr("Reset &Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show every build"));
    connect(m_resetZoomAction, &QAction::triggered, this, [this] {
        m_phaseChart->resetZoom();
        m_memoryChart->resetZoom();
    });
    m_aboutAction = make(tr("&About Bengal Perf"), QKeySequence(), tr("Version and licence"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    file->addAction(m_openAction);
    file->addAction(m_openFolderAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(tr("Open &Demo History"), this, &MainWindow::openDemo);
    file->addSeparator();
    file->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_reloadAction);
    m_viewMenu->addAction(m_filterAction);
    m_viewMenu->addSeparator();
    for (QAction* action : {m_stackedAction, m_logAction, m_byIndexAction, m_followAction,
                            m_medianAction, m_resetZoomAction})
        m_viewMenu->addAction(action);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_tableDock->toggleViewAction());
    m_viewMenu->addAction(m_problemsDock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::buildToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_openAction);
    bar->addAction(m_reloadAction);
    bar->addSeparator();
    m_filterBar = new FilterBar(this);
    m_filterBar->setObjectName(QStringLiteral("filterBar"));
    bar->addWidget(m_filterBar);
    bar->addSeparator();
    for (QAction* action :
         {m_stackedAction, m_logAction, m_byIndexAction, m_followAction, m_medianAction})
        bar->addAction(action);
}

void MainWindow::applyChartOptions(const ChartOptions& options)
{
    ChartOptions memory = m_memoryChart->options();
    memory.logY = options.logY;
    memory.xMode = options.xMode;
    memory.followLatest = options.followLatest;
    m_phaseChart->setOptions(options);
    m_memoryChart->setOptions(memory);
}

void MainWindow::syncChartActions()
{
    const ChartOptions options = m_phaseChart->options();
    const QSignalBlocker b1(m_stackedAction), b2(m_logAction), b3(m_byIndexAction),
        b4(m_followAction), b5(m_medianAction);
    m_stackedAction->setChecked(options.stacked);
    m_logAction->setChecked(options.logY);
    m_byIndexAction->setChecked(options.xMode == ChartXMode::BuildIndex);
    m_followAction->setChecked(options.followLatest);
    m_medianAction->setChecked(!options.medianMetric.isEmpty());
}

void MainWindow::openHistoryDialog()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open History"), QFileInfo(m_session->filePath()).absolutePath(),
        tr("Bengal history (*.jsonl *.ndjson);;All files (*)"));
    if (!file.isEmpty())
        openPath(file);
}

void MainWindow::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Site Folder"));
    if (!dir.isEmpty())
        openPath(dir);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    QList<HistoryEntry> recent;
    if (m_database && m_database->isOpen())
        recent = HistoriesRepository(*m_database).recent(10);
    for (const HistoryEntry& entry : recent) {
        QAction* action =
            m_recentMenu->addAction(QStringLiteral("%1 — %2").arg(entry.displayName, entry.path),
                                    this, [this, path = entry.path] { openPath(path); });
        action->setToolTip(entry.path);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent histories"))->setEnabled(false);
}

} // namespace bengal
