#pragma once

#include "report/RegressionReport.h"
#include "store/TriageRepository.h"

#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace bengal {

class RegressionModel;

// The regressions dock: every finding of the open history, sortable, with triage actions as
// buttons, in the context menu and on keys (A acknowledge, I ignore, E expected, N new).
// Enter or a double-click selects the finding's build on the charts and in the table.
class RegressionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RegressionsPanel(RegressionModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    RegressionModel* model() const { return m_model; }
    // The model row of the current finding, or -1.
    int currentRow() const;
    void selectRow(int modelRow);
    void setSummary(const QString& text);
    // Ignored findings are hidden unless this is on.
    void setShowIgnored(bool show);
    QAction* triageAction(TriageState state) const;
    QAction* intendedAction() const { return m_intended; }
    QAction* confirmAction() const { return m_confirm; }

    // What is analysed: `available` metrics in the "Metrics" menu, `checked` ticked, `defaults`
    // listed first (and what "Default Metrics" goes back to). Emits nothing.
    void setMetricChoices(const QStringList& available, const QStringList& checked,
                          const QStringList& defaults);
    QStringList checkedMetrics() const;
    void setGrouping(BuildGrouping grouping); // emits nothing
    BuildGrouping grouping() const;
    QToolButton* metricsButton() const { return m_metricsButton; }
    // Whether the finding at a model row is a step already marked as intended: the action then
    // reads "Unmark Intended Change" (the request is the same; the receiver toggles).
    void setIntendedCheck(std::function<bool(int modelRow)> check)
    {
        m_isIntended = std::move(check);
    }
    void refreshActions() { updateActions(); }
    QComboBox* groupCombo() const { return m_group; }

signals:
    void buildActivated(int modelRow);
    void confirmRequested(int modelRow);
    void intendedChangeRequested(int modelRow);
    // The user ticked or unticked a metric (never the last one) or went back to the defaults.
    void metricsChanged(const QStringList& metrics);
    void groupingChanged(bengal::BuildGrouping grouping);

private:
    void setCurrentState(TriageState state);
    void updateActions();
    void showMenu(const QPoint& pos);
    void onMetricToggled();
    void updateMetricsButton();

    RegressionModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLabel* m_summary;
    QCheckBox* m_showIgnored;
    QList<QAction*> m_triage; // indexed by TriageState
    QAction* m_intended;
    QAction* m_confirm;
    QToolButton* m_metricsButton;
    QMenu* m_metricsMenu;
    QStringList m_defaultMetrics;
    QComboBox* m_group;
    std::function<bool(int)> m_isIntended;
};

} // namespace bengal
