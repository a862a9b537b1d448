#include "models/BuildTableModel.h"

#include "core/PlainText.h"

#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace bengal {

BuildTableModel::BuildTableModel(HistorySession* session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(session, &HistorySession::appended, this,
            [this](const AppendResult& result, const BuildBatch&) { onAppended(result); });
    connect(session, &HistorySession::valuesChanged, this, &BuildTableModel::onValuesChanged);
    connect(session, &HistorySession::aboutToClear, this, [this] { beginResetModel(); });
    connect(session, &HistorySession::cleared, this, [this] {
        m_rows = 0;
        m_metricColumns.clear();
        endResetModel();
    });
    connect(session, &HistorySession::reloadStarted, this, [this] {
        // Line numbers of known builds change when the file is read again.
        if (m_rows > 0)
            emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
    });
    resetFromStore();
}

void BuildTableModel::resetFromStore()
{
    beginResetModel();
    m_rows = int(store().size());
    m_metricColumns.clear();
    for (int c = 0; c < store().metricCount(); ++c)
        m_metricColumns.push_back(c);
    std::stable_sort(m_metricColumns.begin(), m_metricColumns.end(), [this](int a, int b) {
        const int ra = MetricCatalog::rank(store().metricName(a));
        const int rb = MetricCatalog::rank(store().metricName(b));
        return ra != rb ? ra < rb : store().metricName(a) < store().metricName(b);
    });
    endResetModel();
}

void BuildTableModel::addNewMetricColumns()
{
    const int known = int(m_metricColumns.size());
    const int now = store().metricCount();
    if (now == known)
        return;
    beginInsertColumns({}, FirstMetricColumn + known, FirstMetricColumn + now - 1);
    for (int c = known; c < now; ++c)
        m_metricColumns.push_back(c);
    endInsertColumns();
}

void BuildTableModel::onValuesChanged(int storeColumn, bool newColumn)
{
    if (newColumn && storeColumn == int(m_metricColumns.size())) {
        // A joined metric (the collector's tree peak) goes where its rank puts it, not last.
        const int rank = MetricCatalog::rank(store().metricName(storeColumn));
        int at = 0;
        while (at < int(m_metricColumns.size()) &&
               MetricCatalog::rank(store().metricName(m_metricColumns[std::size_t(at)])) <= rank)
            ++at;
        beginInsertColumns({}, FirstMetricColumn + at, FirstMetricColumn + at);
        m_metricColumns.insert(m_metricColumns.begin() + at, storeColumn);
        endInsertColumns();
        return;
    }
    addNewMetricColumns();
    const int column = columnOfMetric(store().metricName(storeColumn));
    if (column >= 0 && m_rows > 0)
        emit dataChanged(index(0, column), index(m_rows - 1, column));
}

void BuildTableModel::onAppended(const AppendResult& result)
{
    if (!result.contiguous || m_rows == 0) {
        resetFromStore();
        return;
    }
    addNewMetricColumns();
    if (result.added == 0)
        return;
    beginInsertRows({}, m_rows, m_rows + int(result.added) - 1);
    m_rows = int(store().size());
    endInsertRows();
}

int BuildTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int BuildTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstMetricColumn + int(m_metricColumns.size());
}

int BuildTableModel::storeColumn(int column) const
{
    return column >= FirstMetricColumn ? m_metricColumns[std::size_t(column - FirstMetricColumn)]
                                       : -1;
}

int BuildTableModel::columnOfMetric(const QString& metric) const
{
    const int storeCol = store().metricIndex(metric);
    const auto it = std::find(m_metricColumns.begin(), m_metricColumns.end(), storeCol);
    return it == m_metricColumns.end() ? -1 : FirstMetricColumn + int(it - m_metricColumns.begin());
}

double BuildTableModel::sortKey(int row, int column) const
{
    switch (column) {
    case IndexColumn:
    case TimeColumn:
        return double(row); // time order is row order
    case KindColumn:
        return double(store().flags(row) & (BuildFlag::Incremental | BuildFlag::Parallel));
    default:
        return store().value(storeColumn(column), row);
    }
}

QString BuildTableModel::kindText(std::uint8_t flags)
{
    QStringList parts;
    if (flags & BuildFlag::IncrementalKnown)
        parts << ((flags & BuildFlag::Incremental) ? tr("incremental") : tr("full"));
    if (flags & BuildFlag::ParallelKnown)
        parts << ((flags & BuildFlag::Parallel) ? tr("parallel") : tr("sequential"));
    return parts.join(QStringLiteral(" · "));
}

QVariant BuildTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const int column = index.column();
    if (role == StoreRowRole)
        return row;
    if (role == SortRole)
        return sortKey(row, column);
    if (role == Qt::TextAlignmentRole)
        return column == KindColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                    : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const TimestampUs ts = store().timestampUs(row);
    if (role == Qt::ToolTipRole && column == TimeColumn)
        return tr("%1 UTC, line %2").arg(formatTimestampUtc(ts)).arg(store().line(row));
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case IndexColumn:
        return row + 1;
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(ts / 1000, Qt::UTC)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case KindColumn:
        return kindText(store().flags(row));
    default: {
        const int storeCol = storeColumn(column);
        const double value = store().value(storeCol, row);
        if (std::isnan(value))
            return QString();
        return formatValue(value, unitOf(store().metricName(storeCol)));
    }
    }
}

QVariant BuildTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section >= FirstMetricColumn) {
        const QString& name = store().metricName(storeColumn(section));
        if (role == Qt::DisplayRole)
            return MetricCatalog::label(name);
        if (role == Qt::ToolTipRole) {
            const QString about = MetricCatalog::description(name);
            return plainToolTip(about.isEmpty() ? name : name + QStringLiteral("\n") + about);
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    default:
        return tr("Kind");
    }
}

} // namespace bengal
