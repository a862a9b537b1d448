#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

// What a segment between two changes is assumed to look like.
enum class SegmentModel
{
    Mean, // a constant level
    Line, // a level that may creep: a straight line (so a ramp is one segment, not a staircase)
};

// Prefix sums for the O(1) weighted squared error of any segment [begin, end) around its mean or
// its least-squares line. The line runs over `times` (e.g. the builds' full-history indices, so a
// creep is straight even when a group's builds come in bursts); empty means 0, 1, 2, ...
class SegmentCost
{
public:
    SegmentCost(std::span<const double> values, std::span<const double> weights = {},
                SegmentModel model = SegmentModel::Mean, std::span<const double> times = {});
    double cost(qsizetype begin, qsizetype end) const;
    qsizetype size() const { return qsizetype(m_w.size()) - 1; }
    SegmentModel model() const { return m_model; }

    // The split p in [lo, hi] minimising cost(begin, p) + cost(p, end); -1 if the range is empty.
    qsizetype bestSplit(qsizetype begin, qsizetype end, qsizetype lo, qsizetype hi) const;

private:
    SegmentModel m_model;
    std::vector<double> m_w;  // sum w
    std::vector<double> m_y;  // sum w y
    std::vector<double> m_yy; // sum w y^2
    std::vector<double> m_t;  // sum w t      (line model only)
    std::vector<double> m_tt; // sum w t^2
    std::vector<double> m_ty; // sum w t y
};

// PELT (Killick, Fearnhead & Eckley 2012): the exact optimal segmentation minimising the sum of
// the segment costs plus `penalty` per segment. With values scaled to unit noise the squared
// error is -2 log-likelihood of a normal model, so the penalty is an information-criterion cost
// per change (BIC: a few times log n).
// minSegment: fewest values in a segment. Pruning is done minSegment steps late so that it stays
// exact with the minimum length. Typically O(n) with changes present, O(n^2) at worst, so callers
// hand it at most a few thousand points (see ChangePoints.cpp).
// Returns the starts of all segments but the first, increasing.
std::vector<qsizetype> peltSegments(const SegmentCost& costs, double penalty, qsizetype minSegment);

// peltSegments with the constant-level model; weights: empty means 1 per value (block means are
// passed with their block sizes as weights).
std::vector<qsizetype> peltMeanShifts(std::span<const double> values,
                                      std::span<const double> weights, double penalty,
                                      qsizetype minSegment);

} // namespace bengal
