#pragma once

#include "core/Timestamp.h"
#include "detail/MetricDirection.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace bengal {

class HistoryStore;
struct BuildSelection;

// One side of a comparison: a build, or a synthetic build whose every metric is the median of
// a window of builds (numpy.median of the finite values).
struct CompareColumn
{
    enum class Kind
    {
        Build,
        Median
    };
    Kind kind = Kind::Build;
    qsizetype row = -1;            // Build: the store row (index = row + 1)
    std::vector<qsizetype> window; // Median: the builds, oldest first
    qsizetype before = -1;         // Median: the build the window ends before (-1: a range)
    bool sameKindOnly = false;     // Median: only builds of the same kind as `before`
    TimestampUs timestamp = 0;     // Build: its time; Median: the newest build of the window
    QString kindText;              // "full · parallel"; "mixed" for a median over several kinds
    QString python, platform, completionPolicy; // "mixed: a, b" for a median over several
    std::vector<double> values;                 // per store column; NaN = missing

    std::optional<qsizetype> index() const
    {
        return kind == Kind::Build ? std::optional<qsizetype>(row + 1) : std::nullopt;
    }
    // "#12 · 2025-10-05 14:52:52 UTC" or "median of 5 builds before #38"; plain text.
    QString title() const;
};

CompareColumn buildColumn(const HistoryStore& store, qsizetype row);
// The median of the `n` builds before `before` (of its kind only when `sameKindOnly`).
CompareColumn medianColumn(const HistoryStore& store, qsizetype before, int n,
                           bool sameKindOnly = false);
// The median of the builds of rows [first, end), as named by I..J.
CompareColumn rangeColumn(const HistoryStore& store, qsizetype first, qsizetype end);
CompareColumn columnFor(const HistoryStore& store, const BuildSelection& selection);

// "Is B really slower than A" for a metric when both sides are windows of builds: Mann-Whitney
// U of B's values against A's (see stats/MannWhitney.h).
struct WindowTest
{
    double pGreater = 1.0;  // B tends to be larger (slower or bigger)
    double pTwoSided = 1.0; // the windows differ
    qsizetype countA = 0;
    qsizetype countB = 0;
};

// An environment field across the columns; `differs` when the texts are not all the same.
struct EnvironmentRow
{
    QString key; // "kind", "python_version", "platform", "completion_policy"
    QString label;
    QStringList values;
    bool differs = false;
};

// Builds side by side, every change against the first column (A). Positive changes mean
// slower or bigger.
struct Comparison
{
    QList<CompareColumn> columns;
    QStringList metrics;     // store names present in at least one column, in display order
    QList<int> storeColumns; // parallel to `metrics`
    QList<EnvironmentRow> environment;
    double neutralPercent = kDefaultNeutralPercent;
    // [metric][column]: set where column 0 and that column are both windows of builds.
    std::vector<std::vector<std::optional<WindowTest>>> tests;

    double value(int metric, int column) const;
    // value - A; NaN when either is missing.
    double change(int metric, int column) const;
    // (value - A) / |A| * 100; NaN when either is missing or A is 0.
    double changePercent(int metric, int column) const;
    Change changeOf(int metric, int column) const;
    std::optional<WindowTest> test(int metric, int column) const;
    bool hasTests() const;
};

Comparison compareColumns(const HistoryStore& store, const QList<CompareColumn>& columns);

} // namespace bengal
