#include "store/DatabaseFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bengal::DatabaseFile {

QString walPath(const QString& databasePath)
{
    return databasePath + QStringLiteral("-wal");
}

QString shmPath(const QString& databasePath)
{
    return databasePath + QStringLiteral("-shm");
}

bool hasSqliteHeader(const QString& databasePath)
{
    QFile file(databasePath);
    if (!file.exists() || file.size() == 0)
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return true; // unreadable is not the same as damaged; SQLite reports the access error
    static const QByteArray magic("SQLite format 3\0", 16);
    return file.read(magic.size()) == magic;
}

bool isWritable(const QString& databasePath)
{
    const QFileInfo file(databasePath);
    QFileInfo folder(file.absolutePath());
    if (file.exists())
        return file.isWritable() && folder.isWritable();
    // A folder that does not exist yet is writable when its nearest existing ancestor is.
    while (!folder.exists()) {
        const QString parent = folder.absolutePath();
        if (parent == folder.absoluteFilePath())
            return false;
        folder = QFileInfo(parent);
    }
    return folder.isDir() && folder.isWritable();
}

QString quarantinePath(const QString& databasePath, const QDateTime& when)
{
    const QString base = databasePath + QStringLiteral(".corrupt-") +
                         when.toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate) || QFileInfo::exists(walPath(candidate)); ++n)
        candidate = base + QLatin1Char('-') + QString::number(n);
    return candidate;
}

QString moveAside(const QString& databasePath, const QDateTime& when, QString* error)
{
    const QString target = quarantinePath(databasePath, when);
    QFile main(databasePath);
    if (!main.rename(target)) {
        if (error)
            *error = main.errorString();
        return {};
    }
    // The companions belong to the damaged file; left behind, SQLite would replay a stale WAL
    // into the fresh database. A missing companion is normal.
    for (const auto& companion : {walPath(databasePath), shmPath(databasePath)}) {
        if (!QFileInfo::exists(companion))
            continue;
        const QString suffix = companion.mid(databasePath.size());
        if (!QFile::rename(companion, target + suffix))
            QFile::remove(companion);
    }
    return target;
}

} // namespace bengal::DatabaseFile
