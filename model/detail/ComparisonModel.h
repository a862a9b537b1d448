#pragma once

#include "detail/Comparison.h"

#include <QAbstractTableModel>

namespace bengal {

// Builds side by side: the environment rows (kind, Python, platform, completion policy) and then
// every metric; columns: metric, A, then for each other build its value, its change against A
// and the change in percent (positive = slower or bigger, as the header says).
class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role
    {
        KeyRole = Qt::UserRole, // metric name or environment key
        NumberRole,             // value, change or change in % (double)
        DirectionRole,          // int(Direction) in change cells
        DiffersRole,            // bool: an environment row whose values differ
        IsEnvironmentRole,      // bool
    };
    enum class CellKind
    {
        Label,
        Value,
        Change,
        ChangePercent
    };

    explicit ComparisonModel(QObject* parent = nullptr);

    void setComparison(const Comparison& comparison);
    void clear();
    const Comparison& comparison() const { return m_comparison; }

    // What a column shows and of which build (0 = A).
    CellKind cellKind(int column) const;
    int buildOf(int column) const;
    // The model row of a metric or environment key; -1 when absent.
    int rowOf(const QString& key) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant environmentData(int row, int column, int role) const;
    QVariant metricData(int metric, int column, int role) const;

    Comparison m_comparison;
};

} // namespace bengal
