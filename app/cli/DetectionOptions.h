#pragma once

#include "history/HistoryStore.h"
#include "report/RegressionReport.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <vector>

namespace bengal::cli {

// The options `regressions` and `check` share about what is compared with what.

// --group kind|incremental|parallel|none (default kind).
QCommandLineOption groupOption();
// --ignore-marks: leave the intended-change marks of the local store out.
QCommandLineOption ignoreMarksOption();

// The --group value; prints a usage error and returns false for an unknown one.
bool groupingArgument(const QCommandLineParser& parser, BuildGrouping* grouping);

// The steps marked as intended changes of `historyFile` in the app's local store (the window's
// "Mark Intended Change"), as breaks of the loaded history. No store file, a store that cannot
// be opened, or --ignore-marks: none (never an error; the commands must work headless). The
// store is only opened when its file exists, so a CI machine never gets one created.
std::vector<BaselineBreak> storedBreaks(const QCommandLineParser& parser,
                                        const QString& historyFile, const HistoryStore& store);

} // namespace bengal::cli
