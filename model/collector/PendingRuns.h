#pragma once

#include <QString>
#include <QStringList>

namespace bengal {

class CollectorRunsRepository;
struct RunFiling;

// collector.jsonl beside a history file.
QString collectorLogPath(const QString& historyPath);

// What became of a run's lines in the local store.
struct KeptRunLines
{
    int pending = 0;          // lines that could not be appended, kept to be written later
    bool storeFailed = false; // the store could not take a line (the caller says so)
};

// Records a filed run's lines in the local store (CollectorRunsRepository): the lines whose
// append failed as pending, the others as written, so the store keeps every run.
KeptRunLines keepRunLines(CollectorRunsRepository& runs, const QString& historyPath,
                          const RunFiling& filing);

struct PendingWriteResult
{
    int written = 0;
    int failed = 0;     // still pending after this attempt
    QStringList errors; // one per file that refused, "<path>: <reason>"
};

// Appends every pending line (all histories', or one history's) to its file, in the order the
// lines were produced, and marks it written. After the first failure for a file the file's
// later lines wait too, so a file never gets them out of order.
PendingWriteResult writePendingRuns(CollectorRunsRepository& runs, const QString& historyPath = {});

// One sentence for the user: how many were written, and why the others were not.
QString describePendingWrite(const PendingWriteResult& result);

} // namespace bengal
