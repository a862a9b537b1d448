#include "stats/ChangePoints.h"

#include "stats/MannWhitney.h"
#include "stats/Pelt.h"
#include "stats/Quantiles.h"
#include "stats/Robust.h"
#include "stats/RollingMedian.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

// Segmentation of a long series: PELT on block means (weights = block sizes), then each change is
// placed exactly by the best single split within the blocks around it.
std::vector<qsizetype> blockedPelt(std::span<const double> z, double penalty,
                                   const ChangePointParams& p)
{
    const auto n = qsizetype(z.size());
    const qsizetype block = (n + p.maxPeltPoints - 1) / p.maxPeltPoints;
    std::vector<double> means;
    std::vector<double> weights;
    for (qsizetype b = 0; b < n; b += block) {
        const qsizetype e = std::min(n, b + block);
        double sum = 0.0;
        for (qsizetype i = b; i < e; ++i)
            sum += z[size_t(i)];
        means.push_back(sum / double(e - b));
        weights.push_back(double(e - b));
    }
    const qsizetype minBlocks = std::max<qsizetype>(1, (p.minSegment + block - 1) / block);
    const std::vector<qsizetype> coarse = peltMeanShifts(means, weights, penalty, minBlocks);
    const SegmentCost costs(z, {});
    std::vector<qsizetype> fine;
    for (size_t k = 0; k < coarse.size(); ++k) {
        const qsizetype begin = fine.empty() ? 0 : fine.back();
        const qsizetype end = k + 1 < coarse.size() ? coarse[k + 1] * block : n;
        const qsizetype lo = std::max(begin + p.minSegment, (coarse[k] - 1) * block);
        const qsizetype hi = std::min(end - p.minSegment, (coarse[k] + 1) * block);
        const qsizetype split = costs.bestSplit(begin, end, lo, hi);
        if (split > 0)
            fine.push_back(split);
    }
    return fine;
}

struct Judged
{
    double before = 0;
    double after = 0;
    double changePct = 0;
    double confidence = 0;
    qsizetype beforeBegin = 0;
    qsizetype afterEnd = 0;
    bool passes = false;
};

// Theil-Sen slope from pairs within each side only (never across the change), so a step does not
// tilt it but a ramp running through both sides does. NaN when a side is too short to tell.
// The sides are the whole neighbouring segments, not just the level windows: PELT put the change
// where the builds next to it look flattest, so a slope from those alone is biased towards 0.
double withinSidesSlope(std::span<const double> before, std::span<const double> after)
{
    constexpr size_t kMinSide = 5;
    constexpr size_t kMinBoth = 20;
    constexpr size_t kMaxSide = 150; // longer sides are thinned: ~2 * 11000 pairs at most
    if (before.size() < kMinSide || after.size() < kMinSide ||
        before.size() + after.size() < kMinBoth)
        return std::numeric_limits<double>::quiet_NaN();
    std::vector<double> slopes;
    for (const auto side : {before, after}) {
        const size_t step = (side.size() + kMaxSide - 1) / kMaxSide;
        for (size_t i = 0; i < side.size(); i += step) {
            for (size_t j = i + step; j < side.size(); j += step)
                slopes.push_back((side[j] - side[i]) / double(j - i));
        }
    }
    return medianInPlace(slopes);
}

Judged judge(std::span<const double> x, qsizetype prev, qsizetype at, qsizetype next,
             const ChangePointParams& p)
{
    Judged j;
    const qsizetype window = std::max(p.levelWindow, p.minSegment);
    j.beforeBegin = std::max(prev, at - window);
    j.afterEnd = std::min(next, at + window);
    const auto before = x.subspan(size_t(j.beforeBegin), size_t(at - j.beforeBegin));
    const auto after = x.subspan(size_t(at), size_t(j.afterEnd - at));
    j.before = median(before);
    j.after = median(after);
    j.changePct = relativeChangePct(j.before, j.after);
    j.confidence = 1.0 - mannWhitney(before, after, 10, /*withShift=*/false).pTwoSided;
    // Slow creep moves the medians of two neighbouring windows apart as well; what the local
    // slope explains (slope * distance between the window centres) is not a step.
    double stepOnly = j.changePct;
    const double slope = withinSidesSlope(x.subspan(size_t(prev), size_t(at - prev)),
                                          x.subspan(size_t(at), size_t(next - at)));
    if (std::isfinite(slope)) {
        const double centres = double(j.afterEnd - j.beforeBegin) / 2.0;
        stepOnly = relativeChangePct(j.before, j.after - slope * centres);
    }
    j.passes = std::fabs(j.changePct) >= p.minEffectPct && std::fabs(stepOnly) >= p.minEffectPct &&
               (stepOnly > 0) == (j.changePct > 0) && j.confidence >= p.minConfidence;
    return j;
}

} // namespace

std::vector<double> unitNoiseScale(std::span<const double> finiteValues, bool logScale)
{
    std::vector<double> w(finiteValues.begin(), finiteValues.end());
    const bool allPositive = std::all_of(w.begin(), w.end(), [](double v) { return v > 0.0; });
    if (logScale && allPositive) {
        for (double& v : w)
            v = std::log(v);
    }
    const double sigma = differenceSigma(w);
    if (!(sigma > 0.0))
        return {}; // a constant series has no steps
    const double center = median(w);
    for (double& v : w)
        v = (v - center) / sigma;
    return w;
}

ChangePoint judgeChangeAt(std::span<const double> finiteValues, qsizetype prev, qsizetype at,
                          qsizetype next, const ChangePointParams& params, bool* passes)
{
    const Judged j = judge(finiteValues, prev, at, next, params);
    if (passes != nullptr)
        *passes = j.passes;
    return {at, j.before, j.after, j.changePct, j.confidence, j.beforeBegin, j.afterEnd};
}

std::vector<double> despike(std::span<const double> values, qsizetype halfWidth, double limit)
{
    const auto n = qsizetype(values.size());
    std::vector<double> out(values.begin(), values.end());
    if (halfWidth <= 0 || n == 0)
        return out;
    SortedWindow window(2 * halfWidth + 1);
    for (qsizetype j = 0; j <= std::min(halfWidth, n - 1); ++j)
        window.push(values[size_t(j)]);
    for (qsizetype i = 0; i < n; ++i) {
        // window holds values [max(0, i - h), min(n - 1, i + h)]
        const double m = window.median();
        out[size_t(i)] = std::clamp(values[size_t(i)], m - limit, m + limit);
        if (i + 1 + halfWidth < n)
            window.push(values[size_t(i + 1 + halfWidth)]); // evicts i - h once the window is full
        else if (i - halfWidth >= 0)
            window.popOldest();
    }
    return out;
}

std::vector<ChangePoint> detectChangePoints(std::span<const double> values,
                                            const ChangePointParams& params)
{
    ChangePointParams p = params;
    p.minSegment = std::max<qsizetype>(2, p.minSegment);
    p.maxPeltPoints = std::max<qsizetype>(64, p.maxPeltPoints);
    std::vector<double> x;
    std::vector<qsizetype> position;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i])) {
            x.push_back(values[i]);
            position.push_back(qsizetype(i));
        }
    }
    const auto n = qsizetype(x.size());
    if (n < 2 * p.minSegment)
        return {};
    std::vector<double> z = unitNoiseScale(x, p.logScale);
    if (z.empty())
        return {};
    z = despike(z, p.despikeHalfWidth, p.despikeSigmas);
    const double penalty = p.penaltyFactor * std::log(double(n));
    std::vector<qsizetype> cps = n <= p.maxPeltPoints ? peltMeanShifts(z, {}, penalty, p.minSegment)
                                                      : blockedPelt(z, penalty, p);

    // Merge away the weakest failing change until all remaining ones pass. Only the neighbours of a
    // removed change see different levels, so only they are judged again.
    std::vector<Judged> judged(cps.size());
    auto rejudge = [&](size_t k) {
        const qsizetype prev = k == 0 ? 0 : cps[k - 1];
        const qsizetype next = k + 1 < cps.size() ? cps[k + 1] : n;
        judged[k] = judge(x, prev, cps[k], next, p);
    };
    for (size_t k = 0; k < cps.size(); ++k)
        rejudge(k);
    while (true) {
        qsizetype worst = -1;
        for (size_t k = 0; k < cps.size(); ++k) {
            if (judged[k].passes)
                continue;
            if (worst < 0 ||
                std::fabs(judged[k].changePct) < std::fabs(judged[size_t(worst)].changePct))
                worst = qsizetype(k);
        }
        if (worst < 0)
            break;
        cps.erase(cps.begin() + worst);
        judged.erase(judged.begin() + worst);
        if (worst > 0)
            rejudge(size_t(worst - 1));
        if (size_t(worst) < cps.size())
            rejudge(size_t(worst));
    }

    std::vector<ChangePoint> out;
    out.reserve(cps.size());
    for (size_t k = 0; k < cps.size(); ++k) {
        const Judged& j = judged[k];
        out.push_back({position[size_t(cps[k])], j.before, j.after, j.changePct, j.confidence,
                       position[size_t(j.beforeBegin)], position[size_t(j.afterEnd - 1)] + 1});
    }
    return out;
}

} // namespace bengal
