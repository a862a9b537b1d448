#include "detail/PhaseBarsWidget.h"

#include "report/MetricUnits.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace bengal {

namespace {

constexpr int kMargin = 4;
constexpr int kSwatch = 10;
const QString kUnattributed = QStringLiteral("unattributed_ms");

QString percent(double share)
{
    return std::isfinite(share) ? QString::number(share * 100, 'f', 1) + QStringLiteral(" %")
                                : QString();
}

QColor textOn(const QColor& background)
{
    return background.lightnessF() > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

PhaseBarsWidget::PhaseBarsWidget(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setMouseTracking(true);
}

void PhaseBarsWidget::setBars(const QList<Bar>& bars)
{
    m_bars = bars;
    updateGeometry();
    update();
}

void PhaseBarsWidget::setColors(const QHash<QString, QColor>& colors)
{
    m_colors = colors;
    update();
}

QColor PhaseBarsWidget::colorOf(const QString& metric, int index) const
{
    if (auto it = m_colors.constFind(metric); it != m_colors.constEnd())
        return *it;
    if (metric == kUnattributed)
        return palette().color(QPalette::Mid);
    static const QRgb fallback[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x59a14f,
                                    0x76b7b2, 0xc9a227, 0xb07aa1, 0xff9da7};
    return QColor(fallback[index % 8]);
}

QList<PhaseBarsWidget::LegendItem> PhaseBarsWidget::legendItems() const
{
    QList<LegendItem> items;
    if (m_bars.size() == 1) {
        const PhaseBreakdown& b = m_bars.first().breakdown;
        for (const PhaseShare& phase : b.phases)
            items.append({phase.metric,
                          QStringLiteral("%1 %2 · %3")
                              .arg(phase.label, formatValue(phase.ms, MetricUnit::Milliseconds),
                                   percent(phase.share))});
        if (std::isfinite(b.unattributedMs))
            items.append(
                {kUnattributed, tr("Unattributed %1 · %2")
                                    .arg(formatValue(b.unattributedMs, MetricUnit::Milliseconds),
                                         percent(b.unattributedShare))});
        return items;
    }
    QStringList seen;
    bool unattributed = false;
    for (const Bar& bar : m_bars) {
        for (const PhaseShare& phase : bar.breakdown.phases) {
            if (!seen.contains(phase.metric)) {
                seen.append(phase.metric);
                items.append({phase.metric, phase.label});
            }
        }
        unattributed = unattributed || bar.breakdown.unattributedMs > 0;
    }
    if (unattributed)
        items.append({kUnattributed, tr("Unattributed")});
    return items;
}

int PhaseBarsWidget::layoutLegend(int width, QList<QRect>* rects) const
{
    const QFontMetrics fm = fontMetrics();
    int x = kMargin;
    int y = 0;
    const int lineHeight = fm.height() + 2;
    const QList<LegendItem> items = legendItems();
    for (const LegendItem& item : items) {
        const int w = kSwatch + 4 + fm.horizontalAdvance(item.text) + 12;
        if (x > kMargin && x + w > width - kMargin) {
            x = kMargin;
            y += lineHeight;
        }
        if (rects)
            rects->append(QRect(x, y, w, lineHeight));
        x += w;
    }
    return items.isEmpty() ? 0 : y + lineHeight;
}

int PhaseBarsWidget::barsHeight() const
{
    const int title = fontMetrics().height();
    const int bar = std::max(16, fontMetrics().height() + 4);
    return int(m_bars.size()) * (title + 2 + bar + 6);
}

double PhaseBarsWidget::scaleMax() const
{
    double max = 0;
    for (const Bar& bar : m_bars) {
        const PhaseBreakdown& b = bar.breakdown;
        max = std::max({max, std::isfinite(b.totalMs) ? b.totalMs : 0.0, b.attributedMs});
    }
    return max;
}

int PhaseBarsWidget::heightForWidth(int width) const
{
    if (m_bars.isEmpty())
        return fontMetrics().height() + 2 * kMargin;
    return kMargin + barsHeight() + layoutLegend(width, nullptr) + kMargin;
}

QSize PhaseBarsWidget::sizeHint() const
{
    return {360, heightForWidth(360)};
}

QSize PhaseBarsWidget::minimumSizeHint() const
{
    return {160, heightForWidth(width() > 0 ? width() : 360)};
}

void PhaseBarsWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    m_segments.clear();
    const QFontMetrics fm = fontMetrics();
    const QColor text = palette().color(QPalette::WindowText);
    if (m_bars.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignLeft,
                   tr("No phase timings"));
        return;
    }
    const double w = width() - 2 * kMargin;
    const double max = scaleMax();
    const double scale = max > 0 ? w / max : 0;
    const int barHeight = std::max(16, fm.height() + 4);
    int y = kMargin;
    for (const Bar& bar : m_bars) {
        const PhaseBreakdown& b = bar.breakdown;
        QString title = bar.title;
        if (std::isfinite(b.totalMs))
            title += QStringLiteral(" — ") + formatValue(b.totalMs, MetricUnit::Milliseconds);
        p.setPen(text);
        p.drawText(QRect(kMargin, y, int(w), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(title, Qt::ElideRight, int(w)));
        y += fm.height() + 2;
        double x = kMargin;
        int index = 0;
        const auto segment = [&](const QString& metric, const QString& label, double ms,
                                 double share, int colorIndex) {
            const QRectF r(x, y, ms * scale, barHeight);
            x += r.width();
            if (r.width() <= 0)
                return;
            const QColor fill = colorOf(metric, colorIndex);
            if (metric == kUnattributed) {
                p.fillRect(r, fill.lighter(isEnabled() ? 115 : 100));
                p.fillRect(r, QBrush(text, Qt::BDiagPattern));
            } else {
                p.fillRect(r, fill);
            }
            const QString tip = QStringLiteral("%1\n%2: %3 (%4 of the build time)")
                                    .arg(bar.title, label,
                                         formatValue(ms, MetricUnit::Milliseconds), percent(share));
            m_segments.append({r, tip});
            QString inside = label + QLatin1Char(' ') + percent(share);
            if (fm.horizontalAdvance(inside) + 6 > r.width())
                inside = percent(share);
            if (fm.horizontalAdvance(inside) + 6 <= r.width() && metric != kUnattributed) {
                p.setPen(textOn(fill));
                p.drawText(r, Qt::AlignCenter, inside);
            }
        };
        for (const PhaseShare& phase : b.phases)
            segment(phase.metric, phase.label, phase.ms, phase.share, index++);
        if (b.unattributedMs > 0)
            segment(kUnattributed, tr("Unattributed"), b.unattributedMs, b.unattributedShare, 0);
        p.setPen(QPen(text, 1));
        p.setBrush(Qt::NoBrush);
        if (std::isfinite(b.totalMs)) {
            // The build time as a frame; when the phases add up to more, a tick marks it.
            const double end = kMargin + b.totalMs * scale;
            p.drawRect(QRectF(kMargin + 0.5, y + 0.5, end - kMargin - 1, barHeight - 1));
            if (b.unattributedMs < 0)
                p.drawLine(QPointF(end, y - 2), QPointF(end, y + barHeight + 2));
        }
        y += barHeight + 6;
    }
    QList<QRect> rects;
    layoutLegend(width(), &rects);
    const QList<LegendItem> items = legendItems();
    for (int i = 0; i < items.size(); ++i) {
        const QRect r = rects[i].translated(0, y);
        const QRect swatch(r.x(), r.y() + (r.height() - kSwatch) / 2, kSwatch, kSwatch);
        const QColor fill = colorOf(items[i].metric, i);
        p.fillRect(swatch, fill);
        if (items[i].metric == kUnattributed)
            p.fillRect(swatch, QBrush(text, Qt::BDiagPattern));
        p.setPen(text);
        p.drawText(r.adjusted(kSwatch + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   items[i].text);
    }
}

bool PhaseBarsWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (const Segment& segment : std::as_const(m_segments)) {
            if (segment.rect.contains(help->pos())) {
                // Rich text on purpose, with the history's text escaped: shown literally.
                QToolTip::showText(help->globalPos(),
                                   QStringLiteral("<p style='white-space:pre'>%1</p>")
                                       .arg(segment.tip.toHtmlEscaped()),
                                   this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace bengal
