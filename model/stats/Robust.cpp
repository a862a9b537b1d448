#include "stats/Robust.h"

#include "stats/Quantiles.h"

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace bengal {

double medianAbsoluteDeviation(std::span<const double> values, double center)
{
    std::vector<double> deviations;
    deviations.reserve(values.size());
    for (double v : values) {
        if (std::isfinite(v))
            deviations.push_back(std::fabs(v - center));
    }
    return medianInPlace(deviations);
}

double differenceSigma(std::span<const double> values)
{
    std::vector<double> diffs;
    diffs.reserve(values.size());
    double previous = std::numeric_limits<double>::quiet_NaN();
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        if (std::isfinite(previous))
            diffs.push_back(std::fabs(v - previous));
        previous = v;
    }
    if (diffs.empty())
        return 0.0;
    double meanAbs = 0.0;
    for (double d : diffs)
        meanAbs += d;
    meanAbs /= double(diffs.size());
    const double mad = medianInPlace(diffs); // diffs are >= 0, so their median is the MAD of d
    if (mad > 0.0)
        return kMadToSigma * mad / std::sqrt(2.0);
    // E|X - Y| = 2 sigma / sqrt(pi) for independent normal X, Y.
    return meanAbs * std::sqrt(std::numbers::pi) / 2.0;
}

double normalSurvival(double z)
{
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

double twoSidedConfidence(double z)
{
    if (std::isnan(z))
        return 0.0;
    return std::erf(std::fabs(z) / std::sqrt(2.0));
}

double relativeChangePct(double before, double after)
{
    if (!std::isfinite(before) || !std::isfinite(after))
        return std::numeric_limits<double>::quiet_NaN();
    const double delta = after - before;
    if (before == 0.0) {
        if (delta == 0.0)
            return 0.0;
        return std::copysign(std::numeric_limits<double>::infinity(), delta);
    }
    return delta / std::fabs(before) * 100.0;
}

} // namespace bengal
