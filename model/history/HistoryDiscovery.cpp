#include "history/HistoryDiscovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace bengal {

HistoryLocation discoverHistory(const QString& path)
{
    HistoryLocation location;
    const QFileInfo info(path);
    if (!info.isDir()) {
        location.tried << path;
        location.found = info.isFile();
        if (location.found)
            location.file = info.absoluteFilePath();
        return location;
    }
    const QDir dir(info.absoluteFilePath());
    const QStringList candidates{QStringLiteral(".bengal/metrics/history.jsonl"),
                                 QStringLiteral(".bengal-metrics/history.jsonl"),
                                 QStringLiteral("history.jsonl")};
    for (const QString& candidate : candidates) {
        const QString full = dir.filePath(candidate);
        location.tried << full;
        if (QFileInfo(full).isFile()) {
            location.file = full;
            location.found = true;
            break;
        }
    }
    return location;
}

QString defaultHistoryPath(const QString& siteDirectory)
{
    return QDir(siteDirectory).filePath(QStringLiteral(".bengal/metrics/history.jsonl"));
}

QString describeMissingHistory(const QString& path, const HistoryLocation& location)
{
    if (location.tried.size() <= 1)
        return QCoreApplication::translate("bengal", "%1: no such file or directory").arg(path);
    return QCoreApplication::translate("bengal", "%1: no Bengal history found (looked for %2)")
        .arg(path, location.tried.join(QStringLiteral(", ")));
}

} // namespace bengal
