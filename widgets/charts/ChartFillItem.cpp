#include "charts/ChartFillItem.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {
constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();
} // namespace

ChartFillItem::ChartFillItem(QGraphicsItem* parent) : QGraphicsItem(parent)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void ChartFillItem::setPlotArea(const QRectF& plot)
{
    if (plot == m_plot)
        return;
    prepareGeometryChange();
    m_plot = plot;
    m_imageScale = 0;
}

void ChartFillItem::setRegions(const QList<Region>& regions)
{
    m_regions = regions;
    m_imageScale = 0;
    setVisible(!regions.isEmpty());
    update();
}

void ChartFillItem::columnExtents(const QPolygonF& line, double left, double step, int columns,
                                  std::vector<float>& top, std::vector<float>& bottom)
{
    top.assign(std::size_t(columns), kNaNf);
    bottom.assign(std::size_t(columns), kNaNf);
    const auto widen = [&](int c, double y) {
        const auto i = std::size_t(c);
        if (std::isnan(top[i]) || y < top[i])
            top[i] = float(y);
        if (std::isnan(bottom[i]) || y > bottom[i])
            bottom[i] = float(y);
    };
    const auto columnOf = [&](double x) {
        return int(std::floor((x - left) / step));
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QPointF p = line[i];
        const int c = columnOf(p.x());
        if (c >= 0 && c < columns)
            widen(c, p.y());
        if (i + 1 == line.size())
            break;
        // Where the segment to the next point crosses column borders, it reaches both columns.
        const QPointF q = line[i + 1];
        if (q.x() <= p.x())
            continue;
        const int first = std::max(0, c + 1), last = std::min(columns - 1, columnOf(q.x()));
        for (int b = first; b <= last; ++b) {
            const double x = left + b * step;
            const double y = p.y() + (q.y() - p.y()) * (x - p.x()) / (q.x() - p.x());
            widen(b, y);
            if (b > 0)
                widen(b - 1, y);
        }
    }
}

void ChartFillItem::rebuild(qreal scale)
{
    const QSize size(std::max(1, int(std::ceil(m_plot.width() * scale))),
                     std::max(1, int(std::ceil(m_plot.height() * scale))));
    if (m_image.size() != size) {
        m_image = QImage(size, QImage::Format_ARGB32_Premultiplied);
        m_image.fill(Qt::transparent);
    } else if (m_usedTop < m_usedBottom) {
        // Clear only the rows the last regions used: the band is usually a thin part.
        uchar* bits = m_image.bits();
        for (int y = m_usedTop; y < m_usedBottom; ++y)
            std::fill_n(reinterpret_cast<QRgb*>(bits + y * m_image.bytesPerLine()), m_image.width(),
                        QRgb(0));
    }
    m_imageScale = scale;
    m_usedTop = size.height();
    m_usedBottom = 0;
    const int columns = size.width(), rows = size.height();
    const double step = 1.0 / scale;

    // Each region as one run of image rows [from, to) per column.
    struct Runs
    {
        std::vector<int> from;
        std::vector<int> to;
        QRgb colour;
        std::vector<int> edgeFrom; // rows the upper edge crosses, when drawn
        std::vector<int> edgeTo;
        QRgb edge = 0;
    };
    std::vector<Runs> runs(std::size_t(m_regions.size()));
    std::vector<float> upperTop, upperBottom, lowerTop, lowerBottom;
    for (qsizetype r = 0; r < m_regions.size(); ++r) {
        const Region& region = m_regions[r];
        Runs& run = runs[std::size_t(r)];
        columnExtents(region.upper, m_plot.left(), step, columns, upperTop, upperBottom);
        const bool baseline = region.lower.isEmpty();
        if (!baseline)
            columnExtents(region.lower, m_plot.left(), step, columns, lowerTop, lowerBottom);
        run.colour = qPremultiply(region.colour.rgba());
        run.from.assign(std::size_t(columns), 0);
        run.to.assign(std::size_t(columns), 0);
        for (int c = 0; c < columns; ++c) {
            const float high = upperTop[std::size_t(c)];
            const float low = baseline ? float(region.baseline) : lowerBottom[std::size_t(c)];
            if (std::isnan(high) || std::isnan(low))
                continue;
            run.from[std::size_t(c)] =
                std::clamp(int(std::floor((high - m_plot.top()) * scale)), 0, rows);
            run.to[std::size_t(c)] =
                std::clamp(int(std::ceil((low - m_plot.top()) * scale)), 0, rows);
        }
    }

    // A later region covers the earlier ones, and pixels are written, not blended. So the
    // regions are painted from the last back, each only into the rows of its column that no
    // later region took: every pixel is written once. (Stacked layers of reduced, zigzagging
    // data overlap a lot; painting each in full wrote the plot many times over.)
    uchar* bits = m_image.bits();
    const qsizetype stride = m_image.bytesPerLine();
    std::vector<std::pair<int, int>> taken; // sorted, disjoint row runs of this column
    std::vector<std::pair<int, int>> merged;
    for (int c = 0; c < columns; ++c) {
        taken.clear();
        for (auto r = runs.rbegin(); r != runs.rend(); ++r) {
            const int from = r->from[std::size_t(c)], to = r->to[std::size_t(c)];
            if (from >= to)
                continue;
            m_usedTop = std::min(m_usedTop, from);
            m_usedBottom = std::max(m_usedBottom, to);
            const auto fill = [&](int a, int b) {
                for (int y = a; y < b; ++y)
                    reinterpret_cast<QRgb*>(bits + y * stride)[c] = r->colour;
            };
            int y = from;
            for (const auto& [takenFrom, takenTo] : taken) {
                if (takenTo <= y)
                    continue;
                if (takenFrom >= to)
                    break;
                fill(y, std::min(takenFrom, to));
                y = std::max(y, takenTo);
            }
            fill(y, to);
            // Add [from, to) to the taken runs, merging what touches it.
            merged.clear();
            std::pair<int, int> added(from, to);
            bool placed = false;
            for (const auto& t : taken) {
                if (t.second < added.first) {
                    merged.push_back(t);
                } else if (t.first > added.second) {
                    if (!placed) {
                        merged.push_back(added);
                        placed = true;
                    }
                    merged.push_back(t);
                } else {
                    added.first = std::min(added.first, t.first);
                    added.second = std::max(added.second, t.second);
                }
            }
            if (!placed)
                merged.push_back(added);
            taken.swap(merged);
        }
    }
    // Edges go over every fill, like lines over areas.
    for (const Runs& run : runs) {
        if (run.edgeFrom.empty())
            continue;
        for (int c = 0; c < columns; ++c) {
            const int from = run.edgeFrom[std::size_t(c)], to = run.edgeTo[std::size_t(c)];
            if (from >= to)
                continue;
            m_usedTop = std::min(m_usedTop, from);
            m_usedBottom = std::max(m_usedBottom, to);
            for (int y = from; y < to; ++y)
                reinterpret_cast<QRgb*>(bits + y * stride)[c] = run.edge;
        }
    }
}

void ChartFillItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_regions.isEmpty() || m_plot.isEmpty())
        return;
    const qreal scale =
        painter->device() ? painter->device()->devicePixelRatioF() * painter->worldTransform().m11()
                          : 1.0;
    if (!qFuzzyCompare(scale, m_imageScale))
        rebuild(scale);
    if (m_usedTop >= m_usedBottom)
        return;
    // Blend only the rows that hold something.
    const QRect source(0, m_usedTop, m_image.width(), m_usedBottom - m_usedTop);
    const QRectF target(m_plot.left(), m_plot.top() + m_usedTop / m_imageScale, m_plot.width(),
                        (m_usedBottom - m_usedTop) / m_imageScale);
    if (painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::SVG) {
        // QSvgGenerator ignores the source rectangle: it would squeeze the whole image into the
        // target's rows (an SVG export's band drawn at a fraction of its height).
        painter->drawImage(target, m_image.copy(source));
        return;
    }
    painter->drawImage(target, m_image, source);
}

} // namespace bengal
