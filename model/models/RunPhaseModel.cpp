#include "models/RunPhaseModel.h"

#include "collector/RunRecord.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

QString seconds(double ms)
{
    return QCoreApplication::translate("bengal::RunPhaseModel", "%1 s")
        .arg(QString::number(ms / 1000.0, 'f', ms < 10000 ? 2 : 1));
}

} // namespace

RunPhaseModel::RunPhaseModel(QObject* parent) : QAbstractTableModel(parent)
{}

void RunPhaseModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int RunPhaseModel::runningRow(const QString& name) const
{
    // The newest running phase of that name: a phase can run more than once.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).name == name && m_rows.at(row).state == State::Running)
            return row;
    }
    return -1;
}

void RunPhaseModel::phaseStarted(const QString& name, double startMs)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(
        Row{name, startMs, 0.0, std::numeric_limits<double>::quiet_NaN(), State::Running});
    endInsertRows();
}

void RunPhaseModel::phaseFinished(const PhaseMeasurement& phase)
{
    int row = runningRow(phase.name);
    if (row < 0) { // its start was never seen (e.g. the log began mid-phase)
        row = int(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.append(Row{phase.name, phase.startMs, 0.0, 0.0, State::Running});
        endInsertRows();
    }
    Row& r = m_rows[row];
    r.startMs = phase.startMs;
    r.durationMs = phase.durationMs;
    r.peakRssMb = phase.peakRssMb;
    r.state = State::Finished;
    emitRowChanged(row, 0, ColumnCount - 1);
}

void RunPhaseModel::setElapsedMs(double elapsedMs)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        Row& r = m_rows[row];
        if (r.state != State::Running)
            continue;
        r.durationMs = std::max(0.0, elapsedMs - r.startMs);
        emitRowChanged(row, DurationColumn, DurationColumn);
    }
}

void RunPhaseModel::endRun(double wallMs)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        Row& r = m_rows[row];
        if (r.state != State::Running)
            continue;
        r.durationMs = std::max(0.0, wallMs - r.startMs);
        r.state = State::Unfinished;
        emitRowChanged(row, 0, ColumnCount - 1);
    }
}

void RunPhaseModel::emitRowChanged(int row, int firstColumn, int lastColumn)
{
    emit dataChanged(index(row, firstColumn), index(row, lastColumn));
}

int RunPhaseModel::runningCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [](const Row& r) { return r.state == State::Running; }));
}

int RunPhaseModel::finishedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [](const Row& r) { return r.state == State::Finished; }));
}

QStringList RunPhaseModel::phaseNames() const
{
    QStringList names;
    for (const Row& r : m_rows)
        names << r.name;
    return names;
}

int RunPhaseModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunPhaseModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunPhaseModel::display(const Row& row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.name;
    case StartColumn:
        return seconds(row.startMs);
    case DurationColumn:
        // "…" while it runs: the figure is still growing; "+" when the run cut it short.
        if (row.state == State::Running)
            return QString(seconds(row.durationMs) + QStringLiteral(" …"));
        if (row.state == State::Unfinished)
            return tr("stopped after %1").arg(seconds(row.durationMs));
        return seconds(row.durationMs);
    case PeakRssColumn:
        if (row.state != State::Finished || std::isnan(row.peakRssMb))
            return QStringLiteral("—");
        return tr("%1 MiB").arg(QString::number(row.peakRssMb, 'f', 1));
    default:
        return {};
    }
}

QVariant RunPhaseModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                            : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (row.state == State::Unfinished)
            return tr("The run ended before this phase finished.");
        if (row.state == State::Running)
            return tr("Running");
        return {};
    case ValueRole:
        switch (index.column()) {
        case StartColumn:
            return row.startMs;
        case DurationColumn:
            return row.durationMs;
        case PeakRssColumn:
            return row.state == State::Finished ? row.peakRssMb
                                                : std::numeric_limits<double>::quiet_NaN();
        default:
            return row.name;
        }
    case StateRole:
        return int(row.state);
    default:
        return {};
    }
}

QVariant RunPhaseModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Phase");
    case StartColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case PeakRssColumn:
        return tr("Peak RSS");
    default:
        return {};
    }
}

} // namespace bengal
