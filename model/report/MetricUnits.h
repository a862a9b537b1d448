#pragma once

#include <QString>

namespace bengal {

enum class MetricUnit
{
    Milliseconds,
    Megabytes,
    Count,
    Ratio
};

// The unit a metric's name implies (Bengal's naming: *_ms times, *_mb MiB, the rest counts).
MetricUnit unitOf(const QString& metric);
QString unitSuffix(MetricUnit unit); // "ms", "MiB", ""
// A value formatted for people, with its unit ("1,234.5 ms", "61.3 MiB", "137").
QString formatValue(double value, MetricUnit unit);

} // namespace bengal
