#pragma once

#include "report/RegressionReport.h"

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

class HistoryStore;
struct RunRecord;

// "Confirm" (issue 6): before anyone files a regression, the build is run again a few times
// and the new figures are tested against the builds before the finding with Mann–Whitney.

// The builds a confirm run is judged against: up to `count` builds of the same group as the
// build at `findingRow` under `grouping` (by default its kind, incremental × parallel: what
// detection compared it with), the newest before it, none before `notBefore` (the latest
// intended change of the metric: a new baseline starts there).
// Builds without the metric (NaN, or the 0 Bengal writes for "not measured") are skipped.
struct ConfirmBaseline
{
    std::vector<double> values;
    std::vector<qsizetype> rows;
};
ConfirmBaseline confirmBaseline(const HistoryStore& store, const QString& metric,
                                qsizetype findingRow, int count = 20, qsizetype notBefore = -1,
                                BuildGrouping grouping = BuildGrouping::Kind);

// One confirm run's figure for `metric`: build_time_ms is the run's wall time; a phase
// (`rendering_time_ms`, ...) is the summed duration of the logger phases Bengal's record files
// under that key; memory_rss_mb is the tree's peak RSS. NaN when the run has no such figure.
double confirmRunValue(const RunRecord& record, const QString& metric);
// True when confirmRunValue can give a figure for the metric at all.
bool canConfirmMetric(const QString& metric);

struct ConfirmVerdict
{
    enum class State
    {
        Slower,    // one-sided p < alpha, and the medians differ by at least minEffectPct
        NotSlower, // no significant or no relevant increase: the finding is not reproduced
        TooFew     // fewer than 3 runs or 3 baseline builds: nothing can be said
    };
    State state = State::TooFew;
    qsizetype baselineCount = 0;
    qsizetype runCount = 0;
    double baselineMedian = 0;
    double runMedian = 0;
    double changePct = 0; // of the medians
    double pSlower = 1;   // one-sided Mann–Whitney p: the runs tend to be larger
    double pTwoSided = 1;
    double smallestP = 1; // the smallest one-sided p these sample sizes can give (no ties)
    bool exact = false;
};

ConfirmVerdict judgeConfirmRuns(std::span<const double> baseline, std::span<const double> runs,
                                double minEffectPct = 5.0, double alpha = 0.05);

class ConfirmText
{
    Q_DECLARE_TR_FUNCTIONS(ConfirmText)
public:
    // A short verdict for the dialog: state, medians, change, p-values; plain text.
    static QString describe(const ConfirmVerdict& verdict, const QString& metric);
};

} // namespace bengal
