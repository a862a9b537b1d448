#pragma once

#include "report/RegressionReport.h"
#include "stats/RegressionDetector.h"
#include "store/TriageRepository.h"

#include <QByteArray>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace bengal {

class HistoryStore;

// A copy of what detection reads from a store, so it can run on a worker thread while the GUI
// thread goes on appending to the store. The input's spans point into the owned arrays.
struct RegressionSnapshot
{
    std::vector<qint64> timestamps;
    std::vector<quint8> group;
    std::vector<std::uint64_t> hashes; // line hash per build: the findings' stable keys
    std::vector<std::vector<double>> columns;
    DetectionInput input;
    QStringList metrics;
    BuildGrouping grouping = BuildGrouping::Kind;
};

// The metrics the window analyses: the same defaults as `regressions` and `check`
// (build_time_ms, its phases, memory_rss_mb, memory_peak_mb; never unattributed_ms or page
// counts, see docs/REGRESSIONS.md), or `wanted` restricted to those the store has.
QStringList windowRegressionMetrics(const HistoryStore& store, const QStringList& wanted = {});

// A step the user marked as an intended change (BaselinesRepository), by the line hash of the
// build where it starts: detection starts a new baseline for the metric there.
struct IntendedMark
{
    QString metric;
    std::uint64_t lineHash = 0;
};

// The marks as breaks of a DetectionInput: each mark's build looked up in the store; marks of
// builds the store does not have (another file, a rewritten history) are left out.
std::vector<BaselineBreak> breaksForMarks(const HistoryStore& store,
                                          const std::vector<IntendedMark>& marks);

// Copies the columns detection needs, grouped as asked, with the marks as breaks. Null when the
// store has none of the metrics.
std::shared_ptr<const RegressionSnapshot>
snapshotForDetection(const HistoryStore& store, const QStringList& metrics = {},
                     BuildGrouping grouping = BuildGrouping::Kind,
                     const std::vector<IntendedMark>& marks = {});

// One finding with the key of the build where it starts (its line hash in hex), so triage
// decisions stay attached to it across reloads.
struct RegressionItem
{
    Finding finding;
    QByteArray buildKey;

    FindingKey key() const { return {finding.metric, findingKindName(finding.kind), buildKey}; }
};

// What one detection run hands to the GUI thread: values only.
struct RegressionBatch
{
    quint64 generation = 0;  // of the scanner; older batches are dropped
    qsizetype builds = 0;    // builds the snapshot had
    qsizetype liveFrom = -1; // rows >= this were appended live after the load; -1: none yet
    double elapsedMs = 0;    // detection time (for the status tip and the figures)
    QStringList metrics;
    BuildGrouping grouping = BuildGrouping::Kind;
    std::vector<RegressionItem> items;
};

// Runs detectRegressions on the snapshot (single-threaded: it already runs off the GUI thread).
RegressionBatch runDetection(const RegressionSnapshot& snapshot,
                             DetectionParams params = DetectionParams{});

} // namespace bengal
