#include "store/NotesExchange.h"

#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace bengal {
namespace {

const QString formatName = QStringLiteral("bengal-perf-notes");

QJsonObject toJson(const BuildNote& note)
{
    return {{QStringLiteral("build"), QString::fromLatin1(note.buildKey)},
            {QStringLiteral("text"), note.text},
            {QStringLiteral("tags"), QJsonArray::fromStringList(note.tags)},
            {QStringLiteral("updated"), note.updated.toUTC().toString(Qt::ISODateWithMs)}};
}

// nullopt when the entry cannot be a note (no key, wrong types, nothing in it).
std::optional<BuildNote> fromJson(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    const QJsonValue build = object.value(QStringLiteral("build"));
    const QJsonValue text = object.value(QStringLiteral("text"));
    const QJsonValue tags = object.value(QStringLiteral("tags"));
    const QJsonValue updated = object.value(QStringLiteral("updated"));
    if (!value.isObject() || !build.isString() || build.toString().isEmpty() ||
        !(text.isString() || text.isUndefined()) || !(tags.isArray() || tags.isUndefined()) ||
        !(updated.isString() || updated.isUndefined()))
        return std::nullopt;
    BuildNote note;
    note.buildKey = build.toString().toLatin1();
    note.text = text.toString();
    for (const QJsonValue& tag : tags.toArray()) {
        if (!tag.isString())
            return std::nullopt;
        note.tags.append(tag.toString());
    }
    if (note.text.isEmpty() && NotesRepository::normalizedTags(note.tags).isEmpty())
        return std::nullopt; // nothing to import; export never writes such an entry
    note.updated = QDateTime::fromString(updated.toString(), Qt::ISODateWithMs);
    // Unknown edit time: older than anything stored, so it never overwrites a local edit.
    if (!note.updated.isValid())
        note.updated = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    return note;
}

} // namespace

QString NotesExchange::defaultFilePath(const QString& historyPath)
{
    return historyPath + QStringLiteral(".notes.json");
}

bool NotesExchange::exportTo(const QString& historyPath, const QString& filePath)
{
    const QString target = filePath.isEmpty() ? defaultFilePath(historyPath) : filePath;
    QJsonArray notes;
    for (const BuildNote& note : NotesRepository(m_database).all(historyPath))
        notes.append(toJson(note));
    const QJsonObject root{{QStringLiteral("format"), formatName},
                           {QStringLiteral("version"), FormatVersion},
                           {QStringLiteral("history"), QFileInfo(historyPath).fileName()},
                           {QStringLiteral("notes"), notes}};
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        m_errorString = tr("Could not write the notes file %1: %2")
                            .arg(QDir::toNativeSeparators(target), file.errorString());
        return false;
    }
    return true;
}

NotesImportResult NotesExchange::importFrom(const QString& historyPath, const QString& filePath)
{
    NotesImportResult result;
    const QString source = filePath.isEmpty() ? defaultFilePath(historyPath) : filePath;
    const QString shown = QDir::toNativeSeparators(source);
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errorString =
            tr("Could not read the notes file %1: %2").arg(shown, file.errorString());
        m_errorString = result.errorString;
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        root.value(QStringLiteral("format")).toString() != formatName ||
        !root.value(QStringLiteral("notes")).isArray()) {
        result.errorString = tr("%1 is not a notes file of this program.").arg(shown);
        m_errorString = result.errorString;
        return result;
    }
    if (root.value(QStringLiteral("version")).toInt() > FormatVersion) {
        result.errorString =
            tr("The notes file %1 was written by a newer version of this program.").arg(shown);
        m_errorString = result.errorString;
        return result;
    }
    NotesRepository notes(m_database);
    const QJsonArray entries = root.value(QStringLiteral("notes")).toArray();
    result.ok = m_database.writeTransaction([&] {
        for (const QJsonValue& entry : entries) {
            const std::optional<BuildNote> note = fromJson(entry);
            if (!note) {
                ++result.rejected;
                continue;
            }
            const auto outcome = notes.merge(historyPath, *note);
            if (!outcome)
                return false;
            ++(*outcome == NotesRepository::MergeOutcome::Added     ? result.added
               : *outcome == NotesRepository::MergeOutcome::Updated ? result.updated
                                                                    : result.unchanged);
        }
        return true;
    });
    if (!result.ok) {
        result.added = result.updated = result.unchanged = 0;
        result.errorString =
            tr("The notes from %1 were not imported: %2").arg(shown, m_database.errorString());
        m_errorString = result.errorString;
    }
    return result;
}

} // namespace bengal
