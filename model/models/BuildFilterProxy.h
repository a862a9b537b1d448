#pragma once

#include "models/BuildFilter.h"

#include <QSortFilterProxyModel>

namespace bengal {

class BuildTableModel;

// Sorting and filtering of the build table. Compares raw numbers straight from the columns
// (no QVariant per comparison), so sorting a million builds stays quick.
class BuildFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit BuildFilterProxy(QObject* parent = nullptr);

    void setBuildModel(BuildTableModel* model);
    void setBuildFilter(const BuildFilter& filter);
    const BuildFilter& buildFilter() const { return m_filter; }
    // Case-insensitive text matched against time, kind and environment.
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void refreshWindow();

    BuildTableModel* m_model = nullptr;
    BuildFilter m_filter;
    QString m_text;
    qsizetype m_firstRow = 0;
};

} // namespace bengal
