#include "charts/SeriesReducer.h"

#include "charts/MinMaxBlocks.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// How far to look past the window's edge for a neighbour to continue the line to the plot edge.
// Bounded so a series that is missing for a long stretch does not make a zoomed redraw O(n).
constexpr qsizetype kEdgeSearch = 4096;

bool usable(double y, bool positiveOnly)
{
    return std::isfinite(y) && (!positiveOnly || y > 0);
}

// Maps an x inside the window to its pixel column.
struct ColumnMap
{
    ColumnMap(const ReduceWindow& w)
        : xMin(w.xMin), last(std::max(1, w.pixels) - 1),
          scale(w.xMax > w.xMin ? double(std::max(1, w.pixels)) / (w.xMax - w.xMin) : 0.0)
    {}
    int operator()(double x) const
    {
        const double c = (x - xMin) * scale;
        return c <= 0 ? 0 : c >= last ? last : int(c);
    }
    double xMin;
    int last;
    double scale;
};

void widen(double& lo, double& hi, double y)
{
    lo = std::min(lo, y);
    hi = std::max(hi, y);
}

// Keeps the extreme points of the current pixel column and writes them out, in the order they
// occurred, when the next column starts.
class ColumnReducer
{
public:
    enum class Keep
    {
        MinMax,
        Min,
        Max
    };
    ColumnReducer(Keep keep, QList<QPointF>* out) : m_keep(keep), m_out(out) {}

    void add(int column, qsizetype index, double x, double y)
    {
        if (column != m_column) {
            flush();
            m_column = column;
            m_minIndex = m_maxIndex = index;
            m_min = m_max = QPointF(x, y);
            return;
        }
        if (y < m_min.y()) {
            m_min = QPointF(x, y);
            m_minIndex = index;
        }
        if (y > m_max.y()) {
            m_max = QPointF(x, y);
            m_maxIndex = index;
        }
    }

    void flush()
    {
        if (m_column < 0)
            return;
        if (m_keep == Keep::Min) {
            m_out->append(m_min);
        } else if (m_keep == Keep::Max) {
            m_out->append(m_max);
        } else if (m_minIndex == m_maxIndex) {
            m_out->append(m_min);
        } else if (m_minIndex < m_maxIndex) {
            m_out->append(m_min);
            m_out->append(m_max);
        } else {
            m_out->append(m_max);
            m_out->append(m_min);
        }
        m_column = -1;
    }

private:
    Keep m_keep;
    QList<QPointF>* m_out;
    int m_column = -1;
    qsizetype m_minIndex = 0;
    qsizetype m_maxIndex = 0;
    QPointF m_min;
    QPointF m_max;
};

// The first minimum and maximum of y[from, to), finite values only (and, for a log axis, the
// minimum of the positive ones). NaN fails every comparison, so the scan needs no test for it.
struct Extremes
{
    double minValue;
    double maxValue;
    qsizetype minAt;
    qsizetype maxAt;

    void reset()
    {
        minValue = std::numeric_limits<double>::infinity();
        maxValue = -minValue;
        minAt = maxAt = -1;
    }
    bool any() const { return minAt >= 0 && maxAt >= 0; }

    void add(double value, qsizetype i, bool positiveOnly)
    {
        if (value < minValue && (positiveOnly ? value > 0 : value > -kInf)) {
            minValue = value;
            minAt = i;
        }
        if (value > maxValue && value < kInf) {
            maxValue = value;
            maxAt = i;
        }
    }

    void addBlock(const MinMaxBlocks::Block& block, bool positiveOnly)
    {
        const double low = positiveOnly ? block.minPositive : block.min;
        if (low < minValue) {
            minValue = low;
            minAt = positiveOnly ? block.minPositiveAt : block.minAt;
        }
        if (block.max > maxValue) {
            maxValue = block.max;
            maxAt = block.maxAt;
        }
    }

    void scanValues(std::span<const double> y, qsizetype from, qsizetype to, bool positiveOnly)
    {
        const double* v = y.data();
        for (qsizetype i = from; i < to; ++i)
            add(v[i], i, positiveOnly);
    }

    void scan(std::span<const double> y, qsizetype from, qsizetype to, const MinMaxBlocks* blocks,
              bool positiveOnly)
    {
        if (!blocks) {
            scanValues(y, from, to, positiveOnly);
        } else {
            blocks->visit(
                from, to, [&](qsizetype a, qsizetype b) { scanValues(y, a, b, positiveOnly); },
                [&](int level, qsizetype index) {
                    addBlock(blocks->summary(level, index), positiveOnly);
                });
        }
        // On a log axis a column whose values are all <= 0 has nothing to show.
        if (positiveOnly && maxValue <= 0)
            minAt = maxAt = -1;
    }
};

// First index from `start` stepping by `step` (within kEdgeSearch and [0, n)) where `ok` holds.
template <typename Ok>
qsizetype findNeighbour(qsizetype start, qsizetype step, qsizetype n, Ok ok)
{
    for (qsizetype i = start, tries = 0; i >= 0 && i < n && tries < kEdgeSearch;
         i += step, ++tries) {
        if (ok(i))
            return i;
    }
    return -1;
}

bool isExact(const IndexRange& range, const ReduceWindow& w)
{
    return double(range.size()) <= w.exactPerPixel * double(std::max(1, w.pixels));
}

qsizetype reserveFor(const IndexRange& range, const ReduceWindow& w, bool exact)
{
    return (exact ? range.size() : 2 * qsizetype(std::max(1, w.pixels))) + 2;
}

} // namespace

IndexRange visibleIndexRange(std::span<const double> x, double xMin, double xMax)
{
    const auto first = std::lower_bound(x.begin(), x.end(), xMin);
    const auto last = std::upper_bound(first, x.end(), xMax);
    return {qsizetype(first - x.begin()), qsizetype(last - x.begin())};
}

ReducedSeries reduceSeries(std::span<const double> x, std::span<const double> y,
                           const ReduceWindow& w, const MinMaxBlocks* blocks, ReduceKeep keep)
{
    const std::size_t n = std::min(x.size(), y.size());
    x = x.first(n);
    ReducedSeries out;
    out.yMin = kInf;
    out.yMax = -kInf;
    const IndexRange range = visibleIndexRange(x, w.xMin, w.xMax);
    out.exact = isExact(range, w);
    out.points.reserve(reserveFor(range, w, out.exact));
    const auto ok = [&](qsizetype i) {
        return usable(y[std::size_t(i)], w.positiveOnly);
    };
    const auto point = [&](qsizetype i) {
        return QPointF(x[std::size_t(i)], y[std::size_t(i)]);
    };

    if (const qsizetype before = findNeighbour(range.first - 1, -1, qsizetype(n), ok); before >= 0)
        out.points.append(point(before));
    if (out.exact) {
        for (qsizetype i = range.first; i < range.last; ++i) {
            if (ok(i)) {
                out.points.append(point(i));
                widen(out.yMin, out.yMax, y[std::size_t(i)]);
            }
        }
    } else {
        // Column by column: find where the column ends (binary search on x), then the extremes
        // of its values, stepping over whole blocks where it spans them.
        const ColumnMap column(w);
        Extremes e;
        for (qsizetype from = range.first; from < range.last;) {
            const int c = column(x[std::size_t(from)]);
            const auto end = std::partition_point(x.begin() + from, x.begin() + range.last,
                                                  [&](double v) { return column(v) <= c; });
            const qsizetype to = qsizetype(end - x.begin());
            e.reset();
            e.scan(y, from, to, blocks, w.positiveOnly);
            from = to;
            if (!e.any())
                continue;
            widen(out.yMin, out.yMax, e.minValue);
            widen(out.yMin, out.yMax, e.maxValue);
            if (keep == ReduceKeep::Min || e.minAt == e.maxAt) {
                out.points.append(point(keep == ReduceKeep::Max ? e.maxAt : e.minAt));
            } else if (keep == ReduceKeep::Max) {
                out.points.append(point(e.maxAt));
            } else {
                out.points.append(point(std::min(e.minAt, e.maxAt)));
                out.points.append(point(std::max(e.minAt, e.maxAt)));
            }
        }
    }
    if (const qsizetype after = findNeighbour(range.last, 1, qsizetype(n), ok); after >= 0)
        out.points.append(point(after));
    return out;
}

std::vector<ReducedSeries> reduceStacked(std::span<const double> x,
                                         std::span<const std::span<const double>> layers,
                                         const ReduceWindow& w,
                                         std::span<const MinMaxBlocks> blocks)
{
    const std::size_t layerCount = layers.size();
    std::vector<ReducedSeries> out(layerCount);
    const IndexRange range = visibleIndexRange(x, w.xMin, w.xMax);
    const bool exact = isExact(range, w);
    for (ReducedSeries& s : out) {
        s.exact = exact;
        s.yMin = kInf;
        s.yMax = -kInf;
        s.points.reserve(reserveFor(range, w, exact));
    }
    // Cumulative sums of build i into `sums`; false when the build has no layer value at all.
    std::vector<double> sums(layerCount);
    const auto cumulate = [&](qsizetype i) {
        double sum = 0;
        bool any = false;
        for (std::size_t k = 0; k < layerCount; ++k) {
            const std::span<const double> layer = layers[k];
            const double v = std::size_t(i) < layer.size() ? layer[std::size_t(i)] : kNaN;
            if (std::isfinite(v)) {
                sum += v;
                any = true;
            }
            sums[k] = sum;
        }
        return any;
    };
    const auto appendAll = [&](qsizetype i) {
        for (std::size_t k = 0; k < layerCount; ++k)
            out[k].points.append(QPointF(x[std::size_t(i)], sums[k]));
    };
    const qsizetype n = qsizetype(x.size());

    if (const qsizetype before = findNeighbour(range.first - 1, -1, n, cumulate); before >= 0)
        appendAll(before);
    if (exact) {
        for (qsizetype i = range.first; i < range.last; ++i) {
            if (!cumulate(i))
                continue;
            for (std::size_t k = 0; k < layerCount; ++k) {
                out[k].points.append(QPointF(x[std::size_t(i)], sums[k]));
                widen(out[k].yMin, out[k].yMax, sums[k]);
            }
        }
    } else {
        // Column by column, like reduceSeries: each layer's extremes of its cumulative sums.
        // Whole blocks inside a column are read from `blocks` (the block extremes of the sums,
        // one per layer); only the builds at the column's ends are summed here.
        const bool useBlocks = blocks.size() == layerCount;
        std::vector<Extremes> extremes(layerCount);
        const auto scanBuilds = [&](qsizetype from, qsizetype to) {
            for (qsizetype i = from; i < to; ++i) {
                if (!cumulate(i))
                    continue;
                for (std::size_t k = 0; k < layerCount; ++k)
                    extremes[k].add(sums[k], i, false);
            }
        };
        const ColumnMap column(w);
        for (qsizetype from = range.first; from < range.last;) {
            const int c = column(x[std::size_t(from)]);
            const auto end = std::partition_point(x.begin() + from, x.begin() + range.last,
                                                  [&](double v) { return column(v) <= c; });
            const qsizetype to = qsizetype(end - x.begin());
            for (Extremes& e : extremes)
                e.reset();
            if (!useBlocks) {
                scanBuilds(from, to);
            } else {
                // The layers' pyramids have the same shape: walk the first, read them all.
                blocks[0].visit(from, to, scanBuilds, [&](int level, qsizetype index) {
                    for (std::size_t k = 0; k < layerCount; ++k)
                        extremes[k].addBlock(blocks[k].summary(level, index), false);
                });
            }
            from = to;
            for (std::size_t k = 0; k < layerCount; ++k) {
                const Extremes& e = extremes[k];
                if (!e.any())
                    continue;
                ReducedSeries& s = out[k];
                widen(s.yMin, s.yMax, e.minValue);
                widen(s.yMin, s.yMax, e.maxValue);
                const bool minFirst = e.minAt <= e.maxAt;
                s.points.append(QPointF(x[std::size_t(minFirst ? e.minAt : e.maxAt)],
                                        minFirst ? e.minValue : e.maxValue));
                if (e.minAt != e.maxAt) {
                    s.points.append(QPointF(x[std::size_t(minFirst ? e.maxAt : e.minAt)],
                                            minFirst ? e.maxValue : e.minValue));
                }
            }
        }
    }
    if (const qsizetype after = findNeighbour(range.last, 1, n, cumulate); after >= 0)
        appendAll(after);
    return out;
}

void extendStackedBlocks(std::span<const std::span<const double>> layers, qsizetype size,
                         std::vector<MinMaxBlocks>& blocks)
{
    const std::size_t layerCount = layers.size();
    blocks.resize(layerCount);
    if (layerCount == 0)
        return;
    // The layers move in lockstep; a fresh start if they do not (a layer was added).
    qsizetype start = blocks[0].resumeAt();
    for (const MinMaxBlocks& b : blocks) {
        if (b.resumeAt() != start) {
            for (MinMaxBlocks& reset : blocks)
                reset.rebuild({});
            start = 0;
            break;
        }
    }
    // Whole blocks per chunk, so every chunk but the last ends on a block border.
    constexpr qsizetype kChunk = 64 * MinMaxBlocks::kBlock;
    std::vector<std::vector<double>> sums(layerCount, std::vector<double>(std::size_t(kChunk)));
    for (qsizetype from = start; from < size; from += kChunk) {
        const qsizetype count = std::min(kChunk, size - from);
        for (qsizetype j = 0; j < count; ++j) {
            const auto i = std::size_t(from + j);
            double sum = 0;
            bool any = false;
            for (std::size_t k = 0; k < layerCount; ++k) {
                const double v = i < layers[k].size() ? layers[k][i] : kNaN;
                if (std::isfinite(v)) {
                    sum += v;
                    any = true;
                }
                sums[k][std::size_t(j)] = sum;
            }
            if (!any) {
                for (std::size_t k = 0; k < layerCount; ++k)
                    sums[k][std::size_t(j)] = kNaN;
            }
        }
        for (std::size_t k = 0; k < layerCount; ++k)
            blocks[k].extendAt(std::span<const double>(sums[k]).first(std::size_t(count)));
    }
}

ReducedBand reduceBand(std::span<const double> x, std::span<const double> center,
                       std::span<const double> spread, double k, const ReduceWindow& w)
{
    const std::size_t n = std::min({x.size(), center.size(), spread.size()});
    x = x.first(n);
    ReducedBand out;
    out.center = reduceSeries(x, center.first(n), w);
    out.yMin = out.center.yMin;
    out.yMax = out.center.yMax;
    const IndexRange range = visibleIndexRange(x, w.xMin, w.xMax);
    const bool exact = isExact(range, w);
    out.lower.reserve(reserveFor(range, w, exact));
    out.upper.reserve(reserveFor(range, w, exact));

    const auto edges = [&](qsizetype i, double& lo, double& hi) {
        const double c = center[std::size_t(i)];
        if (!std::isfinite(c))
            return false;
        const double s = spread[std::size_t(i)];
        const double half = std::isfinite(s) ? k * s : 0.0;
        lo = c - half;
        hi = c + half;
        return !w.positiveOnly || lo > 0;
    };
    const auto ok = [&](qsizetype i) {
        double lo = 0;
        double hi = 0;
        return edges(i, lo, hi);
    };
    const auto appendEdge = [&](qsizetype i) {
        double lo = 0;
        double hi = 0;
        edges(i, lo, hi);
        out.lower.append(QPointF(x[std::size_t(i)], lo));
        out.upper.append(QPointF(x[std::size_t(i)], hi));
    };

    if (const qsizetype before = findNeighbour(range.first - 1, -1, qsizetype(n), ok); before >= 0)
        appendEdge(before);
    const ColumnMap column(w);
    ColumnReducer lower(ColumnReducer::Keep::Min, &out.lower);
    ColumnReducer upper(ColumnReducer::Keep::Max, &out.upper);
    for (qsizetype i = range.first; i < range.last; ++i) {
        double lo = 0;
        double hi = 0;
        if (!edges(i, lo, hi))
            continue;
        const double xi = x[std::size_t(i)];
        if (exact) {
            out.lower.append(QPointF(xi, lo));
            out.upper.append(QPointF(xi, hi));
        } else {
            const int c = column(xi);
            lower.add(c, i, xi, lo);
            upper.add(c, i, xi, hi);
        }
        widen(out.yMin, out.yMax, lo);
        widen(out.yMin, out.yMax, hi);
    }
    lower.flush();
    upper.flush();
    if (const qsizetype after = findNeighbour(range.last, 1, qsizetype(n), ok); after >= 0)
        appendEdge(after);
    return out;
}

} // namespace bengal
