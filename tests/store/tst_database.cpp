// Database: creation, settings, migration from an older schema, transactions, connections.
#include "StoreTestSupport.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"
#include "store/NotesRepository.h"
#include "store/SavedViewsRepository.h"
#include "store/SchemaMigrations.h"
#include "store/TriageRepository.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;
using bengal::test::column;
using bengal::test::scalar;

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void defaultPathIsInAppData();
    void createsSchemaOnFirstStart();
    void createsMissingFolders();
    void migratesVersion1();
    void refusesNewerSchema();
    void migrationsAreOrdered();
    void transactionRollsBack();
    void nestedTransactionJoinsOuter();
    void twoInstancesUseTheirOwnConnections();

private:
    QTemporaryDir m_dir;
};

void TestDatabase::defaultPathIsInAppData()
{
    QStandardPaths::setTestModeEnabled(true); // never the user's real folder, not even by name
    const QString path = Database::defaultPath();
    QCOMPARE(path, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                       QStringLiteral("/bengal-perf.sqlite"));
}

void TestDatabase::createsSchemaOnFirstStart()
{
    const QString path = m_dir.filePath(QStringLiteral("fresh.sqlite"));
    Database database(path);
    QVERIFY2(database.open(), qPrintable(database.errorString()));
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(!database.isReadOnly());
    QVERIFY(database.recoveryMessage().isEmpty());
    QCOMPARE(database.schemaVersion(), latestSchemaVersion());
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA user_version")).toInt(),
             latestSchemaVersion());
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA busy_timeout")).toInt(),
             Database::DefaultBusyTimeoutMs);
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
    const QStringList tables =
        column(database,
               QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    QCOMPARE(tables, (QStringList{"baselines", "collector_runs", "histories", "intended_changes",
                                  "note_tags", "notes", "saved_views", "triage"}));
    // Reopening an up-to-date file changes nothing.
    database.close();
    QVERIFY(database.open());
    QCOMPARE(database.schemaVersion(), latestSchemaVersion());
}

void TestDatabase::createsMissingFolders()
{
    const QString path = m_dir.filePath(QStringLiteral("a/b/c/store.sqlite"));
    Database database(path);
    QVERIFY2(database.open(), qPrintable(database.errorString()));
    QVERIFY(QFileInfo::exists(path));
}

// A version-1 file written by hand, as the first release created it.
static void writeVersion1File(const QString& path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
    db.setDatabaseName(path);
    QVERIFY(db.open());
    QSqlQuery q(db);
    const char* statements[] = {
        "CREATE TABLE histories (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
        " display_name TEXT NOT NULL DEFAULT '', last_opened_ms INTEGER)",
        "CREATE INDEX histories_last_opened ON histories(last_opened_ms)",
        "CREATE TABLE notes (history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE"
        " CASCADE, build_key TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL"
        " DEFAULT '', updated_ms INTEGER NOT NULL, PRIMARY KEY (history_id, build_key))",
        "CREATE TABLE baselines (history_id INTEGER NOT NULL REFERENCES histories(id) ON DELETE"
        " CASCADE, metric_group TEXT NOT NULL, mode TEXT NOT NULL, window_size INTEGER,"
        " build_key TEXT, PRIMARY KEY (history_id, metric_group))",
        "CREATE TABLE saved_views (id INTEGER PRIMARY KEY, history_id INTEGER REFERENCES"
        " histories(id) ON DELETE CASCADE, name TEXT NOT NULL, payload BLOB NOT NULL,"
        " updated_ms INTEGER NOT NULL)",
        "CREATE UNIQUE INDEX saved_views_name ON saved_views(ifnull(history_id, 0), name)",
        "INSERT INTO histories VALUES (1, '/site/.bengal/metrics/history.jsonl', 'site', "
        "1700000000000)",
        "INSERT INTO notes VALUES (1, 'aa11', 'slow because of theme', 'theme, slow,,theme', "
        "1700000001000)",
        "INSERT INTO notes VALUES (1, 'bb22', 'no tags here', '', 1700000002000)",
        "INSERT INTO baselines VALUES (1, 'timings', 'pinned', NULL, 'aa11')",
        "INSERT INTO baselines VALUES (1, 'memory', 'rolling', 9, NULL)",
        "INSERT INTO saved_views VALUES (1, NULL, 'global', '{\"range\":30}', 1700000003000)",
        "INSERT INTO saved_views VALUES (2, 1, 'phases', '{\"series\":[\"a\"]}', 1700000004000)",
        "PRAGMA user_version = 1",
    };
    for (const char* sql : statements)
        QVERIFY2(q.exec(QString::fromLatin1(sql)), qPrintable(q.lastError().text()));
    q = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
}

void TestDatabase::migratesVersion1()
{
    const QString path = m_dir.filePath(QStringLiteral("v1.sqlite"));
    writeVersion1File(path);
    if (QTest::currentTestFailed())
        return;
    Database database(path);
    QVERIFY2(database.open(), qPrintable(database.errorString()));
    QVERIFY(database.recoveryMessage().isEmpty());
    QCOMPARE(database.schemaVersion(), latestSchemaVersion());
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA user_version")).toInt(),
             latestSchemaVersion());
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
    // The comma-separated tags moved into their own table; the old column is gone.
    QVERIFY(!column(database, QStringLiteral("SELECT name FROM pragma_table_info('notes')"))
                 .contains(QStringLiteral("tags")));
    QVERIFY(column(database, QStringLiteral("PRAGMA foreign_key_check")).isEmpty());

    const QString history = QStringLiteral("/site/.bengal/metrics/history.jsonl");
    NotesRepository notes(database);
    const auto themed = notes.get(history, "aa11");
    QVERIFY(themed);
    QCOMPARE(themed->text, QStringLiteral("slow because of theme"));
    QCOMPARE(themed->tags, (QStringList{"slow", "theme"}));
    QCOMPARE(themed->updated.toMSecsSinceEpoch(), 1700000001000);
    const auto plain = notes.get(history, "bb22");
    QVERIFY(plain);
    QVERIFY(plain->tags.isEmpty());

    BaselinesRepository baselines(database);
    const auto timings = baselines.get(history, QStringLiteral("timings"));
    QVERIFY(timings);
    QCOMPARE(timings->mode, BaselineSetting::Mode::PinnedBuild);
    QCOMPARE(timings->buildKey, QByteArray("aa11"));
    QCOMPARE(baselines.effective(history, QStringLiteral("memory")).window, 9);

    SavedViewsRepository views(database);
    QCOMPARE(views.list(history).size(), 2);
    QCOMPARE(views.get({}, QStringLiteral("global"))->json().value(QStringLiteral("range")).toInt(),
             30);

    // The tables v2 added work on the migrated file.
    TriageRepository triage(database);
    const FindingKey finding{QStringLiteral("build_time_ms"), QStringLiteral("step"), "aa11"};
    QVERIFY(triage.set(history, finding, TriageState::Expected));
    QCOMPARE(triage.state(history, finding), TriageState::Expected);
    QVERIFY(baselines.set(history, QStringLiteral("timings"),
                          {BaselineSetting::Mode::SinceDate,
                           20,
                           {},
                           QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC)}));
}

void TestDatabase::refusesNewerSchema()
{
    const QString path = m_dir.filePath(QStringLiteral("future.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("f"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE future (x)"));
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("f"));
    Database database(path);
    QVERIFY(!database.open());
    QVERIFY(database.errorString().contains(QStringLiteral("newer")));
    QVERIFY(database.errorString().contains(path));
    QVERIFY(test::movedAsideFiles(m_dir.path()).isEmpty()); // a newer file is not damaged
}

void TestDatabase::migrationsAreOrdered()
{
    const QList<Migration>& steps = schemaMigrations();
    QVERIFY(steps.size() >= 2);
    for (int i = 0; i < steps.size(); ++i) {
        QCOMPARE(steps.at(i).version, i + 1);
        QVERIFY(steps.at(i).apply);
    }
    QCOMPARE(latestSchemaVersion(), steps.constLast().version);
}

void TestDatabase::transactionRollsBack()
{
    Database database(m_dir.filePath(QStringLiteral("tx.sqlite")));
    QVERIFY(database.open());
    NotesRepository notes(database);
    const bool ok = database.writeTransaction([&] {
        notes.set(QStringLiteral("/h.jsonl"), {"k1", QStringLiteral("kept?"), {}, {}});
        return false;
    });
    QVERIFY(!ok);
    QVERIFY(!notes.get(QStringLiteral("/h.jsonl"), "k1"));
}

void TestDatabase::nestedTransactionJoinsOuter()
{
    Database database(m_dir.filePath(QStringLiteral("nested.sqlite")));
    QVERIFY(database.open());
    NotesRepository notes(database);
    // set() opens its own transaction; inside ours it joins it, so a later failure undoes it.
    const bool ok = database.writeTransaction([&] {
        if (!notes.set(QStringLiteral("/h.jsonl"), {"k1", QStringLiteral("a"), {"x"}, {}}))
            return false;
        return database.writeTransaction([] { return false; });
    });
    QVERIFY(!ok);
    QVERIFY(!notes.get(QStringLiteral("/h.jsonl"), "k1"));
    QVERIFY(database.writeTransaction([&] {
        return notes.set(QStringLiteral("/h.jsonl"), {"k1", QStringLiteral("a"), {"x"}, {}});
    }));
    QCOMPARE(notes.get(QStringLiteral("/h.jsonl"), "k1")->tags, QStringList{"x"});
}

void TestDatabase::twoInstancesUseTheirOwnConnections()
{
    const QString path = m_dir.filePath(QStringLiteral("shared.sqlite"));
    Database first(path);
    Database second(path);
    QVERIFY(first.open());
    QVERIFY(second.open());
    QVERIFY(first.connectionName() != second.connectionName());
    QVERIFY(NotesRepository(first).set(QStringLiteral("/h"), {"a", QStringLiteral("1"), {}, {}}));
    QVERIFY(NotesRepository(second).set(QStringLiteral("/h"), {"b", QStringLiteral("2"), {}, {}}));
    QCOMPARE(NotesRepository(first).all(QStringLiteral("/h")).size(), 2);
    first.close();
    QVERIFY(second.isOpen());
    QCOMPARE(NotesRepository(second).all(QStringLiteral("/h")).size(), 2);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
