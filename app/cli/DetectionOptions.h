#pragma once

#include "history/HistoryStore.h"
#include "regressions/RegressionBatch.h"
#include "report/RegressionReport.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFuture>

#include <vector>

namespace bengal::cli {

// The options `regressions` and `check` share about what is compared with what.

// --group kind|incremental|parallel|none (default kind).
QCommandLineOption groupOption();
// --ignore-marks: leave the intended-change marks of the local store out.
QCommandLineOption ignoreMarksOption();

// The --group value; prints a usage error and returns false for an unknown one.
bool groupingArgument(const QCommandLineParser& parser, BuildGrouping* grouping);

// The steps marked as intended changes of the history at `path` (a file or a site folder) in
// the app's local store (the window's "Mark Intended Change"), read on a worker thread while
// the caller loads the history: opening the store costs a few milliseconds (the SQLite plugin),
// a big history much more. No store file, a store that cannot be opened, or --ignore-marks:
// none (never an error; the commands must work headless). The store is only opened when its
// file exists, so a CI machine never gets one created.
class StoredMarks
{
public:
    StoredMarks(const QCommandLineParser& parser, const QString& path);
    // Waits for the read: the store must be closed before the process exits.
    ~StoredMarks();
    StoredMarks(const StoredMarks&) = delete;
    StoredMarks& operator=(const StoredMarks&) = delete;
    // Waits for the read and finds the marked builds in the loaded history.
    std::vector<BaselineBreak> breaks(const HistoryStore& store);

private:
    QFuture<std::vector<IntendedMark>> m_marks;
    bool m_reading = false;
};

} // namespace bengal::cli
