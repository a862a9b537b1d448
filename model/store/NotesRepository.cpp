#include "store/NotesRepository.h"

#include "store/Database.h"
#include "store/HistoriesRepository.h"
#include "store/Statement.h"
#include "store/StoreValues.h"

#include <algorithm>

namespace bengal {

QStringList NotesRepository::normalizedTags(const QStringList& tags)
{
    QStringList result;
    for (const QString& tag : tags) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty() && !result.contains(trimmed))
            result.append(trimmed);
    }
    std::sort(result.begin(), result.end(), [](const QString& a, const QString& b) {
        const int folded = QString::compare(a, b, Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a < b;
    });
    return result;
}

bool NotesRepository::set(const QString& historyPath, const BuildNote& note)
{
    const QStringList tags = normalizedTags(note.tags);
    if (note.text.isEmpty() && tags.isEmpty())
        return remove(historyPath, note.buildKey);
    return m_database.writeTransaction([&] {
        const auto historyId = HistoriesRepository(m_database).ensureId(historyPath);
        if (!historyId)
            return false;
        const QVariant key = StoreValues::fromKey(note.buildKey);
        if (!Statement(m_database,
                       QStringLiteral("INSERT INTO notes (history_id, build_key, text, updated_ms)"
                                      " VALUES (?, ?, ?, ?) ON CONFLICT (history_id, build_key)"
                                      " DO UPDATE SET text = excluded.text,"
                                      " updated_ms = excluded.updated_ms"))
                 .bind(*historyId)
                 .bind(key)
                 .bind(note.text)
                 .bind(StoreValues::fromTime(StoreValues::orNow(note.updated)))
                 .exec())
            return false;
        if (!Statement(m_database, QStringLiteral("DELETE FROM note_tags"
                                                  " WHERE history_id = ? AND build_key = ?"))
                 .bind(*historyId)
                 .bind(key)
                 .exec())
            return false;
        for (const QString& tag : tags) {
            if (!Statement(m_database, QStringLiteral("INSERT INTO note_tags"
                                                      " (history_id, build_key, tag)"
                                                      " VALUES (?, ?, ?)"))
                     .bind(*historyId)
                     .bind(key)
                     .bind(tag)
                     .exec())
                return false;
        }
        return true;
    });
}

std::optional<BuildNote> NotesRepository::get(const QString& historyPath,
                                              const QByteArray& buildKey)
{
    Statement select(m_database,
                     QStringLiteral("SELECT n.text, n.updated_ms, t.tag FROM notes n"
                                    " JOIN histories h ON h.id = n.history_id"
                                    " LEFT JOIN note_tags t ON t.history_id = n.history_id"
                                    "  AND t.build_key = n.build_key"
                                    " WHERE h.path = ? AND n.build_key = ?"));
    if (!select.bind(HistoriesRepository::normalizedPath(historyPath))
             .bind(StoreValues::fromKey(buildKey))
             .exec())
        return std::nullopt;
    std::optional<BuildNote> note;
    while (select.next()) {
        if (!note)
            note = BuildNote{
                buildKey, select.value(0).toString(), {}, StoreValues::toTime(select.value(1))};
        if (!select.value(2).isNull())
            note->tags.append(select.value(2).toString());
    }
    if (note)
        note->tags = normalizedTags(note->tags);
    return note;
}

bool NotesRepository::remove(const QString& historyPath, const QByteArray& buildKey)
{
    // note_tags rows go with the note (ON DELETE CASCADE).
    return Statement(m_database, QStringLiteral("DELETE FROM notes WHERE build_key = ? AND"
                                                " history_id = (SELECT id FROM histories"
                                                "  WHERE path = ?)"))
        .bind(StoreValues::fromKey(buildKey))
        .bind(HistoriesRepository::normalizedPath(historyPath))
        .exec();
}

QList<BuildNote> NotesRepository::all(const QString& historyPath)
{
    QList<BuildNote> notes;
    Statement select(m_database,
                     QStringLiteral("SELECT n.build_key, n.text, n.updated_ms, t.tag FROM notes n"
                                    " JOIN histories h ON h.id = n.history_id"
                                    " LEFT JOIN note_tags t ON t.history_id = n.history_id"
                                    "  AND t.build_key = n.build_key"
                                    " WHERE h.path = ? ORDER BY n.build_key"));
    if (!select.bind(HistoriesRepository::normalizedPath(historyPath)).exec())
        return notes;
    while (select.next()) {
        const QByteArray key = StoreValues::toKey(select.value(0));
        if (notes.isEmpty() || notes.constLast().buildKey != key)
            notes.append(BuildNote{
                key, select.value(1).toString(), {}, StoreValues::toTime(select.value(2))});
        if (!select.value(3).isNull())
            notes.last().tags.append(select.value(3).toString());
    }
    for (BuildNote& note : notes)
        note.tags = normalizedTags(note.tags);
    return notes;
}

std::optional<NotesRepository::MergeOutcome> NotesRepository::merge(const QString& historyPath,
                                                                    const BuildNote& note)
{
    std::optional<MergeOutcome> outcome;
    const bool ok = m_database.writeTransaction([&] {
        const std::optional<BuildNote> stored = get(historyPath, note.buildKey);
        if (stored && !(note.updated > stored->updated)) {
            outcome = MergeOutcome::Unchanged;
            return true;
        }
        outcome = stored ? MergeOutcome::Updated : MergeOutcome::Added;
        return set(historyPath, note);
    });
    return ok ? outcome : std::nullopt;
}

} // namespace bengal
