#include "export/ChartRenderer.h"

#include "charts/ChartPalette.h"
#include "charts/ChartSeriesCatalog.h"
#include "charts/TrendChart.h"
#include "export/LatestComparison.h"
#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"
#include "report/MetricUnits.h"

#include <QChart>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <cmath>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::ChartExport", text);
}

const QString kBuildTime = QStringLiteral("build_time_ms");

// The strip over a dashboard: the title line and the summary line, with padding.
constexpr qreal kHeaderPadding = 10;
constexpr qreal kTitleScale = 1.35;

QString dayAndTime(TimestampUs us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString buildCount(qsizetype n)
{
    return n == 1 ? tr("1 build") : tr("%1 builds").arg(n);
}

// "38 builds, 2025-10-05 14:55 to 2025-10-16 16:52 UTC; latest build time 5368.0 ms, +6.3 %
// against the median of the previous 20 comparable builds (5050.2 ms)".
QString summaryLine(const ChartScene& scene)
{
    const std::vector<std::uint32_t> rows = sceneRows(scene);
    if (rows.empty())
        return tr("No builds");
    const HistoryStore& store = *scene.store;
    QString text =
        tr("%1, %2 to %3 UTC")
            .arg(buildCount(qsizetype(rows.size())), dayAndTime(store.timestampUs(rows.front())),
                 dayAndTime(store.timestampUs(rows.back())));
    const LatestComparison latest = compareLatest(store, rows, kBuildTime);
    if (latest.row < 0)
        return text;
    const MetricUnit unit = unitOf(kBuildTime);
    text += tr("; latest build time %1").arg(formatValue(latest.latest, unit));
    if (latest.baselineBuilds == 0)
        return text;
    const QString change =
        QStringLiteral("%1%2 %").arg(latest.changePct > 0 ? QStringLiteral("+") : QString(),
                                     QString::number(latest.changePct, 'f', 1));
    const QString baseline = formatValue(latest.baseline, unit);
    if (latest.baselineBuilds == 1)
        return text + tr(", %1 against the previous comparable build (%2)").arg(change, baseline);
    return text + tr(", %1 against the median of the previous %2 comparable builds (%3)")
                      .arg(change)
                      .arg(latest.baselineBuilds)
                      .arg(baseline);
}

} // namespace

ChartRenderer::ChartRenderer(const ChartScene& scene)
    : m_scene(scene), m_palette(exportPalette(scene.theme, scene.currentPalette))
{}

ChartRenderer::~ChartRenderer() = default;

QColor ChartRenderer::background() const
{
    return ChartPalette::fromPalette(m_palette).background;
}

QString ChartRenderer::title() const
{
    const QString file = QFileInfo(m_scene.sourcePath).fileName();
    return file.isEmpty() ? tr("Build performance") : tr("Build performance: %1").arg(file);
}

QString ChartRenderer::subtitle() const
{
    return summaryLine(m_scene);
}

TrendChart* ChartRenderer::chart(ChartTarget target)
{
    std::unique_ptr<TrendChart>& slot = target == ChartTarget::Memory  ? m_memory
                                        : target == ChartTarget::Total ? m_total
                                                                       : m_phases;
    if (slot)
        return slot.get();
    const TrendKind kind = target == ChartTarget::Memory ? TrendKind::Memory : TrendKind::Phases;
    slot = std::make_unique<TrendChart>(kind);
    TrendChart* c = slot.get();
    c->setAttribute(Qt::WA_DontShowOnScreen); // never a window, even on a real display
    c->setPalette(m_palette);
    c->setFont(m_scene.font);
    c->setStore(m_scene.store);
    c->setFilter(m_scene.filter);
    const std::optional<ChartOptions>& given =
        kind == TrendKind::Memory ? m_scene.memoryOptions : m_scene.phaseOptions;
    ChartOptions options = given.value_or(c->options());
    if (target == ChartTarget::Total) {
        options.stacked = false;
        options.medianMetric = kBuildTime;
        options.hiddenSeries.clear();
        // From the store, not c->series(): a chart given a store has no series until its
        // first redraw, and hiding nothing would draw every phase.
        const QList<SeriesSpec> specs =
            m_scene.store
                ? seriesFor(TrendKind::Phases, *m_scene.store, ChartPalette::fromPalette(m_palette))
                : QList<SeriesSpec>();
        for (const SeriesSpec& spec : specs) {
            if (spec.metric != kBuildTime)
                options.hiddenSeries << spec.metric;
        }
    }
    options.followLatest = false;
    c->setOptions(options);
    if (m_scene.visibleRange)
        c->setVisibleRange(m_scene.visibleRange->first, m_scene.visibleRange->second);
    c->setMarkers(m_scene.markers);
    return c;
}

qreal ChartRenderer::headerHeight(QPainter& painter) const
{
    QFont titleFont = m_scene.font;
    titleFont.setPointSizeF(titleFont.pointSizeF() * kTitleScale);
    const QFontMetricsF title(titleFont, painter.device());
    const QFontMetricsF body(m_scene.font, painter.device());
    return std::ceil(kHeaderPadding * 2 + title.height() + 4 + body.height());
}

void ChartRenderer::paintHeader(QPainter& painter, const QRectF& rect)
{
    const ChartPalette colours = ChartPalette::fromPalette(m_palette);
    QFont titleFont = m_scene.font;
    titleFont.setPointSizeF(titleFont.pointSizeF() * kTitleScale);
    titleFont.setBold(true);
    const QFontMetricsF titleMetrics(titleFont, painter.device());
    const QFontMetricsF bodyMetrics(m_scene.font, painter.device());
    const QRectF inner =
        rect.adjusted(kHeaderPadding * 1.5, kHeaderPadding, -kHeaderPadding * 1.5, -kHeaderPadding);
    painter.save();
    // Plain text only: the file name and numbers come from the history.
    painter.setFont(titleFont);
    painter.setPen(colours.text);
    const QRectF titleRect(inner.topLeft(), QSizeF(inner.width(), titleMetrics.height()));
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                     titleMetrics.elidedText(title(), Qt::ElideMiddle, inner.width()));
    painter.setFont(m_scene.font);
    painter.setPen(colours.mutedText);
    const QRectF bodyRect(QPointF(inner.left(), titleRect.bottom() + 4),
                          QSizeF(inner.width(), bodyMetrics.height()));
    painter.drawText(bodyRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                     bodyMetrics.elidedText(subtitle(), Qt::ElideRight, inner.width()));
    painter.setPen(QPen(colours.grid, 1));
    painter.drawLine(QPointF(rect.left(), rect.bottom() - 0.5),
                     QPointF(rect.right(), rect.bottom() - 0.5));
    painter.restore();
}

namespace {

// The height a chart's legend needs for all its entries. Qt Charts lays a right-hand legend
// out in one column, cuts its size hint to the chart and clips the entries beyond: their full
// extent shows with the clipping off.
qreal legendNeeds(QChart* chart)
{
    QLegend* legend = chart->legend();
    const bool clips = legend->flags() & QGraphicsItem::ItemClipsChildrenToShape;
    legend->setFlag(QGraphicsItem::ItemClipsChildrenToShape, false);
    const qreal needed = legend->childrenBoundingRect().height();
    legend->setFlag(QGraphicsItem::ItemClipsChildrenToShape, clips);
    return needed;
}

qreal legendRoom(const QChart* chart)
{
    const QMargins margins = chart->margins();
    return chart->size().height() - margins.top() - margins.bottom();
}

// A legend taller than its chart would lose its last entries: a picture cannot be scrolled or
// resized, so the legend's font gets smaller, down to a size still readable.
void fitLegend(QChart* chart)
{
    constexpr qreal kMinPointSize = 6.5;
    QLegend* legend = chart->legend();
    for (int attempt = 0; attempt < 4; ++attempt) {
        const qreal needed = legendNeeds(chart), available = legendRoom(chart);
        QFont font = legend->font();
        if (needed <= available + 0.5 || available <= 0 || font.pointSizeF() <= kMinPointSize)
            return;
        font.setPointSizeF(std::max(kMinPointSize, font.pointSizeF() * available / needed * 0.97));
        legend->setFont(font);
        // A new font alone leaves the legend's items where the old layout scrolled them (out
        // of its clip): a new geometry lays them out from the top again.
        const QRectF geometry = chart->geometry();
        chart->setGeometry(geometry.adjusted(0, 0, 0, 1));
        chart->layout()->activate();
        chart->setGeometry(geometry);
        chart->layout()->activate();
    }
}

} // namespace

void ChartRenderer::paint(QPainter& painter, const QRectF& rect, ChartTarget target)
{
    painter.fillRect(rect, background());
    if (target != ChartTarget::Dashboard) {
        TrendChart* c = chart(target);
        layOut(c, rect.size());
        c->render(&painter, rect);
        return;
    }
    const qreal header = headerHeight(painter);
    paintHeader(painter, QRectF(rect.topLeft(), QSizeF(rect.width(), header)));
    // The phase chart has more series and a longer legend: it gets a little more room, and up
    // to 70 % of the height when its legend needs it (a history with Bengal's phase ledger has
    // some twenty entries; the memory chart a handful).
    const qreal chartsTop = rect.top() + header;
    const qreal charts = rect.bottom() - chartsTop;
    qreal phaseHeight = std::round(charts * 0.55);
    TrendChart* phases = chart(ChartTarget::Phases);
    TrendChart* memory = chart(ChartTarget::Memory);
    layOut(phases, QSizeF(rect.width(), phaseHeight), false);
    if (const qreal short_ = legendNeeds(phases->chart()) - legendRoom(phases->chart()); short_ > 0)
        phaseHeight = std::min(std::round(charts * 0.7), phaseHeight + std::ceil(short_));
    const QRectF phaseRect(rect.left(), chartsTop, rect.width(), phaseHeight);
    const QRectF memoryRect(rect.left(), chartsTop + phaseHeight, rect.width(),
                            charts - phaseHeight);
    alignPlotAreas(phases, phaseRect.size(), memory, memoryRect.size());
    phases->render(&painter, phaseRect);
    memory->render(&painter, memoryRect);
}

QRectF ChartRenderer::layOut(TrendChart* chart, const QSizeF& size, bool fit)
{
    // A chart that was never shown has no plot area yet, and its ticks come from the plot
    // size of the previous redraw: lay it out and draw once at the target size, so render()
    // finds labels, ticks and plot area where they belong.
    QChart* c = chart->chart();
    c->setGeometry(QRectF(QPointF(0, 0), size));
    c->layout()->activate();
    chart->redrawNow();
    // The window keeps switched-off series in the legend, dimmed, to switch them on again; a
    // picture cannot be clicked, so it names only what it draws.
    for (QLegendMarker* marker : c->legend()->markers()) {
        if (marker->series() && !marker->series()->isVisible())
            marker->setVisible(false);
    }
    c->layout()->activate();
    if (fit)
        fitLegend(c);
    return c->plotArea();
}

void ChartRenderer::alignPlotAreas(TrendChart* a, const QSizeF& sizeA, TrendChart* b,
                                   const QSizeF& sizeB)
{
    // One above the other, the charts share a time axis only if their plot areas start and end
    // at the same x; their y labels and legends differ in width. Wider margins move both plot
    // areas to the narrower common span, and the layout keeps labels and legend next to them
    // (a fixed QChart::setPlotArea leaves the plot frame behind in Qt 6.4).
    const QRectF natural[2] = {layOut(a, sizeA), layOut(b, sizeB)};
    const qreal left = std::max(natural[0].left(), natural[1].left());
    const qreal right = std::min(natural[0].right(), natural[1].right());
    if (right - left < 50)
        return;
    TrendChart* charts[2] = {a, b};
    for (int i = 0; i < 2; ++i) {
        QChart* c = charts[i]->chart();
        const QMargins m = c->margins();
        c->setMargins(QMargins(m.left() + qRound(left - natural[i].left()), m.top(),
                               m.right() + qRound(natural[i].right() - right), m.bottom()));
    }
}

} // namespace bengal
