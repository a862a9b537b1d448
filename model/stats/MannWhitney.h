#pragma once

#include <QtGlobal>

#include <span>

namespace bengal {

// Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples: "is B really slower than A".
// Rank-based, so a few outliers cannot make a difference significant, and no normality is assumed.
struct MannWhitneyResult
{
    qsizetype countA = 0; // finite values used
    qsizetype countB = 0;
    double uB = 0;          // U of B: pairs (a, b) with b > a, ties counted as 1/2
    double uA = 0;          // countA * countB - uB
    double z = 0;           // normal approximation of uB with continuity correction (0 when exact)
    double pTwoSided = 1.0; // H1: the distributions differ
    double pGreater = 1.0;  // H1: B tends to be larger than A (for us: slower / bigger = worse)
    double pLess = 1.0;     // H1: B tends to be smaller than A
    double hodgesLehmann;   // median of all differences b - a: the shift estimate (NaN when empty)
    bool exact = false;     // p values from the exact null distribution (small samples, no ties)
};

// NaN values are skipped. With no ties and at most `exactLimit` values in each sample the p values
// are exact (as scipy's method="exact"); otherwise the normal approximation with tie correction
// and continuity correction (scipy's method="asymptotic", use_continuity=True). Either sample
// empty gives p = 1.
// withShift = false skips the Hodges-Lehmann estimate (left NaN), the costly part for long samples.
MannWhitneyResult mannWhitney(std::span<const double> a, std::span<const double> b,
                              int exactLimit = 10, bool withShift = true);

// Hodges-Lehmann shift: median of b_j - a_i over all pairs. For more than 2^20 pairs both samples
// are thinned to evenly spaced order statistics first, which keeps it O(n log n) on long segments.
double hodgesLehmannShift(std::span<const double> a, std::span<const double> b);

} // namespace bengal
