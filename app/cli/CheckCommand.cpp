// `bengal-perf check`: a CI gate judging the latest build against its comparable baseline.
#include "cli/CliSupport.h"
#include "cli/DetectionOptions.h"
#include "cli/HistoryArgument.h"
#include "report/RegressionReport.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

namespace bengal::cli {

int runCheck(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(
        QStringLiteral("json"),
        QCoreApplication::translate("bengal", "Print the verdicts as JSON."));
    const QCommandLineOption metric(
        QStringLiteral("metric"),
        QCoreApplication::translate(
            "bengal", "Judge this metric (repeatable; default: build_time_ms, its phases, "
                      "memory_rss_mb, memory_peak_mb)."),
        QStringLiteral("M"));
    const QCommandLineOption threshold(
        QStringLiteral("threshold"),
        QCoreApplication::translate("bengal",
                                    "Smallest change that fails, in percent (default 5)."),
        QStringLiteral("PCT"), QStringLiteral("5"));
    const QCommandLineOption window(
        QStringLiteral("window"),
        QCoreApplication::translate(
            "bengal", "Baseline: median of the last N comparable builds (default 20)."),
        QStringLiteral("N"), QStringLiteral("20"));
    parser.addOptions({json, metric, threshold, window, groupOption(), ignoreMarksOption()});
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("bengal", "A history file or a site folder."));
    if (const int code = parseArguments(
            parser, args,
            QCoreApplication::translate(
                "bengal", "Judge the latest build for CI: exit 0 fine, 1 on a regression, 2 on "
                          "bad input."));
        code >= 0)
        return code;
    bool ok = true;
    const double thresholdPct = parser.value(threshold).toDouble(&ok);
    if (!ok || !std::isfinite(thresholdPct) || thresholdPct < 0) {
        printError(
            QCoreApplication::translate("bengal", "--threshold needs a percentage >= 0, not '%1'")
                .arg(parser.value(threshold)));
        return ExitUsage;
    }
    const int windowN = intOption(parser, QStringLiteral("window"), 20, &ok);
    if (!ok)
        return ExitUsage;
    if (windowN < 1) {
        printError(QCoreApplication::translate("bengal", "--window needs at least 1 build"));
        return ExitUsage;
    }
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
    if (store.isEmpty()) {
        printError(QCoreApplication::translate("bengal", "%1 has no builds to judge").arg(file));
        return ExitUsage;
    }
    RegressionInput input;
    QString unknown;
    if (!buildLatestInput(store, parser.values(metric), &input, &unknown, grouping)) {
        printError(
            QCoreApplication::translate("bengal", "%1 has no metric '%2'").arg(file, unknown));
        return ExitUsage;
    }
    input.input.breaks = marks.breaks(store);
    const std::vector<Verdict> verdicts = judgeLatest(input.input, thresholdPct, windowN);
    if (parser.isSet(json))
        printOutBytes(QJsonDocument(verdictsJson(verdicts)).toJson(QJsonDocument::Compact) + '\n');
    else
        printOut(verdictsMarkdown(verdicts));
    return anyRegression(verdicts) ? ExitFailure : ExitOk;
}

} // namespace bengal::cli
