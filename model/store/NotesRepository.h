#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bengal {

class Database;

// The user's note and tags for one build. A build is identified across reloads by buildKey,
// the hex 64-bit hash of its line bytes (computed by the caller).
struct BuildNote
{
    QByteArray buildKey;
    QString text;
    QStringList tags;  // trimmed, unique, sorted (see NotesRepository::normalizedTags)
    QDateTime updated; // UTC time of the last edit; set() uses now when invalid
};

// Notes and tags per build within a history.
class NotesRepository
{
public:
    enum class MergeOutcome
    {
        Added,    // there was no note for the build
        Updated,  // the given note was newer and replaced the stored one
        Unchanged // the stored note was as new or newer and was kept
    };

    explicit NotesRepository(Database& database) : m_database(database) {}

    static QStringList normalizedTags(const QStringList& tags);

    // Stores the note, replacing text and tags. A note with empty text and no tags is removed.
    bool set(const QString& historyPath, const BuildNote& note);
    std::optional<BuildNote> get(const QString& historyPath, const QByteArray& buildKey);
    bool remove(const QString& historyPath, const QByteArray& buildKey);
    // Every note of the history, ordered by build key.
    QList<BuildNote> all(const QString& historyPath);

    // Stores the note only if it is newer than the stored one (newest edit wins); for imports.
    std::optional<MergeOutcome> merge(const QString& historyPath, const BuildNote& note);

private:
    Database& m_database;
};

} // namespace bengal
