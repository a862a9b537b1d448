#include "detail/ComparisonModel.h"

#include "core/PlainText.h"

#include "detail/FieldGroups.h"
#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"

#include <cmath>

namespace bengal {

ComparisonModel::ComparisonModel(QObject* parent) : QAbstractTableModel(parent)
{}

void ComparisonModel::setComparison(const Comparison& comparison)
{
    beginResetModel();
    m_comparison = comparison;
    endResetModel();
}

void ComparisonModel::clear()
{
    setComparison(Comparison{});
}

// Column 0 is the label; build 0 (A) has one column; every other build three.
ComparisonModel::CellKind ComparisonModel::cellKind(int column) const
{
    if (column <= 0)
        return CellKind::Label;
    if (column == 1)
        return CellKind::Value;
    switch ((column - 2) % 3) {
    case 0:
        return CellKind::Value;
    case 1:
        return CellKind::Change;
    default:
        return CellKind::ChangePercent;
    }
}

int ComparisonModel::buildOf(int column) const
{
    if (column <= 0)
        return -1;
    return column == 1 ? 0 : 1 + (column - 2) / 3;
}

int ComparisonModel::rowOf(const QString& key) const
{
    for (int i = 0; i < m_comparison.environment.size(); ++i) {
        if (m_comparison.environment[i].key == key)
            return i;
    }
    const qsizetype metric = m_comparison.metrics.indexOf(key);
    return metric < 0 ? -1 : int(m_comparison.environment.size() + metric);
}

int ComparisonModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_comparison.environment.size() + m_comparison.metrics.size());
}

int ComparisonModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_comparison.columns.isEmpty())
        return 0;
    return 2 + 3 * int(m_comparison.columns.size() - 1);
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    const int build = buildOf(section);
    const QString letter = build < 0 ? QString() : QString(QChar(u'A' + build));
    if (role == Qt::DisplayRole) {
        switch (cellKind(section)) {
        case CellKind::Label:
            return tr("Metric\nΔ: positive = slower/bigger");
        case CellKind::Value: {
            // Two lines keep the columns narrow: "A: #12" over the time.
            QString title = m_comparison.columns[build].title();
            title.replace(QStringLiteral(" · "), QStringLiteral("\n"));
            title.replace(QStringLiteral(" before "), QStringLiteral("\nbefore "));
            return QString(letter + QStringLiteral(": ") + title);
        }
        case CellKind::Change:
            return tr("Δ %1").arg(letter);
        case CellKind::ChangePercent:
            return tr("Δ% %1").arg(letter);
        }
    }
    if (role == Qt::ToolTipRole && section > 0) {
        if (cellKind(section) == CellKind::Value)
            return plainToolTip(m_comparison.columns[build].title());
        return tr("%1 minus A (in percent: of |A|); positive means slower or bigger. Red is "
                  "worse, green better, grey about the same or neither.")
            .arg(letter);
    }
    return {};
}

QVariant ComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int envRows = int(m_comparison.environment.size());
    if (role == IsEnvironmentRole)
        return index.row() < envRows;
    if (index.row() < envRows)
        return environmentData(index.row(), index.column(), role);
    return metricData(index.row() - envRows, index.column(), role);
}

QVariant ComparisonModel::environmentData(int row, int column, int role) const
{
    const EnvironmentRow& env = m_comparison.environment[row];
    if (role == KeyRole)
        return env.key;
    if (role == DiffersRole)
        return env.differs;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (column == 0)
        return role == Qt::ToolTipRole
                   ? QVariant(plainToolTip(env.differs
                                               ? tr("%1 differs between the builds").arg(env.label)
                                               : env.label))
                   : QVariant(env.label);
    if (cellKind(column) != CellKind::Value)
        return {};
    const QString value = env.values.value(buildOf(column));
    return role == Qt::ToolTipRole ? plainToolTip(value) : value;
}

QVariant ComparisonModel::metricData(int metric, int column, int role) const
{
    const QString& name = m_comparison.metrics[metric];
    if (role == KeyRole)
        return name;
    if (role == DiffersRole)
        return false;
    if (column == 0) {
        if (role == Qt::DisplayRole)
            return metricLabel(name);
        if (role == Qt::ToolTipRole) {
            const QString description = MetricCatalog::description(name);
            return plainToolTip(
                description.isEmpty() ? name : QString(name + QLatin1Char('\n') + description));
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const int build = buildOf(column);
    const MetricUnit unit = unitOf(name);
    const CellKind kind = cellKind(column);
    const double number = kind == CellKind::Value    ? m_comparison.value(metric, build)
                          : kind == CellKind::Change ? m_comparison.change(metric, build)
                                                     : m_comparison.changePercent(metric, build);
    switch (role) {
    case Qt::DisplayRole:
        if (kind == CellKind::Value)
            return formatValue(number, unit);
        if (std::isnan(number))
            return QString();
        return kind == CellKind::Change ? formatSignedValue(number, unit)
                                        : formatSignedPercent(number);
    case NumberRole:
        return std::isfinite(number) ? QVariant(number) : QVariant();
    case DirectionRole:
        return kind == CellKind::Value
                   ? QVariant()
                   : QVariant(int(m_comparison.changeOf(metric, build).direction));
    case Qt::ToolTipRole:
        if (kind == CellKind::Value)
            return formatValue(number, unit);
        return polarityText(polarityOf(name));
    }
    return {};
}

} // namespace bengal
