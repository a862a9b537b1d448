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

// The finite values of a stretch with their time coordinate, split by breaks; the screen and
// the windows work on ranks into these.
struct Series
{
    std::vector<qsizetype> position; // input position of each finite value
    std::vector<double> x;
    std::vector<double> y;
};

Series finiteSeries(std::span<const double> values, std::span<const qsizetype> x)
{
    Series s;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i])) {
            s.position.push_back(qsizetype(i));
            s.x.push_back(x.empty() ? double(i) : double(x[i]));
            s.y.push_back(values[i]);
        }
    }
    return s;
}

} // namespace

TrendFit fitTrend(std::span<const double> values, std::span<const qsizetype> x, qsizetype maxPoints)
{
    TrendFit fit;
    std::vector<Point> all;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i])) {
            if (fit.first < 0)
                fit.first = qsizetype(i);
            fit.last = qsizetype(i);
            all.push_back({x.empty() ? double(all.size()) : double(x[i]), values[i]});
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
    // Thin to evenly spaced values (keeping their true x) so the pairwise work stays bounded.
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
        for (size_t j = i + 1; j < pts.size(); ++j) {
            if (pts[j].x != pts[i].x)
                slopes.push_back((pts[j].y - pts[i].y) / (pts[j].x - pts[i].x));
        }
    }
    fit.slope = slopes.empty() ? 0.0 : medianInPlace(slopes);
    std::vector<double> intercepts;
    intercepts.reserve(all.size());
    for (const Point& p : all)
        intercepts.push_back(p.y - fit.slope * p.x);
    const double intercept = medianInPlace(intercepts);
    const double x0 = all.front().x;
    const double span = all.back().x - x0;
    fit.before = intercept + fit.slope * x0;
    fit.after = intercept + fit.slope * (x0 + span);
    const double scale = std::fabs(fit.level);
    fit.changePct = scale > 0.0 ? fit.slope * span / scale * 100.0 : 0.0;
    fit.per100Pct = scale > 0.0 ? fit.slope * 100.0 / scale * 100.0 : 0.0;
    fit.pValue = mannKendallP(pts);
    return fit;
}

std::vector<TrendFit> detectTrends(std::span<const double> values, std::span<const qsizetype> x,
                                   std::span<const qsizetype> breaks, const TrendParams& params)
{
    const double window = double(std::max<qsizetype>(3, params.window));
    const qsizetype minLength = std::max<qsizetype>(3, params.minLength);
    const Series s = finiteSeries(values, x);
    const auto n = qsizetype(s.y.size());
    std::vector<qsizetype> cuts{0}; // stretches between breaks, as ranks
    for (qsizetype b : breaks) {
        const auto k = qsizetype(std::lower_bound(s.position.begin(), s.position.end(), b) -
                                 s.position.begin());
        if (k > cuts.back() && k < n)
            cuts.push_back(k);
    }
    cuts.push_back(n);

    auto fitRange = [&](qsizetype from, qsizetype to) { // ranks [from, to)
        const auto first = size_t(s.position[size_t(from)]);
        const auto last = size_t(s.position[size_t(to - 1)]);
        const auto count = last - first + 1;
        TrendFit f = fitTrend(values.subspan(first, count), x.empty() ? x : x.subspan(first, count),
                              params.maxPoints);
        // Without x the ranks restart at 0 in the subspan, which leaves slopes unchanged.
        f.first += qsizetype(first);
        f.last += qsizetype(first);
        return f;
    };
    auto flagged = [&](const TrendFit& f) {
        return std::fabs(f.changePct) >= params.thresholdPct && f.pValue <= params.maxPValue;
    };
    // Cheap screen before the O(k^2) fit: a line changing by C over a window moves the median of
    // its last quarter about 0.75 C away from that of its first quarter. When even that
    // difference plus three standard errors stays below 0.7 * threshold, the window cannot be
    // flagged.
    auto clearlyFlat = [&](qsizetype from, qsizetype to) {
        const qsizetype quarter = (to - from) / 4;
        if (quarter < 5)
            return false;
        auto slice = [&](qsizetype a, qsizetype b) {
            return std::vector<double>(s.y.begin() + a, s.y.begin() + b);
        };
        std::vector<double> all = slice(from, to);
        const double level = std::fabs(medianInPlace(all));
        const double sigma = kMadToSigma * medianAbsoluteDeviation(all, median(all));
        std::vector<double> first = slice(from, from + quarter);
        std::vector<double> last = slice(to - quarter, to);
        const double diff = std::fabs(medianInPlace(last) - medianInPlace(first));
        const double standardError = 1.2533 * sigma * std::sqrt(2.0 / double(quarter));
        return diff + 3.0 * standardError < 0.7 * params.thresholdPct / 100.0 * level;
    };

    std::vector<TrendFit> out;
    for (size_t c = 0; c + 1 < cuts.size(); ++c) {
        // Windows of this stretch, newest first: each covers x in (x_end - window, x_end].
        std::vector<std::pair<qsizetype, qsizetype>> windows;
        for (qsizetype end = cuts[c + 1]; end > cuts[c];) {
            const double from = s.x[size_t(end - 1)] - window;
            const auto begin = qsizetype(
                std::upper_bound(s.x.begin() + cuts[c], s.x.begin() + end, from) - s.x.begin());
            windows.emplace_back(begin, end);
            end = begin;
        }
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
            if (to - from < minLength || clearlyFlat(from, to)) {
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
