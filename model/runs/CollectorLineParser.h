#pragma once

#include "runs/CollectedRun.h"

#include <string_view>

namespace bengal {

// Turns one line of collector.jsonl (format in docs/COLLECTOR.md) into a run or a rejection.
// A line is rejected when it is not a JSON object or has no valid `timestamp`; any other key
// that is missing or of the wrong type is filed as a warning and left out (NaN, empty).
// Python's NaN/Infinity are read as missing values. Pure: no I/O.
namespace CollectorLineParser {

constexpr std::size_t kMaxLineBytes = 4 * 1024 * 1024;

// Appends the run (and its warnings) or the rejection to `out`.
void parse(std::string_view line, std::int64_t lineNumber, std::int64_t offset,
           CollectedRunBatch& out);

} // namespace CollectorLineParser
} // namespace bengal
