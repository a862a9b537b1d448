#include "MainWindow.h"

#include "FilterBar.h"
#include "ProblemsPanel.h"
#include "charts/TrendChart.h"
#include "demo/DemoHistory.h"
#include "history/HistorySession.h"
#include "store/Database.h"
#include "store/HistoriesRepository.h"

#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>

namespace bengal {

namespace {

QJsonObject jsonSetting(const QSettings& settings, const QString& key)
{
    return QJsonDocument::fromJson(settings.value(key).toByteArray()).object();
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    if (!QMainWindow::restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
        resizeDocks({m_tableDock}, {height() / 4}, Qt::Vertical); // the charts come first

    m_chartSplitter->restoreState(
        settings.value(QStringLiteral("window/chartSplitter")).toByteArray());
    m_phaseChart->setOptions(
        ChartOptions::fromJson(jsonSetting(settings, QStringLiteral("charts/phases"))));
    m_memoryChart->setOptions(
        ChartOptions::fromJson(jsonSetting(settings, QStringLiteral("charts/memory"))));
    m_filterBar->fromJson(jsonSetting(settings, QStringLiteral("filters")));
    syncChartActions();
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("window/chartSplitter"), m_chartSplitter->saveState());
    settings.setValue(QStringLiteral("charts/phases"), compact(m_phaseChart->options().toJson()));
    settings.setValue(QStringLiteral("charts/memory"), compact(m_memoryChart->options().toJson()));
    settings.setValue(QStringLiteral("filters"), compact(m_filterBar->toJson()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

void MainWindow::rememberRecent(const QString& file)
{
    if (m_database && m_database->isOpen() && !HistoriesRepository(*m_database).touch(file))
        statusBar()->showMessage(
            tr("Could not remember %1 in the local store: %2").arg(file, m_database->errorString()),
            8000);
}

void MainWindow::openFile(const QString& file, bool demo)
{
    m_isDemo = demo;
    m_selectedRow = -1;
    m_problems->setHistoryPath(file);
    m_session->open(file);
    setWindowTitle(demo
                       ? tr("Demo history — Bengal Perf")
                       : tr("%1 — Bengal Perf").arg(HistoriesRepository::defaultDisplayName(file)));
    if (!demo)
        rememberRecent(file);
    updateStatus();
}

void MainWindow::openDemo()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("demo-history.jsonl"));
    if (!QFileInfo::exists(path)) {
        DemoOptions options;
        options.builds = 400;
        options.seed = 2025;
        QString error;
        if (!writeDemoHistory(path, options, &error)) {
            showError(tr("Could not write the demo history: %1").arg(error));
            return;
        }
    }
    openFile(path, true);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        openPath(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace bengal
