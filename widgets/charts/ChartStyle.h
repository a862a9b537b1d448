#pragma once

// Small colour helpers and names shared by the TrendChart source files.

#include <QColor>

namespace bengal::chartstyle {

// Dynamic property on each Qt Charts series: the store metric it draws.
inline constexpr char kMetricProperty[] = "bengalMetric";

inline QColor withAlpha(QColor c, double alpha)
{
    c.setAlphaF(float(alpha));
    return c;
}

// An opaque tint of `c` over `background`: stacked layers must not darken where they meet.
inline QColor tint(const QColor& c, const QColor& background, double amount)
{
    return QColor::fromRgbF(
        float(background.redF() + (c.redF() - background.redF()) * amount),
        float(background.greenF() + (c.greenF() - background.greenF()) * amount),
        float(background.blueF() + (c.blueF() - background.blueF()) * amount));
}

// How strongly a stacked layer's colour shows over the plot background.
inline double layerTint(bool dark)
{
    return dark ? 0.62 : 0.72;
}

} // namespace bengal::chartstyle
