#include "stats/MannWhitney.h"

#include "stats/Quantiles.h"
#include "stats/Robust.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace bengal {

namespace {

// Number of arrangements of m A's and n B's for each value u of U: the coefficients of the Gaussian
// binomial [m+n choose m]_q = prod_{k=1..m} (1 - q^(n+k)) / (1 - q^k). Exact in doubles for the
// sample sizes we allow (the total is C(m+n, m) < 2^53).
std::vector<double> exactUCounts(qsizetype m, qsizetype n)
{
    std::vector<double> c(size_t(m * n + 1), 0.0);
    c[0] = 1.0;
    // Coefficient d only ever depends on coefficients <= d, so working truncated at degree m*n
    // (the degree of the result) is exact.
    for (qsizetype k = 1; k <= m; ++k) {
        // multiply by (1 - q^(n+k))
        const qsizetype shift = n + k;
        for (qsizetype d = m * n; d >= shift; --d)
            c[size_t(d)] -= c[size_t(d - shift)];
        // divide by (1 - q^k): a running sum with stride k (the division is exact)
        for (qsizetype d = k; d <= m * n; ++d)
            c[size_t(d)] += c[size_t(d - k)];
    }
    return c;
}

// P(U >= u) under H0 for the exact distribution.
double exactUpperTail(const std::vector<double>& counts, double u)
{
    double total = 0.0;
    double tail = 0.0;
    for (size_t d = 0; d < counts.size(); ++d) {
        total += counts[d];
        if (double(d) >= u - 1e-9)
            tail += counts[d];
    }
    return tail / total;
}

} // namespace

double hodgesLehmannShift(std::span<const double> a, std::span<const double> b)
{
    std::vector<double> fa = finiteValues(a);
    std::vector<double> fb = finiteValues(b);
    if (fa.empty() || fb.empty())
        return std::numeric_limits<double>::quiet_NaN();
    constexpr double kMaxPairs = double(1 << 20);
    auto thin = [](std::vector<double>& v, size_t keep) {
        if (v.size() <= keep)
            return;
        std::sort(v.begin(), v.end());
        std::vector<double> out(keep);
        for (size_t i = 0; i < keep; ++i)
            out[i] = v[size_t((double(i) + 0.5) * double(v.size()) / double(keep))];
        v.swap(out);
    };
    if (double(fa.size()) * double(fb.size()) > kMaxPairs) {
        const double scale = std::sqrt(kMaxPairs / (double(fa.size()) * double(fb.size())));
        thin(fa, std::max<size_t>(1, size_t(double(fa.size()) * scale)));
        thin(fb, std::max<size_t>(1, size_t(double(fb.size()) * scale)));
    }
    std::vector<double> diffs;
    diffs.reserve(fa.size() * fb.size());
    for (double y : fb) {
        for (double x : fa)
            diffs.push_back(y - x);
    }
    return medianInPlace(diffs);
}

MannWhitneyResult mannWhitney(std::span<const double> a, std::span<const double> b, int exactLimit,
                              bool withShift)
{
    MannWhitneyResult r;
    r.hodgesLehmann =
        withShift ? hodgesLehmannShift(a, b) : std::numeric_limits<double>::quiet_NaN();
    // Pool the samples, tagged by origin, and rank them with average ranks for ties.
    std::vector<std::pair<double, bool>> pooled; // (value, isB)
    pooled.reserve(a.size() + b.size());
    for (double v : a) {
        if (std::isfinite(v))
            pooled.emplace_back(v, false);
    }
    r.countA = qsizetype(pooled.size());
    for (double v : b) {
        if (std::isfinite(v))
            pooled.emplace_back(v, true);
    }
    r.countB = qsizetype(pooled.size()) - r.countA;
    if (r.countA == 0 || r.countB == 0)
        return r;
    std::sort(pooled.begin(), pooled.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    const double n = double(pooled.size());
    double rankSumB = 0.0;
    double tieTerm = 0.0; // sum of t^3 - t over tie groups
    for (size_t i = 0; i < pooled.size();) {
        size_t j = i;
        while (j < pooled.size() && pooled[j].first == pooled[i].first)
            ++j;
        const double t = double(j - i);
        const double averageRank = (double(i + 1) + double(j)) / 2.0;
        for (size_t k = i; k < j; ++k) {
            if (pooled[k].second)
                rankSumB += averageRank;
        }
        tieTerm += t * t * t - t;
        i = j;
    }
    const double na = double(r.countA);
    const double nb = double(r.countB);
    r.uB = rankSumB - nb * (nb + 1.0) / 2.0;
    r.uA = na * nb - r.uB;

    if (tieTerm == 0.0 && r.countA <= exactLimit && r.countB <= exactLimit) {
        const std::vector<double> counts = exactUCounts(r.countA, r.countB);
        r.exact = true;
        r.pGreater = exactUpperTail(counts, r.uB); // the distribution of U is symmetric
        r.pLess = exactUpperTail(counts, r.uA);
        r.pTwoSided = std::min(1.0, 2.0 * exactUpperTail(counts, std::max(r.uA, r.uB)));
        return r;
    }
    const double mu = na * nb / 2.0;
    const double variance = na * nb / 12.0 * ((n + 1.0) - tieTerm / (n * (n - 1.0)));
    if (variance <= 0.0) // every value tied: no evidence either way
        return r;
    const double sd = std::sqrt(variance);
    r.z = (r.uB - mu) / sd;
    r.pGreater = normalSurvival((r.uB - mu - 0.5) / sd);
    r.pLess = normalSurvival((r.uA - mu - 0.5) / sd);
    r.pTwoSided = std::min(1.0, 2.0 * normalSurvival((std::max(r.uA, r.uB) - mu - 0.5) / sd));
    return r;
}

} // namespace bengal
