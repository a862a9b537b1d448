#pragma once

#include <QJsonObject>
#include <QString>

namespace bengal {

class HistoryStore;

// The rows [first, size) of a store that a report covers: the N latest builds, or all.
struct BuildRange
{
    qsizetype first = 0;
    qsizetype end = 0;
    qsizetype count() const { return end - first; }
    static BuildRange latest(const HistoryStore& store, qsizetype n);
};

// `bengal-perf summary --json`: path, builds, every rejected line and warning in line order,
// first/last timestamps, and count/min/median/p90/max/mean/last of every metric present.
QJsonObject summaryJson(const HistoryStore& store, const QString& path, BuildRange range);

// The same, as a readable table for a terminal.
QString summaryText(const HistoryStore& store, const QString& path, BuildRange range);

} // namespace bengal
