// TrendChart: options, the visible x range, selection and markers.
#include "charts/TrendChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartOverlay.h"

#include "history/HistoryStore.h"

#include <QChart>
#include <algorithm>
#include <cmath>

namespace bengal {

namespace {
constexpr double kTimeMinSpanMs = 60e3; // zoom stops at one minute...
constexpr double kIndexMinSpan = 4;     // ...or at four builds
} // namespace

// ---------------------------------------------------------------- options

void TrendChart::setOptions(const ChartOptions& options)
{
    const bool xChanged = options.xMode != m_options.xMode;
    m_options = options;
    if (m_options.stacked)
        m_options.logY = false; // a stack on a log axis would misstate the shares
    m_axes->setLogY(m_options.logY);
    if (xChanged) {
        m_axes->setXMode(m_options.xMode);
        m_columns.setXMode(m_options.xMode);
        m_zoomed = false;
        setMarkers(m_markers);
        emit dataChanged();
        emit visibleRangeChanged(visibleRange().first, visibleRange().second);
    }
    optionsChangedInternally();
}

void TrendChart::optionsChangedInternally()
{
    updateLegend();
    emit optionsChanged(m_options);
    redrawNow();
}

void TrendChart::setSeriesVisible(const QString& metric, bool visible)
{
    if (visible == m_options.isVisible(metric))
        return;
    if (visible)
        m_options.hiddenSeries.removeAll(metric);
    else
        m_options.hiddenSeries.append(metric);
    optionsChangedInternally();
}

void TrendChart::isolateSeries(const QString& metric)
{
    m_options.hiddenSeries.clear();
    for (const Item& item : std::as_const(m_items)) {
        if (item.spec.metric != metric)
            m_options.hiddenSeries.append(item.spec.metric);
    }
    optionsChangedInternally();
}

void TrendChart::showAllSeries()
{
    m_options.hiddenSeries.clear();
    optionsChangedInternally();
}

void TrendChart::setStacked(bool stacked)
{
    ChartOptions o = m_options;
    o.stacked = stacked;
    setOptions(o);
}

void TrendChart::setXMode(ChartXMode mode)
{
    ChartOptions o = m_options;
    o.xMode = mode;
    setOptions(o);
}

void TrendChart::setLogY(bool log)
{
    ChartOptions o = m_options;
    o.logY = log;
    setOptions(o);
}

void TrendChart::setMedianMetric(const QString& metric)
{
    ChartOptions o = m_options;
    o.medianMetric = metric;
    setOptions(o);
}

void TrendChart::setMedianWindow(int builds)
{
    ChartOptions o = m_options;
    o.medianWindow = std::max(1, builds);
    setOptions(o);
}

void TrendChart::setFollowLatest(bool follow)
{
    ChartOptions o = m_options;
    o.followLatest = follow;
    setOptions(o);
}

QList<SeriesSpec> TrendChart::series() const
{
    QList<SeriesSpec> out;
    for (const Item& item : m_items)
        out.append(item.spec);
    return out;
}

// ---------------------------------------------------------------- range

QPair<double, double> TrendChart::fullRange() const
{
    const bool time = m_options.xMode == ChartXMode::Time;
    if (m_columns.isEmpty())
        return {0, time ? 86400e3 : 1};
    double lo = m_columns.xAt(0), hi = m_columns.xAt(m_columns.size() - 1);
    // Markers between builds (failed runs) may lie beyond the first or last build.
    const auto widen = [&](const QList<ChartMarker>& markers) {
        for (const ChartMarker& m : markers) {
            const double x = m.timeMs == ChartMarker::kAtRow ? qQNaN() : markerX(m);
            if (std::isfinite(x)) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
        }
    };
    widen(m_markers);
    for (const MarkerLayer& layer : std::as_const(m_markerLayers))
        widen(layer.markers);
    // A little room so the first and last builds are not on the frame; a few builds minutes
    // apart fill the plot instead of sitting in the middle of an hour.
    const double pad = std::max((hi - lo) * 0.03, time ? kTimeMinSpanMs / 2 : 0.5);
    return {lo - pad, hi + pad};
}

QPair<double, double> TrendChart::visibleRange() const
{
    return m_zoomed ? qMakePair(m_rangeMin, m_rangeMax) : fullRange();
}

double TrendChart::minimumSpan() const
{
    return m_options.xMode == ChartXMode::Time ? kTimeMinSpanMs : kIndexMinSpan;
}

void TrendChart::setRangeInternal(double xMin, double xMax)
{
    const auto [lo, hi] = fullRange();
    if (xMax - xMin < minimumSpan()) {
        const double centre = (xMin + xMax) / 2;
        xMin = centre - minimumSpan() / 2;
        xMax = centre + minimumSpan() / 2;
    }
    if (xMin <= lo && xMax >= hi) {
        m_zoomed = false;
    } else {
        m_zoomed = true;
        m_rangeMin = xMin;
        m_rangeMax = xMax;
    }
    const auto [a, b] = visibleRange();
    emit visibleRangeChanged(a, b);
    redrawNow();
}

void TrendChart::setVisibleRange(double xMin, double xMax)
{
    if (!std::isfinite(xMin) || !std::isfinite(xMax))
        return;
    if (xMin > xMax)
        std::swap(xMin, xMax);
    const auto [a, b] = visibleRange();
    if (xMin == a && xMax == b)
        return;
    setRangeInternal(xMin, xMax);
}

void TrendChart::zoomBy(double factor, double centreX)
{
    const auto [a, b] = visibleRange();
    const auto [lo, hi] = fullRange();
    double from = centreX - (centreX - a) * factor;
    double to = centreX + (b - centreX) * factor;
    // Zooming out stops at the whole history.
    if (to - from >= hi - lo) {
        resetZoom();
        return;
    }
    if (from < lo) {
        to += lo - from;
        from = lo;
    } else if (to > hi) {
        from -= to - hi;
        to = hi;
    }
    setRangeInternal(from, to);
}

void TrendChart::resetZoom()
{
    if (!m_zoomed)
        return;
    m_zoomed = false;
    const auto [a, b] = visibleRange();
    emit visibleRangeChanged(a, b);
    redrawNow();
}

// ---------------------------------------------------------------- selection and markers

void TrendChart::setSelectedBuild(int row)
{
    m_selectedRow = row;
    updateSelectionDots();
    updateOverlay();
}

void TrendChart::setMarkers(const QList<ChartMarker>& markers)
{
    m_markers = markers;
    QList<ChartOverlay::Placed> placed;
    for (const ChartMarker& m : markers)
        placed.append({markerX(m), m});
    for (const MarkerLayer& layer : std::as_const(m_markerLayers))
        for (const ChartMarker& m : layer.markers)
            placed.append({markerX(m), m});
    m_overlay->setMarkers(placed);
    updateOverlay();
}

void TrendChart::setMarkerLayer(const QString& layer, const QList<ChartMarker>& markers,
                                const QStringList& tooltips)
{
    if (markers.isEmpty())
        m_markerLayers.remove(layer);
    else
        m_markerLayers.insert(layer, {markers, tooltips});
    setMarkers(m_markers);
    const auto timed = [](const ChartMarker& m) {
        return m.timeMs != ChartMarker::kAtRow;
    };
    if (!m_zoomed && std::any_of(markers.begin(), markers.end(), timed)) {
        // A failed run after the last build widens the full range.
        emit visibleRangeChanged(visibleRange().first, visibleRange().second);
        scheduleRedraw();
    }
}

double TrendChart::markerX(const ChartMarker& marker) const
{
    if (marker.timeMs == ChartMarker::kAtRow)
        return m_columns.xOfRow(marker.row);
    if (m_options.xMode == ChartXMode::Time)
        return double(marker.timeMs);
    // Build index: halfway between the last build before it and the first after it.
    const HistoryStore* s = m_columns.store();
    if (!s)
        return qQNaN();
    const std::span<const TimestampUs> stamps = s->timestamps();
    const auto after = std::lower_bound(stamps.begin(), stamps.end(), marker.timeMs * 1000);
    return double(after - stamps.begin()) - 0.5;
}

int TrendChart::visibleMarkerCount() const
{
    return m_overlay->visibleMarkerCount();
}

qsizetype TrendChart::fillCount() const
{
    return m_overlay->fillCount();
}

QPair<qreal, qreal> TrendChart::naturalPlotInsets() const
{
    const QRectF plot = m_chart->plotArea();
    return {plot.left() - m_padLeft, m_chart->size().width() - plot.right() - m_padRight};
}

void TrendChart::setPlotPadding(qreal left, qreal right)
{
    const int l = std::max(0, int(std::lround(left))), r = std::max(0, int(std::lround(right)));
    if (l == m_padLeft && r == m_padRight)
        return;
    m_padLeft = l;
    m_padRight = r;
    m_chart->setMargins(m_baseMargins + QMargins(l, 0, r, 0));
}

bool TrendChart::crosshairVisible() const
{
    return m_overlay->crosshairVisible();
}

void TrendChart::showCrosshairAtRow(int row)
{
    const double x = m_columns.xOfRow(row);
    if (row < 0 || !std::isfinite(x))
        m_overlay->hideCrosshair();
    else
        m_overlay->showCrosshair(x);
}

} // namespace bengal
