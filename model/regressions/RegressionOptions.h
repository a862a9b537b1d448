#pragma once

#include "report/RegressionReport.h"

#include <QString>
#include <QStringList>

namespace bengal {

// What the user chose to analyse for one history in the window: the metrics and the grouping.
// Remembered per history in QSettings (a view preference, like the charts' options), not in the
// store: nothing else reads it.
struct RegressionOptions
{
    QStringList metrics; // empty: defaultRegressionMetrics
    BuildGrouping grouping = BuildGrouping::Kind;

    friend bool operator==(const RegressionOptions&, const RegressionOptions&) = default;

    // The stored choice for the history (the defaults when there is none).
    static RegressionOptions load(const QString& historyPath);
    // Stores the choice; the defaults remove the entry.
    void save(const QString& historyPath) const;
};

} // namespace bengal
