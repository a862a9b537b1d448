#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace bengal {

// The state of a history file before a run, to tell afterwards whether the build appended a
// record of its own (Bengal does with the theme-dev and dev profiles).
struct HistorySnapshot
{
    bool existed = false;
    qint64 size = 0;
    QByteArray lastLine; // the last complete line, to notice a file rewritten meanwhile
};

HistorySnapshot snapshotHistory(const QString& path);

// The `timestamp` of a record Bengal appended since `before`, or nullopt. A Bengal record is
// one with `build_time_ms` and Bengal's envelope key `python_version` (records added by
// collectors have no such key), stamped within [fromEpochMs - slack, toEpochMs + slack].
std::optional<QString> findBuildRecord(const QString& path, const HistorySnapshot& before,
                                       qint64 fromEpochMs, qint64 toEpochMs);

} // namespace bengal
