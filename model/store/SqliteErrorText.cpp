#include "store/SqliteErrorText.h"

#include "store/SqliteError.h"

#include <QCoreApplication>
#include <QDir>

namespace bengal {

QString describeSqliteFailure(const QString& databasePath, const QSqlError& error,
                              int busyTimeoutMs)
{
    const QString shown = QDir::toNativeSeparators(databasePath);
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.text();
    switch (classifySqliteError(error)) {
    case SqliteFailure::None:
        return {};
    case SqliteFailure::Busy:
        return QCoreApplication::translate(
                   "Database", "The local database %1 is in use by another program and stayed "
                               "locked for %2 s. Nothing was changed; try again once it is done.")
            .arg(shown, QString::number(busyTimeoutMs / 1000.0, 'g', 3));
    case SqliteFailure::ReadOnly:
        return QCoreApplication::translate(
                   "Database", "The local database %1 is read-only; the change was not saved.")
            .arg(shown);
    case SqliteFailure::DiskFull:
        return QCoreApplication::translate(
                   "Database", "The disk holding the local database %1 is full; the change was "
                               "not saved.")
            .arg(shown);
    case SqliteFailure::IoError:
        return QCoreApplication::translate("Database",
                                           "Could not read or write the local database %1 (%2); "
                                           "the change was not saved. The disk may be full.")
            .arg(shown, detail);
    case SqliteFailure::Corrupt:
        return QCoreApplication::translate("Database", "The local database %1 is damaged (%2).")
            .arg(shown, detail);
    case SqliteFailure::CantOpen:
        return QCoreApplication::translate("Database", "Cannot open the local database %1 (%2).")
            .arg(shown, detail);
    case SqliteFailure::Other:
        break;
    }
    return QCoreApplication::translate("Database", "The local database %1 reported an error: %2")
        .arg(shown, detail);
}

} // namespace bengal
