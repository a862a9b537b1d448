#include "stats/PointAlerts.h"

#include "stats/Robust.h"
#include "stats/RollingMedian.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace bengal {

namespace {

// Judges `value` against the two windows and a spread floor, on log values when `logScale`.
PointAlert judge(const SortedWindow& local, const SortedWindow* wide, double floorSigma,
                 double value, bool logScale)
{
    PointAlert a{};
    a.index = -1;
    a.baseline = local.median();
    a.value = value;
    a.changePct = relativeChangePct(a.baseline, value);
    const double center = logScale ? local.logMedian() : a.baseline;
    double spread = logScale ? local.logMad() : local.mad();
    if (wide != nullptr && wide->size() > 0)
        spread = std::max(spread, logScale ? wide->logMad() : wide->mad());
    a.sigma = std::max(kMadToSigma * spread, floorSigma);
    const double delta = (logScale ? std::log(value) : value) - center;
    if (a.sigma > 0.0)
        a.zScore = delta / a.sigma;
    else
        a.zScore =
            delta == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), delta);
    a.confidence = twoSidedConfidence(a.zScore);
    return a;
}

PointAlertParams sanitized(const PointAlertParams& params)
{
    PointAlertParams p = params;
    p.baselineWindow = std::max<qsizetype>(1, p.baselineWindow);
    p.spreadWindow = std::max(p.spreadWindow, p.baselineWindow);
    p.minBaseline = std::clamp<qsizetype>(p.minBaseline, 1, p.baselineWindow);
    return p;
}

bool allPositive(std::span<const double> values)
{
    return std::all_of(values.begin(), values.end(),
                       [](double v) { return !std::isfinite(v) || v > 0.0; });
}

double noiseFloor(std::span<const double> values, bool logScale)
{
    if (!logScale)
        return differenceSigma(values);
    std::vector<double> logs;
    logs.reserve(values.size());
    for (double v : values) {
        if (std::isfinite(v))
            logs.push_back(std::log(v));
    }
    return differenceSigma(logs);
}

} // namespace

bool isAlert(const PointAlert& judged, const PointAlertParams& params)
{
    return std::fabs(judged.zScore) > params.sigmas &&
           std::fabs(judged.changePct) >= params.minEffectPct;
}

bool judgeAgainstBaseline(std::span<const double> history, double value,
                          const PointAlertParams& params, PointAlert& out)
{
    const PointAlertParams p = sanitized(params);
    if (!std::isfinite(value))
        return false;
    // The newest finite values, at most spreadWindow of them, oldest first.
    qsizetype begin = qsizetype(history.size());
    qsizetype count = 0;
    while (begin > 0 && count < p.spreadWindow) {
        --begin;
        if (std::isfinite(history[size_t(begin)]))
            ++count;
    }
    if (count < p.minBaseline)
        return false;
    const auto recent = history.subspan(size_t(begin));
    SortedWindow local(p.baselineWindow);
    SortedWindow wide(p.spreadWindow);
    for (double v : recent) {
        local.push(v);
        wide.push(v);
    }
    const bool logScale = p.logScale && value > 0.0 && allPositive(recent);
    out = judge(local, &wide, noiseFloor(recent, logScale), value, logScale);
    return true;
}

std::vector<PointAlert> detectPointAlerts(std::span<const double> values,
                                          const PointAlertParams& params)
{
    const PointAlertParams p = sanitized(params);
    const bool logScale = p.logScale && allPositive(values);
    const double floorSigma = noiseFloor(values, logScale);
    SortedWindow local(p.baselineWindow);
    SortedWindow wide(p.spreadWindow);
    std::vector<PointAlert> alerts;
    for (size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if (!std::isfinite(v))
            continue;
        if (local.size() >= p.minBaseline) {
            // The wide MAD can only raise sigma, so it is needed only when the local one alerts.
            PointAlert a = judge(local, nullptr, floorSigma, v, logScale);
            if (isAlert(a, p))
                a = judge(local, &wide, floorSigma, v, logScale);
            if (isAlert(a, p)) {
                a.index = qsizetype(i);
                alerts.push_back(a);
            }
        }
        local.push(v);
        wide.push(v);
    }
    return alerts;
}

} // namespace bengal
