#pragma once

// Histories for the chart tests and the chart benchmark, written as JSON lines in the layout
// Bengal uses (five classic phases, build time, memory) so they go through the real parser.

#include "HistoryTestUtils.h"
#include "core/Timestamp.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <cmath>
#include <vector>

namespace bengal::test {

inline QByteArray readTestFile(const QString& name)
{
    QFile file(QStringLiteral(BENGAL_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

// One synthetic build `i`: deterministic, noisy phases that add up to less than the build time,
// alternating full/incremental and parallel/sequential builds, starting 2025-01-01 UTC, one
// build every `spacingSeconds`.
inline QByteArray syntheticBuildLine(qsizetype i, qint64 spacingSeconds = 600)
{
    const TimestampUs ts = TimestampUs(1735689600) * 1'000'000 + i * spacingSeconds * 1'000'000;
    const QByteArray stamp = formatTimestampBengal(ts).toLatin1();
    const double wave = std::sin(double(i) * 0.01) * 50 + double((i * 7919) % 101);
    const double discovery = 60 + wave * 0.2;
    const double taxonomy = 8 + double(i % 5);
    const double rendering = 1200 + wave * 3;
    const double assets = 150 + double((i * 31) % 40);
    const double postprocess = 250 + double((i * 17) % 60);
    const double build = discovery + taxonomy + rendering + assets + postprocess + 90;
    QByteArray extra;
    extra += "\"build_time_ms\": " + QByteArray::number(build, 'f', 3);
    extra += ", \"parallel\": " + QByteArray(i % 3 == 0 ? "false" : "true");
    extra += ", \"incremental\": " + QByteArray(i % 2 == 0 ? "false" : "true");
    extra += ", \"discovery_time_ms\": " + QByteArray::number(discovery, 'f', 3);
    extra += ", \"taxonomy_time_ms\": " + QByteArray::number(taxonomy, 'f', 3);
    extra += ", \"rendering_time_ms\": " + QByteArray::number(rendering, 'f', 3);
    extra += ", \"assets_time_ms\": " + QByteArray::number(assets, 'f', 3);
    extra += ", \"postprocess_time_ms\": " + QByteArray::number(postprocess, 'f', 3);
    extra += ", \"memory_rss_mb\": " + QByteArray::number(40 + wave * 0.1, 'f', 3);
    extra += ", \"memory_heap_mb\": " + QByteArray::number(15 + double(i % 9), 'f', 3);
    extra += ", \"memory_peak_mb\": " + QByteArray::number(20 + wave * 0.05, 'f', 3);
    return record(stamp.constData(), extra) + '\n';
}

// Parses `text` as more lines of the history and appends them (the reader needs padding after
// the bytes it is fed, so they are copied into a padded buffer first).
inline AppendResult appendText(HistoryStore& store, const QByteArray& text)
{
    std::vector<char> buffer(std::size_t(text.size()) + LineSplitter::kPadding, '\0');
    std::copy(text.begin(), text.end(), buffer.begin());
    HistoryReader reader;
    reader.feed(buffer.data(), std::size_t(text.size()));
    reader.finish();
    return store.append(reader.takeBatch());
}

inline QByteArray syntheticHistory(qsizetype from, qsizetype count, qint64 spacingSeconds = 600)
{
    QByteArray text;
    text.reserve(count * 420);
    for (qsizetype i = from; i < from + count; ++i)
        text += syntheticBuildLine(i, spacingSeconds);
    return text;
}

} // namespace bengal::test
