#pragma once

#include <QString>

#include <span>

namespace bengal {

// One metric over the time-ordered builds; NaN marks a build without that metric.
struct MetricColumn
{
    QString name;
    std::span<const double> values;
};

} // namespace bengal
