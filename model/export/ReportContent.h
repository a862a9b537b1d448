#pragma once

#include "report/SummaryReport.h"
#include "stats/RegressionDetector.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace bengal {

class HistoryStore;

// A table of a report, already formatted for people (plain text cells, never markup).
struct ReportTable
{
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<bool> numeric; // per column: right-aligned
};

// One section of a report: a heading, paragraphs of plain text, an optional table, and
// optionally the place where a chart goes.
struct ReportSection
{
    enum class Chart
    {
        None,
        Phases,
        Memory
    };
    QString title;
    QStringList paragraphs;
    ReportTable table;
    Chart chart = Chart::None;
};

// What `bengal-perf report` says about a history, independent of HTML or Markdown: the facts
// (file, builds, dates), the summary table, the charts' places, the latest build against the
// median of the last comparable builds (judgeLatest), and the steps, alerts and trends
// detectRegressions finds in the covered builds. Every string is plain text.
struct ReportDocument
{
    QString title;
    QStringList facts; // "Builds: 38", ...
    std::vector<ReportSection> sections;
};

struct ReportParams
{
    int baselineWindow = 20;   // comparable builds the latest is measured against
    double thresholdPct = 5.0; // smallest change the verdicts and findings report
    int maxFindingRows = 50;   // newest first; the rest are counted
    // Steps marked as intended changes (store rows), as `regressions` and the window honour
    // them: the latest build and the findings are judged only against builds since the mark.
    std::vector<BaselineBreak> breaks;
};

ReportDocument buildReport(const HistoryStore& store, const QString& sourcePath, BuildRange range,
                           const ReportParams& params = {});

} // namespace bengal
