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
        for (int c = 0; c < columns; ++c) {
            values.append(number(comparison.value(m, c)));
            change.append(c == 0 ? QJsonValue(QJsonValue::Null) : number(comparison.change(m, c)));
            changePct.append(c == 0 ? QJsonValue(QJsonValue::Null)
                                    : number(comparison.changePercent(m, c)));
        }
        metrics.insert(comparison.metrics[m],
                       QJsonObject{{QStringLiteral("values"), values},
                                   {QStringLiteral("change"), change},
                                   {QStringLiteral("change_pct"), changePct}});
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
    QString text = tr("Change against A: value − A and (value − A) / |A|; positive means slower "
                      "or bigger.") +
                   QStringLiteral("\n\n");
    QStringList header{tr("Metric")};
    QStringList align{QStringLiteral(":---")};
    for (int c = 0; c < columns; ++c) {
        header << letter(c) + QStringLiteral(": ") + markdownEscape(comparison.columns[c].title());
        align << QStringLiteral("---:");
        if (c > 0) {
            header << QStringLiteral("Δ ") + letter(c) << QStringLiteral("Δ% ") + letter(c);
            align << QStringLiteral("---:") << QStringLiteral("---:");
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
        }
        text += row(cells);
    }
    return text;
}

} // namespace bengal
