#include "detail/ComparisonExport.h"

#include "detail/Comparison.h"
#include "detail/FieldGroups.h"
#include "report/MetricUnits.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::ComparisonExport", text);
}

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QString letter(int column)
{
    return QString(QChar(u'A' + column));
}

QString row(const QStringList& cells)
{
    return QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
}

} // namespace

QJsonObject comparisonJson(const Comparison& comparison)
{
    QJsonArray builds;
    for (const CompareColumn& column : comparison.columns) {
        QJsonObject build;
        if (const auto index = column.index())
            build.insert(QStringLiteral("index"), qint64(*index));
        else
            build.insert(QStringLiteral("index"), QJsonValue(QJsonValue::Null));
        if (column.kind == CompareColumn::Kind::Median && column.window.empty())
            build.insert(QStringLiteral("timestamp"), QJsonValue(QJsonValue::Null));
        else
            build.insert(QStringLiteral("timestamp"), formatTimestampUtc(column.timestamp));
        if (column.kind == CompareColumn::Kind::Median)
            build.insert(QStringLiteral("median_of"), qint64(column.window.size()));
        builds.append(build);
    }
    QJsonObject metrics;
    const int columns = int(comparison.columns.size());
    for (int m = 0; m < comparison.metrics.size(); ++m) {
        QJsonArray values, change, changePct;
        // As the issue specifies: both changes are null where A is 0, not only the percentage
        // (the values are there for a reader who wants the plain difference).
        const bool aIsZero = comparison.value(m, 0) == 0;
        for (int c = 0; c < columns; ++c) {
            values.append(number(comparison.value(m, c)));
            change.append(c == 0 || aIsZero ? QJsonValue(QJsonValue::Null)
                                            : number(comparison.change(m, c)));
            changePct.append(c == 0 ? QJsonValue(QJsonValue::Null)
                                    : number(comparison.changePercent(m, c)));
        }
        QJsonObject metric{{QStringLiteral("values"), values},
                           {QStringLiteral("change"), change},
                           {QStringLiteral("change_pct"), changePct}};
        if (comparison.hasTests()) {
            // Only when A is a window: Mann-Whitney of each window against A, null elsewhere.
            QJsonArray greater, twoSided;
            for (int c = 0; c < columns; ++c) {
                const auto test = comparison.test(m, c);
                greater.append(test ? number(test->pGreater) : QJsonValue(QJsonValue::Null));
                twoSided.append(test ? number(test->pTwoSided) : QJsonValue(QJsonValue::Null));
            }
            metric.insert(QStringLiteral("p_slower"), greater);
            metric.insert(QStringLiteral("p_differs"), twoSided);
        }
        metrics.insert(comparison.metrics[m], metric);
    }
    return QJsonObject{{QStringLiteral("builds"), builds}, {QStringLiteral("metrics"), metrics}};
}

QString markdownEscape(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t') {
            out += QLatin1Char(' ');
            continue;
        }
        if (QStringLiteral("\\`*_[]<>|~&").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString comparisonMarkdown(const Comparison& comparison)
{
    const int columns = int(comparison.columns.size());
    const bool tests = comparison.hasTests();
    QString text = tr("Change against A: value − A and (value − A) / |A|; positive means slower "
                      "or bigger.") +
                   (tests ? QStringLiteral(" ") +
                                tr("Windows are compared by their medians; p is the one-sided "
                                   "Mann–Whitney p that the window is slower or bigger than A.")
                          : QString()) +
                   QStringLiteral("\n\n");
    QStringList header{tr("Metric")};
    QStringList align{QStringLiteral(":---")};
    for (int c = 0; c < columns; ++c) {
        header << letter(c) + QStringLiteral(": ") + markdownEscape(comparison.columns[c].title());
        align << QStringLiteral("---:");
        if (c > 0) {
            header << QStringLiteral("Δ ") + letter(c) << QStringLiteral("Δ% ") + letter(c);
            align << QStringLiteral("---:") << QStringLiteral("---:");
            if (tests) {
                header << QStringLiteral("p ") + letter(c);
                align << QStringLiteral("---:");
            }
        }
    }
    text += row(header) + row(align);
    for (const EnvironmentRow& env : comparison.environment) {
        QStringList cells{(env.differs ? QStringLiteral("≠ ") : QString()) +
                          markdownEscape(env.label)};
        for (int c = 0; c < columns; ++c) {
            cells << markdownEscape(env.values.value(c));
            if (c > 0)
                cells << QString() << QString();
            if (c > 0 && tests)
                cells << QString();
        }
        text += row(cells);
    }
    for (int m = 0; m < comparison.metrics.size(); ++m) {
        const QString& metric = comparison.metrics[m];
        const MetricUnit unit = unitOf(metric);
        const QString label = metricLabel(metric);
        QStringList cells{markdownEscape(
            label == metric ? metric : label + QStringLiteral(" (") + metric + QLatin1Char(')'))};
        for (int c = 0; c < columns; ++c) {
            cells << formatValue(comparison.value(m, c), unit);
            if (c > 0)
                cells << formatSignedValue(comparison.change(m, c), unit)
                      << formatSignedPercent(comparison.changePercent(m, c));
            if (c > 0 && tests) {
                const auto test = comparison.test(m, c);
                cells << (test ? QString::number(test->pGreater, 'g', 2) : QStringLiteral("–"));
            }
        }
        text += row(cells);
    }
    return text;
}

} // namespace bengal
