#pragma once

#include "store/TriageRepository.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
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

signals:
    void buildActivated(int modelRow);
    void confirmRequested(int modelRow);
    void intendedChangeRequested(int modelRow);

private:
    void setCurrentState(TriageState state);
    void updateActions();
    void showMenu(const QPoint& pos);

    RegressionModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLabel* m_summary;
    QCheckBox* m_showIgnored;
    QList<QAction*> m_triage; // indexed by TriageState
    QAction* m_intended;
    QAction* m_confirm;
};

} // namespace bengal
