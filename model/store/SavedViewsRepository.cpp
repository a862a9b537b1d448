#include "store/SavedViewsRepository.h"

#include "store/Database.h"
#include "store/HistoriesRepository.h"
#include "store/Statement.h"
#include "store/StoreValues.h"

#include <QJsonDocument>

namespace bengal {
namespace {

// Global views have no history row; 0 stands for "global" in the lookups (SQLite row ids
// start at 1) and matches the ifnull(history_id, 0) of the unique index.
constexpr qint64 GlobalScope = 0;

// The scope id of a history for reading: nullopt when the history is unknown (no views).
std::optional<qint64> readScope(Database& database, const QString& historyPath)
{
    if (historyPath.isEmpty())
        return GlobalScope;
    return HistoriesRepository(database).id(historyPath);
}

QVariant historyColumn(qint64 scope)
{
    return scope == GlobalScope ? QVariant() : QVariant(scope);
}

const QString selectColumns =
    QStringLiteral("SELECT v.name, ifnull(h.path, ''), v.payload, v.updated_ms FROM saved_views v"
                   " LEFT JOIN histories h ON h.id = v.history_id");

SavedView readView(const Statement& row)
{
    return {row.value(0).toString(), row.value(1).toString(), row.value(2).toByteArray(),
            StoreValues::toTime(row.value(3))};
}

} // namespace

QJsonObject SavedView::json() const
{
    return QJsonDocument::fromJson(payload).object();
}

bool SavedViewsRepository::save(const QString& historyPath, const QString& name,
                                const QJsonObject& payload)
{
    return save(historyPath, name, QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

bool SavedViewsRepository::save(const QString& historyPath, const QString& name,
                                const QByteArray& payload)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        m_database.setErrorString(tr("The view %1 is not a JSON object.").arg(name));
        return false;
    }
    if (name.trimmed().isEmpty()) {
        m_database.setErrorString(tr("A saved view needs a name."));
        return false;
    }
    return m_database.writeTransaction([&] {
        std::optional<qint64> scope = GlobalScope;
        if (!historyPath.isEmpty())
            scope = HistoriesRepository(m_database).ensureId(historyPath);
        if (!scope)
            return false;
        const QVariant updated = StoreValues::fromTime(QDateTime::currentDateTimeUtc());
        Statement update(m_database, QStringLiteral("UPDATE saved_views SET payload = ?,"
                                                    " updated_ms = ? WHERE"
                                                    " ifnull(history_id, 0) = ? AND name = ?"));
        if (!update.bind(payload).bind(updated).bind(*scope).bind(name).exec())
            return false;
        if (update.rowsAffected() > 0)
            return true;
        return Statement(m_database, QStringLiteral("INSERT INTO saved_views"
                                                    " (history_id, name, payload, updated_ms)"
                                                    " VALUES (?, ?, ?, ?)"))
            .bind(historyColumn(*scope))
            .bind(name)
            .bind(payload)
            .bind(updated)
            .exec();
    });
}

std::optional<SavedView> SavedViewsRepository::get(const QString& historyPath, const QString& name)
{
    const auto scope = readScope(m_database, historyPath);
    if (!scope)
        return std::nullopt;
    Statement select(m_database,
                     selectColumns +
                         QStringLiteral(" WHERE ifnull(v.history_id, 0) = ? AND v.name = ?"));
    if (!select.bind(*scope).bind(name).exec() || !select.next())
        return std::nullopt;
    return readView(select);
}

QList<SavedView> SavedViewsRepository::list(const QString& historyPath, bool includeGlobal)
{
    QList<SavedView> views;
    const auto scope = readScope(m_database, historyPath);
    Statement select(m_database,
                     selectColumns + QStringLiteral(" WHERE ifnull(v.history_id, 0) = ?"
                                                    " OR (? AND v.history_id IS NULL)"
                                                    " ORDER BY v.history_id IS NULL, v.name"));
    // An unknown history has no views of its own; -1 matches no row.
    if (!select.bind(scope.value_or(-1)).bind(includeGlobal).exec())
        return views;
    while (select.next())
        views.append(readView(select));
    return views;
}

bool SavedViewsRepository::remove(const QString& historyPath, const QString& name)
{
    const auto scope = readScope(m_database, historyPath);
    if (!scope)
        return true; // nothing stored for that history
    return Statement(m_database, QStringLiteral("DELETE FROM saved_views"
                                                " WHERE ifnull(history_id, 0) = ? AND name = ?"))
        .bind(*scope)
        .bind(name)
        .exec();
}

bool SavedViewsRepository::rename(const QString& historyPath, const QString& oldName,
                                  const QString& newName)
{
    if (newName.trimmed().isEmpty()) {
        m_database.setErrorString(tr("A saved view needs a name."));
        return false;
    }
    return m_database.writeTransaction([&] {
        if (!get(historyPath, oldName)) {
            m_database.setErrorString(tr("There is no saved view named %1.").arg(oldName));
            return false;
        }
        if (oldName != newName && get(historyPath, newName)) {
            m_database.setErrorString(tr("A saved view named %1 already exists.").arg(newName));
            return false;
        }
        return Statement(m_database, QStringLiteral("UPDATE saved_views SET name = ?"
                                                    " WHERE ifnull(history_id, 0) = ?"
                                                    " AND name = ?"))
            .bind(newName)
            .bind(*readScope(m_database, historyPath))
            .bind(oldName)
            .exec();
    });
}

} // namespace bengal
