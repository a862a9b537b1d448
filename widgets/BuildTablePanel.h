#pragma once

#include "models/BuildFilter.h"

#include <QWidget>

class QLineEdit;
class QTableView;
class QTimer;

namespace bengal {

class BuildFilterProxy;
class BuildTableModel;

// The sortable, filterable build table: a text filter (debounced, plain text), and the
// selection as store rows so charts and detail views can follow.
class BuildTablePanel : public QWidget
{
    Q_OBJECT
public:
    explicit BuildTablePanel(BuildTableModel* model, QWidget* parent = nullptr);

    void setBuildFilter(const BuildFilter& filter);
    void focusFilter();
    // Selects and scrolls to a build; -1 clears.
    void selectStoreRow(int row);
    int selectedStoreRow() const;
    QTableView* view() const { return m_view; }
    BuildFilterProxy* proxy() const { return m_proxy; }

signals:
    void buildSelected(int storeRow);

private:
    BuildTableModel* m_model;
    BuildFilterProxy* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QTimer* m_debounce;
};

} // namespace bengal
