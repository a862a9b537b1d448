#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

// PELT (Killick, Fearnhead & Eckley 2012): the exact optimal segmentation of a series into pieces
// of constant mean, minimising sum over segments of the weighted squared error plus `penalty` per
// segment. With values scaled to unit noise that cost is -2 log-likelihood of a normal model, so
// the penalty is an information-criterion cost per change (BIC: a few times log n).
//
// weights: empty means 1 per value; block means are passed with their block sizes as weights.
// minSegment: fewest values in a segment. Pruning is done minSegment steps late so that it stays
// exact with the minimum length. Typically O(n) with changes present, O(n^2) at worst, so callers
// hand it at most a few thousand points (see ChangePoints.cpp).
// Returns the starts of all segments but the first, increasing.
std::vector<qsizetype> peltMeanShifts(std::span<const double> values,
                                      std::span<const double> weights, double penalty,
                                      qsizetype minSegment);

// Prefix sums for O(1) weighted squared-error cost of any segment [begin, end).
class SegmentCost
{
public:
    SegmentCost(std::span<const double> values, std::span<const double> weights);
    double cost(qsizetype begin, qsizetype end) const;
    double mean(qsizetype begin, qsizetype end) const;
    qsizetype size() const { return qsizetype(m_s1.size()) - 1; }

    // The split p in [lo, hi] minimising cost(begin, p) + cost(p, end); -1 if the range is empty.
    qsizetype bestSplit(qsizetype begin, qsizetype end, qsizetype lo, qsizetype hi) const;

private:
    std::vector<double> m_s1; // sum w x
    std::vector<double> m_s2; // sum w x^2
    std::vector<double> m_w;  // sum w
};

} // namespace bengal
