#include "stats/Trend.h"

#include "stats/Quantiles.h"
#include "stats/Robust.h"

#include <algorithm>
#include <cmath>

namespace bengal {

namespace {

struct Point
{
    double x;
    double y;
};

// Two-sided Mann-Kendall p for the points (in x order).
double mannKendallP(const std::vector<Point>& pts)
{
    const auto m = double(pts.size());
    if (pts.size() < 3)
        return 1.0;
    double s = 0.0;
    for (size_t i = 0; i < pts.size(); ++i) {
        for (size_t j = i + 1; j < pts.size(); ++j)
            s += pts[j].y > pts[i].y ? 1.0 : (pts[j].y < pts[i].y ? -1.0 : 0.0);
    }
    std::vector<double> ys;
    ys.reserve(pts.size());
    for (const Point& p : pts)
        ys.push_back(p.y);
    std::sort(ys.begin(), ys.end());
    double tieTerm = 0.0;
    for (size_t i = 0; i < ys.size();) {
        size_t j = i;
        while (j < ys.size() && ys[j] == ys[i])
            ++j;
        const double t = double(j - i);
        tieTerm += t * (t - 1.0) * (2.0 * t + 5.0);
        i = j;
    }
    const double variance = (m * (m - 1.0) * (2.0 * m + 5.0) - tieTerm) / 18.0;
    if (variance <= 0.0 || s == 0.0)
        return 1.0;
    const double z = (s - std::copysign(1.0, s)) / std::sqrt(variance);
    return std::min(1.0, 2.0 * normalSurvival(std::fabs(z)));
}

} // namespace

TrendFit fitTrend(std::span<const double> values, qsizetype maxPoints)
{
    TrendFit fit;
    std::vector<Point> all;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i])) {
            if (fit.first < 0)
                fit.first = qsizetype(i);
            fit.last = qsizetype(i);
            all.push_back({double(all.size()), values[i]});
        }
    }
    fit.count = qsizetype(all.size());
    if (all.empty())
        return fit;
    std::vector<double> ys;
    ys.reserve(all.size());
    for (const Point& p : all)
        ys.push_back(p.y);
    fit.level = medianInPlace(ys);
    fit.before = fit.after = fit.level;
    if (all.size() < 3)
        return fit;
    // Thin to evenly spaced builds (keeping their true x) so the pairwise work stays bounded.
    std::vector<Point> pts;
    const auto keep = size_t(std::max<qsizetype>(3, maxPoints));
    if (all.size() > keep) {
        for (size_t k = 0; k < keep; ++k)
            pts.push_back(all[k * (all.size() - 1) / (keep - 1)]);
    } else {
        pts = all;
    }
    std::vector<double> slopes;
    slopes.reserve(pts.size() * (pts.size() - 1) / 2);
    for (size_t i = 0; i < pts.size(); ++i) {
        for (size_t j = i + 1; j < pts.size(); ++j)
            slopes.push_back((pts[j].y - pts[i].y) / (pts[j].x - pts[i].x));
    }
    fit.slope = medianInPlace(slopes);
    std::vector<double> intercepts;
    intercepts.reserve(all.size());
    for (const Point& p : all)
        intercepts.push_back(p.y - fit.slope * p.x);
    const double intercept = medianInPlace(intercepts);
    const double span = double(all.size() - 1);
    fit.before = intercept;
    fit.after = intercept + fit.slope * span;
    const double scale = std::fabs(fit.level);
    fit.changePct = scale > 0.0 ? fit.slope * span / scale * 100.0 : 0.0;
    fit.per100Pct = scale > 0.0 ? fit.slope * 100.0 / scale * 100.0 : 0.0;
    fit.pValue = mannKendallP(pts);
    return fit;
}

std::vector<TrendFit> detectTrends(std::span<const double> values,
                                   std::span<const qsizetype> breaks, const TrendParams& params)
{
    const qsizetype window = std::max<qsizetype>(3, params.window);
    const qsizetype minLength = std::clamp<qsizetype>(params.minLength, 3, window);
    // Positions of the finite values, and the stretches between breaks in those terms.
    std::vector<qsizetype> position;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i]))
            position.push_back(qsizetype(i));
    }
    std::vector<qsizetype> cuts{0};
    for (qsizetype b : breaks) {
        const auto k =
            qsizetype(std::lower_bound(position.begin(), position.end(), b) - position.begin());
        if (k > cuts.back() && k < qsizetype(position.size()))
            cuts.push_back(k);
    }
    cuts.push_back(qsizetype(position.size()));

    auto fitRange = [&](qsizetype from, qsizetype to) { // finite-value ranks [from, to)
        const auto first = size_t(position[size_t(from)]);
        const auto last = size_t(position[size_t(to - 1)]);
        TrendFit f = fitTrend(values.subspan(first, last - first + 1), params.maxPoints);
        f.first += qsizetype(first);
        f.last += qsizetype(first);
        return f;
    };
    auto flagged = [&](const TrendFit& f) {
        return std::fabs(f.changePct) >= params.thresholdPct && f.pValue <= params.maxPValue;
    };

    // Cheap screen before the O(W^2) fit: a line changing by C over a window moves the median of
    // its last quarter 0.75 C away from that of its first quarter. When even that difference
    // plus three standard errors stays below 0.75 * threshold, the window cannot be flagged.
    auto clearlyFlat = [&](qsizetype from, qsizetype to) {
        const qsizetype quarter = (to - from) / 4;
        if (quarter < 5)
            return false;
        auto valuesAt = [&](qsizetype a, qsizetype b) {
            std::vector<double> v;
            for (qsizetype k = a; k < b; ++k)
                v.push_back(values[size_t(position[size_t(k)])]);
            return v;
        };
        std::vector<double> all = valuesAt(from, to);
        const double level = std::fabs(medianInPlace(all));
        const double sigma = kMadToSigma * medianAbsoluteDeviation(all, median(all));
        std::vector<double> first = valuesAt(from, from + quarter);
        std::vector<double> last = valuesAt(to - quarter, to);
        const double diff = std::fabs(medianInPlace(last) - medianInPlace(first));
        const double standardError = 1.2533 * sigma * std::sqrt(2.0 / double(quarter));
        return diff + 3.0 * standardError < 0.75 * params.thresholdPct / 100.0 * level;
    };

    std::vector<TrendFit> out;
    for (size_t c = 0; c + 1 < cuts.size(); ++c) {
        // Windows of this stretch, newest first, then merged oldest first.
        std::vector<std::pair<qsizetype, qsizetype>> windows;
        for (qsizetype end = cuts[c + 1]; end - cuts[c] >= minLength; end -= window)
            windows.emplace_back(std::max(cuts[c], end - window), end);
        std::reverse(windows.begin(), windows.end());
        qsizetype runBegin = -1;
        qsizetype runEnd = -1;
        double runSign = 0.0;
        auto flush = [&] {
            if (runBegin >= 0)
                out.push_back(fitRange(runBegin, runEnd));
            runBegin = -1;
        };
        for (const auto& [from, to] : windows) {
            if (clearlyFlat(from, to)) {
                flush();
                continue;
            }
            const TrendFit f = fitRange(from, to);
            if (!flagged(f)) {
                flush();
                continue;
            }
            const double sign = std::copysign(1.0, f.slope);
            if (runBegin >= 0 && sign == runSign && from == runEnd) {
                runEnd = to;
            } else {
                flush();
                runBegin = from;
                runEnd = to;
                runSign = sign;
            }
        }
        flush();
    }
    return out;
}

} // namespace bengal
