#include "stats/Pelt.h"

#include <algorithm>
#include <limits>

namespace bengal {

SegmentCost::SegmentCost(std::span<const double> values, std::span<const double> weights,
                         SegmentModel model, std::span<const double> times)
    : m_model(model)
{
    const size_t n = values.size();
    m_w.assign(n + 1, 0.0);
    m_y.assign(n + 1, 0.0);
    m_yy.assign(n + 1, 0.0);
    const bool line = model == SegmentModel::Line;
    if (line) {
        m_t.assign(n + 1, 0.0);
        m_tt.assign(n + 1, 0.0);
        m_ty.assign(n + 1, 0.0);
    }
    for (size_t i = 0; i < n; ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        const double y = values[i];
        m_w[i + 1] = m_w[i] + w;
        m_y[i + 1] = m_y[i] + w * y;
        m_yy[i + 1] = m_yy[i] + w * y * y;
        if (line) {
            // Times relative to the first keep the sums of squares small.
            const double t = times.empty() ? double(i) : times[i] - times[0];
            m_t[i + 1] = m_t[i] + w * t;
            m_tt[i + 1] = m_tt[i] + w * t * t;
            m_ty[i + 1] = m_ty[i] + w * t * y;
        }
    }
}

double SegmentCost::cost(qsizetype begin, qsizetype end) const
{
    const auto b = size_t(begin);
    const auto e = size_t(end);
    const double w = m_w[e] - m_w[b];
    if (w <= 0.0)
        return 0.0;
    const double sy = m_y[e] - m_y[b];
    const double syy = m_yy[e] - m_yy[b] - sy * sy / w; // centred
    if (m_model == SegmentModel::Mean)
        return std::max(0.0, syy);
    const double st = m_t[e] - m_t[b];
    const double stt = m_tt[e] - m_tt[b] - st * st / w;
    const double sty = m_ty[e] - m_ty[b] - st * sy / w;
    if (stt <= 1e-9 * (m_tt[e] - m_tt[b]) + 1e-12) // a single time: no slope to fit
        return std::max(0.0, syy);
    return std::max(0.0, syy - sty * sty / stt);
}

qsizetype SegmentCost::bestSplit(qsizetype begin, qsizetype end, qsizetype lo, qsizetype hi) const
{
    qsizetype best = -1;
    double bestCost = std::numeric_limits<double>::infinity();
    for (qsizetype p = lo; p <= hi; ++p) {
        const double c = cost(begin, p) + cost(p, end);
        if (c < bestCost) {
            bestCost = c;
            best = p;
        }
    }
    return best;
}

std::vector<qsizetype> peltSegments(const SegmentCost& costs, double penalty, qsizetype minSegment)
{
    const qsizetype n = costs.size();
    minSegment = std::max<qsizetype>(1, minSegment);
    if (n < 2 * minSegment)
        return {};
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> best(size_t(n + 1), inf);  // F: optimal cost of values [0, t)
    std::vector<qsizetype> last(size_t(n + 1), 0); // start of the last segment in that optimum
    best[0] = -penalty;
    std::vector<qsizetype> candidates;
    std::vector<qsizetype> kept;
    for (qsizetype t = minSegment; t <= n; ++t) {
        // s becomes a candidate last-change now that a segment [s, t) is long enough. Pruning by
        // s is exact for every end >= s + minSegment = t: tau can never beat s again when
        // F(tau) + C(tau, s) > F(s), because both costs are superadditive.
        const qsizetype s = t - minSegment;
        if (best[size_t(s)] < inf) {
            kept.clear();
            for (qsizetype tau : candidates) {
                if (best[size_t(tau)] + costs.cost(tau, s) <= best[size_t(s)])
                    kept.push_back(tau);
            }
            candidates.swap(kept);
            candidates.push_back(s);
        }
        double f = inf;
        qsizetype arg = 0;
        for (qsizetype tau : candidates) {
            const double v = best[size_t(tau)] + costs.cost(tau, t) + penalty;
            if (v < f) {
                f = v;
                arg = tau;
            }
        }
        best[size_t(t)] = f;
        last[size_t(t)] = arg;
    }
    std::vector<qsizetype> changes;
    for (qsizetype t = last[size_t(n)]; t > 0; t = last[size_t(t)])
        changes.push_back(t);
    std::reverse(changes.begin(), changes.end());
    return changes;
}

std::vector<qsizetype> peltMeanShifts(std::span<const double> values,
                                      std::span<const double> weights, double penalty,
                                      qsizetype minSegment)
{
    return peltSegments(SegmentCost(values, weights, SegmentModel::Mean), penalty, minSegment);
}

} // namespace bengal
