#include "MainWindow.h"

#include "BuildTablePanel.h"
#include "FilterBar.h"
#include "ProblemsPanel.h"
#include "charts/ChartCursorSync.h"
#include "charts/OverviewStrip.h"
#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "history/HistoryDiscovery.h"
#include "history/HistorySession.h"
#include "models/BuildFilterProxy.h"
#include "models/BuildTableModel.h"
#include "models/ProblemsModel.h"
#include "runs/RunsSession.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace bengal {

MainWindow::MainWindow(Database* database, QWidget* parent)
    : QMainWindow(parent), m_database(database), m_session(new HistorySession(this)),
      m_tableModel(new BuildTableModel(m_session, this)),
      m_problemsModel(new ProblemsModel(m_session, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Bengal Perf"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    buildCentre();
    buildDocks();
    buildActions();
    buildMenus();
    buildToolBar();
    buildPanels();
    buildRegressions();
    buildRunMenu();
    wireSession();
    restoreState();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Children die in creation order and the session came first: take down what follows its
    // store (charts, overview, cursor sync, detail, compare) before it goes.
    delete m_cursorSync;
    delete takeCentralWidget();
    delete m_detailDock;
    delete m_compareDock;
}

void MainWindow::buildCentre()
{
    m_phaseChart = new TrendChart(TrendKind::Phases, this);
    m_phaseChart->setObjectName(QStringLiteral("phaseChart"));
    m_memoryChart = new TrendChart(TrendKind::Memory, this);
    m_memoryChart->setObjectName(QStringLiteral("memoryChart"));
    m_phaseChart->setSession(m_session);
    m_memoryChart->setSession(m_session);
    m_overview = new OverviewStrip(this);
    m_overview->setChart(m_phaseChart);
    m_cursorSync = new ChartCursorSync(this);
    m_cursorSync->addChart(m_phaseChart);
    m_cursorSync->addChart(m_memoryChart);
    for (TrendChart* chart : {m_phaseChart, m_memoryChart})
        connect(chart, &TrendChart::buildSelected, this, &MainWindow::selectBuild);

    m_chartSplitter = new QSplitter(Qt::Vertical, this);
    m_chartSplitter->setObjectName(QStringLiteral("chartSplitter"));
    m_chartSplitter->setChildrenCollapsible(false);
    m_chartSplitter->addWidget(m_phaseChart);
    m_chartSplitter->addWidget(m_memoryChart);
    m_chartSplitter->setStretchFactor(0, 3);
    m_chartSplitter->setStretchFactor(1, 2);

    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(2);
    layout->addWidget(m_chartSplitter, 1);
    layout->addWidget(m_overview);
    setCentralWidget(centre);
}

void MainWindow::buildDocks()
{
    m_table = new BuildTablePanel(m_tableModel, this);
    connect(m_table, &BuildTablePanel::buildSelected, this, &MainWindow::selectBuild);
    m_tableDock = new QDockWidget(tr("Builds"), this);
    m_tableDock->setObjectName(QStringLiteral("buildsDock"));
    m_tableDock->setWidget(m_table);
    addDockWidget(Qt::BottomDockWidgetArea, m_tableDock);

    m_problems = new ProblemsPanel(m_problemsModel, this);
    m_problemTabs = new QTabWidget(this);
    m_problemTabs->setObjectName(QStringLiteral("problemTabs"));
    m_problemTabs->setDocumentMode(true);
    m_problemTabs->addTab(m_problems, tr("History"));
    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsDock->setWidget(m_problemTabs);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    tabifyDockWidget(m_tableDock, m_problemsDock);
    m_tableDock->raise();

    m_fileLabel = new QLabel(this);
    m_fileLabel->setTextFormat(Qt::PlainText);
    m_fileLabel->setObjectName(QStringLiteral("fileLabel"));
    m_demoBadge = new QLabel(tr("DEMO DATA"), this);
    m_demoBadge->setToolTip(tr("A synthetic history: open a real one with Ctrl+O"));
    m_demoBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #d9822b; color: white; font-weight: bold; padding: 1px 6px; "
        "border-radius: 3px; }"));
    m_buildsLabel = new QLabel(this);
    m_problemsButton = new QPushButton(this);
    m_problemsButton->setFlat(true);
    m_problemsButton->setObjectName(QStringLiteral("problemsButton"));
    m_problemsButton->setToolTip(tr("Show the rejected lines and warnings"));
    connect(m_problemsButton, &QPushButton::clicked, this, [this] {
        m_problemsDock->show();
        m_problemsDock->raise();
        // The history's own problems first; the collector's when the history has none.
        if (m_session->store().problems().empty() && m_collectorProblems)
            m_problemTabs->setCurrentWidget(m_collectorProblems);
        else
            m_problemTabs->setCurrentWidget(m_problems);
    });
    m_liveLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setRange(0, 1000);
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop loading; what was read so far stays (Esc)"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_cancelButton, &QToolButton::clicked, m_session, &HistorySession::cancelLoad);
    statusBar()->addWidget(m_demoBadge);
    statusBar()->addWidget(m_fileLabel, 1);
    statusBar()->addPermanentWidget(m_buildsLabel);
    statusBar()->addPermanentWidget(m_problemsButton);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_liveLabel);
}

void MainWindow::wireSession()
{
    connect(m_session, &HistorySession::appended, this, [this] {
        applyFilter(); // day ranges count back from the newest build
        updateStatus();
    });
    connect(m_session, &HistorySession::loadProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    });
    connect(m_session, &HistorySession::loadFinished, this, [this](bool cancelled) {
        if (cancelled)
            statusBar()->showMessage(
                tr("Loading stopped: %n build(s) kept", nullptr, int(m_session->store().size())),
                8000);
        applyFilter();
        updateStatus();
        if (m_selectedRow < 0 && !m_session->store().isEmpty())
            selectBuild(int(m_session->store().size() - 1)); // the newest build, in detail
    });
    connect(m_session, &HistorySession::stateChanged, this, [this] { updateStatus(); });
    connect(
        m_session, &HistorySession::reloadStarted, this, [this](HistoryFollower::ResetReason why) {
            statusBar()->showMessage(why == HistoryFollower::ResetReason::Truncated
                                         ? tr("The history was truncated: read again, nothing lost")
                                         : tr("The history was replaced: read again, nothing lost"),
                                     8000);
        });
    connect(m_session, &HistorySession::errorOccurred, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(m_filterBar, &FilterBar::changed, this, &MainWindow::applyFilter);
}

void MainWindow::selectBuild(int storeRow)
{
    if (storeRow == m_selectedRow)
        return;
    m_selectedRow = storeRow;
    m_phaseChart->setSelectedBuild(storeRow);
    m_memoryChart->setSelectedBuild(storeRow);
    m_table->selectStoreRow(storeRow);
    m_detail->showBuild(storeRow);
}

void MainWindow::applyFilter()
{
    const BuildFilter filter = m_filterBar->filterFor(m_session->store());
    if (filter == m_phaseChart->filter() && filter == m_table->proxy()->buildFilter())
        return;
    m_phaseChart->setFilter(filter);
    m_memoryChart->setFilter(filter);
    m_table->setBuildFilter(filter);
}

void MainWindow::updateStatus()
{
    const HistoryStore& store = m_session->store();
    const QString path = m_session->filePath();
    m_demoBadge->setVisible(m_isDemo);
    m_fileLabel->setText(path.isEmpty() ? tr("No history open") : path);
    m_fileLabel->setToolTip(path);
    m_buildsLabel->setText(store.size() == 1 ? tr("1 build") : tr("%1 builds").arg(store.size()));
    const std::size_t collectorProblems = m_runs ? m_runs->store().problems().size() : 0;
    QString problems =
        tr("%1 rejected · %2 warnings").arg(store.rejectedCount()).arg(store.warningCount());
    if (collectorProblems > 0)
        problems += tr(" · %n in collector.jsonl", nullptr, int(collectorProblems));
    m_problemsButton->setText(problems);
    m_problemsButton->setEnabled(!store.problems().empty() || collectorProblems > 0);
    m_problemTabs->setTabText(0, store.problems().empty()
                                     ? tr("History")
                                     : tr("History (%1)").arg(store.problems().size()));
    const bool loading = m_session->isLoading();
    m_progress->setVisible(loading);
    m_cancelButton->setVisible(loading);
    QString live;
    QString colour;
    switch (m_session->state()) {
    case HistorySession::FileState::Closed:
        break;
    case HistorySession::FileState::Loading:
        live = tr("Loading…");
        break;
    case HistorySession::FileState::Following:
        live = tr("● Following live");
        colour = QStringLiteral("#2e8b57");
        break;
    case HistorySession::FileState::Missing:
        live = tr("File missing: waiting for it to come back");
        colour = QStringLiteral("#c0392b");
        break;
    case HistorySession::FileState::Stopped:
        live = tr("Not following (loading was stopped; F5 reloads)");
        break;
    }
    m_liveLabel->setText(live);
    m_liveLabel->setStyleSheet(
        colour.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; }").arg(colour));
}

QString MainWindow::statusText() const
{
    return QStringList{m_fileLabel->text(), m_buildsLabel->text(), m_problemsButton->text(),
                       m_liveLabel->text()}
        .join(QStringLiteral(" | "));
}

void MainWindow::showError(const QString& message)
{
    QMessageBox box(QMessageBox::Warning, tr("Bengal Perf"), message, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText); // paths and reasons are never markup
    box.exec();
}

bool MainWindow::openPath(const QString& path)
{
    const HistoryLocation location = discoverHistory(path);
    if (!location.found) {
        showError(describeMissingHistory(path, location));
        return false;
    }
    openFile(location.file, false);
    return true;
}

} // namespace bengal
