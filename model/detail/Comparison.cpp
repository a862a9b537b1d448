#include "detail/Comparison.h"

#include "detail/BuildChanges.h"
#include "detail/BuildSelector.h"
#include "history/HistoryStore.h"
#include "models/BuildTableModel.h"
#include "models/MetricCatalog.h"
#include "stats/MannWhitney.h"
#include "stats/Quantiles.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace bengal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::Comparison", text);
}

// One text for a window of builds: the common one, or "mixed: a, b".
QString commonText(const QStringList& texts)
{
    QStringList distinct;
    for (const QString& text : texts) {
        if (!distinct.contains(text))
            distinct.append(text);
    }
    if (distinct.size() == 1)
        return distinct.first();
    for (QString& text : distinct) {
        if (text.isEmpty())
            text = QStringLiteral("–"); // builds without the field
    }
    return tr("mixed: %1").arg(distinct.join(QStringLiteral(", ")));
}

QString shortTime(TimestampUs us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

// The window's metrics as their medians, its environment as the common text or "mixed: …".
void summarizeWindow(const HistoryStore& store, CompareColumn& column)
{
    column.values.assign(std::size_t(store.metricCount()), kNaN);
    if (column.window.empty())
        return;
    column.timestamp = store.timestampUs(column.window.back());
    QStringList kinds, pythons, platforms, policies;
    for (qsizetype r : column.window) {
        kinds << BuildTableModel::kindText(store.flags(r));
        pythons << store.environment(r, EnvField::PythonVersion);
        platforms << store.environment(r, EnvField::Platform);
        policies << store.environment(r, EnvField::CompletionPolicy);
    }
    column.kindText = commonText(kinds);
    column.python = commonText(pythons);
    column.platform = commonText(platforms);
    column.completionPolicy = commonText(policies);
    std::vector<double> values;
    for (int c = 0; c < store.metricCount(); ++c) {
        values.clear();
        for (qsizetype r : column.window)
            values.push_back(store.value(c, r));
        column.values[std::size_t(c)] = median(values);
    }
}

} // namespace

QString CompareColumn::title() const
{
    if (kind == Kind::Build)
        return QStringLiteral("#%1 · %2").arg(row + 1).arg(shortTime(timestamp));
    if (before < 0 && !window.empty())
        return tr("median of builds #%1 to #%2").arg(window.front() + 1).arg(window.back() + 1);
    // Spelled out rather than "%n build(s)": this title goes into pasted Markdown.
    const int n = int(window.size());
    const QString text = sameKindOnly ? (n == 1 ? tr("median of %1 comparable build before #%2")
                                                : tr("median of %1 comparable builds before #%2"))
                                      : (n == 1 ? tr("median of %1 build before #%2")
                                                : tr("median of %1 builds before #%2"));
    return text.arg(n).arg(before + 1);
}

CompareColumn buildColumn(const HistoryStore& store, qsizetype row)
{
    CompareColumn column;
    column.row = row;
    column.timestamp = store.timestampUs(row);
    column.kindText = BuildTableModel::kindText(store.flags(row));
    column.python = store.environment(row, EnvField::PythonVersion);
    column.platform = store.environment(row, EnvField::Platform);
    column.completionPolicy = store.environment(row, EnvField::CompletionPolicy);
    column.values.resize(std::size_t(store.metricCount()));
    for (int c = 0; c < store.metricCount(); ++c)
        column.values[std::size_t(c)] = store.value(c, row);
    return column;
}

CompareColumn medianColumn(const HistoryStore& store, qsizetype before, int n, bool sameKindOnly)
{
    CompareColumn column;
    column.kind = CompareColumn::Kind::Median;
    column.before = before;
    column.sameKindOnly = sameKindOnly;
    for (qsizetype r = before - 1; r >= 0 && qsizetype(column.window.size()) < n; --r) {
        if (!sameKindOnly || isSameKind(store.flags(r), store.flags(before)))
            column.window.push_back(r);
    }
    std::reverse(column.window.begin(), column.window.end());
    summarizeWindow(store, column);
    return column;
}

CompareColumn rangeColumn(const HistoryStore& store, qsizetype first, qsizetype end)
{
    CompareColumn column;
    column.kind = CompareColumn::Kind::Median;
    for (qsizetype r = first; r < end; ++r)
        column.window.push_back(r);
    summarizeWindow(store, column);
    return column;
}

CompareColumn columnFor(const HistoryStore& store, const BuildSelection& selection)
{
    if (selection.kind == BuildSelection::Kind::Build)
        return buildColumn(store, selection.row);
    if (selection.range)
        return rangeColumn(store, selection.first, selection.end);
    return medianColumn(store, selection.end, selection.requested);
}

std::optional<WindowTest> Comparison::test(int metric, int column) const
{
    if (std::size_t(metric) >= tests.size() || std::size_t(column) >= tests[metric].size())
        return std::nullopt;
    return tests[std::size_t(metric)][std::size_t(column)];
}

bool Comparison::hasTests() const
{
    return std::any_of(tests.begin(), tests.end(), [](const auto& row) {
        return std::any_of(row.begin(), row.end(), [](const auto& t) { return t.has_value(); });
    });
}

double Comparison::value(int metric, int column) const
{
    const std::vector<double>& values = columns[column].values;
    const auto storeColumn = std::size_t(storeColumns[metric]);
    return storeColumn < values.size() ? values[storeColumn] : kNaN;
}

double Comparison::change(int metric, int column) const
{
    return value(metric, column) - value(metric, 0); // NaN propagates
}

double Comparison::changePercent(int metric, int column) const
{
    const double reference = value(metric, 0);
    if (reference == 0)
        return kNaN;
    return change(metric, column) / std::abs(reference) * 100.0;
}

Change Comparison::changeOf(int metric, int column) const
{
    return computeChange(value(metric, 0), value(metric, column), polarityOf(metrics[metric]),
                         neutralPercent);
}

Comparison compareColumns(const HistoryStore& store, const QList<CompareColumn>& columns)
{
    Comparison comparison;
    comparison.columns = columns;
    std::vector<int> order(std::size_t(store.metricCount()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&store](int a, int b) {
        return MetricCatalog::rank(store.metricName(a)) < MetricCatalog::rank(store.metricName(b));
    });
    for (int c : order) {
        const bool present = std::any_of(columns.begin(), columns.end(), [c](const auto& col) {
            return std::size_t(c) < col.values.size() && std::isfinite(col.values[std::size_t(c)]);
        });
        if (present) {
            comparison.metrics.append(store.metricName(c));
            comparison.storeColumns.append(c);
        }
    }
    const std::pair<const char*, const char*> fields[] = {
        {"kind", QT_TRANSLATE_NOOP("bengal::Comparison", "Kind")},
        {"python_version", QT_TRANSLATE_NOOP("bengal::Comparison", "Python")},
        {"platform", QT_TRANSLATE_NOOP("bengal::Comparison", "Platform")},
        {"completion_policy", QT_TRANSLATE_NOOP("bengal::Comparison", "Completion policy")}};
    for (const auto& [key, label] : fields) {
        EnvironmentRow row{QLatin1String(key), tr(label), {}, false};
        for (const CompareColumn& column : columns) {
            const QString k = row.key;
            row.values << (k == QLatin1String("kind")             ? column.kindText
                           : k == QLatin1String("python_version") ? column.python
                           : k == QLatin1String("platform")       ? column.platform
                                                                  : column.completionPolicy);
        }
        row.differs = std::any_of(row.values.begin(), row.values.end(),
                                  [&row](const QString& v) { return v != row.values.first(); });
        if (std::any_of(row.values.begin(), row.values.end(),
                        [](const QString& v) { return !v.isEmpty(); }))
            comparison.environment.append(row);
    }
    const auto isWindow = [](const CompareColumn& column) {
        return column.kind == CompareColumn::Kind::Median && column.window.size() >= 2;
    };
    if (!columns.isEmpty() && isWindow(columns.first())) {
        std::vector<double> a, b;
        for (int m = 0; m < comparison.metrics.size(); ++m) {
            const int storeColumn = comparison.storeColumns[m];
            const auto valuesOf = [&](const CompareColumn& column, std::vector<double>& out) {
                out.clear();
                for (qsizetype r : column.window)
                    out.push_back(store.value(storeColumn, r));
            };
            valuesOf(columns.first(), a);
            auto& row = comparison.tests.emplace_back(std::size_t(columns.size()));
            for (int c = 1; c < columns.size(); ++c) {
                if (!isWindow(columns[c]))
                    continue;
                valuesOf(columns[c], b);
                const MannWhitneyResult r = mannWhitney(a, b, 10, false);
                if (r.countA >= 2 && r.countB >= 2)
                    row[std::size_t(c)] = WindowTest{r.pGreater, r.pTwoSided, r.countA, r.countB};
            }
        }
    }
    return comparison;
}

} // namespace bengal
