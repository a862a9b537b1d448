#pragma once

#include <QSqlError>

namespace bengal {

// How the store reacts to an SQLite failure. Only Corrupt ever leads to moving a file aside:
// a busy or unreadable database must never be mistaken for a damaged one, or user data would
// be set aside for nothing.
enum class SqliteFailure
{
    None,
    Busy,     // SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock past the timeout
    Corrupt,  // SQLITE_CORRUPT / SQLITE_NOTADB: the bytes on disk are not a usable database
    ReadOnly, // SQLITE_READONLY: the file, folder or medium refuses writes
    CantOpen, // SQLITE_CANTOPEN / SQLITE_PERM / SQLITE_AUTH: no access to the file at all
    DiskFull, // SQLITE_FULL
    IoError,  // SQLITE_IOERR: a read or write of the file failed (file size limit, failing disk)
    Other
};

// Classifies by the primary result code (QSQLITE reports extended codes; the low byte is the
// primary one).
inline SqliteFailure classifySqliteError(const QSqlError& error)
{
    if (error.type() == QSqlError::NoError)
        return SqliteFailure::None;
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return SqliteFailure::Other;
    switch (code) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return SqliteFailure::Busy;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return SqliteFailure::Corrupt;
    case 8: // SQLITE_READONLY
        return SqliteFailure::ReadOnly;
    case 3:  // SQLITE_PERM
    case 14: // SQLITE_CANTOPEN
    case 23: // SQLITE_AUTH
        return SqliteFailure::CantOpen;
    case 13: // SQLITE_FULL
        return SqliteFailure::DiskFull;
    case 10: // SQLITE_IOERR
        return SqliteFailure::IoError;
    default:
        return SqliteFailure::Other;
    }
}

} // namespace bengal
