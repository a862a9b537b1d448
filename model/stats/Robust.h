#pragma once

#include <span>

namespace bengal {

// Scale factor that turns a median absolute deviation into a standard deviation for normal data.
inline constexpr double kMadToSigma = 1.4826;

// Median absolute deviation of the finite values around `center` (unscaled). NaN when empty.
double medianAbsoluteDeviation(std::span<const double> values, double center);

// Noise sigma of a series that may contain steps: 1.4826 * MAD of the first differences / sqrt(2).
// Differencing removes the level, so steps and slow drift barely affect the estimate. When more
// than half the differences are zero (counts, rounded values) it falls back to the mean absolute
// difference, and returns 0 only for a constant series. NaN values are skipped.
double differenceSigma(std::span<const double> values);

// Upper tail of the standard normal distribution, P(Z > z).
double normalSurvival(double z);

// Two-sided confidence that a deviation of |z| sigmas is not noise: P(|Z| < |z|) = erf(|z|/sqrt 2).
double twoSidedConfidence(double z);

// Relative change in percent, (after - before) / |before| * 100. Bigger means worse for every
// Bengal metric. A change from exactly 0 is +/-infinity (0 when both are 0).
double relativeChangePct(double before, double after);

} // namespace bengal
