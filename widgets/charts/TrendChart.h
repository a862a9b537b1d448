#pragma once

#include "charts/ChartColumns.h"
#include "charts/ChartMarker.h"
#include "charts/ChartOptions.h"
#include "charts/ChartPalette.h"
#include "charts/ChartSeriesCatalog.h"

#include <QHash>
#include <QMap>
#include <QImage>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <memory>

class QAbstractAxis;
class QChart;
class QChartView;
class QLegendMarker;
class QLineSeries;
class QScatterSeries;
class QXYSeries;

namespace bengal {

class ChartAxes;
class ChartOverlay;
class ChartTooltip;
class HistorySession;
class HistoryStore;
class TrendChartView;
struct AppendResult;
struct ReducedSeries;
struct TooltipRow;

// A trend chart of a history: phase timings or memory over time (or build index), one series
// per metric, optionally stacked, with a rolling median and noise band, markers, a selected
// build and a hover crosshair/tooltip. Every redraw reduces the visible builds to a few points
// per pixel column first (model/charts/SeriesReducer), so only a few thousand points reach
// Qt Charts even with a million builds. Live data redraws at most every 40 ms.
class TrendChart : public QWidget
{
    Q_OBJECT
public:
    explicit TrendChart(TrendKind kind, QWidget* parent = nullptr);
    ~TrendChart() override;

    TrendKind kind() const { return m_kind; }

    // --- data: either a session (followed live) or a store fed by its owner
    void setSession(HistorySession* session);
    void setStore(const HistoryStore* store);
    void storeAppended(const bengal::AppendResult& result);
    void storeReset();
    // Values of existing builds changed (a joined metric): redraw, keeping zoom and selection.
    void storeValuesChanged();
    const HistoryStore* store() const { return m_columns.store(); }
    void setFilter(const BuildFilter& filter);
    BuildFilter filter() const { return m_columns.filter(); }

    // --- what is shown
    void setOptions(const ChartOptions& options);
    ChartOptions options() const { return m_options; }
    void setSeriesVisible(const QString& metric, bool visible);
    bool isSeriesVisible(const QString& metric) const { return m_options.isVisible(metric); }
    void isolateSeries(const QString& metric); // shows only this one
    void showAllSeries();
    void setStacked(bool stacked);
    void setXMode(ChartXMode mode);
    void setLogY(bool log);
    void setMedianMetric(const QString& metric); // empty: no median line
    void setMedianWindow(int builds);
    void setFollowLatest(bool follow);
    // The series this chart has for the current store, in legend order.
    QList<SeriesSpec> series() const;

    // --- visible x range (ms since the epoch, or store row in build-index mode)
    void setVisibleRange(double xMin, double xMax);
    void zoomBy(double factor, double centreX);
    void resetZoom();
    bool isZoomed() const { return m_zoomed; }
    QPair<double, double> visibleRange() const;
    QPair<double, double> fullRange() const;

    // --- selection, markers, crosshair
    void setSelectedBuild(int row); // -1 clears; does not emit buildSelected
    int selectedBuild() const { return m_selectedRow; }
    void setMarkers(const QList<ChartMarker>& markers);
    QList<ChartMarker> markers() const { return m_markers; }
    // Markers kept apart from setMarkers() by their source (e.g. "regressions"), so several
    // features can mark builds without replacing each other's markers. Empty list: removed.
    // `tooltips` (plain text, parallel to `markers`) are shown in the hover tooltip of the
    // marker's build; a missing one shows the label.
    void setMarkerLayer(const QString& layer, const QList<ChartMarker>& markers,
                        const QStringList& tooltips = {});
    QList<ChartMarker> markerLayer(const QString& layer) const
    {
        return m_markerLayers.value(layer).markers;
    }
    void showCrosshairAtRow(int row); // -1 hides; for the crosshair shared between charts
    // The plot's distance from the chart's left and right edges without alignment padding, and
    // padding that lines plots of stacked charts up (ChartCursorSync does it).
    QPair<qreal, qreal> naturalPlotInsets() const;
    void setPlotPadding(qreal left, qreal right);

    // --- export: the same reduction at the target's width
    void render(QPainter* painter, const QRectF& target);
    QImage toImage(const QSize& size, qreal devicePixelRatio = 1.0);

    // --- for the overview strip, tests and benchmarks
    void redrawNow();
    QChart* chart() const { return m_chart; }
    QChartView* chartView() const;
    QAbstractAxis* xAxis() const; // the axes in use (the others are hidden)
    QAbstractAxis* yAxis() const;
    ChartColumns& columns() { return m_columns; }
    // The metric the overview strip draws: build time, or the first memory series.
    QString primaryMetric() const;
    // Points last handed to Qt Charts for a metric's line (or stacked layer's upper edge).
    QList<QPointF> seriesPoints(const QString& metric) const;
    QXYSeries* lineSeries(const QString& metric) const;
    // Filled regions drawn under the lines: stacked layers and the noise band.
    qsizetype fillCount() const;
    QLegendMarker* legendMarker(const QString& metric) const;
    // Where a build's value of `metric` is drawn, in chart-view viewport coordinates.
    QPoint viewportPositionOf(int row, const QString& metric) const;
    int visibleMarkerCount() const;
    bool crosshairVisible() const;
    int drawnPointCount() const { return m_drawnPoints; }
    QString tooltipText() const;

signals:
    void buildSelected(int storeRow);
    void hoveredBuildChanged(int storeRow); // -1 when the cursor leaves the plot
    void visibleRangeChanged(double xMin, double xMax);
    void optionsChanged(const bengal::ChartOptions& options);
    void dataChanged(); // builds were added, removed or filtered
    void redrawn();

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Item
    {
        SeriesSpec spec;
        QLineSeries* line = nullptr; // in stacked mode: the top edge of the layer
    };

    // TrendChart.cpp
    void scheduleRedraw();
    void applyPalette();
    void optionsChangedInternally();
    void setRangeInternal(double xMin, double xMax);
    double minimumSpan() const;
    double markerX(const ChartMarker& marker) const;
    // TrendChartRedraw.cpp
    void syncSeries();
    void createItem(const SeriesSpec& spec);
    void removeItems();
    void styleItem(Item& item);
    bool isLayer(const Item& item) const;
    void updateLegend();
    void onMarkerClicked(QLegendMarker* marker);
    void updateSelectionDots();
    void updateOverlay();
    std::span<const double> values(const SeriesSpec& spec, bool stacked);
    // TrendChartHover.cpp
    void onHover(const QPointF& chartPos);
    void onHoverLeft();
    void onClick(const QPointF& chartPos);
    void onStep(int delta);
    void selectIndex(qsizetype index);
    void ensureIndexVisible(qsizetype index);
    qsizetype indexAtChartX(double chartX) const;
    QList<TooltipRow> tooltipRows(qsizetype index);
    QString tooltipTitle(qsizetype index) const;

    TrendKind m_kind;
    ChartOptions m_options;
    ChartPalette m_palette;
    ChartColumns m_columns;
    QPointer<HistorySession> m_session;
    QList<QMetaObject::Connection> m_sessionConnections;

    QChart* m_chart;
    TrendChartView* m_view;
    ChartAxes* m_axes;
    std::unique_ptr<ChartOverlay> m_overlay;
    ChartTooltip* m_tooltip;
    QList<Item> m_items;
    QHash<QString, int> m_itemIndex;
    int m_syncedMetricCount = -1;
    QLineSeries* m_medianLine;
    QScatterSeries* m_selectionDots;

    bool m_zoomed = false;
    double m_rangeMin = 0;
    double m_rangeMax = 1;
    double m_drawnMin = 0; // the range of the last redraw
    double m_drawnMax = 0;
    int m_selectedRow = -1;
    int m_hoverRow = -1;
    QList<ChartMarker> m_markers;
    struct MarkerLayer
    {
        QList<ChartMarker> markers;
        QStringList tooltips;
    };
    QMap<QString, MarkerLayer> m_markerLayers;
    QTimer m_redrawTimer;
    qreal m_pixelScale = 1; // device pixels per plot pixel (export at a higher DPR)
    int m_drawnPoints = 0;
    QMargins m_baseMargins;
    int m_padLeft = 0;
    int m_padRight = 0;
    QString m_legendState;   // what the legend was last styled for
    bool m_thinPens = false; // dense data: 1 px lines, no antialiasing (see kDetailedPoints)
    QString m_lastClickedMarker;
    qint64 m_lastMarkerClickMs = 0;
    bool m_markerWasAlone = false;
};

} // namespace bengal
