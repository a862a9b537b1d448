#pragma once

#include <QDateTime>
#include <QString>

namespace bengal {

// What the store needs to know about, and do with, the database file on disk before and
// around SQLite: its header, its companions (-wal, -shm), whether it may be written, and
// moving a damaged file aside. No SQL here.
namespace DatabaseFile {

// The companions SQLite keeps next to a database in WAL mode.
QString walPath(const QString& databasePath);
QString shmPath(const QString& databasePath);

// False when the file exists, is not empty and does not start with SQLite's 16-byte magic
// header. An empty or missing file is a valid (new) database.
bool hasSqliteHeader(const QString& databasePath);

// True when the database may be written: an existing file must be writable and its folder too
// (SQLite creates -wal/-shm there); a missing file needs a writable (or creatable) folder.
bool isWritable(const QString& databasePath);

// The name the damaged file gets: <path>.corrupt-<yyyyMMdd-HHmmss>, with -2, -3... appended
// when that name is taken (two recoveries within one second).
QString quarantinePath(const QString& databasePath, const QDateTime& when);

// Renames the database and its -wal/-shm to quarantinePath(). Returns the new database path,
// or an empty string (with *error set) when the main file could not be moved.
QString moveAside(const QString& databasePath, const QDateTime& when, QString* error);

} // namespace DatabaseFile
} // namespace bengal
