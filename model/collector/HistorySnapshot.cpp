#include "collector/HistorySnapshot.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace bengal {

namespace {

constexpr qint64 TailBytes = 64 * 1024;     // enough for the longest real record
constexpr qint64 RescanBytes = 1024 * 1024; // when the file was rewritten, look at its end
constexpr qint64 StampSlackMs = 5000;

QByteArray readRange(QFile& file, qint64 from, qint64 to)
{
    if (to <= from || !file.seek(from))
        return {};
    return file.read(to - from);
}

// Bengal's timestamps are UTC, naive before v0.1.9 and "+00:00" after.
std::optional<qint64> stampEpochMs(const QString& text)
{
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        return std::nullopt;
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeSpec(Qt::UTC);
    return when.toMSecsSinceEpoch();
}

} // namespace

HistorySnapshot snapshotHistory(const QString& path)
{
    HistorySnapshot snapshot;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return snapshot;
    snapshot.existed = true;
    snapshot.size = file.size();
    const QByteArray tail =
        readRange(file, qMax<qint64>(0, snapshot.size - TailBytes), snapshot.size);
    const qsizetype end = tail.lastIndexOf('\n');
    if (end >= 0) {
        const qsizetype start = tail.lastIndexOf('\n', end - 1) + 1;
        snapshot.lastLine = tail.mid(start, end - start + 1);
    }
    return snapshot;
}

std::optional<QString> findBuildRecord(const QString& path, const HistorySnapshot& before,
                                       qint64 fromEpochMs, qint64 toEpochMs)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const qint64 size = file.size();
    qint64 from = before.existed ? before.size : 0;
    // Unchanged up to where we stopped? Then only the new bytes matter; else the end of it.
    const QByteArray lastLine = readRange(file, from - before.lastLine.size(), from);
    if (size < from || lastLine != before.lastLine)
        from = qMax<qint64>(0, size - RescanBytes);
    const QList<QByteArray> lines = readRange(file, from, size).split('\n');

    std::optional<QString> found;
    for (const QByteArray& line : lines) {
        const QJsonDocument document = QJsonDocument::fromJson(line.trimmed());
        if (!document.isObject())
            continue;
        const QJsonObject record = document.object();
        if (!record.contains(QLatin1String("build_time_ms")) ||
            !record.contains(QLatin1String("python_version")))
            continue;
        const QString stamp = record.value(QLatin1String("timestamp")).toString();
        const auto at = stampEpochMs(stamp);
        if (at && (*at < fromEpochMs - StampSlackMs || *at > toEpochMs + StampSlackMs))
            continue;  // an older record found by a rescan, or another build's
        found = stamp; // the newest one wins
    }
    return found;
}

} // namespace bengal
