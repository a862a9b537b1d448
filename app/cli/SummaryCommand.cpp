#include "cli/CliSupport.h"
#include "cli/HistoryArgument.h"
#include "report/SummaryReport.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace bengal::cli {

int runSummary(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"),
                                  QCoreApplication::translate("bengal", "Print one JSON object."));
    const QCommandLineOption last(
        QStringLiteral("last"), QCoreApplication::translate("bengal", "Keep the N latest builds."),
        QStringLiteral("N"));
    parser.addOptions({json, last});
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("bengal", "A history file or a site folder."));
    if (const int code = parseArguments(
            parser, args,
            QCoreApplication::translate("bengal", "Statistics of every metric in a history."));
        code >= 0)
        return code;
    bool ok = true;
    const int lastN = intOption(parser, QStringLiteral("last"), 0, &ok);
    QString path;
    if (!ok || !singlePath(parser, &path))
        return ExitUsage;

    HistoryStore store;
    QString file;
    if (!loadHistoryArgument(path, store, &file))
        return ExitUsage;
    const BuildRange range = BuildRange::latest(store, lastN);
    if (parser.isSet(json))
        printOutBytes(
            QJsonDocument(summaryJson(store, file, range)).toJson(QJsonDocument::Compact) + '\n');
    else
        printOut(summaryText(store, file, range));
    return ExitOk;
}

} // namespace bengal::cli
