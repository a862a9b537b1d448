#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

struct PointAlertParams
{
    qsizetype baselineWindow = 20; // the baseline is the median of this many previous builds
    qsizetype spreadWindow = 100;  // the spread also looks this far back (a 20-build MAD is shaky)
    qsizetype minBaseline = 10;    // fewer previous builds: no judgement
    double sigmas = 4.5;           // |x - baseline| must exceed this many robust sigmas ...
    double minEffectPct = 5.0;     // ... and be at least this relative change
    bool logScale = true;          // judge log(values) when all are > 0 (multiplicative noise)
};

struct PointAlert
{
    qsizetype index; // position in the input span
    double baseline; // median of the previous baselineWindow finite values
    double value;
    double changePct;  // relativeChangePct(baseline, value)
    double sigma;      // robust spread used (1.4826 * MAD), in log units when logScale applied
    double zScore;     // deviation from the baseline in sigmas; +/-inf when sigma is 0
    double confidence; // twoSidedConfidence(zScore)
};

// Builds far from their trailing baseline. The spread is the largest of 1.4826 * MAD of the last
// baselineWindow builds, of the last spreadWindow builds (each around its own median) and the noise
// sigma of the whole series from its first differences (differenceSigma; robust to steps). A MAD
// of 20 values is too often small by chance, which alone would raise a false alert every few
// hundred builds at 4.5 sigmas; even one of 100 values does every few thousand. Positive series are
// judged on log(values), where multiplicative noise is symmetric: otherwise the long right tail of
// build times alone alerts several times too often. NaN values are skipped and never alerted.
std::vector<PointAlert> detectPointAlerts(std::span<const double> values,
                                          const PointAlertParams& params = {});

// Judges a single value against the finite `history` values before it (oldest first, the last
// baselineWindow / spreadWindow of them are used; the difference sigma floor comes from the
// spreadWindow values only, so the cost does not grow with the history). Returns false when there
// are fewer than minBaseline; otherwise fills `out` (index -1) whether or not it is an alert.
bool judgeAgainstBaseline(std::span<const double> history, double value,
                          const PointAlertParams& params, PointAlert& out);

// Whether a judged value is an alert under `params` (both the sigma and the effect rule).
bool isAlert(const PointAlert& judged, const PointAlertParams& params);

} // namespace bengal
