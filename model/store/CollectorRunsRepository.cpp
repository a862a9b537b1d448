#include "store/CollectorRunsRepository.h"

#include "store/Database.h"
#include "store/HistoriesRepository.h"
#include "store/Statement.h"
#include "store/StoreValues.h"

namespace bengal {
namespace {

QString targetName(CollectorLineTarget target)
{
    return target == CollectorLineTarget::HistoryLog ? QStringLiteral("history")
                                                     : QStringLiteral("collector");
}

CollectorLineTarget targetFromName(const QString& name)
{
    return name == QLatin1String("history") ? CollectorLineTarget::HistoryLog
                                            : CollectorLineTarget::CollectorLog;
}

} // namespace

std::optional<qint64> CollectorRunsRepository::add(const QString& historyPath,
                                                   const QByteArray& line, const QDateTime& runAt,
                                                   bool pending, CollectorLineTarget target)
{
    std::optional<qint64> id;
    const bool ok = m_database.writeTransaction([&] {
        const auto historyId = HistoriesRepository(m_database).ensureId(historyPath);
        if (!historyId)
            return false;
        Statement insert(m_database, QStringLiteral("INSERT INTO collector_runs (history_id,"
                                                    " target, run_ms, line, pending, written_ms)"
                                                    " VALUES (?, ?, ?, ?, ?, ?)"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!insert.bind(*historyId)
                 .bind(targetName(target))
                 .bind(StoreValues::fromTime(StoreValues::orNow(runAt)))
                 .bind(line)
                 .bind(pending)
                 .bind(pending ? QVariant() : StoreValues::fromTime(now))
                 .exec())
            return false;
        id = insert.lastInsertId().toLongLong();
        return true;
    });
    return ok ? id : std::nullopt;
}

QList<CollectorRun> CollectorRunsRepository::select(const QString& condition,
                                                    const QVariantList& values)
{
    QList<CollectorRun> runs;
    Statement query(m_database, QStringLiteral("SELECT r.id, h.path, r.target, r.run_ms, r.line,"
                                               " r.pending, r.written_ms FROM collector_runs r"
                                               " JOIN histories h ON h.id = r.history_id ") +
                                    condition);
    for (const QVariant& value : values)
        query.bind(value);
    if (!query.exec())
        return runs;
    while (query.next()) {
        runs.append({query.value(0).toLongLong(), query.value(1).toString(),
                     targetFromName(query.value(2).toString()), StoreValues::toTime(query.value(3)),
                     query.value(4).toByteArray(), query.value(5).toBool(),
                     StoreValues::toTime(query.value(6))});
    }
    return runs;
}

QList<CollectorRun> CollectorRunsRepository::pending(const QString& historyPath)
{
    // Appended in the order produced, so a history's lines keep their order in the file.
    const QString key =
        historyPath.isEmpty() ? QString() : HistoriesRepository::normalizedPath(historyPath);
    return select(QStringLiteral("WHERE r.pending = 1 AND (? = '' OR h.path = ?)"
                                 " ORDER BY r.run_ms, r.id"),
                  {key, key});
}

int CollectorRunsRepository::pendingCount(const QString& historyPath)
{
    const QString key =
        historyPath.isEmpty() ? QString() : HistoriesRepository::normalizedPath(historyPath);
    Statement count(m_database, QStringLiteral("SELECT count(*) FROM collector_runs r"
                                               " JOIN histories h ON h.id = r.history_id"
                                               " WHERE r.pending = 1 AND (? = '' OR h.path = ?)"));
    if (!count.bind(key).bind(key).exec() || !count.next())
        return 0;
    return count.value(0).toInt();
}

bool CollectorRunsRepository::markWritten(qint64 id, const QDateTime& when)
{
    Statement update(m_database, QStringLiteral("UPDATE collector_runs SET pending = 0,"
                                                " written_ms = ? WHERE id = ?"));
    return update.bind(StoreValues::fromTime(StoreValues::orNow(when))).bind(id).exec() &&
           update.rowsAffected() > 0;
}

QList<CollectorRun> CollectorRunsRepository::runs(const QString& historyPath, int limit)
{
    return select(QStringLiteral("WHERE h.path = ? ORDER BY r.run_ms DESC, r.id DESC LIMIT ?"),
                  {HistoriesRepository::normalizedPath(historyPath), limit});
}

} // namespace bengal
