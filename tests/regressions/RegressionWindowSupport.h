// Helpers of the offscreen window tests of the regressions panel.
#pragma once

#include "MainWindow.h"
#include "RegressionTestData.h"
#include "regressions/RegressionModel.h"
#include "regressions/RegressionScanner.h"
#include "regressions/RegressionsController.h"

#include <QSignalSpy>
#include <QTemporaryDir>

namespace regressiontest {

// Opens `path` and waits for the first findings.
inline bool openAndDetect(bengal::MainWindow& window, const QString& path)
{
    QSignalSpy findings(window.regressions()->scanner(), &bengal::RegressionScanner::findingsReady);
    if (!window.openPath(path))
        return false;
    return findings.wait(20000);
}

// Waits for the run a change started.
inline bool nextFindings(bengal::MainWindow& window)
{
    QSignalSpy findings(window.regressions()->scanner(), &bengal::RegressionScanner::findingsReady);
    return findings.wait(20000);
}

// The model row of a finding of `metric` and `kind` (at build `index` unless -1), or -1.
inline int rowOf(const bengal::RegressionModel& model, const QString& metric,
                 bengal::Finding::Kind kind, qsizetype index = -1)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const bengal::Finding& f = model.item(row).finding;
        if (f.metric == metric && f.kind == kind && (index < 0 || f.index == index))
            return row;
    }
    return -1;
}

inline QString writeHistoryIn(const QTemporaryDir& dir, const QString& name,
                              const HistorySpec& spec)
{
    const QString path = dir.filePath(name);
    writeFile(path, history(spec));
    return path;
}

} // namespace regressiontest
