#include "MainWindow.h"

#include "FilterBar.h"
#include "charts/TrendChart.h"
#include "history/HistorySession.h"
#include "store/Database.h"
#include "store/SavedViewsRepository.h"

#include <QAction>
#include <QInputDialog>
#include <QJsonArray>
#include <QMenu>
#include <QStatusBar>

namespace bengal {

// Saved views: the visible series, chart options, filters and visible range of the window,
// named and kept per history in the local store (SavedViewsRepository), so "the last 50
// incremental builds, rendering only, log scale" is one click away on the next start.

namespace {

QJsonArray rangeJson(const QPair<double, double>& range)
{
    return QJsonArray{range.first, range.second};
}

} // namespace

bool MainWindow::canSaveViews() const
{
    return m_database && m_database->isOpen() && !m_session->filePath().isEmpty();
}

QJsonObject MainWindow::currentView() const
{
    return {{QStringLiteral("phases"), m_phaseChart->options().toJson()},
            {QStringLiteral("memory"), m_memoryChart->options().toJson()},
            {QStringLiteral("filters"), m_filterBar->toJson()},
            {QStringLiteral("range"), rangeJson(m_phaseChart->visibleRange())}};
}

QStringList MainWindow::savedViewNames() const
{
    QStringList names;
    if (!canSaveViews())
        return names;
    for (const SavedView& view :
         SavedViewsRepository(*m_database).list(m_session->filePath(), true))
        names << view.name;
    return names;
}

bool MainWindow::saveView(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (!canSaveViews() || trimmed.isEmpty())
        return false;
    if (!SavedViewsRepository(*m_database).save(m_session->filePath(), trimmed, currentView())) {
        showError(tr("Could not save the view: %1").arg(m_database->errorString()));
        return false;
    }
    statusBar()->showMessage(tr("View \"%1\" saved").arg(trimmed), 4000);
    return true;
}

bool MainWindow::applyView(const QString& name)
{
    if (!canSaveViews())
        return false;
    const auto view = SavedViewsRepository(*m_database).get(m_session->filePath(), name);
    if (!view)
        return false;
    const QJsonObject json = view->json();
    // Options first (the x mode decides what the range means), then filters, then the range.
    m_phaseChart->setOptions(
        ChartOptions::fromJson(json.value(QStringLiteral("phases")).toObject()));
    m_memoryChart->setOptions(
        ChartOptions::fromJson(json.value(QStringLiteral("memory")).toObject()));
    m_filterBar->fromJson(json.value(QStringLiteral("filters")).toObject());
    syncChartActions();
    const QJsonArray range = json.value(QStringLiteral("range")).toArray();
    if (range.size() == 2 && range[0].isDouble() && range[1].isDouble() &&
        range[0].toDouble() < range[1].toDouble() && !m_phaseChart->options().followLatest)
        m_phaseChart->setVisibleRange(range[0].toDouble(), range[1].toDouble());
    statusBar()->showMessage(tr("View \"%1\" shown").arg(name), 4000);
    return true;
}

bool MainWindow::removeView(const QString& name)
{
    return canSaveViews() && SavedViewsRepository(*m_database).remove(m_session->filePath(), name);
}

void MainWindow::buildSavedViewsMenu()
{
    QMenu* menu = m_viewMenu->addMenu(tr("Saved &Views"));
    menu->setObjectName(QStringLiteral("savedViewsMenu"));
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        QAction* save = menu->addAction(tr("&Save Current View…"), this, [this] {
            bool ok = false;
            const QString name = QInputDialog::getText(
                this, tr("Save View"),
                tr("Name for the visible series, filters, range and chart options:"),
                QLineEdit::Normal, QString(), &ok);
            if (ok)
                saveView(name);
        });
        save->setEnabled(canSaveViews());
        const QStringList names = savedViewNames();
        if (names.isEmpty())
            return;
        menu->addSeparator();
        for (const QString& name : names)
            menu->addAction(name, this, [this, name] { applyView(name); });
        QMenu* remove = menu->addMenu(tr("&Delete View"));
        for (const QString& name : names)
            remove->addAction(name, this, [this, name] { removeView(name); });
    });
}

} // namespace bengal
