#include "store/SchemaMigrations.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <QStringList>

namespace bengal {
namespace {

bool execAll(Database& database, const QStringList& statements)
{
    for (const QString& sql : statements) {
        if (!Statement(database, sql).exec())
            return false;
    }
    return true;
}

// v1: histories, notes with comma-separated tags, rolling/pinned baselines, saved views.
// Times are INTEGER milliseconds since the epoch (UTC) throughout.
bool applyV1(Database& database)
{
    return execAll(
        database,
        {
            QStringLiteral("CREATE TABLE histories ("
                           " id INTEGER PRIMARY KEY,"
                           " path TEXT NOT NULL UNIQUE,"
                           " display_name TEXT NOT NULL DEFAULT '',"
                           " last_opened_ms INTEGER)"),
            QStringLiteral("CREATE INDEX histories_last_opened ON histories(last_opened_ms)"),
            QStringLiteral(
                "CREATE TABLE notes ("
                " history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE CASCADE,"
                " build_key TEXT NOT NULL,"
                " text TEXT NOT NULL DEFAULT '',"
                " tags TEXT NOT NULL DEFAULT '',"
                " updated_ms INTEGER NOT NULL,"
                " PRIMARY KEY (history_id, build_key))"),
            QStringLiteral(
                "CREATE TABLE baselines ("
                " history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE CASCADE,"
                " metric_group TEXT NOT NULL,"
                " mode TEXT NOT NULL,"
                " window_size INTEGER,"
                " build_key TEXT,"
                " PRIMARY KEY (history_id, metric_group))"),
            QStringLiteral("CREATE TABLE saved_views ("
                           " id INTEGER PRIMARY KEY,"
                           " history_id INTEGER REFERENCES histories(id) ON DELETE CASCADE,"
                           " name TEXT NOT NULL,"
                           " payload BLOB NOT NULL,"
                           " updated_ms INTEGER NOT NULL)"),
            // NULL history_id means a global view; ifnull() keeps global names unique too.
            QStringLiteral("CREATE UNIQUE INDEX saved_views_name"
                           " ON saved_views(ifnull(history_id, 0), name)"),
        });
}

// v1 kept tags as one comma-separated string; v2 gives each tag a row so the window can filter
// builds by tag with an index.
bool moveTagsToTable(Database& database)
{
    struct Row
    {
        QVariant historyId, buildKey;
        QString tags;
    };
    QList<Row> rows;
    Statement select(database, QStringLiteral("SELECT history_id, build_key, tags FROM notes"
                                              " WHERE tags <> ''"));
    if (!select.exec())
        return false;
    while (select.next())
        rows.append({select.value(0), select.value(1), select.value(2).toString()});
    for (const Row& row : rows) {
        const QStringList tags = row.tags.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& tag : tags) {
            const QString trimmed = tag.trimmed();
            if (trimmed.isEmpty())
                continue;
            Statement insert(database, QStringLiteral("INSERT OR IGNORE INTO note_tags"
                                                      " (history_id, build_key, tag)"
                                                      " VALUES (?, ?, ?)"));
            if (!insert.bind(row.historyId).bind(row.buildKey).bind(trimmed).exec())
                return false;
        }
    }
    return true;
}

// v2: tags in their own table, date baselines, intended-change marks, triage states and the
// collector's runs (issues 5 and 6).
bool applyV2(Database& database)
{
    return execAll(
               database,
               {
                   QStringLiteral("CREATE TABLE note_tags ("
                                  " history_id INTEGER NOT NULL,"
                                  " build_key TEXT NOT NULL,"
                                  " tag TEXT NOT NULL,"
                                  " PRIMARY KEY (history_id, build_key, tag),"
                                  " FOREIGN KEY (history_id, build_key)"
                                  "  REFERENCES notes(history_id, build_key) ON DELETE CASCADE)"),
                   QStringLiteral("CREATE INDEX note_tags_tag ON note_tags(tag)"),
               }) &&
           moveTagsToTable(database) &&
           execAll(
               database,
               {
                   QStringLiteral("ALTER TABLE notes DROP COLUMN tags"),
                   QStringLiteral("ALTER TABLE baselines ADD COLUMN since_ms INTEGER"),
                   QStringLiteral(
                       "CREATE TABLE intended_changes ("
                       " history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE CASCADE,"
                       " metric TEXT NOT NULL,"
                       " build_key TEXT NOT NULL,"
                       " build_ms INTEGER,"
                       " marked_ms INTEGER NOT NULL,"
                       " PRIMARY KEY (history_id, metric, build_key))"),
                   QStringLiteral(
                       "CREATE TABLE triage ("
                       " history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE CASCADE,"
                       " metric TEXT NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " build_key TEXT NOT NULL,"
                       " state TEXT NOT NULL,"
                       " note TEXT NOT NULL DEFAULT '',"
                       " updated_ms INTEGER NOT NULL,"
                       " PRIMARY KEY (history_id, metric, kind, build_key))"),
                   QStringLiteral(
                       "CREATE TABLE collector_runs ("
                       " id INTEGER PRIMARY KEY,"
                       " history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE CASCADE,"
                       " target TEXT NOT NULL,"
                       " run_ms INTEGER NOT NULL,"
                       " line BLOB NOT NULL,"
                       " pending INTEGER NOT NULL,"
                       " written_ms INTEGER)"),
                   QStringLiteral("CREATE INDEX collector_runs_pending"
                                  " ON collector_runs(pending) WHERE pending = 1"),
               });
}

} // namespace

const QList<Migration>& schemaMigrations()
{
    static const QList<Migration> steps{
        {1, "histories, notes, baselines, saved views", &applyV1},
        {2, "tag table, date baselines, intended changes, triage, collector runs", &applyV2},
    };
    return steps;
}

int latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

bool migrateSchema(Database& database)
{
    for (const Migration& step : schemaMigrations()) {
        const bool ok = database.writeTransaction([&database, &step] {
            const int current = database.userVersion();
            if (current < 0)
                return false;
            if (current >= step.version)
                return true; // already there, perhaps migrated by another instance just now
            // user_version cannot be a bound parameter; the value is our own integer constant.
            return step.apply(database) &&
                   Statement(database, QStringLiteral("PRAGMA user_version = ") +
                                           QString::number(step.version))
                       .exec();
        });
        if (!ok)
            return false;
    }
    return true;
}

} // namespace bengal
