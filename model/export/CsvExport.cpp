// CSV export (RFC 4180): one header row, one row per build. See DataExport.h for the columns.
#include "export/AtomicFileWriter.h"
#include "export/DataExport.h"
#include "export/NumberText.h"
#include "history/HistoryStore.h"

#include <cmath>

namespace bengal {

namespace {

constexpr qsizetype kChunkBytes = 256 * 1024;

// A text cell: quoted when it holds a separator, a quote or a line break. Text that a
// spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe, the usual
// defence against CSV injection; metric names and environment strings never start that way.
void appendText(QByteArray& out, const QString& text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.isEmpty() && QByteArrayView("=+-@\t\r").contains(bytes.front()))
        bytes.prepend('\'');
    const bool quote = bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') ||
                       bytes.contains('\r') || bytes.startsWith(' ') || bytes.endsWith(' ');
    if (!quote) {
        out += bytes;
        return;
    }
    out += '"';
    out += bytes.replace('"', "\"\"");
    out += '"';
}

void appendFlag(QByteArray& out, std::uint8_t flags, std::uint8_t known, std::uint8_t value)
{
    if (flags & known)
        out += (flags & value) ? "true" : "false";
}

} // namespace

bool writeCsv(const HistoryStore& store, std::span<const std::uint32_t> rows,
              AtomicFileWriter& writer)
{
    const QStringList metrics = exportMetricColumns(store);
    std::vector<std::span<const double>> columns;
    columns.reserve(std::size_t(metrics.size()));
    for (const QString& name : metrics)
        columns.push_back(store.metric(store.metricIndex(name)));

    QByteArray out("timestamp,line,incremental,parallel,skipped,python_version,platform");
    for (const QString& name : metrics) {
        out += ',';
        appendText(out, name);
    }
    out += "\r\n";
    for (const std::uint32_t row : rows) {
        const std::uint8_t flags = store.flags(row);
        out += formatTimestampUtc(store.timestampUs(row)).toLatin1();
        out += ',';
        out += QByteArray::number(store.line(row));
        out += ',';
        appendFlag(out, flags, BuildFlag::IncrementalKnown, BuildFlag::Incremental);
        out += ',';
        appendFlag(out, flags, BuildFlag::ParallelKnown, BuildFlag::Parallel);
        out += ',';
        appendFlag(out, flags, BuildFlag::SkippedKnown, BuildFlag::Skipped);
        out += ',';
        appendText(out, store.environment(row, EnvField::PythonVersion));
        out += ',';
        appendText(out, store.environment(row, EnvField::Platform));
        for (const std::span<const double>& column : columns) {
            out += ',';
            if (const double v = column[row]; std::isfinite(v))
                appendShortestNumber(out, v);
        }
        out += "\r\n";
        if (out.size() >= kChunkBytes) {
            if (!writer.write(out))
                return false;
            out.resize(0); // keeps the capacity
        }
    }
    return writer.write(out);
}

} // namespace bengal
