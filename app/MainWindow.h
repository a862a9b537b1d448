#pragma once

#include "charts/ChartOptions.h"

#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QTabWidget;
class QMenu;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QSplitter;
class QToolButton;

namespace bengal {

class BuildDetailView;
class BuildTableModel;
class CompareView;
class BuildTablePanel;
class ChartCursorSync;
class Database;
class FilterBar;
class HistorySession;
class OverviewStrip;
class ProblemsModel;
class ProblemsPanel;
class RegressionsController;
class RunBuildDialog;
class RunsSession;
class TrendChart;

// The dashboard: phase and memory charts in the centre with an overview strip, the build
// table and the problems panel in docks, a status bar that says what is loaded and whether
// the file is followed live.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Database* database, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a history file or site folder (discovery as in the file model). Errors are shown.
    bool openPath(const QString& path);
    // Opens the bundled demo history, labelled as demo data.
    void openDemo();
    // What the user sees in the status bar, for tests.
    QString statusText() const;

    HistorySession* session() const { return m_session; }
    TrendChart* phaseChart() const { return m_phaseChart; }
    TrendChart* memoryChart() const { return m_memoryChart; }
    BuildTablePanel* buildTable() const { return m_table; }
    ProblemsPanel* problemsPanel() const { return m_problems; }
    ProblemsPanel* collectorProblemsPanel() const { return m_collectorProblems; }
    QDockWidget* problemsDock() const { return m_problemsDock; }
    BuildDetailView* detailView() const { return m_detail; }
    CompareView* compareView() const { return m_compare; }
    RegressionsController* regressions() const { return m_regressions; }
    QDockWidget* regressionsDock() const { return m_regressionsDock; }
    RunsSession* runs() const { return m_runs; }

    // Tells the user how the local store opened (MainWindowStore.cpp): unusable, or a damaged
    // file moved aside. Returns the message shown, nullptr when there is nothing to say.
    QMessageBox* reportStoreState(const Database& database, bool opened);

    // Saved views (MainWindowViews.cpp): series, chart options, filters and range, per history.
    QJsonObject currentView() const;
    QStringList savedViewNames() const;
    bool saveView(const QString& name);
    bool applyView(const QString& name);
    bool removeView(const QString& name);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // MainWindowPanels.cpp
    void buildPanels();
    // MainWindowRegressions.cpp
    void buildRegressions();
    // MainWindow.cpp
    void buildCentre();
    void buildDocks();
    void wireSession();
    void selectBuild(int storeRow);
    void applyFilter();
    void updateStatus();
    void showError(const QString& message);
    // MainWindowCollected.cpp
    void wireCollectedRuns();
    void showFailedRuns();
    // MainWindowActions.cpp
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void syncChartActions();
    void applyChartOptions(const ChartOptions& options);
    void openHistoryDialog();
    void openFolderDialog();
    void rebuildRecentMenu();
    void showAbout();
    // MainWindowState.cpp
    void restoreState();
    void saveState();
    void rememberRecent(const QString& file);
    void openFile(const QString& file, bool demo);
    // MainWindowViews.cpp
    void buildSavedViewsMenu();
    bool canSaveViews() const;
    // MainWindowRun.cpp
    void buildRunMenu();
    void openRunDialog();
    void writePendingRuns();

    Database* m_database;
    HistorySession* m_session;
    BuildTableModel* m_tableModel;
    ProblemsModel* m_problemsModel;
    TrendChart* m_phaseChart = nullptr;
    TrendChart* m_memoryChart = nullptr;
    OverviewStrip* m_overview = nullptr;
    ChartCursorSync* m_cursorSync = nullptr;
    QSplitter* m_chartSplitter = nullptr;
    FilterBar* m_filterBar = nullptr;
    BuildTablePanel* m_table = nullptr;
    ProblemsPanel* m_problems = nullptr;
    ProblemsPanel* m_collectorProblems = nullptr; // collector.jsonl beside the history
    QTabWidget* m_problemTabs = nullptr;
    QDockWidget* m_tableDock = nullptr;
    QDockWidget* m_problemsDock = nullptr;
    BuildDetailView* m_detail = nullptr;
    QDockWidget* m_detailDock = nullptr;
    CompareView* m_compare = nullptr;
    QDockWidget* m_compareDock = nullptr;
    RegressionsController* m_regressions = nullptr;
    QDockWidget* m_regressionsDock = nullptr;
    QMenu* m_fileMenu = nullptr;
    RunsSession* m_runs = nullptr;
    qsizetype m_collectorRejectedSaid = 0;

    QLabel* m_fileLabel = nullptr;
    QLabel* m_demoBadge = nullptr;
    QLabel* m_buildsLabel = nullptr;
    QPushButton* m_problemsButton = nullptr;
    QLabel* m_liveLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancelButton = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_openFolderAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_filterAction = nullptr;
    QAction* m_stackedAction = nullptr;
    QAction* m_logAction = nullptr;
    QAction* m_byIndexAction = nullptr;
    QAction* m_followAction = nullptr;
    QAction* m_medianAction = nullptr;
    QAction* m_resetZoomAction = nullptr;
    QAction* m_runBuildAction = nullptr;
    QAction* m_writePendingAction = nullptr;
    QPointer<RunBuildDialog> m_runDialog;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;

    bool m_isDemo = false;
    int m_selectedRow = -1;
};

} // namespace bengal
