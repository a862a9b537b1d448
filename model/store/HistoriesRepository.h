#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bengal {

class Database;

// A history file the store knows about.
struct HistoryEntry
{
    qint64 id = 0;
    QString path; // absolute, cleaned (see HistoriesRepository::normalizedPath)
    QString displayName;
    QDateTime lastOpened; // UTC; invalid when never opened (only data was attached to it)
};

// The histories the user has opened, for the "recent" list, and the row every other
// repository hangs its data on. Paths are keys: always absolute and cleaned.
class HistoriesRepository
{
public:
    explicit HistoriesRepository(Database& database) : m_database(database) {}

    static QString normalizedPath(const QString& path);
    // The site folder's name for Bengal's layouts (".../site/.bengal/metrics/history.jsonl" is
    // "site"), otherwise the file name.
    static QString defaultDisplayName(const QString& path);

    // Records that `path` was opened at `when` (now by default). An empty displayName keeps the
    // stored one (or the default for a new entry).
    bool touch(const QString& path, const QString& displayName = {}, const QDateTime& when = {});
    // Most recently opened first; histories never opened are not listed.
    QList<HistoryEntry> recent(int limit = 10);
    std::optional<HistoryEntry> find(const QString& path);
    bool rename(const QString& path, const QString& displayName);
    // Forgets the history and everything stored for it (notes, baselines, views, ...).
    bool remove(const QString& path);

    // The row id of `path`, if known.
    std::optional<qint64> id(const QString& path);
    // The row id of `path`, creating the entry (not opened, so not in recent()) when missing.
    std::optional<qint64> ensureId(const QString& path);

private:
    Database& m_database;
};

} // namespace bengal
