#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

struct TrendParams
{
    qsizetype window = 200;     // judged windows span this many builds of the time coordinate
    double thresholdPct = 10.0; // flagged when the fitted change over a window is at least this
    double maxPValue = 0.001;   // ... and Mann-Kendall says it is not noise at this level
    qsizetype minLength = 20;   // windows (or stretches between steps) with fewer values are
                                // not judged
    qsizetype maxPoints = 600;  // longer fits use this many evenly spaced values (O(k^2) pairs)
};

struct TrendFit
{
    qsizetype first = -1; // input positions of the first and last value of the fitted range
    qsizetype last = -1;
    qsizetype count = 0; // finite values in the range
    double slope = 0;    // Theil-Sen slope per unit of the time coordinate (per build)
    double level = 0;    // median of the range
    double before = 0;   // the fitted line at the first and last value
    double after = 0;
    double changePct = 0; // slope * (x_last - x_first) / |level| * 100: change over the range
    double per100Pct = 0; // slope * 100 / |level| * 100: change per 100 builds
    double pValue = 1.0;  // two-sided Mann-Kendall p (tie-corrected normal approximation)
};

// Theil-Sen line and Mann-Kendall test over the finite values. `x` is the time coordinate of
// each value (the same length, increasing), e.g. the full-history index of a group's builds, so
// slopes are "per build of the history" whatever share of builds the group has; empty means the
// rank 0, 1, 2, ... Robust: up to ~29% of the points can be outliers without moving the slope.
TrendFit fitTrend(std::span<const double> values, std::span<const qsizetype> x = {},
                  qsizetype maxPoints = 600);

// Slow creep that no single step explains. `breaks` are input positions where a step starts (from
// detectChangePoints): windows never cross them, so a step is never mistaken for a trend. Each
// stretch between breaks is cut into windows of `window` units of x aligned at its end (the
// newest window is always complete); flagged windows next to each other with the same sign are
// merged and refitted. Returns only flagged trends, oldest first.
std::vector<TrendFit> detectTrends(std::span<const double> values, std::span<const qsizetype> x,
                                   std::span<const qsizetype> breaks,
                                   const TrendParams& params = {});

} // namespace bengal
