#include "detail/BuildDetailModel.h"

#include "core/PlainText.h"

#include "report/MetricUnits.h"

#include <cmath>
#include <utility>

namespace bengal {

BuildDetailModel::BuildDetailModel(QObject* parent) : QAbstractItemModel(parent)
{
    m_nodes.emplace_back();
}

void BuildDetailModel::setDetail(const BuildDetail& detail)
{
    beginResetModel();
    m_detail = detail;
    rebuildNodes();
    endResetModel();
}

void BuildDetailModel::clear()
{
    setDetail(BuildDetail{});
}

void BuildDetailModel::rebuildNodes()
{
    m_nodes.clear();
    m_nodes.emplace_back();
    // Only const access below: the pointers stay valid while m_detail holds the data.
    const QList<DetailGroup>& groups = std::as_const(m_detail).groups;
    for (const DetailGroup& group : groups) {
        const int index = int(m_nodes.size());
        m_nodes.push_back({0, int(m_nodes[0].children.size()), &group, nullptr, {}});
        m_nodes[0].children.push_back(index);
        for (const DetailField& field : group.fields)
            addField(index, field);
    }
}

void BuildDetailModel::addField(int parent, const DetailField& field)
{
    const int index = int(m_nodes.size());
    m_nodes.push_back(
        {parent, int(m_nodes[std::size_t(parent)].children.size()), nullptr, &field, {}});
    m_nodes[std::size_t(parent)].children.push_back(index);
    for (const DetailField& child : field.children)
        addField(index, child);
}

int BuildDetailModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? int(index.internalId()) : 0;
}

QModelIndex BuildDetailModel::findKey(const QString& key) const
{
    for (std::size_t i = 1; i < m_nodes.size(); ++i) {
        const Node& node = m_nodes[i];
        if (node.field && (node.field->metric == key || node.field->key == key))
            return createIndex(node.rowInParent, 0, quintptr(i));
    }
    return {};
}

QModelIndex BuildDetailModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node& node = m_nodes[std::size_t(nodeOf(parent))];
    return createIndex(row, column, quintptr(node.children[std::size_t(row)]));
}

QModelIndex BuildDetailModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int parentNode = m_nodes[std::size_t(nodeOf(child))].parent;
    if (parentNode <= 0)
        return {};
    return createIndex(m_nodes[std::size_t(parentNode)].rowInParent, 0, quintptr(parentNode));
}

int BuildDetailModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(m_nodes[std::size_t(nodeOf(parent))].children.size());
}

int BuildDetailModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant BuildDetailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FieldColumn:
            return tr("Field");
        case ValueColumn:
            return tr("Value");
        case ShareColumn:
            return tr("Share");
        case PreviousColumn:
            return tr("vs previous");
        case BaselineColumn:
            return tr("vs baseline");
        case MedianColumn:
            return tr("vs median of %n", nullptr, m_detail.medianWindow);
        }
    }
    if (role == Qt::ToolTipRole && section == BaselineColumn && !m_detail.changes.isEmpty())
        return tr("Change against the baseline (%1), in percent: positive means slower or "
                  "bigger.")
            .arg(m_detail.changes.value(QStringLiteral("build_time_ms")).baselineDescription);
    if (role == Qt::ToolTipRole && section >= PreviousColumn)
        return tr("Change of this build against the reference, in percent of the reference: "
                  "positive means slower or bigger. Red is worse, green better, grey about the "
                  "same or neither.");
    if (role == Qt::ToolTipRole && section == ShareColumn)
        return tr("Phases: share of the build time. Nested entries: share of their map's total.");
    return {};
}

QVariant BuildDetailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = m_nodes[std::size_t(nodeOf(index))];
    if (role == IsGroupRole)
        return node.group != nullptr;
    if (node.group) {
        if (index.column() == FieldColumn && role == Qt::DisplayRole)
            return node.group->title;
        if (index.column() == FieldColumn && role == Qt::ToolTipRole)
            return plainToolTip(node.group->title);
        if (role == KeyRole)
            return int(node.group->group);
        return {};
    }
    return fieldData(*node.field, index.column(), role);
}

QVariant BuildDetailModel::fieldData(const DetailField& field, int column, int role) const
{
    if (role == KeyRole)
        return field.metric.isEmpty() ? field.key : field.metric;
    if (column >= PreviousColumn)
        return changeData(field, column, role);
    if (role == Qt::TextAlignmentRole && column != FieldColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    switch (column) {
    case FieldColumn:
        if (role == Qt::DisplayRole)
            return field.label;
        if (role == Qt::ToolTipRole) {
            const QString name = field.metric.isEmpty() ? field.key : field.metric;
            return plainToolTip(field.description.isEmpty()
                                    ? name
                                    : QString(name + QLatin1Char('\n') + field.description));
        }
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole)
            return field.valueText;
        if (role == Qt::ToolTipRole)
            return plainToolTip(field.valueText);
        if (role == NumberRole && std::isfinite(field.number))
            return field.number;
        break;
    case ShareColumn:
        if (std::isnan(field.share))
            break;
        if (role == Qt::DisplayRole)
            return QString(QString::number(field.share * 100.0, 'f', 1) + QStringLiteral(" %"));
        if (role == NumberRole)
            return field.share;
        if (role == Qt::ToolTipRole)
            return field.shareOf == ShareOf::BuildTime ? tr("Share of the build time")
                                                       : tr("Share of the map's total");
        break;
    }
    return {};
}

QVariant BuildDetailModel::changeData(const DetailField& field, int column, int role) const
{
    const auto it = m_detail.changes.constFind(field.metric);
    if (field.metric.isEmpty() || it == m_detail.changes.constEnd())
        return {};
    const Change& change = column == PreviousColumn   ? it->vsPrevious
                           : column == BaselineColumn ? it->vsBaseline
                                                      : it->vsMedian;
    if (!change.isValid())
        return role == Qt::ToolTipRole && column == PreviousColumn
                   ? QVariant(tr("No previous build with this value"))
                   : QVariant();
    const MetricUnit unit = field.metric.endsWith(QLatin1String("_ratio")) ||
                                    field.metric == QLatin1String("cache_effectiveness")
                                ? MetricUnit::Ratio
                                : unitOf(field.metric);
    switch (role) {
    case Qt::DisplayRole:
        return std::isnan(change.percent) ? formatSignedValue(change.delta, unit)
                                          : formatSignedPercent(change.percent);
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case NumberRole:
        return std::isnan(change.percent) ? QVariant() : QVariant(change.percent);
    case DirectionRole:
        return int(change.direction);
    case Qt::ToolTipRole:
        return tr("%1 → %2 (%3, %4); %5")
            .arg(formatValue(change.reference, unit), formatValue(change.value, unit),
                 formatSignedValue(change.delta, unit), formatSignedPercent(change.percent),
                 polarityText(it->polarity));
    }
    return {};
}

} // namespace bengal
