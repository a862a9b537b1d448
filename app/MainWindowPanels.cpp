#include "MainWindow.h"

#include "BuildTablePanel.h"
#include "VerticalScrollArea.h"

#include "charts/TrendChart.h"
#include "detail/BuildDetailView.h"
#include "detail/CompareView.h"
#include "export/ChartExporter.h"
#include "export/ExportDialog.h"
#include "history/HistorySession.h"
#include "store/NotesExchange.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>

namespace bengal {

// The drill-down docks (one build, comparison) and export: wired here so MainWindow.cpp stays
// about the dashboard itself.
void MainWindow::buildPanels()
{
    m_detail = new BuildDetailView(this);
    m_detail->setObjectName(QStringLiteral("buildDetail"));
    m_detail->setSession(m_session);
    m_detail->setDatabase(m_database);
    m_detailDock = new QDockWidget(tr("Build"), this);
    m_detailDock->setObjectName(QStringLiteral("detailDock"));
    // The detail is taller than a laptop screen: it scrolls rather than forcing the window's
    // minimum height past the screen.
    m_detailDock->setWidget(new VerticalScrollArea(m_detail, m_detailDock));
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);

    m_compare = new CompareView(this);
    m_compare->setObjectName(QStringLiteral("compareView"));
    m_compare->setSession(m_session);
    m_compareDock = new QDockWidget(tr("Compare"), this);
    m_compareDock->setObjectName(QStringLiteral("compareDock"));
    m_compareDock->setWidget(m_compare);
    addDockWidget(Qt::BottomDockWidgetArea, m_compareDock);
    tabifyDockWidget(m_problemsDock, m_compareDock);
    m_tableDock->raise();

    const auto showCompare = [this] {
        m_compareDock->show();
        m_compareDock->raise();
    };
    connect(m_detail, &BuildDetailView::compareWithPreviousRequested, this,
            [this, showCompare](int row) {
                if (row > 0) {
                    m_compare->setBuilds({row - 1, row});
                    showCompare();
                }
            });
    connect(m_detail, &BuildDetailView::compareWithMedianRequested, this,
            [this, showCompare](int row, int builds) {
                m_compare->setAgainstMedian(row, builds);
                showCompare();
            });
    connect(m_compare, &CompareView::buildActivated, this, &MainWindow::selectBuild);
    wireCollectedRuns();

    auto* setA = new QAction(tr("Compare: Set Selected as &A"), this);
    setA->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(setA, &QAction::triggered, this, [this, showCompare] {
        if (m_selectedRow >= 0) {
            m_compare->setReference(m_selectedRow);
            showCompare();
        }
    });
    auto* addB = new QAction(tr("Compare: Add Selected as &B (up to D)"), this);
    addB->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    connect(addB, &QAction::triggered, this, [this, showCompare] {
        if (m_selectedRow >= 0) {
            m_compare->addToComparison(m_selectedRow);
            showCompare();
        }
    });
    auto* vsMedian = new QAction(tr("Compare Selected with Rolling &Median"), this);
    vsMedian->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(vsMedian, &QAction::triggered, this, [this, showCompare] {
        if (m_selectedRow >= 0) {
            m_compare->setAgainstMedian(m_selectedRow, m_detail->medianWindow());
            showCompare();
        }
    });
    QMenu* build = menuBar()->addMenu(tr("&Build"));
    for (QAction* action : {setA, addB, vsMedian})
        build->addAction(action);
    // The same three on a right click in the build table (which selects the row first).
    m_table->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->view()->addActions({setA, addB, vsMedian});
    m_viewMenu->addAction(m_detailDock->toggleViewAction());
    m_viewMenu->addAction(m_compareDock->toggleViewAction());
    buildSavedViewsMenu();
    // Keep Help last.
    menuBar()->insertMenu(menuBar()->actions().at(menuBar()->actions().size() - 2), build);

    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Export the charts or the data (PNG, SVG, PDF, CSV, JSON)"));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        ExportDialog dialog(m_phaseChart, m_memoryChart, m_session->filePath(), this);
        if (dialog.exec() == QDialog::Accepted && !dialog.exportedPath().isEmpty())
            statusBar()->showMessage(tr("Exported %1").arg(dialog.exportedPath()), 8000);
    });
    auto* copy = new QAction(tr("&Copy Chart Image"), this);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(copy, &QAction::triggered, this, [this] {
        const QWidget* focus = QApplication::focusWidget();
        const bool memory = focus == m_memoryChart || m_memoryChart->isAncestorOf(focus);
        copyChartImage(memory ? *m_memoryChart : *m_phaseChart);
        statusBar()->showMessage(tr("Chart image copied to the clipboard"), 4000);
    });
    // Notes and tags travel with the history as <history>.notes.json next to it.
    auto* exportNotes = new QAction(tr("Export &Notes Beside the History"), this);
    connect(exportNotes, &QAction::triggered, this, [this] {
        if (!m_database || m_session->filePath().isEmpty())
            return;
        NotesExchange exchange(*m_database);
        const QString file = NotesExchange::defaultFilePath(m_session->filePath());
        statusBar()->showMessage(exchange.exportTo(m_session->filePath(), file)
                                     ? tr("Notes written to %1").arg(file)
                                     : exchange.errorString(),
                                 10000);
    });
    auto* importNotes = new QAction(tr("&Import Notes From Beside the History"), this);
    connect(importNotes, &QAction::triggered, this, [this] {
        if (!m_database || m_session->filePath().isEmpty())
            return;
        NotesExchange exchange(*m_database);
        const NotesImportResult result = exchange.importFrom(m_session->filePath());
        statusBar()->showMessage(
            result.ok ? tr("Notes imported: %1 added, %2 updated, %3 unchanged, %4 rejected")
                            .arg(result.added)
                            .arg(result.updated)
                            .arg(result.unchanged)
                            .arg(result.rejected)
                      : result.errorString,
            10000);
        m_detail->refresh();
    });
    m_fileMenu->insertAction(m_quitAction, exportNotes);
    m_fileMenu->insertAction(m_quitAction, importNotes);
    m_fileMenu->insertAction(m_quitAction, m_exportAction);
    m_fileMenu->insertAction(m_quitAction, copy);
    m_fileMenu->insertSeparator(m_quitAction);
}

} // namespace bengal
