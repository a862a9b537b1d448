#include "charts/ChartOptions.h"

#include <QJsonArray>
#include <cmath>

namespace bengal {

namespace {
constexpr int kMaxMedianWindow = 10000;
} // namespace

QJsonObject ChartOptions::toJson() const
{
    QJsonObject json;
    json.insert(QStringLiteral("hidden"), QJsonArray::fromStringList(hiddenSeries));
    json.insert(QStringLiteral("stacked"), stacked);
    json.insert(QStringLiteral("x"),
                xMode == ChartXMode::Time ? QStringLiteral("time") : QStringLiteral("index"));
    json.insert(QStringLiteral("logY"), logY);
    json.insert(QStringLiteral("median"), medianMetric);
    json.insert(QStringLiteral("medianWindow"), medianWindow);
    json.insert(QStringLiteral("bandMads"), bandMads);
    json.insert(QStringLiteral("followLatest"), followLatest);
    return json;
}

ChartOptions ChartOptions::fromJson(const QJsonObject& json)
{
    ChartOptions o;
    for (const QJsonValue& v : json.value(QStringLiteral("hidden")).toArray()) {
        if (v.isString() && !o.hiddenSeries.contains(v.toString()))
            o.hiddenSeries.append(v.toString());
    }
    o.stacked = json.value(QStringLiteral("stacked")).toBool(o.stacked);
    if (json.value(QStringLiteral("x")).toString() == QLatin1String("index"))
        o.xMode = ChartXMode::BuildIndex;
    o.logY = json.value(QStringLiteral("logY")).toBool(o.logY);
    o.medianMetric = json.value(QStringLiteral("median")).toString(o.medianMetric);
    const int window = json.value(QStringLiteral("medianWindow")).toInt(o.medianWindow);
    if (window >= 1 && window <= kMaxMedianWindow)
        o.medianWindow = window;
    const double mads = json.value(QStringLiteral("bandMads")).toDouble(o.bandMads);
    if (std::isfinite(mads) && mads >= 0 && mads <= 100)
        o.bandMads = mads;
    o.followLatest = json.value(QStringLiteral("followLatest")).toBool(o.followLatest);
    return o;
}

} // namespace bengal
