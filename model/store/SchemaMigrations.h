#pragma once

#include <QList>
#include <QString>

namespace bengal {

class Database;

// One step of the store's schema history: applying it to a database at version `version - 1`
// yields `version`. Steps are append-only: a shipped step is never edited, a change is a new
// step, so every older file upgrades along the same path.
struct Migration
{
    int version = 0;
    const char* summary = "";
    bool (*apply)(Database& database) = nullptr;
};

// Every step, oldest first (v1, v2, ...).
const QList<Migration>& schemaMigrations();

// The version a freshly created or fully migrated database has.
int latestSchemaVersion();

// Runs the steps above the file's `PRAGMA user_version` in order, each in its own write
// transaction that also sets user_version, so a crash leaves the file at a whole version.
// The version is re-read inside each transaction: a second instance that migrated first
// is simply followed. Returns false (failure recorded on the database) on the first error.
bool migrateSchema(Database& database);

} // namespace bengal
