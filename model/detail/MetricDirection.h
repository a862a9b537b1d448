#pragma once

#include "report/MetricUnits.h"

#include <QString>

#include <limits>

namespace bengal {

// Which way a metric is good. Times, memory and counts of work (pages rendered, cache misses)
// are worse when bigger; cache hits, time saved and throughput are better when bigger; the size
// of the site (total pages, assets, sections) is neither.
enum class Polarity
{
    BiggerIsWorse,
    BiggerIsBetter,
    Neutral
};

// How a change reads for the user; drives the red / green / grey colours.
enum class Direction
{
    Unknown, // a value is missing
    Same,    // within the neutral band, or a metric without polarity
    Worse,
    Better
};

Polarity polarityOf(const QString& metric);
// "bigger is worse" ... for tooltips.
QString polarityText(Polarity polarity);

// One value against a reference. `delta` = value - reference; `percent` = delta / |reference|
// * 100, so a positive number always means bigger (slower for times) whatever the sign of the
// reference; NaN when the reference is 0 or either value is missing.
struct Change
{
    double reference = std::numeric_limits<double>::quiet_NaN();
    double value = std::numeric_limits<double>::quiet_NaN();
    double delta = std::numeric_limits<double>::quiet_NaN();
    double percent = std::numeric_limits<double>::quiet_NaN();
    Direction direction = Direction::Unknown;

    bool isValid() const { return direction != Direction::Unknown; }
};

// Changes smaller than this (in percent of the reference) are shown as "about the same".
inline constexpr double kDefaultNeutralPercent = 2.0;

Change computeChange(double reference, double value, Polarity polarity,
                     double neutralPercent = kDefaultNeutralPercent);

// "+12.5 ms" and "−3.1 %": signed texts with a typographic minus; "–" for a missing value.
QString formatSignedValue(double delta, MetricUnit unit);
QString formatSignedPercent(double percent);

} // namespace bengal
