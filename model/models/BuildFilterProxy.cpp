#include "models/BuildFilterProxy.h"

#include "models/BuildTableModel.h"

#include <cmath>

namespace bengal {

BuildFilterProxy::BuildFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(BuildTableModel::SortRole);
    setDynamicSortFilter(true);
}

void BuildFilterProxy::setBuildModel(BuildTableModel* model)
{
    m_model = model;
    setSourceModel(model);
    // A "last N" window moves as builds arrive.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_filter.lastN > 0) {
            refreshWindow();
            invalidateRowsFilter();
        }
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { refreshWindow(); });
    refreshWindow();
}

void BuildFilterProxy::refreshWindow()
{
    m_firstRow = m_model ? m_filter.firstRowOfLastN(m_model->store()) : 0;
}

void BuildFilterProxy::setBuildFilter(const BuildFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    refreshWindow();
    invalidateRowsFilter();
}

void BuildFilterProxy::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

bool BuildFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    if (!m_model)
        return true;
    const HistoryStore& store = m_model->store();
    if (sourceRow >= store.size())
        return false;
    if (sourceRow < m_firstRow || !m_filter.acceptsRow(store, sourceRow))
        return false;
    if (m_text.isEmpty())
        return true;
    const QModelIndex time = m_model->index(sourceRow, BuildTableModel::TimeColumn);
    const QModelIndex kind = m_model->index(sourceRow, BuildTableModel::KindColumn);
    return time.data().toString().contains(m_text, Qt::CaseInsensitive) ||
           kind.data().toString().contains(m_text, Qt::CaseInsensitive) ||
           store.environment(sourceRow, EnvField::PythonVersion).contains(m_text) ||
           store.environment(sourceRow, EnvField::Platform).contains(m_text, Qt::CaseInsensitive);
}

bool BuildFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const double a = m_model->sortKey(left.row(), left.column());
    const double b = m_model->sortKey(right.row(), right.column());
    // Missing values sort after every number.
    if (std::isnan(a) || std::isnan(b))
        return !std::isnan(a) && std::isnan(b);
    return a < b;
}

} // namespace bengal
