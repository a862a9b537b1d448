#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

// Quantiles exactly as numpy computes them by default (method "linear", Hyndman & Fan type 7):
// h = (n - 1) * q, interpolated between the closest ranks floor(h) and floor(h) + 1 with numpy's
// own lerp (a + (b - a) * t for t < 0.5, b - (b - a) * (1 - t) otherwise), so results agree with
// numpy.quantile to the last bit. NaN marks a missing value and is skipped everywhere.

// The finite values of `values`, in their original order.
std::vector<double> finiteValues(std::span<const double> values);

// Quantile of already sorted finite values; NaN when empty. q is clamped to [0, 1].
double quantileOfSorted(std::span<const double> sorted, double q);

// Quantile of finite values in any order; reorders them (nth_element, O(n)). NaN when empty.
double quantileInPlace(std::span<double> values, double q);

// Quantile of values with NaN skipped (copies). NaN when there is no finite value.
double quantile(std::span<const double> values, double q);

// Median as numpy.median / statistics.median compute it: the middle value, or the mean (a + b) / 2
// of the two middle values. Reorders; NaN when empty.
double medianInPlace(std::span<double> values);
double medianOfSorted(std::span<const double> sorted);
double median(std::span<const double> values); // NaN skipped, copies

// The numbers `bengal-perf summary` reports for one metric.
struct MetricSummary
{
    qsizetype count = 0; // finite values
    double min;
    double median; // numpy.median
    double p90;    // numpy.quantile(values, 0.9)
    double max;
    double mean; // compensated (Neumaier) sum / count
    double last; // the last finite value in time order
};

// Summary of a time-ordered column; NaN values are skipped. count 0 gives NaN everywhere else.
// O(n): one pass plus two selections, no full sort.
MetricSummary summarize(std::span<const double> timeOrderedValues);

} // namespace bengal
