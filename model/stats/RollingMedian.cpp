#include "stats/RollingMedian.h"

#include "stats/Quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The k-th smallest (0-based) element of the union of two nondecreasing sequences given by
// accessors, in O(log(min(na, nb))).
template <typename A, typename B>
double kthOfTwoSorted(A a, qsizetype na, B b, qsizetype nb, qsizetype k)
{
    // Take i elements from a and k + 1 - i from b; find the i where the two prefixes interleave.
    qsizetype lo = std::max<qsizetype>(0, k + 1 - nb);
    qsizetype hi = std::min<qsizetype>(k + 1, na);
    constexpr double inf = std::numeric_limits<double>::infinity();
    while (true) {
        const qsizetype i = (lo + hi) / 2;
        const qsizetype j = k + 1 - i;
        const double aLeft = i > 0 ? a(i - 1) : -inf;
        const double aRight = i < na ? a(i) : inf;
        const double bLeft = j > 0 ? b(j - 1) : -inf;
        const double bRight = j < nb ? b(j) : inf;
        if (aLeft > bRight) {
            hi = i - 1;
        } else if (bLeft > aRight) {
            lo = i + 1;
        } else {
            return std::max(aLeft, bLeft);
        }
    }
}

} // namespace

SortedWindow::SortedWindow(qsizetype capacity) : m_capacity(std::max<qsizetype>(1, capacity))
{
    m_sorted.reserve(size_t(m_capacity));
    m_ring.reserve(size_t(m_capacity));
}

void SortedWindow::push(double value)
{
    if (!std::isfinite(value))
        return;
    if (qsizetype(m_ring.size()) < m_capacity) {
        m_ring.push_back(value);
        m_sorted.insert(std::upper_bound(m_sorted.begin(), m_sorted.end(), value), value);
        return;
    }
    // Full: replace the oldest value. Only the values between its slot and the new value's slot
    // move, by one place, in a single memmove.
    const double oldest = m_ring[size_t(m_head)];
    m_ring[size_t(m_head)] = value;
    if (++m_head == m_capacity)
        m_head = 0;
    const auto from = std::lower_bound(m_sorted.begin(), m_sorted.end(), oldest);
    if (value >= oldest) {
        const auto to = std::upper_bound(from, m_sorted.end(), value); // first element > value
        std::move(from + 1, to, from);
        *(to - 1) = value;
    } else {
        const auto to = std::upper_bound(m_sorted.begin(), from, value);
        std::move_backward(to, from, from + 1);
        *to = value;
    }
}

void SortedWindow::popOldest()
{
    if (m_ring.empty())
        return;
    // Rotate so the ring is in arrival order starting at index 0, then drop the front.
    std::rotate(m_ring.begin(), m_ring.begin() + m_head, m_ring.end());
    m_head = 0;
    eraseSorted(m_ring.front());
    m_ring.erase(m_ring.begin());
}

void SortedWindow::clear()
{
    m_sorted.clear();
    m_ring.clear();
    m_head = 0;
}

void SortedWindow::eraseSorted(double value)
{
    m_sorted.erase(std::lower_bound(m_sorted.begin(), m_sorted.end(), value));
}

double SortedWindow::median() const
{
    return medianOfSorted(m_sorted);
}

double SortedWindow::logMedian() const
{
    const size_t n = m_sorted.size();
    if (n == 0)
        return kNaN;
    if (n % 2 == 1)
        return std::log(m_sorted[n / 2]);
    return (std::log(m_sorted[n / 2 - 1]) + std::log(m_sorted[n / 2])) / 2.0;
}

double SortedWindow::mad() const
{
    return madAround(median(), [](double v) { return v; });
}

double SortedWindow::logMad() const
{
    return madAround(logMedian(), [](double v) { return std::log(v); });
}

template <typename F>
double SortedWindow::madAround(double m, F f) const
{
    const qsizetype n = size();
    if (n == 0)
        return kNaN;
    // Distances to the median form two nondecreasing runs: leftwards from the middle and
    // rightwards from it. The lower half [0, n/2) is <= the median, the upper half >= it.
    const qsizetype split = n / 2;
    const double* s = m_sorted.data();
    const qsizetype nl = split;
    const qsizetype nr = n - split;
    auto left = [&](qsizetype j) {
        return m - f(s[split - 1 - j]);
    };
    auto right = [&](qsizetype j) {
        return f(s[split + j]) - m;
    };
    if (n <= 64) {
        // Small windows: walk outwards from the median, merging the two runs; n/2 cheap steps.
        qsizetype i = 0;
        qsizetype j = 0;
        double previous = 0.0;
        double current = 0.0;
        for (qsizetype k = 0; k <= n / 2; ++k) {
            previous = current;
            if (j >= nr || (i < nl && left(i) <= right(j)))
                current = left(i++);
            else
                current = right(j++);
        }
        return n % 2 == 1 ? current : (previous + current) / 2.0;
    }
    const double upper = kthOfTwoSorted(left, nl, right, nr, n / 2);
    if (n % 2 == 1)
        return upper;
    const double lower = kthOfTwoSorted(left, nl, right, nr, n / 2 - 1);
    return (lower + upper) / 2.0;
}

RollingMedianMad rollingMedianMad(std::span<const double> values, qsizetype window, RollingEnd end,
                                  qsizetype minCount)
{
    RollingMedianMad out;
    out.median.assign(values.size(), kNaN);
    out.mad.assign(values.size(), kNaN);
    SortedWindow w(window);
    minCount = std::max<qsizetype>(1, minCount);
    for (size_t i = 0; i < values.size(); ++i) {
        if (end == RollingEnd::IncludeCurrent)
            w.push(values[i]);
        if (w.size() >= minCount) {
            out.median[i] = w.median();
            out.mad[i] = w.mad();
        }
        if (end == RollingEnd::ExcludeCurrent)
            w.push(values[i]);
    }
    return out;
}

} // namespace bengal
