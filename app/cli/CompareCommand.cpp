// `bengal-perf compare PATH A B [C D] [--json]`: builds side by side, changes against A.
#include "cli/CliSupport.h"
#include "cli/HistoryArgument.h"
#include "detail/BuildSelector.h"
#include "detail/Comparison.h"
#include "detail/ComparisonExport.h"
#include "history/HistoryStore.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace bengal::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("bengal", text);
}
// Lines the comparison had to leave out, on stderr as FILE:LINE so the output (often piped into
// a JSON reader) stays clean and the user still learns that builds are missing.
void reportRejectedLines(const HistoryStore& store, const QString& file)
{
    constexpr int kShown = 5;
    int shown = 0;
    for (const Problem& problem : store.problems()) {
        if (problem.kind != Problem::Kind::Rejected)
            continue;
        if (shown++ == kShown)
            break;
        printError(tr("%1:%2: line left out: %3").arg(file).arg(problem.line).arg(problem.reason));
    }
    if (store.rejectedCount() > kShown)
        printError(tr("%1: %2 lines left out in all (bengal-perf summary lists them)")
                       .arg(file)
                       .arg(store.rejectedCount()));
}

} // namespace

int runCompare(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("PATH"), tr("A history file or a site folder."));
    parser.addPositionalArgument(
        QStringLiteral("A"),
        tr("The reference build: a timestamp, a 1-based build index in time order, latest, "
           "previous, median:N (the median of the N builds before the latest), or a window "
           "I..J of builds (compared by its median; two windows are also tested with "
           "Mann-Whitney: is B really slower than A?)."));
    parser.addPositionalArgument(QStringLiteral("B"), tr("A build to compare with A."));
    parser.addPositionalArgument(QStringLiteral("[C D]"), tr("Up to two more builds."));
    if (const int code = parseArguments(
            parser, args,
            tr("Compare builds side by side; every change is against A, positive means slower "
               "or bigger."));
        code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 3 || positional.size() > 5) {
        printError(
            tr("expected PATH and two to four builds, got %1 argument(s)").arg(positional.size()));
        return ExitUsage;
    }

    HistoryStore store;
    QString file;
    if (!loadHistoryArgument(positional.first(), store, &file))
        return ExitUsage;
    reportRejectedLines(store, file);
    QList<CompareColumn> columns;
    for (const QString& text : positional.mid(1)) {
        QString error;
        const auto selection = BuildSelector::parse(text, store, &error);
        if (!selection) {
            printError(file + QStringLiteral(": ") + error); // which history it was
            return ExitUsage;
        }
        columns.append(columnFor(store, *selection));
    }
    const Comparison comparison = compareColumns(store, columns);
    if (parser.isSet(json))
        printOutBytes(QJsonDocument(comparisonJson(comparison)).toJson(QJsonDocument::Compact) +
                      '\n');
    else
        printOut(comparisonMarkdown(comparison));
    return ExitOk;
}

} // namespace bengal::cli
