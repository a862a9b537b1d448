#pragma once

#include "charts/ChartColumns.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bengal {

// What a trend chart shows, as a value the main window can persist (QSettings, saved views).
// Series are remembered by what is hidden, so a phase that first appears later shows up.
struct ChartOptions
{
    QStringList hiddenSeries; // metric names the user switched off
    bool stacked = false;     // phases as stacked areas (linear axis only)
    ChartXMode xMode = ChartXMode::Time;
    bool logY = false;
    // Rolling median + noise band of this metric; empty = none. A chart without the metric
    // (the memory chart and build time) shows none.
    QString medianMetric = QStringLiteral("build_time_ms");
    int medianWindow = 20;     // builds in the rolling window
    double bandMads = 3.0;     // half-width of the noise band, in MADs
    bool followLatest = false; // slide the view to keep the newest build in sight

    bool isVisible(const QString& metric) const { return !hiddenSeries.contains(metric); }

    QJsonObject toJson() const;
    // Unknown keys are ignored and bad values fall back to the defaults.
    static ChartOptions fromJson(const QJsonObject& json);
    bool operator==(const ChartOptions&) const = default;
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::ChartOptions)
