#pragma once

#include "core/Problem.h"
#include "core/Timestamp.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace bengal {

// Tri-state booleans of a build, packed: bit pairs of (known, value).
namespace BuildFlag {
constexpr std::uint8_t ParallelKnown = 1 << 0;
constexpr std::uint8_t Parallel = 1 << 1;
constexpr std::uint8_t IncrementalKnown = 1 << 2;
constexpr std::uint8_t Incremental = 1 << 3;
constexpr std::uint8_t SkippedKnown = 1 << 4;
constexpr std::uint8_t Skipped = 1 << 5;
constexpr std::uint8_t NotInCurrentFile = 1 << 6; // kept from before a truncation/replacement
} // namespace BuildFlag

// The environment strings a build carries, kept as indices into a string table.
enum class EnvField : std::uint8_t
{
    PythonVersion,
    Platform,
    CompletionPolicy,
    Count
};
constexpr int kEnvFieldCount = int(EnvField::Count);
constexpr std::uint16_t kNoString = 0xffff;

// Builds parsed from consecutive lines of one file, in file order, in columnar form.
// This is the value type that crosses from the reading thread to the GUI thread.
struct BuildBatch
{
    // One entry per build.
    std::vector<TimestampUs> timestampUs;
    std::vector<std::int64_t> line;
    std::vector<std::int64_t> offset;
    std::vector<std::uint64_t> hash;
    std::vector<std::uint8_t> flags;
    std::vector<std::uint16_t> env;          // kEnvFieldCount per build, index into `strings`
    std::vector<std::uint32_t> valueBegin;   // the build's values are [begin, next begin or end)
    std::vector<std::uint32_t> warningBegin; // its warnings start here in `problems`

    // The sparse metric values of all builds; NaN marks a value a later duplicate key removed.
    std::vector<std::uint32_t> valueName; // index into `names`
    std::vector<double> value;

    QStringList names;   // metric names known to the parser (shared, implicitly)
    QStringList strings; // environment strings known to the parser

    // Rejected lines and field warnings, in line order. Build i's warnings are the entries from
    // warningBegin[i] on whose kind is Warning and whose line is line[i].
    std::vector<Problem> problems;

    std::int64_t linesRead = 0; // lines consumed, blank ones included
    // Problems counted but not in `problems` (past the listing bounds of RecordParser and
    // HistoryReader): a file of garbage costs a count, not a message per line.
    std::int64_t unlistedRejected = 0;
    std::int64_t unlistedWarnings = 0;

    std::size_t size() const { return timestampUs.size(); }
    // Empty again, with the capacity kept for the next fill.
    void clear();
    bool empty() const
    {
        return timestampUs.empty() && problems.empty() && unlistedRejected == 0 &&
               unlistedWarnings == 0;
    }
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::BuildBatch)
