#pragma once

#include <QList>
#include <QPointF>
#include <span>
#include <vector>

namespace bengal {

class MinMaxBlocks;

// The part of the x axis on screen and how many pixel columns it covers.
struct ReduceWindow
{
    double xMin = 0;
    double xMax = 0;
    int pixels = 1; // plot width in device pixels
    // Up to this many points per pixel column every point is drawn; above, each column keeps
    // only its minimum and maximum (in the order they occur, so the line still looks right).
    double exactPerPixel = 2;
    // Log axes cannot show zero or negative values: such points are skipped.
    bool positiveOnly = false;
};

// Indices [first, last) of the points whose sorted x lies inside [xMin, xMax]. O(log n).
struct IndexRange
{
    qsizetype first = 0;
    qsizetype last = 0;
    qsizetype size() const { return last - first; }
};
IndexRange visibleIndexRange(std::span<const double> x, double xMin, double xMax);

// The points to hand to a chart series, and the y extent of those inside the window (the
// neighbours just outside, kept so lines run to the plot edge, do not count).
struct ReducedSeries
{
    QList<QPointF> points;
    bool exact = true; // every point of the window is there
    double yMin = 0;
    double yMax = 0;
    bool hasRange() const { return yMin <= yMax; }
};

// What a reduced pixel column keeps: both extremes (a line), or one (an edge of a band).
enum class ReduceKeep
{
    MinMax,
    Min,
    Max
};

// `x` sorted ascending, `y` of the same length with NaN for "missing" (skipped, the line joins
// its neighbours). Cost O(points in the window), never O(all points) when zoomed in. With
// `blocks` (of `y`), columns of many builds step over the whole blocks inside them (same
// result, a fraction of the reads).
ReducedSeries reduceSeries(std::span<const double> x, std::span<const double> y,
                           const ReduceWindow& window, const MinMaxBlocks* blocks = nullptr,
                           ReduceKeep keep = ReduceKeep::MinMax);

// Stacked layers: layer k is drawn at the sum of layers 0..k of the same build (NaN adds 0; a
// build where every layer is NaN is skipped). One result per layer: its upper edge. With
// `blocks` (one per layer, of those sums: stackedBlocks()), columns of many builds step over
// whole blocks (same result, a fraction of the work).
std::vector<ReducedSeries> reduceStacked(std::span<const double> x,
                                         std::span<const std::span<const double>> layers,
                                         const ReduceWindow& window,
                                         std::span<const MinMaxBlocks> blocks = {});

// The block extremes of the stacked sums of `layers` (as reduceStacked draws them), extended
// from blocks[k].resumeAt() to the layers' length. The sums are computed a chunk at a time and
// never stored whole.
void extendStackedBlocks(std::span<const std::span<const double>> layers, qsizetype size,
                         std::vector<MinMaxBlocks>& blocks);

// A noise band: center ± k·spread (e.g. rolling median ± k·MAD). When reduced, each column
// keeps the lowest lower edge and the highest upper edge, so the band never looks narrower.
struct ReducedBand
{
    ReducedSeries center;
    QList<QPointF> lower;
    QList<QPointF> upper;
    double yMin = 0;
    double yMax = 0;
};
ReducedBand reduceBand(std::span<const double> x, std::span<const double> center,
                       std::span<const double> spread, double k, const ReduceWindow& window);

} // namespace bengal
