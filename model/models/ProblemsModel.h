#pragma once

#include "history/HistorySession.h"

#include <QAbstractTableModel>

namespace bengal {

// Rejected lines and field warnings, in line order: line, kind, field, reason.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LineColumn,
        KindColumn,
        KeyColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role
    {
        OffsetRole = Qt::UserRole,
        IsRejectedRole
    };

    explicit ProblemsModel(HistorySession* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void sync();

    HistorySession* m_session;
    int m_rows = 0;
};

} // namespace bengal
