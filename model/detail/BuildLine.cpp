#include "detail/BuildLine.h"

#include "core/Hash64.h"
#include "history/HistoryStore.h"
#include "parse/NonFiniteRewriter.h"
#include "parse/RecordParser.h"

#include <QFile>
#include <QJsonDocument>

#include <cctype>
#include <cmath>
#include <string>
#include <tuple>

namespace bengal {

namespace {

// Columns the parser derives from a build's own fields; they are not fields of the line.
bool isDerivedColumn(const QString& name)
{
    return name == QLatin1String("unattributed_ms") || name == QLatin1String("ms_per_page");
}

QByteArray trimmedLine(QByteArray bytes)
{
    const qsizetype newline = bytes.indexOf('\n');
    if (newline >= 0)
        bytes.truncate(newline);
    qsizetype size = bytes.size();
    while (size > 0 &&
           (bytes[size - 1] == ' ' || bytes[size - 1] == '\t' || bytes[size - 1] == '\r'))
        --size;
    bytes.truncate(size);
    return bytes;
}

} // namespace

QByteArray buildKeyOf(std::uint64_t lineHash)
{
    return QByteArray::number(qulonglong(lineHash), 16).rightJustified(16, '0');
}

std::optional<std::uint64_t> lineHashOfKey(const QByteArray& key)
{
    if (key.isEmpty() || key.size() > 16)
        return std::nullopt;
    for (char c : key) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
    }
    bool ok = false;
    const qulonglong value = key.toULongLong(&ok, 16);
    return ok ? std::optional<std::uint64_t>(value) : std::nullopt;
}

BuildLineRead BuildLineReader::read(const QString& filePath, std::int64_t offset,
                                    std::uint64_t expectedHash)
{
    BuildLineRead result;
    if (filePath.isEmpty()) {
        result.message = tr("This history was not read from a file: showing what was loaded.");
        return result;
    }
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.status = BuildLineRead::Status::Unreadable;
        result.message =
            tr("Cannot read %1 (%2): showing what was loaded.").arg(filePath, file.errorString());
        return result;
    }
    if (offset < 0 || offset >= file.size() || !file.seek(offset)) {
        result.status = BuildLineRead::Status::Changed;
        result.message =
            tr("%1 is shorter than when it was loaded: showing what was loaded.").arg(filePath);
        return result;
    }
    // A build's line is at most RecordParser::kMaxLineBytes plus a CR and the newline.
    const QByteArray bytes = trimmedLine(file.read(qint64(RecordParser::kMaxLineBytes) + 2));
    if (hashLine(std::string_view(bytes.constData(), std::size_t(bytes.size()))) != expectedHash) {
        result.status = BuildLineRead::Status::Changed;
        result.message = tr("The file changed since this build was loaded: the line at its "
                            "place is different. Showing what was loaded.");
        return result;
    }
    result.status = BuildLineRead::Status::Ok;
    result.bytes = bytes;
    return result;
}

std::optional<QJsonObject> parseBuildLine(const QByteArray& line)
{
    QJsonParseError error{};
    QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        std::string rewritten;
        if (!rewriteNonFinite(std::string_view(line.constData(), std::size_t(line.size())),
                              rewritten))
            return std::nullopt;
        document = QJsonDocument::fromJson(QByteArray::fromStdString(rewritten), &error);
        if (error.error != QJsonParseError::NoError)
            return std::nullopt;
    }
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

QJsonObject storeRowAsJson(const HistoryStore& store, qsizetype row)
{
    QJsonObject object;
    object.insert(QStringLiteral("timestamp"), formatTimestampUtc(store.timestampUs(row)));
    const std::pair<EnvField, const char*> env[] = {
        {EnvField::PythonVersion, "python_version"},
        {EnvField::Platform, "platform"},
        {EnvField::CompletionPolicy, "completion_policy"}};
    for (const auto& [field, key] : env) {
        const QString text = store.environment(row, field);
        if (!text.isNull())
            object.insert(QLatin1String(key), text);
    }
    const std::uint8_t flags = store.flags(row);
    const std::tuple<std::uint8_t, std::uint8_t, const char*> bools[] = {
        {BuildFlag::ParallelKnown, BuildFlag::Parallel, "parallel"},
        {BuildFlag::IncrementalKnown, BuildFlag::Incremental, "incremental"},
        {BuildFlag::SkippedKnown, BuildFlag::Skipped, "skipped"}};
    for (const auto& [known, bit, key] : bools) {
        if (flags & known)
            object.insert(QLatin1String(key), (flags & bit) != 0);
    }
    QHash<QString, QJsonObject> maps;
    for (int column = 0; column < store.metricCount(); ++column) {
        const QString& name = store.metricName(column);
        const double value = store.value(column, row);
        if (std::isnan(value) || isDerivedColumn(name))
            continue;
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (dot > 0)
            maps[name.left(dot)].insert(name.mid(dot + 1), value);
        else
            object.insert(name, value);
    }
    for (auto it = maps.constBegin(); it != maps.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace bengal
