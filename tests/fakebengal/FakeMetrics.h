#pragma once

#include <map>
#include <string>

namespace fake {

using PhaseTimes = std::map<std::string, double>;

// Bengal's PerformanceCollector.save(): appends one compact record (Python separators) to
// <root>/.bengal/metrics/history.jsonl and overwrites latest.json with it, indented.
void saveMetrics(const std::string& root, double buildMs, const PhaseTimes& times);

} // namespace fake
