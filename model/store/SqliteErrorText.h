#pragma once

#include <QSqlError>
#include <QString>

namespace bengal {

// A translated sentence for a failed store operation that a user can act on: it names the
// database file, says what happened (locked, read-only, disk full, ...) and that the change was
// not saved. SQLite's own text is appended for the rest.
QString describeSqliteFailure(const QString& databasePath, const QSqlError& error,
                              int busyTimeoutMs);

} // namespace bengal
