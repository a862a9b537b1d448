#include "detail/DetailColors.h"

#include "charts/ChartPalette.h"
#include "charts/ChartSeriesCatalog.h"
#include "history/HistoryStore.h"

#include <QFont>

namespace bengal {

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Active, QPalette::Window).lightnessF() < 0.5;
}

QColor directionColor(Direction direction, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    switch (direction) {
    case Direction::Worse:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18);
    case Direction::Better:
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    case Direction::Same:
    case Direction::Unknown:
        break;
    }
    return dark ? QColor(0xa0, 0xa4, 0xab) : QColor(0x65, 0x6d, 0x76);
}

QColor attentionBackground(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0x5a, 0x45, 0x12) : QColor(0xff, 0xf1, 0xc2);
}

QHash<QString, QColor> phaseColors(const HistoryStore& store, const QPalette& palette)
{
    QHash<QString, QColor> colors;
    for (const SeriesSpec& spec :
         seriesFor(TrendKind::Phases, store, ChartPalette::fromPalette(palette)))
        colors.insert(spec.metric, spec.color);
    return colors;
}

DirectionColorProxy::DirectionColorProxy(int directionRole, int boldRole, int highlightRole,
                                         QObject* parent)
    : QIdentityProxyModel(parent), m_directionRole(directionRole), m_boldRole(boldRole),
      m_highlightRole(highlightRole)
{}

void DirectionColorProxy::setPalette(const QPalette& palette)
{
    m_palette = palette;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QVariant DirectionColorProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::ForegroundRole) {
        const QVariant direction = QIdentityProxyModel::data(index, m_directionRole);
        if (direction.isValid())
            return directionColor(Direction(direction.toInt()), m_palette);
    }
    if (role == Qt::FontRole && m_boldRole >= 0 &&
        QIdentityProxyModel::data(index, m_boldRole).toBool()) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::BackgroundRole && m_highlightRole >= 0 &&
        QIdentityProxyModel::data(index, m_highlightRole).toBool())
        return attentionBackground(m_palette);
    return QIdentityProxyModel::data(index, role);
}

} // namespace bengal
