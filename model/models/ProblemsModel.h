#pragma once

#include "history/HistorySession.h"

#include <QAbstractTableModel>

#include <functional>

namespace bengal {

class RunsSession;

// Rejected lines and field warnings, in line order: line, kind, field, reason. Of the open
// history, or of the collector.jsonl beside it.
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
    explicit ProblemsModel(RunsSession* runs, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void sync();
    void resetFrom(int rows);
    const std::vector<Problem>& problems() const { return m_problems(); }

    std::function<const std::vector<Problem>&()> m_problems;
    int m_rows = 0;
};

} // namespace bengal
