#pragma once

#include "store/NotesRepository.h"

#include <QCoreApplication>
#include <QString>

namespace bengal {

class Database;

// What an import did, for the message the window shows.
struct NotesImportResult
{
    bool ok = false;
    int added = 0;     // builds that had no note
    int updated = 0;   // stored notes replaced by a newer edit from the file
    int unchanged = 0; // stored notes kept because they were as new or newer
    int rejected = 0;  // entries without a build key, with wrong types or with nothing in them
    QString errorString;
};

// Moves a history's notes and tags to and from a JSON file next to the history, so they travel
// with it. The file (UTF-8, indented, notes sorted by build key so it diffs well):
//   {"format": "bengal-perf-notes", "version": 1, "history": "<file name>",
//    "notes": [{"build": "<key>", "text": "...", "tags": ["..."],
//               "updated": "2025-01-31T12:00:00.000Z"}]}
class NotesExchange
{
    Q_DECLARE_TR_FUNCTIONS(NotesExchange)

public:
    static constexpr int FormatVersion = 1;

    explicit NotesExchange(Database& database) : m_database(database) {}

    // <history>.notes.json
    static QString defaultFilePath(const QString& historyPath);

    // Writes every note of the history (atomically: the old file stays until the new one is
    // complete). An empty filePath means defaultFilePath().
    bool exportTo(const QString& historyPath, const QString& filePath = {});

    // Merges the file's notes into the store in one transaction: a build without a note gets
    // the file's, a stored note is replaced only by a strictly newer edit. Notes missing from
    // the file are kept. An entry without "updated" counts as older than any stored edit.
    NotesImportResult importFrom(const QString& historyPath, const QString& filePath = {});

    QString errorString() const { return m_errorString; }

private:
    Database& m_database;
    QString m_errorString;
};

} // namespace bengal
