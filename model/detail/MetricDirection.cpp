#include "detail/MetricDirection.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool endsWith(const QString& text, const char* suffix)
{
    return text.endsWith(QLatin1String(suffix));
}

} // namespace

Polarity polarityOf(const QString& metric)
{
    // Nested map entries take the polarity of their map (all are times).
    const qsizetype dot = metric.indexOf(QLatin1Char('.'));
    const QString head = dot < 0 ? metric : metric.left(dot);
    if (head == QLatin1String("time_saved_ms") ||
        head == QLatin1String("block_cache_time_saved_ms"))
        return Polarity::BiggerIsBetter;
    if (head == QLatin1String("pages_per_second") || endsWith(head, "_ratio") ||
        head == QLatin1String("cache_effectiveness"))
        return Polarity::BiggerIsBetter;
    if (endsWith(head, "_ms") || endsWith(head, "_mb") || head == QLatin1String("ms_per_page"))
        return Polarity::BiggerIsWorse;
    // Counts of work done: pages rendered, cache misses and bypasses.
    if (head == QLatin1String("pages_rendered") || endsWith(head, "_misses") ||
        head.startsWith(QLatin1String("cache_bypass")))
        return Polarity::BiggerIsWorse;
    if (endsWith(head, "_hits"))
        return Polarity::BiggerIsBetter;
    // The size of the site (pages, assets, sections, taxonomies) and unknown counts.
    return Polarity::Neutral;
}

QString polarityText(Polarity polarity)
{
    switch (polarity) {
    case Polarity::BiggerIsWorse:
        return QCoreApplication::translate("bengal::Detail", "bigger is worse");
    case Polarity::BiggerIsBetter:
        return QCoreApplication::translate("bengal::Detail", "bigger is better");
    case Polarity::Neutral:
        break;
    }
    return QCoreApplication::translate("bengal::Detail", "neither better nor worse");
}

Change computeChange(double reference, double value, Polarity polarity, double neutralPercent)
{
    Change change{reference, value, kNaN, kNaN, Direction::Unknown};
    if (!std::isfinite(reference) || !std::isfinite(value))
        return change;
    change.delta = value - reference;
    if (reference != 0)
        change.percent = change.delta / std::abs(reference) * 100.0;
    const bool small =
        reference != 0 ? std::abs(change.percent) < neutralPercent : change.delta == 0;
    if (polarity == Polarity::Neutral || small)
        change.direction = Direction::Same;
    else if ((change.delta > 0) == (polarity == Polarity::BiggerIsWorse))
        change.direction = Direction::Worse;
    else
        change.direction = Direction::Better;
    return change;
}

QString formatSignedValue(double delta, MetricUnit unit)
{
    if (std::isnan(delta))
        return QStringLiteral("–");
    QString text = formatValue(std::abs(delta), unit);
    // A difference of two percentages is in percentage points: "+97.8 %" next to relative
    // changes like "+0.4 %" would read as the same kind of number.
    if (unit == MetricUnit::Ratio && text.endsWith(QLatin1Char('%')))
        text = text.chopped(1) + QStringLiteral("pp");
    if (delta == 0)
        return text;
    return (delta > 0 ? QStringLiteral("+") : QStringLiteral("−")) + text;
}

QString formatSignedPercent(double percent)
{
    if (std::isnan(percent))
        return QStringLiteral("–");
    const QString number = QString::number(std::abs(percent), 'f', 1);
    if (number == QLatin1String("0.0"))
        return QStringLiteral("0.0 %");
    return (percent > 0 ? QStringLiteral("+") : QStringLiteral("−")) + number +
           QStringLiteral(" %");
}

} // namespace bengal
