#pragma once

#include "core/Problem.h"
#include "core/RunFacts.h"
#include "core/Timestamp.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace bengal {

// One phase of a collected run, as collector.jsonl files it (offsets in ms from the launch).
struct CollectedPhase
{
    QString name;
    float startMs = 0;
    float durationMs = 0;
    float peakRssMb = 0; // NaN when not filed
};

// One line of collector.jsonl, read back: what the collector measured about one run. Numbers
// that were missing or of the wrong type are NaN (the reader files a warning for them).
struct CollectedRun : RunFacts
{
    TimestampUs startUs = 0;            // `timestamp`: the launch
    std::optional<TimestampUs> buildUs; // `build_timestamp`: the history record it produced
    std::int64_t line = 0;              // 1-based line in collector.jsonl
    std::int64_t offset = 0;            // byte offset of that line
    std::vector<CollectedPhase> phases;
    int sampleIntervalMs = 0;         // 0: no samples filed
    std::vector<float> rssSamplesMb;  // tree RSS every sampleIntervalMs from the launch
    std::optional<QString> gitCommit; // nullopt: not in a git work tree (or git unavailable)
    bool gitDirty = false;

    // A run that did not end with exit code 0: failed, killed or cancelled. Such runs never
    // have a build in the history.
    bool failed() const { return !succeeded(); }
};

// Runs and problems read from consecutive lines of collector.jsonl; crosses from the reading
// thread to the GUI thread.
struct CollectedRunBatch
{
    std::vector<CollectedRun> runs;
    std::vector<Problem> problems; // rejected lines and field warnings, in line order
    std::int64_t linesRead = 0;

    bool empty() const { return runs.empty() && problems.empty(); }
};

using CollectedRunBatchPtr = std::shared_ptr<const CollectedRunBatch>;

} // namespace bengal

Q_DECLARE_METATYPE(bengal::CollectedRunBatchPtr)
