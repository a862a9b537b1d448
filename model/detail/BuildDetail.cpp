#include "detail/BuildDetail.h"

#include "detail/DerivedFigures.h"
#include "history/HistoryStore.h"
#include "models/BuildTableModel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Nested entries in the order the store first saw them (Bengal's execution order for the
// phase ledger); QJsonObject itself sorts keys by name.
void orderLikeStore(QList<DetailField>& fields, const HistoryStore& store)
{
    for (DetailField& field : fields) {
        if (field.children.isEmpty())
            continue;
        std::stable_sort(field.children.begin(), field.children.end(),
                         [&store](const DetailField& a, const DetailField& b) {
                             const auto rank = [&store](const DetailField& f) {
                                 const int column = store.metricIndex(f.metric);
                                 return column < 0 ? std::numeric_limits<int>::max() : column;
                             };
                             return rank(a) < rank(b);
                         });
        orderLikeStore(field.children, store);
    }
}

MetricLookup rowLookup(const HistoryStore& store, qsizetype row)
{
    return [&store, row](const QString& metric) {
        const int column = store.metricIndex(metric);
        return column < 0 ? kNaN : store.value(column, row);
    };
}

DetailGroup derivedGroup(const HistoryStore& store, qsizetype row)
{
    DetailGroup group{FieldGroup::Derived, fieldGroupTitle(FieldGroup::Derived), {}};
    const MetricLookup lookup = rowLookup(store, row);
    for (const DerivedFigure& figure : derivedFigures()) {
        const double value = derivedValue(figure.key, lookup);
        if (std::isnan(value))
            continue;
        group.fields.append({figure.key,
                             figure.key,
                             figure.label,
                             formatDerived(figure.key, value),
                             value,
                             kNaN,
                             ShareOf::None,
                             figure.description,
                             {}});
    }
    return group;
}

QStringList headlineMetrics(const BuildDetail& detail)
{
    QStringList list;
    const auto add = [&](const QString& metric) {
        const auto it = detail.changes.constFind(metric);
        if (it != detail.changes.constEnd() && std::isfinite(it->value) && !list.contains(metric))
            list.append(metric);
    };
    add(QStringLiteral("build_time_ms"));
    const PhaseShare* biggest = nullptr;
    for (const PhaseShare& phase : detail.phases.phases) {
        if (!biggest || phase.ms > biggest->ms)
            biggest = &phase;
    }
    if (biggest)
        add(biggest->metric);
    add(QStringLiteral("unattributed_ms"));
    add(QStringLiteral("ms_per_page"));
    add(QStringLiteral("memory_rss_mb"));
    add(QStringLiteral("memory_peak_mb"));
    add(QStringLiteral("cache_effectiveness"));
    return list;
}

} // namespace

QString BuildDetail::kindText() const
{
    return BuildTableModel::kindText(flags);
}

BuildDetail describeBuild(const HistoryStore& store, qsizetype row, const QJsonObject& fields,
                          const ChangeOptions& options)
{
    BuildDetail detail;
    if (row < 0 || row >= store.size())
        return detail;
    detail.row = row;
    detail.timestamp = store.timestampUs(row);
    detail.line = store.line(row);
    detail.buildKey = buildKeyOf(store.hash(row));
    detail.flags = store.flags(row);
    detail.medianWindow = options.medianWindow;

    detail.groups = groupFields(fields);
    for (DetailGroup& group : detail.groups)
        orderLikeStore(group.fields, store);
    if (DetailGroup derived = derivedGroup(store, row); !derived.fields.isEmpty()) {
        const auto after =
            std::find_if(detail.groups.begin(), detail.groups.end(), [](const DetailGroup& group) {
                return group.group > FieldGroup::Derived;
            });
        detail.groups.insert(after, derived);
    }

    std::vector<double> values(std::size_t(store.metricCount()));
    for (int column = 0; column < store.metricCount(); ++column)
        values[std::size_t(column)] = store.value(column, row);
    detail.phases = phaseBreakdown(store.metricNames(), values);

    for (int column = 0; column < store.metricCount(); ++column) {
        if (std::isfinite(store.value(column, row)))
            detail.changes.insert(store.metricName(column),
                                  metricChanges(store, row, store.metricName(column),
                                                columnSeries(store, column), options));
    }
    for (const DerivedFigure& figure : derivedFigures()) {
        if (detail.changes.contains(figure.key))
            continue; // already a store column (ms_per_page, unattributed_ms)
        const QString key = figure.key;
        const MetricSeries series = [&store, key](qsizetype r) {
            return derivedValue(key, rowLookup(store, r));
        };
        if (std::isfinite(series(row)))
            detail.changes.insert(key, metricChanges(store, row, key, series, options));
    }
    detail.headline = headlineMetrics(detail);
    return detail;
}

BuildDetail loadBuildDetail(const HistoryStore& store, qsizetype row, const QString& filePath,
                            const ChangeOptions& options)
{
    if (row < 0 || row >= store.size())
        return {};
    BuildLineRead read = BuildLineReader::read(filePath, store.offset(row), store.hash(row));
    std::optional<QJsonObject> fields;
    if (read.status == BuildLineRead::Status::Ok) {
        fields = parseBuildLine(read.bytes);
        if (!fields) {
            read.status = BuildLineRead::Status::Changed;
            read.message = QCoreApplication::translate(
                "bengal::BuildDetail", "The line no longer parses: showing what was loaded.");
        }
    }
    BuildDetail detail =
        describeBuild(store, row, fields.value_or(storeRowAsJson(store, row)), options);
    detail.source = read.status;
    detail.sourceMessage = read.message;
    if (fields)
        detail.rawLine = read.bytes;
    return detail;
}

} // namespace bengal
