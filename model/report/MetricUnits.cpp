#include "report/MetricUnits.h"

#include <cmath>

namespace bengal {

MetricUnit unitOf(const QString& metric)
{
    const qsizetype dot = metric.indexOf(QLatin1Char('.'));
    const QStringView head = dot < 0 ? QStringView(metric) : QStringView(metric).left(dot);
    if (head.endsWith(QLatin1String("_ms")) || metric == QLatin1String("ms_per_page"))
        return MetricUnit::Milliseconds;
    if (head.endsWith(QLatin1String("_mb")))
        return MetricUnit::Megabytes;
    return MetricUnit::Count;
}

QString unitSuffix(MetricUnit unit)
{
    switch (unit) {
    case MetricUnit::Milliseconds:
        return QStringLiteral("ms");
    case MetricUnit::Megabytes:
        return QStringLiteral("MiB");
    case MetricUnit::Ratio:
        return QStringLiteral("%");
    case MetricUnit::Count:
        break;
    }
    return QString();
}

QString formatValue(double value, MetricUnit unit)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    QString number;
    if (std::abs(value) >= 1e12)
        number = QString::number(value, 'g', 6); // keeps absurd values readable in a column
    else if (unit == MetricUnit::Count && value == std::floor(value))
        number = QString::number(qint64(value));
    else
        number = QString::number(value, 'f', std::abs(value) >= 100 ? 1 : 2);
    const QString suffix = unitSuffix(unit);
    return suffix.isEmpty() ? number : number + QLatin1Char(' ') + suffix;
}

} // namespace bengal
