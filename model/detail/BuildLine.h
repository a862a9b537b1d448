#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace bengal {

class HistoryStore;

// The key that identifies a build in the local store: its line hash as 16 lower-case hex digits.
QByteArray buildKeyOf(std::uint64_t lineHash);
// The inverse; nullopt for anything but 1 to 16 hex digits.
std::optional<std::uint64_t> lineHashOfKey(const QByteArray& key);

// The raw line of one build, read again from the history file on demand: the columnar store
// keeps numbers only, the detail view shows every field (strings, booleans, unknown keys).
struct BuildLineRead
{
    enum class Status
    {
        Ok,         // the bytes at the offset hash to the build's hash
        Changed,    // the file holds something else there now (rewritten, truncated, replaced)
        Unreadable, // the file cannot be opened or read
        NoFile      // the store was not loaded from a file
    };
    Status status = Status::NoFile;
    QByteArray bytes; // the line as the parser saw it (no newline, no trailing blanks)
    QString message;  // for the user when status is not Ok; plain text
};

class BuildLineReader
{
    Q_DECLARE_TR_FUNCTIONS(BuildLineReader)

public:
    // Reads the line starting at `offset` of `filePath` and checks it against `expectedHash`.
    static BuildLineRead read(const QString& filePath, std::int64_t offset,
                              std::uint64_t expectedHash);
};

// Parses one line as a JSON object the way the history reader does (Python's NaN, Infinity and
// huge integers accepted). Duplicate keys: the last occurrence wins, as in the store.
std::optional<QJsonObject> parseBuildLine(const QByteArray& line);

// A build's fields rebuilt from the store (numbers, flags, environment strings; the nested maps
// from their dotted names), for when the raw line cannot be read. Derived columns are left out.
QJsonObject storeRowAsJson(const HistoryStore& store, qsizetype row);

} // namespace bengal
