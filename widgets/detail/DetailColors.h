#pragma once

#include "detail/MetricDirection.h"

#include <QColor>
#include <QHash>
#include <QIdentityProxyModel>
#include <QPalette>

namespace bengal {

class HistoryStore;

// Worse red, better green, about the same grey: tones chosen per palette so they stay readable
// on light and on dark backgrounds.
QColor directionColor(Direction direction, const QPalette& palette);
// A faint background for a row that needs attention (an environment field that differs).
QColor attentionBackground(const QPalette& palette);
bool isDarkPalette(const QPalette& palette);

// Phase colours as the trend chart draws them, by store metric (the same phase keeps its
// colour across the charts, the detail and the comparison).
QHash<QString, QColor> phaseColors(const HistoryStore& store, const QPalette& palette);

// Turns the models' plain roles into looks: a direction role into a text colour, a flag role
// into bold text and another into a highlighted background. The models stay free of Gui types.
class DirectionColorProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    DirectionColorProxy(int directionRole, int boldRole, int highlightRole,
                        QObject* parent = nullptr);
    void setPalette(const QPalette& palette);
    QVariant data(const QModelIndex& index, int role) const override;

private:
    int m_directionRole;
    int m_boldRole;
    int m_highlightRole;
    QPalette m_palette;
};

} // namespace bengal
