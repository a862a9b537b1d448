#include "stats/JointSteps.h"

#include "stats/Pelt.h"

#include <algorithm>
#include <limits>
#include <memory>

namespace bengal {

namespace {

struct StepRef
{
    size_t group;
    size_t step;
    qsizetype row;
    bool up;
};

// A member of a cluster, with the fixed window its split is scored on.
struct Member
{
    size_t group;
    size_t step;
    qsizetype prev; // neighbouring steps (or the ends) in group positions
    qsizetype next;
    qsizetype windowBegin;
    qsizetype windowEnd;
    qsizetype lo; // allowed split positions
    qsizetype hi;
    std::shared_ptr<SegmentCost> costs; // over [windowBegin, windowEnd) only
};

class Aligner
{
public:
    Aligner(std::vector<GroupSteps>& groups, qsizetype tolerance, const ChangePointParams& params)
        : m_groups(groups), m_tolerance(tolerance), m_params(params), m_scaled(groups.size())
    {}

    void alignCluster(const std::vector<StepRef>& cluster)
    {
        std::vector<Member> members;
        qsizetype firstRow = std::numeric_limits<qsizetype>::max();
        qsizetype lastRow = 0;
        for (const StepRef& r : cluster) {
            const GroupSteps& g = m_groups[r.group];
            const std::vector<double>& z = scaledOf(r.group);
            if (z.empty())
                return; // constant series: nothing to align
            Member m{r.group, r.step, 0, qsizetype(g.values.size()), 0, 0, 0, 0, {}};
            if (r.step > 0)
                m.prev = g.steps[r.step - 1].index;
            if (r.step + 1 < g.steps.size())
                m.next = g.steps[r.step + 1].index;
            const qsizetype at = g.steps[r.step].index;
            const qsizetype window = std::max(m_params.levelWindow, m_params.minSegment);
            m.windowBegin = std::max(m.prev, at - window);
            m.windowEnd = std::min(m.next, at + window);
            m.lo = m.windowBegin + m_params.minSegment;
            m.hi = m.windowEnd - m_params.minSegment;
            if (m.lo > m.hi)
                return;
            m.costs = std::make_shared<SegmentCost>(
                std::span<const double>(z).subspan(size_t(m.windowBegin),
                                                   size_t(m.windowEnd - m.windowBegin)),
                std::span<const double>{}, SegmentModel::Mean); // sharpest about where
            members.push_back(std::move(m));
            firstRow = std::min(firstRow, g.rows[size_t(at)]);
            lastRow = std::max(lastRow, g.rows[size_t(at)]);
        }
        // Candidate common starts: every member's build rows near the cluster.
        std::vector<qsizetype> candidates;
        for (const Member& m : members) {
            const GroupSteps& g = m_groups[m.group];
            for (qsizetype q = m.lo; q <= m.hi; ++q) {
                const qsizetype row = g.rows[size_t(q)];
                if (row >= firstRow - m_tolerance && row <= lastRow + m_tolerance)
                    candidates.push_back(row);
            }
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        qsizetype best = -1;
        double bestGain = -std::numeric_limits<double>::infinity();
        for (qsizetype t : candidates) {
            double gain = 0.0;
            for (const Member& m : members)
                gain += gainAt(m, splitFor(m, t));
            if (gain > bestGain) {
                bestGain = gain;
                best = t;
            }
        }
        if (best < 0)
            return;
        for (const Member& m : members) {
            GroupSteps& g = m_groups[m.group];
            const qsizetype q = splitFor(m, best);
            if (q == g.steps[m.step].index)
                continue;
            bool passes = false;
            const ChangePoint moved =
                judgeChangeAt(g.values, g.rows, m.prev, q, m.next, m_params, &passes);
            if (passes)
                g.steps[m.step] = moved;
        }
    }

private:
    // The group's values on the unit-noise scale, despiked (as detectChangePoints sees them);
    // empty for a constant series.
    const std::vector<double>& scaledOf(size_t group)
    {
        if (!m_scaled[group]) {
            const GroupSteps& g = m_groups[group];
            std::vector<double> z = unitNoiseScale(g.values, m_params.logScale);
            if (!z.empty())
                z = despike(z, m_params.despikeHalfWidth, m_params.despikeSigmas);
            m_scaled[group] = std::make_unique<std::vector<double>>(std::move(z));
        }
        return *m_scaled[group];
    }

    // The member's group position of the first build at or after full-history row t, kept inside
    // the allowed range.
    qsizetype splitFor(const Member& m, qsizetype t) const
    {
        const auto rows = m_groups[m.group].rows;
        const auto q = qsizetype(std::lower_bound(rows.begin(), rows.end(), t) - rows.begin());
        return std::clamp(q, m.lo, m.hi);
    }

    static double gainAt(const Member& m, qsizetype q)
    {
        const SegmentCost& c = *m.costs;
        const qsizetype end = m.windowEnd - m.windowBegin;
        q -= m.windowBegin;
        return c.cost(0, end) - c.cost(0, q) - c.cost(q, end);
    }

    std::vector<GroupSteps>& m_groups;
    qsizetype m_tolerance;
    const ChangePointParams& m_params;
    std::vector<std::unique_ptr<std::vector<double>>> m_scaled;
};

} // namespace

void alignStepsAcrossGroups(std::vector<GroupSteps>& groups, qsizetype tolerance,
                            qsizetype groupTolerance, const ChangePointParams& params)
{
    if (groups.size() < 2 || (tolerance <= 0 && groupTolerance <= 0))
        return;
    std::vector<StepRef> refs;
    for (size_t g = 0; g < groups.size(); ++g) {
        for (size_t k = 0; k < groups[g].steps.size(); ++k) {
            const ChangePoint& c = groups[g].steps[k];
            refs.push_back({g, k, groups[g].rows[size_t(c.index)], c.changePct > 0});
        }
    }
    std::sort(refs.begin(), refs.end(),
              [](const StepRef& a, const StepRef& b) { return a.row < b.row; });
    // Builds of `group` strictly between two rows.
    auto between = [&](size_t group, qsizetype a, qsizetype b) {
        const auto rows = groups[group].rows;
        return qsizetype(std::lower_bound(rows.begin(), rows.end(), b) -
                         std::upper_bound(rows.begin(), rows.end(), a));
    };
    auto sameEvent = [&](const StepRef& a, const StepRef& b) {
        if (a.up != b.up || a.group == b.group)
            return false;
        if (b.row - a.row <= tolerance)
            return true;
        return std::min(between(a.group, a.row, b.row), between(b.group, a.row, b.row)) <=
               groupTolerance;
    };
    Aligner aligner(groups, std::max(tolerance, qsizetype(1)), params);
    std::vector<bool> used(refs.size(), false);
    for (size_t i = 0; i < refs.size(); ++i) {
        if (used[i])
            continue;
        std::vector<StepRef> cluster{refs[i]};
        for (size_t j = i + 1; j < refs.size(); ++j) {
            const bool groupTaken =
                std::any_of(cluster.begin(), cluster.end(),
                            [&](const StepRef& r) { return r.group == refs[j].group; });
            if (!used[j] && !groupTaken && sameEvent(refs[i], refs[j])) {
                cluster.push_back(refs[j]);
                used[j] = true;
            }
        }
        if (cluster.size() >= 2)
            aligner.alignCluster(cluster);
    }
}

} // namespace bengal
