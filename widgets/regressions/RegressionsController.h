#pragma once

#include "regressions/ConfirmDialog.h"
#include "regressions/RegressionScanner.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class QPushButton;
class QWidget;

namespace bengal {

class Database;
class HistorySession;
class NotificationBar;
class RegressionModel;
class RegressionNotifier;
class RegressionScanner;
class RegressionsPanel;
class TrendChart;
struct RegressionBatch;

// Regressions in the window, wired in one place: detection runs after loads and live appends,
// the findings fill the panel, mark the charts and count on the status-bar badge; a flagged
// live build raises a notification; triage, "mark intended change" and "confirm" act on them.
class RegressionsController : public QObject
{
    Q_OBJECT
public:
    RegressionsController(HistorySession* session, Database* database, TrendChart* phaseChart,
                          TrendChart* memoryChart, QWidget* window);
    ~RegressionsController() override;

    RegressionScanner* scanner() const { return m_scanner; }
    RegressionModel* model() const { return m_model; }
    RegressionsPanel* panel() const { return m_panel; }
    QPushButton* badge() const { return m_badge; }
    NotificationBar* notificationBar() const { return m_bar; }
    RegressionNotifier* notifier() const { return m_notifier; }

    // What "Confirm" would run for a finding: its metric and baseline builds.
    ConfirmDialog::Request confirmRequest(int modelRow) const;
    // Opens the confirm dialog (not modal to the data: detection goes on meanwhile).
    void openConfirm(int modelRow);
    // Marks the step as an intended change: a new baseline from its build (kept in the store),
    // and the finding becomes "expected". On a step already marked: removes the mark. Either
    // way detection runs again.
    void markIntendedChange(int modelRow);
    bool isIntendedChange(int modelRow) const;
    // What is analysed for the open history (remembered per history, RegressionOptions); each
    // change runs detection again. Empty metrics: the defaults.
    void setMetrics(const QStringList& metrics);
    void setGrouping(BuildGrouping grouping);

signals:
    void buildActivated(int storeRow);
    void showPanelRequested();
    void confirmDialogOpened(bengal::ConfirmDialog* dialog);

private:
    void onFindings(const std::shared_ptr<const RegressionBatch>& batch);
    void notifyFresh(const RegressionBatch& batch);
    void updateMarkers();
    void updateBadge();
    void activate(int modelRow);
    qsizetype baselineStart(const QString& metric, qsizetype findingRow) const;
    // Asked by the scanner when a run starts: the stored choice and intended-change marks.
    RegressionScanner::Options scanOptions() const;
    void updateChoices(const RegressionBatch& batch);

    HistorySession* m_session;
    Database* m_database;
    QPointer<TrendChart> m_phaseChart;
    QPointer<TrendChart> m_memoryChart;
    RegressionScanner* m_scanner;
    RegressionModel* m_model;
    RegressionsPanel* m_panel;
    QPushButton* m_badge;
    NotificationBar* m_bar;
    RegressionNotifier* m_notifier;
    QSet<QString> m_seen;       // keys of the findings already shown, to notify only new ones
    QStringList m_shownChoices; // what the metrics menu shows, so appends do not rebuild it
};

} // namespace bengal
