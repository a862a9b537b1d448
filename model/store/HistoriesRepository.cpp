#include "store/HistoriesRepository.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreValues.h"

#include <QDir>
#include <QFileInfo>

namespace bengal {
namespace {

HistoryEntry readEntry(const Statement& row)
{
    return {row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toString(),
            StoreValues::toTime(row.value(3))};
}

const QString selectColumns = QStringLiteral("SELECT id, path, display_name, last_opened_ms"
                                             " FROM histories");

} // namespace

QString HistoriesRepository::normalizedPath(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString HistoriesRepository::defaultDisplayName(const QString& path)
{
    // Works on the path's text: the history need not exist (yet) on this machine.
    QStringList parts = normalizedPath(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return path;
    const QString fileName = parts.takeLast();
    // Skip Bengal's own folders to reach the site folder.
    while (!parts.isEmpty() && (parts.constLast() == QLatin1String("metrics") ||
                                parts.constLast() == QLatin1String(".bengal") ||
                                parts.constLast() == QLatin1String(".bengal-metrics")))
        parts.removeLast();
    // Bengal's files are all called history.jsonl; the folder says more.
    if (fileName == QLatin1String("history.jsonl") && !parts.isEmpty())
        return parts.constLast();
    return fileName;
}

bool HistoriesRepository::touch(const QString& path, const QString& displayName,
                                const QDateTime& when)
{
    const QString key = normalizedPath(path);
    const QString name = displayName.isEmpty() ? defaultDisplayName(key) : displayName;
    return Statement(m_database,
                     QStringLiteral("INSERT INTO histories (path, display_name, last_opened_ms)"
                                    " VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                                    " last_opened_ms = excluded.last_opened_ms,"
                                    " display_name = CASE WHEN ? THEN excluded.display_name"
                                    " ELSE display_name END"))
        .bind(key)
        .bind(name)
        .bind(StoreValues::fromTime(StoreValues::orNow(when)))
        .bind(!displayName.isEmpty())
        .exec();
}

QList<HistoryEntry> HistoriesRepository::recent(int limit)
{
    QList<HistoryEntry> entries;
    Statement select(m_database, selectColumns + QStringLiteral(" WHERE last_opened_ms IS NOT NULL"
                                                                " ORDER BY last_opened_ms DESC,"
                                                                " id DESC LIMIT ?"));
    if (!select.bind(limit).exec())
        return entries;
    while (select.next())
        entries.append(readEntry(select));
    return entries;
}

std::optional<HistoryEntry> HistoriesRepository::find(const QString& path)
{
    Statement select(m_database, selectColumns + QStringLiteral(" WHERE path = ?"));
    if (!select.bind(normalizedPath(path)).exec() || !select.next())
        return std::nullopt;
    return readEntry(select);
}

bool HistoriesRepository::rename(const QString& path, const QString& displayName)
{
    Statement update(m_database,
                     QStringLiteral("UPDATE histories SET display_name = ? WHERE path = ?"));
    return update.bind(displayName).bind(normalizedPath(path)).exec() && update.rowsAffected() > 0;
}

bool HistoriesRepository::remove(const QString& path)
{
    // ON DELETE CASCADE (foreign keys are on) removes everything attached to the history.
    return Statement(m_database, QStringLiteral("DELETE FROM histories WHERE path = ?"))
        .bind(normalizedPath(path))
        .exec();
}

std::optional<qint64> HistoriesRepository::id(const QString& path)
{
    Statement select(m_database, QStringLiteral("SELECT id FROM histories WHERE path = ?"));
    if (!select.bind(normalizedPath(path)).exec() || !select.next())
        return std::nullopt;
    return select.value(0).toLongLong();
}

std::optional<qint64> HistoriesRepository::ensureId(const QString& path)
{
    const QString key = normalizedPath(path);
    if (!Statement(m_database, QStringLiteral("INSERT INTO histories (path, display_name)"
                                              " VALUES (?, ?) ON CONFLICT (path) DO NOTHING"))
             .bind(key)
             .bind(defaultDisplayName(key))
             .exec())
        return std::nullopt;
    return id(key);
}

} // namespace bengal
