#pragma once

#include <QString>
#include <QStringList>

namespace bengal {

// Where Bengal keeps its history, newest layout first (v0.1.5+ then v0.1.0-v0.1.4).
struct HistoryLocation
{
    QString file;      // the history file to read; empty when none was found
    QStringList tried; // every path looked at, in order, for the error message
    bool found = false;
};

// Given a file, that file; given a directory, the first existing of
// DIR/.bengal/metrics/history.jsonl, DIR/.bengal-metrics/history.jsonl, DIR/history.jsonl.
HistoryLocation discoverHistory(const QString& path);

// The path a new history would be created at for a site directory (Bengal's current layout).
QString defaultHistoryPath(const QString& siteDirectory);

// A one-line, translated explanation for a location that was not found.
QString describeMissingHistory(const QString& path, const HistoryLocation& location);

} // namespace bengal
