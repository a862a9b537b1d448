#include "stats/Quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// numpy's _lerp: symmetric in how it rounds, and exact at t == 0 and t == 1.
double numpyLerp(double a, double b, double t)
{
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

struct Ranks
{
    qsizetype below; // floor(h)
    qsizetype above; // floor(h) + 1, clipped to n - 1
    double gamma;    // h - floor(h)
};

Ranks ranksFor(qsizetype n, double q)
{
    q = std::clamp(q, 0.0, 1.0);
    const double h = double(n - 1) * q;
    const double below = std::floor(h);
    const auto lo = std::min(qsizetype(below), n - 1);
    return {lo, std::min(lo + 1, n - 1), h - below};
}

} // namespace

std::vector<double> finiteValues(std::span<const double> values)
{
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values) {
        if (std::isfinite(v))
            out.push_back(v);
    }
    return out;
}

double quantileOfSorted(std::span<const double> sorted, double q)
{
    if (sorted.empty() || std::isnan(q))
        return kNaN;
    const Ranks r = ranksFor(qsizetype(sorted.size()), q);
    return numpyLerp(sorted[r.below], sorted[r.above], r.gamma);
}

double quantileInPlace(std::span<double> values, double q)
{
    if (values.empty() || std::isnan(q))
        return kNaN;
    const Ranks r = ranksFor(qsizetype(values.size()), q);
    auto nth = values.begin() + r.below;
    std::nth_element(values.begin(), nth, values.end());
    const double a = *nth;
    // After nth_element everything right of nth is >= a, so the next rank is their minimum.
    const double b = r.above == r.below ? a : *std::min_element(nth + 1, values.end());
    return numpyLerp(a, b, r.gamma);
}

double quantile(std::span<const double> values, double q)
{
    std::vector<double> finite = finiteValues(values);
    return quantileInPlace(finite, q);
}

double medianOfSorted(std::span<const double> sorted)
{
    const auto n = sorted.size();
    if (n == 0)
        return kNaN;
    if (n % 2 == 1)
        return sorted[n / 2];
    return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

double medianInPlace(std::span<double> values)
{
    const auto n = values.size();
    if (n == 0)
        return kNaN;
    auto mid = values.begin() + qsizetype(n / 2);
    std::nth_element(values.begin(), mid, values.end());
    if (n % 2 == 1)
        return *mid;
    const double lower = *std::max_element(values.begin(), mid);
    return (lower + *mid) / 2.0;
}

double median(std::span<const double> values)
{
    std::vector<double> finite = finiteValues(values);
    return medianInPlace(finite);
}

MetricSummary summarize(std::span<const double> timeOrderedValues)
{
    MetricSummary s{0, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
    std::vector<double> finite = finiteValues(timeOrderedValues);
    if (finite.empty())
        return s;
    s.count = qsizetype(finite.size());
    s.last = finite.back();
    // Neumaier summation keeps the mean within an ulp or two of the exact value on 1M values.
    double sum = 0.0;
    double compensation = 0.0;
    double lo = finite.front();
    double hi = finite.front();
    for (double v : finite) {
        const double t = sum + v;
        compensation += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    s.min = lo;
    s.max = hi;
    s.mean = (sum + compensation) / double(s.count);
    s.p90 = quantileInPlace(finite, 0.9);
    s.median = medianInPlace(finite);
    return s;
}

} // namespace bengal
