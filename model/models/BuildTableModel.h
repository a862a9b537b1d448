#pragma once

#include "history/HistorySession.h"

#include <QAbstractTableModel>
#include <vector>

namespace bengal {

// One row per build in time order; columns: index, time, kind, then every metric (the
// usual ones first, then any discovered ones as they appear). Rows are inserted in batches,
// on the GUI thread, as the session appends.
class BuildTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role
    {
        SortRole = Qt::UserRole, // raw number (double) for sorting
        StoreRowRole,            // the build's row in the store (= time order)
    };
    enum FixedColumn
    {
        IndexColumn,
        TimeColumn,
        KindColumn,
        FirstMetricColumn
    };

    explicit BuildTableModel(HistorySession* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Fast access for the proxy and the charts: no QVariant.
    double sortKey(int row, int column) const;
    int storeColumn(int column) const; // -1 for fixed columns
    int columnOfMetric(const QString& metric) const;
    const HistoryStore& store() const { return m_session->store(); }

    // "full · parallel", "incremental · sequential", or what is known.
    static QString kindText(std::uint8_t flags);

private:
    void onAppended(const AppendResult& result);
    void addNewMetricColumns();
    void onValuesChanged(int storeColumn, bool newColumn);
    void resetFromStore();

    HistorySession* m_session;
    int m_rows = 0;
    std::vector<int> m_metricColumns; // store column per model column past the fixed ones
};

} // namespace bengal
