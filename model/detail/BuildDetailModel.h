#pragma once

#include "detail/BuildDetail.h"

#include <QAbstractItemModel>

#include <vector>

namespace bengal {

// The fields of one build as a tree: groups → fields → nested map entries (the phase ledger,
// post-render steps, post-process tasks and outputs). Columns: field, value with unit, share
// (of the build time for phases, of the map's total for nested entries), change against the
// previous build, against the baseline and against the median of the last N comparable builds.
// Every text is plain.
class BuildDetailModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        FieldColumn,
        ValueColumn,
        ShareColumn,
        PreviousColumn,
        BaselineColumn,
        MedianColumn,
        ColumnCount
    };
    enum Role
    {
        KeyRole = Qt::UserRole, // the JSON key, or the store name of a number ("a.b")
        NumberRole,             // the value (double) or the change in % in change columns
        DirectionRole,          // int(Direction) in change columns
        IsGroupRole,            // bool: a group row
    };

    explicit BuildDetailModel(QObject* parent = nullptr);

    void setDetail(const BuildDetail& detail);
    void clear();
    const BuildDetail& detail() const { return m_detail; }
    // The index of a field by its store name or JSON key (first match), for tests and views.
    QModelIndex findKey(const QString& key) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        int parent = -1; // node index; -1 for the root
        int rowInParent = 0;
        const DetailGroup* group = nullptr;
        const DetailField* field = nullptr;
        std::vector<int> children;
    };
    void rebuildNodes();
    void addField(int parent, const DetailField& field);
    int nodeOf(const QModelIndex& index) const;
    QVariant fieldData(const DetailField& field, int column, int role) const;
    QVariant changeData(const DetailField& field, int column, int role) const;

    BuildDetail m_detail;
    std::vector<Node> m_nodes; // m_nodes[0] is the invisible root
};

} // namespace bengal
