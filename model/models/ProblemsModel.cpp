#include "models/ProblemsModel.h"

#include "core/PlainText.h"
#include "runs/RunsSession.h"

namespace bengal {

ProblemsModel::ProblemsModel(HistorySession* session, QObject* parent)
    : QAbstractTableModel(parent),
      m_problems([session]() -> const std::vector<Problem>& { return session->store().problems(); })
{
    connect(session, &HistorySession::appended, this, [this] { sync(); });
    connect(session, &HistorySession::reloadStarted, this,
            [this] { resetFrom(int(problems().size())); });
    connect(session, &HistorySession::aboutToClear, this, [this] { beginResetModel(); });
    connect(session, &HistorySession::cleared, this, [this] {
        m_rows = 0;
        endResetModel();
    });
    m_rows = int(problems().size());
}

ProblemsModel::ProblemsModel(RunsSession* runs, QObject* parent)
    : QAbstractTableModel(parent),
      m_problems([runs]() -> const std::vector<Problem>& { return runs->store().problems(); })
{
    // Any change of the runs (a reset or a new file beside a new history included) comes as
    // one signal, and collector.jsonl's problems are few: the list is read again.
    connect(runs, &RunsSession::runsChanged, this, [this] { resetFrom(int(problems().size())); });
    m_rows = int(problems().size());
}

void ProblemsModel::resetFrom(int rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void ProblemsModel::sync()
{
    const int now = int(problems().size());
    if (now > m_rows) {
        beginInsertRows({}, m_rows, now - 1);
        m_rows = now;
        endInsertRows();
    } else if (now < m_rows) {
        resetFrom(now);
    }
}

int ProblemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ProblemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Problem& p = problems()[std::size_t(index.row())];
    const bool rejected = p.kind == Problem::Kind::Rejected;
    switch (role) {
    case OffsetRole:
        return qint64(p.offset);
    case IsRejectedRole:
        return rejected;
    case Qt::DisplayRole:
        switch (index.column()) {
        case LineColumn:
            return qint64(p.line);
        case KindColumn:
            return rejected ? tr("Rejected") : tr("Warning");
        case KeyColumn:
            return p.key;
        default:
            return p.reason;
        }
    case Qt::ToolTipRole:
        return plainToolTip(
            rejected ? tr("Line %1 was not loaded: %2").arg(p.line).arg(p.reason)
                     : tr("Line %1 was loaded without %2: %3").arg(p.line).arg(p.key, p.reason));
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case KindColumn:
        return tr("Kind");
    case KeyColumn:
        return tr("Field");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

} // namespace bengal
