// JSON export, streamed (a million builds never become a QJsonDocument). See DataExport.h.
#include "export/AtomicFileWriter.h"
#include "export/DataExport.h"
#include "export/NumberText.h"
#include "history/HistoryStore.h"

#include <cmath>

namespace bengal {

namespace {

constexpr qsizetype kChunkBytes = 256 * 1024;

// A JSON string: quotes, backslashes and control characters escaped, the rest UTF-8 as is.
void appendString(QByteArray& out, const QString& text)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendFlag(QByteArray& out, const char* key, std::uint8_t flags, std::uint8_t known,
                std::uint8_t value)
{
    if (!(flags & known))
        return;
    out += ",\"";
    out += key;
    out += (flags & value) ? "\":true" : "\":false";
}

void appendEnvironment(QByteArray& out, const char* key, const QString& value)
{
    if (value.isEmpty())
        return;
    out += ",\"";
    out += key;
    out += "\":";
    appendString(out, value);
}

} // namespace

bool writeJson(const HistoryStore& store, std::span<const std::uint32_t> rows,
               const QString& sourcePath, AtomicFileWriter& writer)
{
    const QStringList metrics = exportMetricColumns(store);
    std::vector<std::span<const double>> columns;
    std::vector<QByteArray> keys; // each metric name already as a JSON string
    for (const QString& name : metrics) {
        columns.push_back(store.metric(store.metricIndex(name)));
        QByteArray key;
        appendString(key, name);
        keys.push_back(key);
    }

    QByteArray out("{\"format\":\"bengal-perf-builds\",\"version\":1,\"source\":");
    appendString(out, sourcePath);
    out += ",\"exported\":";
    appendString(out, formatTimestampUtc(currentTimestampUs()));
    out += ",\"metrics\":[";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0)
            out += ',';
        out += keys[i];
    }
    out += "],\"builds\":[";
    bool firstBuild = true;
    for (const std::uint32_t row : rows) {
        const std::uint8_t flags = store.flags(row);
        out += firstBuild ? "\n{\"timestamp\":\"" : ",\n{\"timestamp\":\"";
        firstBuild = false;
        out += formatTimestampUtc(store.timestampUs(row)).toLatin1();
        out += "\",\"line\":";
        out += QByteArray::number(store.line(row));
        appendFlag(out, "incremental", flags, BuildFlag::IncrementalKnown, BuildFlag::Incremental);
        appendFlag(out, "parallel", flags, BuildFlag::ParallelKnown, BuildFlag::Parallel);
        appendFlag(out, "skipped", flags, BuildFlag::SkippedKnown, BuildFlag::Skipped);
        appendEnvironment(out, "python_version", store.environment(row, EnvField::PythonVersion));
        appendEnvironment(out, "platform", store.environment(row, EnvField::Platform));
        out += ",\"metrics\":{";
        bool firstValue = true;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const double v = columns[i][row];
            if (!std::isfinite(v))
                continue;
            if (!firstValue)
                out += ',';
            firstValue = false;
            out += keys[i];
            out += ':';
            appendShortestNumber(out, v);
        }
        out += "}}";
        if (out.size() >= kChunkBytes) {
            if (!writer.write(out))
                return false;
            out.resize(0); // keeps the capacity
        }
    }
    out += "\n]}\n";
    return writer.write(out);
}

} // namespace bengal
