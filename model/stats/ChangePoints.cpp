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
// placed exactly by the best single split in the blocks around it, on the values themselves.
std::vector<qsizetype> blockedPelt(std::span<const double> z, std::span<const double> times,
                                   double penalty, const ChangePointParams& p)
{
    const auto n = qsizetype(z.size());
    const qsizetype block = (n + p.maxPeltPoints - 1) / p.maxPeltPoints;
    std::vector<double> means;
    std::vector<double> weights;
    std::vector<double> blockTimes;
    for (qsizetype b = 0; b < n; b += block) {
        const qsizetype e = std::min(n, b + block);
        double sum = 0.0;
        double time = 0.0;
        for (qsizetype i = b; i < e; ++i) {
            sum += z[size_t(i)];
            time += times[size_t(i)];
        }
        means.push_back(sum / double(e - b));
        weights.push_back(double(e - b));
        blockTimes.push_back(time / double(e - b));
    }
    const qsizetype minBlocks = std::max<qsizetype>(1, (p.minSegment + block - 1) / block);
    const std::vector<qsizetype> coarse =
        peltSegments(SegmentCost(means, weights, p.segmentModel, blockTimes), penalty, minBlocks);
    std::vector<qsizetype> fine;
    for (size_t k = 0; k < coarse.size(); ++k) {
        const qsizetype begin = fine.empty() ? 0 : fine.back();
        const qsizetype end = k + 1 < coarse.size() ? coarse[k + 1] * block : n;
        const qsizetype lo = std::max(begin + p.minSegment, (coarse[k] - 1) * block);
        const qsizetype hi = std::min(end - p.minSegment, (coarse[k] + 1) * block);
        if (lo > hi)
            continue;
        // Costs over a local stretch only: the line model's sums must stay small.
        const qsizetype from = std::max(begin, lo - 2 * block);
        const qsizetype to = std::min(end, hi + 2 * block);
        const SegmentCost local(z.subspan(size_t(from), size_t(to - from)), {}, p.segmentModel,
                                times.subspan(size_t(from), size_t(to - from)));
        const qsizetype split = local.bestSplit(0, to - from, lo - from, hi - from);
        if (split >= 0)
            fine.push_back(from + split);
    }
    return fine;
}

// The line model lets a segment tilt towards a neighbouring step, which blurs where the step
// starts. Each change is therefore placed again by the constant-level split of the builds next to
// it (at most levelWindow each side, within 2 * minSegment of where PELT put it), the sharper
// estimate of a jump's position.
void placeSharply(std::span<const double> z, std::vector<qsizetype>& cps,
                  const ChangePointParams& p)
{
    const auto n = qsizetype(z.size());
    const qsizetype window = std::max(p.levelWindow, p.minSegment);
    for (size_t k = 0; k < cps.size(); ++k) {
        const qsizetype prev = k == 0 ? 0 : cps[k - 1];
        const qsizetype next = k + 1 < cps.size() ? cps[k + 1] : n;
        const qsizetype from = std::max(prev, cps[k] - window);
        const qsizetype to = std::min(next, cps[k] + window);
        const qsizetype lo = std::max(from + p.minSegment, cps[k] - 2 * p.minSegment);
        const qsizetype hi = std::min(to - p.minSegment, cps[k] + 2 * p.minSegment);
        if (lo > hi)
            continue;
        const SegmentCost local(z.subspan(size_t(from), size_t(to - from)));
        cps[k] = from + local.bestSplit(0, to - from, lo - from, hi - from);
    }
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

// The slope of a creep running through a change: Theil-Sen over pairs within each of the two
// neighbouring segments only (never across the change, so the step itself does not tilt it); 0
// when the segments are too short to tell. With the line segment model a ramp is one segment, so
// these segments are not treads of a staircase chosen to look flat.
double creepSlope(std::span<const double> x, std::span<const double> times, qsizetype prev,
                  qsizetype at, qsizetype next)
{
    constexpr qsizetype kMinSide = 5;
    constexpr qsizetype kMinBoth = 20;
    constexpr qsizetype kMaxSide = 150; // longer sides are thinned: ~2 * 11000 pairs at most
    if (at - prev < kMinSide || next - at < kMinSide || next - prev < kMinBoth)
        return 0.0;
    std::vector<double> slopes;
    for (const auto& [begin, end] : {std::pair{prev, at}, std::pair{at, next}}) {
        const qsizetype step = (end - begin + kMaxSide - 1) / kMaxSide;
        for (qsizetype i = begin; i < end; i += step) {
            for (qsizetype j = i + step; j < end; j += step) {
                const double dt = times[size_t(j)] - times[size_t(i)];
                if (dt > 0.0)
                    slopes.push_back((x[size_t(j)] - x[size_t(i)]) / dt);
            }
        }
    }
    return slopes.empty() ? 0.0 : medianInPlace(slopes);
}

Judged judge(std::span<const double> x, std::span<const double> times, qsizetype prev, qsizetype at,
             qsizetype next, const ChangePointParams& p)
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
    const double slope = creepSlope(x, times, prev, at, next);
    auto middle = [&](qsizetype a, qsizetype b) {
        return (times[size_t(a)] + times[size_t(b - 1)]) / 2;
    };
    const double centres = middle(at, j.afterEnd) - middle(j.beforeBegin, at);
    const double stepOnly = relativeChangePct(j.before, j.after - slope * centres);
    j.passes = std::fabs(j.changePct) >= p.minEffectPct && std::fabs(stepOnly) >= p.minEffectPct &&
               (stepOnly > 0) == (j.changePct > 0) && j.confidence >= p.minConfidence;
    return j;
}

std::vector<double> timesOf(std::span<const qsizetype> times, size_t count)
{
    std::vector<double> t(count);
    for (size_t i = 0; i < count; ++i)
        t[i] = times.empty() ? double(i) : double(times[i]);
    return t;
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

ChangePoint judgeChangeAt(std::span<const double> finiteValues, std::span<const qsizetype> times,
                          qsizetype prev, qsizetype at, qsizetype next,
                          const ChangePointParams& params, bool* passes)
{
    const std::vector<double> t = timesOf(times, finiteValues.size());
    const Judged j = judge(finiteValues, t, prev, at, next, params);
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
                                            const ChangePointParams& params,
                                            std::span<const qsizetype> times)
{
    ChangePointParams p = params;
    p.minSegment = std::max<qsizetype>(2, p.minSegment);
    p.maxPeltPoints = std::max<qsizetype>(64, p.maxPeltPoints);
    std::vector<double> x;
    std::vector<double> t; // time of each finite value
    std::vector<qsizetype> position;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i])) {
            x.push_back(values[i]);
            t.push_back(times.empty() ? double(i) : double(times[i]));
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
    std::vector<qsizetype> cps =
        n <= p.maxPeltPoints
            ? peltSegments(SegmentCost(z, {}, p.segmentModel, t), penalty, p.minSegment)
            : blockedPelt(z, t, penalty, p);
    placeSharply(z, cps, p);

    // Merge away the weakest failing change until all remaining ones pass. Only the neighbours of a
    // removed change see different levels, so only they are judged again.
    std::vector<Judged> judged(cps.size());
    auto rejudge = [&](size_t k) {
        const qsizetype prev = k == 0 ? 0 : cps[k - 1];
        const qsizetype next = k + 1 < cps.size() ? cps[k + 1] : n;
        judged[k] = judge(x, t, prev, cps[k], next, p);
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
