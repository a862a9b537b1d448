#include "report/SummaryReport.h"

#include "core/Timestamp.h"
#include "history/HistoryStore.h"
#include "report/MetricUnits.h"
#include "stats/Quantiles.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>
#include <algorithm>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::SummaryReport", text);
}

QJsonValue timestampOrNull(const HistoryStore& store, qsizetype row, BuildRange range)
{
    if (range.count() <= 0)
        return QJsonValue::Null;
    return formatTimestampUtc(store.timestampUs(row));
}

std::span<const double> columnRange(const HistoryStore& store, int column, BuildRange range)
{
    return store.metric(column).subspan(std::size_t(range.first), std::size_t(range.count()));
}

} // namespace

BuildRange BuildRange::latest(const HistoryStore& store, qsizetype n)
{
    const qsizetype size = store.size();
    return {n > 0 ? std::max<qsizetype>(0, size - n) : 0, size};
}

QJsonObject summaryJson(const HistoryStore& store, const QString& path, BuildRange range)
{
    QJsonArray rejected;
    QJsonArray warnings;
    for (const Problem& p : store.problems()) {
        if (p.kind == Problem::Kind::Rejected)
            rejected.append(QJsonObject{{QStringLiteral("line"), qint64(p.line)},
                                        {QStringLiteral("reason"), p.reason}});
        else
            warnings.append(QJsonObject{{QStringLiteral("line"), qint64(p.line)},
                                        {QStringLiteral("key"), p.key},
                                        {QStringLiteral("reason"), p.reason}});
    }
    QJsonObject metrics;
    for (int column = 0; column < store.metricCount(); ++column) {
        const MetricSummary s = summarize(columnRange(store, column, range));
        if (s.count == 0)
            continue;
        metrics.insert(store.metricName(column),
                       QJsonObject{{QStringLiteral("count"), qint64(s.count)},
                                   {QStringLiteral("min"), s.min},
                                   {QStringLiteral("median"), s.median},
                                   {QStringLiteral("p90"), s.p90},
                                   {QStringLiteral("max"), s.max},
                                   {QStringLiteral("mean"), s.mean},
                                   {QStringLiteral("last"), s.last}});
    }
    return QJsonObject{
        {QStringLiteral("path"), path},
        {QStringLiteral("builds"), qint64(range.count())},
        {QStringLiteral("rejected"), rejected},
        {QStringLiteral("warnings"), warnings},
        {QStringLiteral("first_timestamp"), timestampOrNull(store, range.first, range)},
        {QStringLiteral("last_timestamp"), timestampOrNull(store, range.end - 1, range)},
        {QStringLiteral("metrics"), metrics}};
}

QString summaryText(const HistoryStore& store, const QString& path, BuildRange range)
{
    QString out;
    QTextStream s(&out);
    s << tr("History:  %1").arg(path) << '\n';
    qsizetype incremental = 0;
    qsizetype parallel = 0;
    for (qsizetype row = range.first; row < range.end; ++row) {
        incremental += (store.flags(row) & BuildFlag::Incremental) ? 1 : 0;
        parallel += (store.flags(row) & BuildFlag::Parallel) ? 1 : 0;
    }
    s << tr("Builds:   %1 (%2 full, %3 incremental; %4 parallel)")
             .arg(range.count())
             .arg(range.count() - incremental)
             .arg(incremental)
             .arg(parallel)
      << '\n';
    if (range.count() > 0) {
        s << tr("From:     %1").arg(formatTimestampUtc(store.timestampUs(range.first))) << '\n'
          << tr("To:       %1").arg(formatTimestampUtc(store.timestampUs(range.end - 1))) << '\n';
    }
    s << tr("Problems: %1 rejected line(s), %2 warning(s)")
             .arg(store.rejectedCount())
             .arg(store.warningCount())
      << '\n';
    constexpr int kListed = 10;
    int listed = 0;
    for (const Problem& p : store.problems()) {
        if (listed++ == kListed) {
            s << tr("  … and more; `summary --json` lists every one") << '\n';
            break;
        }
        const QString what = p.kind == Problem::Kind::Rejected ? tr("rejected") : tr("warning");
        s << QStringLiteral("  line %1: %2: %3%4\n")
                 .arg(p.line)
                 .arg(what, p.key.isEmpty() ? QString() : p.key + QStringLiteral(": "), p.reason);
    }
    s << '\n';

    QStringList names = store.metricNames();
    std::sort(names.begin(), names.end());
    qsizetype width = 6;
    for (const QString& name : names)
        width = std::max(width, name.size());
    const auto cell = [](const QString& text) {
        return text.rightJustified(14);
    };
    s << tr("Metric").leftJustified(width) << cell(tr("count")) << cell(tr("min"))
      << cell(tr("median")) << cell(tr("p90")) << cell(tr("max")) << cell(tr("mean"))
      << cell(tr("last")) << '\n';
    for (const QString& name : names) {
        const MetricSummary m = summarize(columnRange(store, store.metricIndex(name), range));
        if (m.count == 0)
            continue;
        const MetricUnit unit = unitOf(name);
        s << name.leftJustified(width) << cell(QString::number(m.count))
          << cell(formatValue(m.min, unit)) << cell(formatValue(m.median, unit))
          << cell(formatValue(m.p90, unit)) << cell(formatValue(m.max, unit))
          << cell(formatValue(m.mean, unit)) << cell(formatValue(m.last, unit)) << '\n';
    }
    return out;
}

} // namespace bengal
