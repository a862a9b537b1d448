// `bengal-perf regressions`: every change point, alert and trend over a history.
#include "cli/CliSupport.h"
#include "cli/DetectionOptions.h"
#include "cli/HistoryArgument.h"
#include "report/RegressionReport.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace bengal::cli {

int runRegressions(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("bengal", "Print one JSON object."));
    const QCommandLineOption metric(
        QStringLiteral("metric"),
        QCoreApplication::translate(
            "bengal", "Analyse this metric (repeatable; default: build_time_ms, its phases, "
                      "memory_rss_mb, memory_peak_mb)."),
        QStringLiteral("M"));
    parser.addOptions({json, metric, groupOption(), ignoreMarksOption()});
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("bengal", "A history file or a site folder."));
    if (const int code = parseArguments(
            parser, args,
            QCoreApplication::translate("bengal", "Every step, alert and trend over a history."));
        code >= 0)
        return code;
    BuildGrouping grouping = BuildGrouping::Kind;
    if (!groupingArgument(parser, &grouping))
        return ExitUsage;
    QString path;
    if (!singlePath(parser, &path))
        return ExitUsage;

    StoredMarks marks(parser, path); // read while the history loads
    HistoryStore store;
    QString file;
    if (!loadHistoryArgument(path, store, &file))
        return ExitUsage;
    RegressionInput input;
    QString unknown;
    if (!buildRegressionInput(store, parser.values(metric), &input, &unknown, grouping)) {
        printError(
            QCoreApplication::translate("bengal", "%1 has no metric '%2'").arg(file, unknown));
        return ExitUsage;
    }
    input.input.breaks = marks.breaks(store);
    const std::vector<Finding> findings = detectRegressions(input.input, DetectionParams{});
    if (parser.isSet(json))
        printOutBytes(QJsonDocument(regressionsJson(findings)).toJson(QJsonDocument::Compact) +
                      '\n');
    else
        printOut(regressionsText(findings));
    return ExitOk;
}

} // namespace bengal::cli
