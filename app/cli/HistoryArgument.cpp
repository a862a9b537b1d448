#include "cli/HistoryArgument.h"

#include "cli/CliSupport.h"
#include "history/HistoryDiscovery.h"
#include "history/HistoryLoader.h"

#include <QCoreApplication>

namespace bengal::cli {

bool loadHistoryArgument(const QString& path, HistoryStore& store, QString* resolvedFile)
{
    const HistoryLocation location = discoverHistory(path);
    if (!location.found) {
        printError(describeMissingHistory(path, location));
        return false;
    }
    const ReadOutcome outcome = loadHistoryInto(location.file, store);
    if (outcome.status != ReadOutcome::Status::Ok) {
        printError(outcome.error);
        return false;
    }
    *resolvedFile = location.file;
    return true;
}

bool singlePath(const QCommandLineParser& parser, QString* path)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(positional.isEmpty()
                       ? QCoreApplication::translate("bengal", "a history PATH is required")
                       : QCoreApplication::translate("bengal", "expected one PATH, got %1")
                             .arg(positional.size()));
        return false;
    }
    *path = positional.first();
    return true;
}

} // namespace bengal::cli
