#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <span>
#include <vector>

namespace bengal {

class AtomicFileWriter;
class HistoryStore;

// The two data formats (docs/EXPORT.md describes both):
//  CSV:  a header row, then one row per build: timestamp (ISO-8601 UTC ending in Z), line,
//        incremental, parallel, skipped (true/false, empty when the history does not say),
//        python_version, platform, then one column per metric; an empty cell is a missing
//        value. Numbers are the shortest text that reads back as the same double.
//  JSON: {"format": "bengal-perf-builds", "version": 1, "source", "exported", "metrics": [...],
//         "builds": [{"timestamp", "line", "incremental", "parallel", "skipped",
//                     "python_version", "platform", "metrics": {name: number}}]};
//        unknown flags and missing values are left out rather than written as null.
enum class DataFormat
{
    Csv,
    Json
};

// The metric columns of an export, in the order the table shows them (totals, phases, memory,
// pages, the rest), ties in store order.
QStringList exportMetricColumns(const HistoryStore& store);

// Every build of the store, in time order.
std::vector<std::uint32_t> allRows(const HistoryStore& store);

// Stream `rows` (store rows, in the order given) into `writer`; no commit. False once the
// writer failed.
bool writeCsv(const HistoryStore& store, std::span<const std::uint32_t> rows,
              AtomicFileWriter& writer);
bool writeJson(const HistoryStore& store, std::span<const std::uint32_t> rows,
               const QString& sourcePath, AtomicFileWriter& writer);

// Writes the builds `rows` to `path` atomically. On failure returns false, leaves nothing
// behind and sets *error to a message naming the path and the reason.
bool exportData(const HistoryStore& store, std::span<const std::uint32_t> rows, DataFormat format,
                const QString& path, QString* error, const QString& sourcePath = QString());

} // namespace bengal
