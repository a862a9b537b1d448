// bengal-perf report: one file for a pull request or a bug: summary table, phase and memory
// charts, the latest build against its baseline and the regressions found.
#include "cli/CliSupport.h"
#include "cli/DetectionOptions.h"
#include "cli/HistoryArgument.h"

#include "export/AtomicFileWriter.h"
#include "export/ChartExporter.h"
#include "export/ReportMarkup.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bengal::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::report", text);
}

const QSize kChartSize(1200, 560);

// Markdown: the charts as PNG files beside the report (GitHub shows them in PRs and issues),
// written first; if a later file fails, the earlier ones are removed again.
bool writeMarkdown(const ReportDocument& doc, const ChartScene& scene, const QString& out,
                   QString* error)
{
    const QFileInfo info(out);
    const QString stem = info.completeBaseName();
    const QString phasesName = stem + QStringLiteral("-phases.png");
    const QString memoryName = stem + QStringLiteral("-memory.png");
    QStringList written;
    const auto undo = [&] {
        for (const QString& file : std::as_const(written))
            QFile::remove(file);
        return false;
    };
    for (const auto& [name, target] :
         {std::pair{phasesName, ChartTarget::Phases}, std::pair{memoryName, ChartTarget::Memory}}) {
        ChartExportOptions options;
        options.target = target;
        options.format = ImageFormat::Png;
        options.size = kChartSize;
        options.pixelRatio = 2; // sharp on high-density screens, still small
        const QString file = info.dir().filePath(name);
        if (!exportChart(scene, options, file, error))
            return undo();
        written << file;
    }
    if (!writeFileAtomically(out, reportMarkdown(doc, phasesName, memoryName), error))
        return undo();
    return true;
}

bool writeHtml(const ReportDocument& doc, const ChartScene& scene, const QString& out,
               QString* error)
{
    ChartExportOptions options;
    options.format = ImageFormat::Svg;
    options.size = kChartSize;
    QByteArray svgs[2];
    const ChartTarget targets[2] = {ChartTarget::Phases, ChartTarget::Memory};
    for (int i = 0; i < 2; ++i) {
        options.target = targets[i];
        QString reason;
        svgs[i] = renderChartFile(scene, options, &reason);
        if (svgs[i].isEmpty()) {
            *error = tr("cannot write %1: %2").arg(out, reason);
            return false;
        }
    }
    return writeFileAtomically(out, reportHtml(doc, svgs[0], svgs[1]), error);
}

} // namespace

int runReport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("last"), tr("Cover only the N latest builds (default: all)."),
         QStringLiteral("N")},
        {QStringLiteral("format"),
         tr("html (one self-contained file) or md (Markdown, with the "
            "charts as PNG files beside it). Default: from --out."),
         QStringLiteral("FORMAT")},
        {QStringLiteral("out"), tr("The report file to write."), QStringLiteral("FILE")},
    });
    parser.addOption(ignoreMarksOption());
    parser.addPositionalArgument(QStringLiteral("PATH"), tr("A history file or a site folder."));
    if (const int code = parseArguments(
            parser, args,
            tr("Write an investigation report of a history (HTML or Markdown), with no display."));
        code >= 0)
        return code;
    bool ok = true;
    const int lastN = intOption(parser, QStringLiteral("last"), 0, &ok);
    if (ok && parser.isSet(QStringLiteral("last")) && lastN == 0) {
        printError(tr("--last needs a positive whole number, not '0' (leave it out for every "
                      "build)"));
        ok = false;
    }
    const QString out = parser.value(QStringLiteral("out"));
    if (ok && out.isEmpty()) {
        printError(tr("--out FILE is required"));
        ok = false;
    }
    QString format = parser.value(QStringLiteral("format")).toLower();
    if (format.isEmpty()) {
        const QString suffix = QFileInfo(out).suffix().toLower();
        format = suffix == QLatin1String("md") || suffix == QLatin1String("markdown")
                     ? QStringLiteral("md")
                     : QStringLiteral("html");
    }
    if (ok && format != QLatin1String("html") && format != QLatin1String("md")) {
        printError(tr("--format must be html or md, not '%1'").arg(format));
        ok = false;
    }
    QString path;
    if (!ok || !singlePath(parser, &path))
        return ExitUsage;

    StoredMarks marks(parser, path); // read while the history loads
    HistoryStore store;
    QString file;
    if (!loadHistoryArgument(path, store, &file))
        return ExitUsage; // as every command: unreadable input is 2
    if (store.size() == 0) {
        printError(tr("nothing to report: %1 has no builds; nothing written").arg(file));
        return ExitFailure;
    }
    const BuildRange range = BuildRange::latest(store, lastN);
    ReportParams params;
    params.breaks = marks.breaks(store);
    const ReportDocument doc = buildReport(store, file, range, params);
    ChartScene scene;
    scene.store = &store;
    scene.sourcePath = file;
    scene.filter.lastN = lastN;
    scene.font = QApplication::font();
    QString error;
    const bool written = format == QLatin1String("md") ? writeMarkdown(doc, scene, out, &error)
                                                       : writeHtml(doc, scene, out, &error);
    if (!written) {
        printError(error);
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace bengal::cli
