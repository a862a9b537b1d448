#pragma once

#include "stats/RegressionDetector.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace bengal {

class HistoryStore;

// Which builds are compared with each other ("like with like", docs/REGRESSIONS.md).
enum class BuildGrouping
{
    Kind,        // incremental x parallel: four groups (the default)
    Incremental, // full vs incremental builds
    Parallel,    // parallel vs sequential rendering
    None         // all builds together
};
// "kind" | "incremental" | "parallel" | "none": the --group values and the stored setting.
QString buildGroupingName(BuildGrouping grouping);
// The inverse; false for anything else.
bool parseBuildGrouping(const QString& name, BuildGrouping* grouping);
// The group of a build with these flags under `grouping`.
quint8 buildGroupOf(bool incremental, bool parallel, BuildGrouping grouping);

// A DetectionInput over a HistoryStore, with the arrays the input's spans point into.
// Keep it alive (and the store unchanged) while the input is used.
struct RegressionInput
{
    std::vector<qint64> timestamps;           // copied: the store's TimestampUs need not be qint64
    std::vector<quint8> group;                // buildGroupOf per build; empty with None
    std::vector<std::vector<double>> cleaned; // columns whose zeros were made NaN (see below)
    DetectionInput input;
};

// The phases of build_time_ms a store has: the classic *_time_ms fields when any is present,
// otherwise the phase_timings_ms.* columns (the two name the same phases, so never both).
QStringList regressionPhaseMetrics(const HistoryStore& store);

// What `regressions` and `check` look at without --metric: build_time_ms, the phases,
// memory_rss_mb and memory_peak_mb (those present in the store).
QStringList defaultRegressionMetrics(const HistoryStore& store);

// Fills `out` for `metrics` (empty = the defaults). A 0 in a *_ms or *_mb column is Bengal's
// "not measured" (unset defaults serialize as 0; health_check_time_ms is 0 when checks are
// skipped; memory_peak_mb is 0.0 when tracing is off), so such zeros count as missing: a
// skipped health check is not a -100% step. Returns false and sets *unknown to the first
// name the store does not have.
bool buildRegressionInput(const HistoryStore& store, const QStringList& metrics,
                          RegressionInput* out, QString* unknown,
                          BuildGrouping grouping = BuildGrouping::Kind);

// The same for judgeLatest only (`check`): the store's own columns, no copies and no
// timestamps. judgeLatest treats zeros as missing itself and needs neither, and on a million
// builds the copies cost more than the judgement.
bool buildLatestInput(const HistoryStore& store, const QStringList& metrics, RegressionInput* out,
                      QString* unknown, BuildGrouping grouping = BuildGrouping::Kind);

// `regressions --json`: {"regressions": [{metric, kind, index (1-based), timestamp, before,
// after, change_pct, confidence[, phase]}]}; phase only for build_time_ms.
QJsonObject regressionsJson(const std::vector<Finding>& findings);
// The same as a readable table.
QString regressionsText(const std::vector<Finding>& findings);

// `check --json`: {"verdicts": [{metric, baseline, latest, change_pct, verdict, confidence}],
// "regression": bool}.
QJsonObject verdictsJson(const std::vector<Verdict>& verdicts);
// A Markdown table for a pull-request comment: metric, baseline, latest, change, verdict.
QString verdictsMarkdown(const std::vector<Verdict>& verdicts);
// True when any verdict is a regression (check exits 1).
bool anyRegression(const std::vector<Verdict>& verdicts);

} // namespace bengal
