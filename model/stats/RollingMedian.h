#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace bengal {

// The last `capacity` values pushed, kept both in arrival order (a ring) and sorted, so the median
// is O(1) and the median absolute deviation O(log N). A push costs a binary search plus one
// memmove of at most N doubles; for the windows we use (N <= a few thousand) that beats any tree.
class SortedWindow
{
public:
    explicit SortedWindow(qsizetype capacity);

    // Adds a finite value (NaN and infinities are ignored), evicting the oldest when full.
    void push(double value);
    // Drops the oldest value (no-op when empty).
    void popOldest();
    void clear();

    qsizetype size() const { return qsizetype(m_sorted.size()); }
    qsizetype capacity() const { return m_capacity; }
    bool isFull() const { return size() == m_capacity; }

    double median() const; // numpy.median of the window; NaN when empty
    double mad() const;    // median |x - median| (unscaled); NaN when empty
    // The same on log(values), for multiplicative noise; the window must hold only values > 0.
    // The order of the values is the same in log space, so no second window is needed.
    double logMedian() const;
    double logMad() const;
    std::span<const double> sorted() const { return m_sorted; }

private:
    void eraseSorted(double value);
    template <typename F>
    double madAround(double center, F transform) const;

    qsizetype m_capacity;
    std::vector<double> m_sorted;
    std::vector<double> m_ring; // arrival order; m_head is the oldest once the ring is full
    qsizetype m_head = 0;
};

// Trailing rolling median and MAD over the last `window` finite values, for chart median lines
// with noise bands and for baselines. O(n log N) comparisons.
struct RollingMedianMad
{
    std::vector<double> median; // one per input value; NaN while the window holds < minCount
    std::vector<double> mad;    // unscaled; multiply by kMadToSigma for a sigma
};

enum class RollingEnd
{
    IncludeCurrent, // the window ends at value i (chart lines)
    ExcludeCurrent, // the window ends at value i - 1 (a baseline to judge value i against)
};

RollingMedianMad rollingMedianMad(std::span<const double> values, qsizetype window,
                                  RollingEnd end = RollingEnd::IncludeCurrent,
                                  qsizetype minCount = 1);

} // namespace bengal
