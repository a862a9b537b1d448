#include "charts/TrendChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartOverlay.h"
#include "charts/ChartTooltip.h"
#include "charts/TrendChartView.h"
#include "history/HistorySession.h"

#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <cmath>

namespace bengal {

namespace {
constexpr int kRedrawCoalesceMs = 40;
} // namespace

TrendChart::TrendChart(TrendKind kind, QWidget* parent)
    : QWidget(parent), m_kind(kind), m_chart(new QChart)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_baseMargins = QMargins(4, 8, 8, 4);
    m_chart->setMargins(m_baseMargins);
    m_chart->setPlotAreaBackgroundVisible(true);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    m_chart->legend()->setShowToolTips(true);

    m_view = new TrendChartView(m_chart, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_axes = new ChartAxes(m_chart, this);
    m_axes->setYTitles(yAxisTitles(kind));
    m_overlay = std::make_unique<ChartOverlay>(m_chart);
    m_tooltip = new ChartTooltip(m_view->viewport());

    m_medianLine = new QLineSeries;
    m_selectionDots = new QScatterSeries;
    m_selectionDots->setMarkerSize(9);
    m_selectionDots->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(m_medianLine),
                               static_cast<QAbstractSeries*>(m_selectionDots)}) {
        m_chart->addSeries(s);
        m_axes->attach(s);
    }

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(kRedrawCoalesceMs);
    connect(&m_redrawTimer, &QTimer::timeout, this, &TrendChart::redrawNow);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        m_axes->fitYTitle(m_chart->plotArea().height());
        updateOverlay();
        scheduleRedraw(); // the pixel width changed: reduce again
    });
    connect(m_view, &TrendChartView::zoomRequested, this, [this](double chartX, double factor) {
        zoomBy(factor, m_overlay->positionToX(chartX));
    });
    connect(m_view, &TrendChartView::panRequested, this, [this](double dx) {
        if (!m_zoomed)
            return;
        const double shift = m_overlay->positionToX(0) - m_overlay->positionToX(dx);
        const auto [lo, hi] = fullRange();
        const double span = m_rangeMax - m_rangeMin;
        const double from = std::clamp(m_rangeMin + shift, lo, std::max(lo, hi - span));
        setRangeInternal(from, from + span);
    });
    connect(m_view, &TrendChartView::spanRequested, this, [this](double a, double b) {
        setVisibleRange(m_overlay->positionToX(a), m_overlay->positionToX(b));
    });
    connect(m_view, &TrendChartView::resetRequested, this, &TrendChart::resetZoom);
    connect(m_view, &TrendChartView::hovered, this, &TrendChart::onHover);
    connect(m_view, &TrendChartView::hoverLeft, this, &TrendChart::onHoverLeft);
    connect(m_view, &TrendChartView::clicked, this, &TrendChart::onClick);
    connect(m_view, &TrendChartView::stepRequested, this, &TrendChart::onStep);
    connect(m_view, &TrendChartView::firstRequested, this, [this] { selectIndex(0); });
    connect(m_view, &TrendChartView::lastRequested, this,
            [this] { selectIndex(m_columns.size() - 1); });

    applyPalette();
    m_axes->setXMode(m_options.xMode);
    m_columns.setXMode(m_options.xMode);
}

TrendChart::~TrendChart()
{
    // The overlay's items belong to the chart, which the view deletes.
    m_overlay.reset();
}

QChartView* TrendChart::chartView() const
{
    return m_view;
}

QAbstractAxis* TrendChart::xAxis() const
{
    return m_axes->xAxis();
}

QAbstractAxis* TrendChart::yAxis() const
{
    return m_axes->yAxis();
}

// ---------------------------------------------------------------- data

void TrendChart::setSession(HistorySession* session)
{
    for (const QMetaObject::Connection& c : std::as_const(m_sessionConnections))
        disconnect(c);
    m_sessionConnections.clear();
    m_session = session;
    if (!session) {
        setStore(nullptr);
        return;
    }
    m_sessionConnections = {
        connect(session, &HistorySession::appended, this,
                [this](const AppendResult& result) { storeAppended(result); }),
        connect(session, &HistorySession::cleared, this, &TrendChart::storeReset),
        connect(session, &HistorySession::valuesChanged, this, &TrendChart::storeValuesChanged),
        connect(session, &HistorySession::destroyed, this, [this] { setStore(nullptr); }),
    };
    setStore(&session->store());
}

void TrendChart::setStore(const HistoryStore* store)
{
    m_columns.setStore(store);
    storeReset();
}

void TrendChart::storeReset()
{
    m_columns.rebuild();
    m_zoomed = false;
    m_selectedRow = -1;
    m_hoverRow = -1;
    m_syncedMetricCount = -1;
    removeItems();
    setMarkers(m_markers);
    emit dataChanged();
    emit visibleRangeChanged(visibleRange().first, visibleRange().second);
    scheduleRedraw();
}

void TrendChart::storeValuesChanged()
{
    m_columns.rebuild(); // cached gathered columns and block extremes are stale
    emit dataChanged();
    scheduleRedraw();
}

void TrendChart::storeAppended(const AppendResult& result)
{
    if (!m_columns.storeAppended(result))
        m_syncedMetricCount = -1;
    if (m_zoomed && m_options.followLatest && !m_columns.isEmpty()) {
        // Slide the view so the newest build is in sight, keeping the zoom.
        const double span = m_rangeMax - m_rangeMin;
        const double hi = fullRange().second;
        if (hi > m_rangeMax) {
            m_rangeMax = hi;
            m_rangeMin = hi - span;
        }
    }
    emit dataChanged();
    if (!m_zoomed || m_options.followLatest)
        emit visibleRangeChanged(visibleRange().first, visibleRange().second);
    scheduleRedraw();
}

void TrendChart::setFilter(const BuildFilter& filter)
{
    if (filter == m_columns.filter())
        return;
    m_columns.setFilter(filter);
    emit dataChanged();
    scheduleRedraw();
}

void TrendChart::scheduleRedraw()
{
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

// ---------------------------------------------------------------- export

void TrendChart::render(QPainter* painter, const QRectF& target)
{
    const QRectF saved = m_chart->geometry();
    const qreal savedScale = m_pixelScale;
    const bool crosshair = m_overlay->crosshairVisible();
    m_overlay->hideCrosshair();
    m_pixelScale =
        std::max<qreal>(1, painter->device() ? painter->device()->devicePixelRatioF() : 1);
    m_chart->setGeometry(QRectF(QPointF(0, 0), target.size()));
    m_chart->layout()->activate();
    redrawNow();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setRenderHint(QPainter::TextAntialiasing, true);
    m_chart->scene()->render(painter, target, m_chart->sceneBoundingRect());
    painter->restore();
    m_pixelScale = savedScale;
    m_chart->setGeometry(saved);
    m_chart->layout()->activate();
    redrawNow();
    if (crosshair)
        showCrosshairAtRow(m_hoverRow);
}

QImage TrendChart::toImage(const QSize& size, qreal devicePixelRatio)
{
    QImage image(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(m_palette.background);
    QPainter painter(&image);
    render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

// ---------------------------------------------------------------- palette

void TrendChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void TrendChart::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    scheduleRedraw();
}

void TrendChart::applyPalette()
{
    m_palette = ChartPalette::fromPalette(palette());
    m_chart->setBackgroundBrush(m_palette.background);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundBrush(m_palette.plotArea);
    m_chart->setPlotAreaBackgroundPen(QPen(m_palette.grid));
    m_chart->legend()->setLabelColor(m_palette.text);
    m_chart->legend()->setFont(font());
    m_view->setBackgroundBrush(m_palette.background);
    m_axes->applyPalette(m_palette, font());
    if (m_chart->plotArea().height() > 0)
        m_axes->fitYTitle(m_chart->plotArea().height()); // the title font may have changed
    m_overlay->applyPalette(m_palette);
    m_selectionDots->setColor(m_palette.selection);
    m_selectionDots->setBorderColor(m_palette.plotArea);
    if (const HistoryStore* store = m_columns.store()) {
        // Series colours come from the palette too.
        const QList<SeriesSpec> specs = seriesFor(m_kind, *store, m_palette);
        for (Item& item : m_items) {
            for (const SeriesSpec& spec : specs) {
                if (spec.metric == item.spec.metric)
                    item.spec.color = spec.color;
            }
            styleItem(item);
        }
    }
    updateLegend();
    scheduleRedraw();
}

} // namespace bengal
