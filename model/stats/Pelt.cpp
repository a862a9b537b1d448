#include "stats/Pelt.h"

#include <algorithm>
#include <limits>

namespace bengal {

SegmentCost::SegmentCost(std::span<const double> values, std::span<const double> weights)
{
    const size_t n = values.size();
    m_s1.assign(n + 1, 0.0);
    m_s2.assign(n + 1, 0.0);
    m_w.assign(n + 1, 0.0);
    for (size_t i = 0; i < n; ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        m_s1[i + 1] = m_s1[i] + w * values[i];
        m_s2[i + 1] = m_s2[i] + w * values[i] * values[i];
        m_w[i + 1] = m_w[i] + w;
    }
}

double SegmentCost::cost(qsizetype begin, qsizetype end) const
{
    const double w = m_w[size_t(end)] - m_w[size_t(begin)];
    if (w <= 0.0)
        return 0.0;
    const double s1 = m_s1[size_t(end)] - m_s1[size_t(begin)];
    const double s2 = m_s2[size_t(end)] - m_s2[size_t(begin)];
    return std::max(0.0, s2 - s1 * s1 / w);
}

double SegmentCost::mean(qsizetype begin, qsizetype end) const
{
    const double w = m_w[size_t(end)] - m_w[size_t(begin)];
    return w > 0.0 ? (m_s1[size_t(end)] - m_s1[size_t(begin)]) / w : 0.0;
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

std::vector<qsizetype> peltMeanShifts(std::span<const double> values,
                                      std::span<const double> weights, double penalty,
                                      qsizetype minSegment)
{
    const auto n = qsizetype(values.size());
    minSegment = std::max<qsizetype>(1, minSegment);
    if (n < 2 * minSegment)
        return {};
    const SegmentCost costs(values, weights);
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> best(size_t(n + 1), inf);  // F: optimal cost of values [0, t)
    std::vector<qsizetype> last(size_t(n + 1), 0); // start of the last segment in that optimum
    best[0] = -penalty;
    std::vector<qsizetype> candidates;
    std::vector<qsizetype> kept;
    for (qsizetype t = minSegment; t <= n; ++t) {
        // s becomes a candidate last-change now that a segment [s, t) is long enough. Pruning by
        // s is exact for every end >= s + minSegment = t: tau can never beat s again when
        // F(tau) + C(tau, s) > F(s), because costs are superadditive.
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

} // namespace bengal
