#include "regressions/RegressionModel.h"

#include "core/Timestamp.h"
#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"
#include "store/Database.h"

#include <cmath>

namespace bengal {

namespace {

QString percentText(double pct)
{
    if (!std::isfinite(pct))
        return QStringLiteral("–");
    return (pct >= 0 ? QStringLiteral("+") : QString()) + QString::number(pct, 'f', 1) +
           QLatin1Char('%');
}

QString valueText(const QString& metric, double value)
{
    return std::isfinite(value) ? formatValue(value, unitOf(metric)) : QStringLiteral("–");
}

// "2025-10-05 09:00" (UTC): the table needs the day and the time, not the microseconds.
QString shortTimestamp(qint64 us)
{
    return formatTimestampUtc(us).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
}

} // namespace

RegressionModel::RegressionModel(QObject* parent) : QAbstractTableModel(parent)
{}

void RegressionModel::setHistoryPath(const QString& path)
{
    if (path == m_historyPath)
        return;
    m_historyPath = path;
    m_states.clear();
    if (m_batch) {
        beginResetModel();
        loadStates();
        endResetModel();
        recount();
    }
}

void RegressionModel::setBatch(std::shared_ptr<const RegressionBatch> batch)
{
    beginResetModel();
    m_batch = std::move(batch);
    loadStates();
    endResetModel();
    recount();
}

void RegressionModel::clear()
{
    beginResetModel();
    m_batch.reset();
    endResetModel();
    recount();
}

QString RegressionModel::keyString(const FindingKey& key)
{
    return key.metric + QLatin1Char('\n') + key.kind + QLatin1Char('\n') +
           QString::fromLatin1(key.buildKey);
}

void RegressionModel::loadStates()
{
    // Stored decisions replace what is in memory; decisions made without a store stay.
    if (!m_database || !m_database->isOpen() || m_historyPath.isEmpty())
        return;
    TriageRepository triage(*m_database);
    for (const TriageRecord& record : triage.all(m_historyPath))
        m_states.insert(keyString(record.finding), record.state);
}

void RegressionModel::recount()
{
    int count = 0;
    if (m_batch)
        for (const RegressionItem& item : m_batch->items)
            count += state(item.key()) == TriageState::New ? 1 : 0;
    if (count != m_newCount) {
        m_newCount = count;
        emit newCountChanged(count);
    }
}

TriageState RegressionModel::state(int row) const
{
    return state(item(row).key());
}

TriageState RegressionModel::state(const FindingKey& key) const
{
    return m_states.value(keyString(key), TriageState::New);
}

bool RegressionModel::setState(int row, TriageState state)
{
    if (row < 0 || row >= rowCount())
        return false;
    const FindingKey key = item(row).key();
    m_states.insert(keyString(key), state);
    bool stored = true;
    if (m_database && m_database->isOpen() && !m_historyPath.isEmpty()) {
        TriageRepository triage(*m_database);
        stored = state == TriageState::New ? triage.remove(m_historyPath, key)
                                           : triage.set(m_historyPath, key, state);
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    recount();
    emit statesChanged();
    return stored;
}

int RegressionModel::rowOfKey(const FindingKey& key) const
{
    if (!m_batch)
        return -1;
    for (std::size_t i = 0; i < m_batch->items.size(); ++i)
        if (m_batch->items[i].key() == key)
            return int(i);
    return -1;
}

int RegressionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_batch ? 0 : int(m_batch->items.size());
}

int RegressionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RegressionModel::kindLabel(Finding::Kind kind)
{
    switch (kind) {
    case Finding::Kind::Step:
        return tr("Step");
    case Finding::Kind::Alert:
        return tr("Alert");
    case Finding::Kind::Trend:
        return tr("Trend");
    }
    return {};
}

QString RegressionModel::sizeText(const Finding& f)
{
    QString text = tr("%1 → %2 (%3)")
                       .arg(valueText(f.metric, f.before), valueText(f.metric, f.after),
                            percentText(f.changePct));
    if (f.kind == Finding::Kind::Trend && std::isfinite(f.per100Pct))
        text += tr(", %1 per 100 builds").arg(percentText(f.per100Pct));
    return text;
}

QString RegressionModel::buildText(const Finding& f)
{
    if (f.kind == Finding::Kind::Trend && f.endIndex > f.index)
        return tr("#%1–#%2 from %3")
            .arg(f.index + 1)
            .arg(f.endIndex + 1)
            .arg(shortTimestamp(f.timestampUs));
    return tr("#%1 · %2").arg(f.index + 1).arg(shortTimestamp(f.timestampUs));
}

QString RegressionModel::phaseLabel(const Finding& f)
{
    return f.phase.isEmpty() ? QString() : MetricCatalog::label(f.phase);
}

QVariant RegressionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RegressionItem& it = item(index.row());
    const Finding& f = it.finding;
    switch (role) {
    case IndexRole:
        return QVariant::fromValue(qlonglong(f.index));
    case StateRole:
        return int(state(it.key()));
    case KindRole:
        return int(f.kind);
    case Qt::DisplayRole:
        switch (index.column()) {
        case MetricColumn:
            return MetricCatalog::label(f.metric);
        case KindColumn:
            return kindLabel(f.kind);
        case BuildColumn:
            return buildText(f);
        case SizeColumn:
            return sizeText(f);
        case ConfidenceColumn:
            // Steps pass at 0.9999, so two decimals; above that "100.00%" would overstate.
            if (f.confidence >= 0.99995)
                return QStringLiteral("≥ 99.99%");
            return QString(QString::number(f.confidence * 100, 'f', 2) + QLatin1Char('%'));
        case PhaseColumn:
            return phaseLabel(f);
        case StateColumn:
            return TriageRepository::stateLabel(state(it.key()));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case MetricColumn:
            return MetricCatalog::label(f.metric);
        case KindColumn:
            return int(f.kind);
        case BuildColumn:
            return QVariant::fromValue(qlonglong(f.index));
        case SizeColumn:
            return std::isfinite(f.changePct) ? f.changePct : 0.0;
        case ConfidenceColumn:
            return f.confidence;
        case PhaseColumn:
            return phaseLabel(f);
        case StateColumn:
            return int(state(it.key()));
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case MetricColumn:
            return f.metric;
        case PhaseColumn:
            return f.phase.isEmpty()
                       ? QVariant()
                       : QVariant(tr("%1: the phase that moved most in the direction of the "
                                     "total")
                                      .arg(f.phase));
        case ConfidenceColumn:
            return f.kind == Finding::Kind::Step
                       ? tr("1 − Mann–Whitney p of the builds either side of the step")
                   : f.kind == Finding::Kind::Alert
                       ? tr("Two-sided normal confidence of the distance from the baseline")
                       : tr("1 − Mann–Kendall p of the trend");
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ConfidenceColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant RegressionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MetricColumn:
        return tr("Metric");
    case KindColumn:
        return tr("Kind");
    case BuildColumn:
        return tr("Build");
    case SizeColumn:
        return tr("Size");
    case ConfidenceColumn:
        return tr("Confidence");
    case PhaseColumn:
        return tr("Phase");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace bengal
