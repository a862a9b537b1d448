// bengal-perf export: a chart (PNG, SVG, PDF) or the builds (CSV, JSON) of a history, headless.
#include "cli/CliSupport.h"
#include "cli/HistoryArgument.h"

#include "AppPalette.h"
#include "export/ChartExporter.h"
#include "export/DataExport.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

namespace bengal::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::export", text);
}

// "2025-10-05" or a full ISO-8601 timestamp; a bare date means the whole day (UTC).
bool parseBound(const QString& text, bool upper, std::optional<TimestampUs>* out)
{
    QString full = text.trimmed();
    if (QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$")).match(full).hasMatch())
        full += upper ? QStringLiteral("T23:59:59.999999Z") : QStringLiteral("T00:00:00Z");
    const QByteArray bytes = full.toUtf8();
    *out = parseTimestamp(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    return out->has_value();
}

bool parseSize(const QString& text, QSize* size)
{
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^(\\d{1,6})[xX](\\d{1,6})$")).match(text.trimmed());
    if (!m.hasMatch())
        return false;
    *size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    return true;
}

struct Request
{
    QString format; // png svg pdf csv json
    ChartTarget target = ChartTarget::Dashboard;
    QString out;
    QSize size;
    qreal pixelRatio = 1.0;
    bool dark = false;
    BuildFilter filter;
    QString path;
};

// Reads the options into `r`; prints the problem and returns false on a usage error.
bool readRequest(const QCommandLineParser& parser, Request& r)
{
    r.out = parser.value(QStringLiteral("out"));
    if (r.out.isEmpty()) {
        printError(tr("--out FILE is required"));
        return false;
    }
    r.format = parser.isSet(QStringLiteral("format")) ? parser.value(QStringLiteral("format"))
                                                      : QFileInfo(r.out).suffix();
    r.format = r.format.toLower();
    static const QStringList formats{"png", "svg", "pdf", "csv", "json"};
    if (!formats.contains(r.format)) {
        printError(tr("--format must be png, svg, pdf, csv or json, not '%1'").arg(r.format));
        return false;
    }
    static const QStringList charts{"dashboard", "phases", "memory", "total"};
    const QString chart = parser.value(QStringLiteral("chart")).toLower();
    if (!charts.contains(chart)) {
        printError(tr("--chart must be phases, memory, total or dashboard, not '%1'").arg(chart));
        return false;
    }
    r.target = chart == QLatin1String("phases")   ? ChartTarget::Phases
               : chart == QLatin1String("memory") ? ChartTarget::Memory
               : chart == QLatin1String("total")  ? ChartTarget::Total
                                                  : ChartTarget::Dashboard;
    r.size = r.target == ChartTarget::Dashboard ? QSize(1600, 1000) : QSize(1600, 700);
    if (parser.isSet(QStringLiteral("size")) &&
        !parseSize(parser.value(QStringLiteral("size")), &r.size)) {
        printError(tr("--size must be WIDTHxHEIGHT, such as 1600x900, not '%1'")
                       .arg(parser.value(QStringLiteral("size"))));
        return false;
    }
    if (parser.isSet(QStringLiteral("pixel-ratio"))) {
        bool ok = false;
        r.pixelRatio = parser.value(QStringLiteral("pixel-ratio")).toDouble(&ok);
        if (!ok) {
            printError(tr("--pixel-ratio must be a number such as 2"));
            return false;
        }
    }
    const QString theme = parser.value(QStringLiteral("theme")).toLower();
    if (theme != QLatin1String("light") && theme != QLatin1String("dark")) {
        printError(tr("--theme must be light or dark, not '%1'").arg(theme));
        return false;
    }
    r.dark = theme == QLatin1String("dark");
    for (const auto& [name, upper] : {std::pair{"from", false}, std::pair{"to", true}}) {
        const QString option = QString::fromLatin1(name);
        if (!parser.isSet(option))
            continue;
        if (!parseBound(parser.value(option), upper, upper ? &r.filter.to : &r.filter.from)) {
            printError(tr("--%1 needs an ISO-8601 date or timestamp such as 2025-10-05 or "
                          "2025-10-05T14:55:16Z, not '%2'")
                           .arg(option, parser.value(option)));
            return false;
        }
    }
    bool ok = true;
    r.filter.lastN = intOption(parser, QStringLiteral("last"), 0, &ok);
    if (ok && parser.isSet(QStringLiteral("last")) && r.filter.lastN == 0) {
        printError(tr("--last needs a positive whole number, not '0' (leave it out for every "
                      "build)"));
        return false;
    }
    return ok && singlePath(parser, &r.path);
}

QString timeText(TimestampUs us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// An empty selection is almost always a mistake (a date typo, the wrong file): it is said,
// with the span the history does cover, rather than written as an empty chart or table.
QString emptySelectionError(const HistoryStore& store, const QString& file,
                            const QCommandLineParser& parser)
{
    const std::vector<std::uint32_t> all = BuildFilter().rows(store);
    if (all.empty())
        return tr("nothing to export: %1 has no builds; nothing written").arg(file);
    QStringList bounds;
    for (const char* name : {"from", "to"}) {
        const QString option = QString::fromLatin1(name);
        if (parser.isSet(option))
            bounds << QStringLiteral("--%1 %2").arg(option, parser.value(option));
    }
    if (bounds.isEmpty())
        bounds << tr("the selection");
    return tr("nothing to export: none of the %1 builds of %2 (%3 to %4) is within %5; nothing "
              "written")
        .arg(QString::number(all.size()), file, timeText(store.timestampUs(all.front())),
             timeText(store.timestampUs(all.back())), bounds.join(QLatin1Char(' ')));
}

} // namespace

int runExport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("chart"), tr("phases, memory, total (build time) or dashboard (default)."),
         QStringLiteral("WHAT"), QStringLiteral("dashboard")},
        {QStringLiteral("format"),
         tr("png, svg, pdf, csv or json (default: from the --out suffix). csv and json hold "
            "every metric of the selected builds."),
         QStringLiteral("FORMAT")},
        {QStringLiteral("out"), tr("The file to write (replaced atomically)."),
         QStringLiteral("FILE")},
        {QStringLiteral("size"), tr("Image size (default 1600x1000, single charts 1600x700)."),
         QStringLiteral("WxH")},
        {QStringLiteral("pixel-ratio"), tr("PNG only: device pixels per pixel (default 1)."),
         QStringLiteral("R")},
        {QStringLiteral("theme"), tr("light (print-friendly, default) or dark."),
         QStringLiteral("NAME"), QStringLiteral("light")},
        {QStringLiteral("from"), tr("First build time to include (ISO-8601, UTC by default)."),
         QStringLiteral("ISO")},
        {QStringLiteral("to"), tr("Last build time to include (ISO-8601)."), QStringLiteral("ISO")},
        {QStringLiteral("last"), tr("Keep only the N latest of the selected builds."),
         QStringLiteral("N")},
    });
    parser.addPositionalArgument(QStringLiteral("PATH"), tr("A history file or a site folder."));
    if (const int code = parseArguments(
            parser, args, tr("Export a chart or the builds of a history, with no display."));
        code >= 0)
        return code;
    Request r;
    if (!readRequest(parser, r))
        return ExitUsage;

    HistoryStore store;
    QString file;
    if (!loadHistoryArgument(r.path, store, &file))
        return ExitUsage; // as every command: unreadable input is 2
    ChartScene scene;
    scene.store = &store;
    scene.sourcePath = file;
    scene.filter = r.filter;
    scene.font = QApplication::font();
    const std::vector<std::uint32_t> rows = sceneRows(scene);
    if (rows.empty()) {
        printError(emptySelectionError(store, file, parser));
        return ExitFailure;
    }
    if (r.dark) {
        applyPalette(*qApp, QStringLiteral("dark"));
        scene.theme = ExportTheme::Current;
        scene.currentPalette = QApplication::palette();
    }

    QString error;
    bool ok = false;
    if (r.format == QLatin1String("csv") || r.format == QLatin1String("json")) {
        const DataFormat format =
            r.format == QLatin1String("csv") ? DataFormat::Csv : DataFormat::Json;
        ok = exportData(store, rows, format, r.out, &error, file);
    } else {
        ChartExportOptions options;
        options.target = r.target;
        imageFormatFromName(r.format, &options.format);
        options.size = r.size;
        options.pixelRatio = options.format == ImageFormat::Png ? r.pixelRatio : 1.0;
        if (const QString invalid = validateExportOptions(options); !invalid.isEmpty()) {
            printError(invalid);
            return ExitUsage;
        }
        ok = exportChart(scene, options, r.out, &error);
    }
    if (!ok) {
        printError(error);
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace bengal::cli
