#include "cli/DetectionOptions.h"

#include "cli/CliSupport.h"
#include "detail/BuildLine.h"
#include "regressions/RegressionBatch.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace bengal::cli {

QCommandLineOption groupOption()
{
    return {QStringLiteral("group"),
            QCoreApplication::translate(
                "bengal", "Which builds are compared with each other: kind (incremental x "
                          "parallel, the default), incremental, parallel or none."),
            QStringLiteral("G"), QStringLiteral("kind")};
}

QCommandLineOption ignoreMarksOption()
{
    return {QStringLiteral("ignore-marks"),
            QCoreApplication::translate(
                "bengal", "Leave out the intended changes marked in the window (the local "
                          "store): judge against the whole history.")};
}

bool groupingArgument(const QCommandLineParser& parser, BuildGrouping* grouping)
{
    const QString value = parser.value(QStringLiteral("group"));
    if (parseBuildGrouping(value, grouping))
        return true;
    printError(QCoreApplication::translate(
                   "bengal", "--group must be kind, incremental, parallel or none, not '%1'")
                   .arg(value));
    return false;
}

std::vector<BaselineBreak> storedBreaks(const QCommandLineParser& parser,
                                        const QString& historyFile, const HistoryStore& store)
{
    if (parser.isSet(QStringLiteral("ignore-marks")) || store.isEmpty())
        return {};
    const QString path = Database::defaultPath();
    if (!QFileInfo::exists(path))
        return {};
    Database database(path);
    if (!database.open())
        return {}; // a busy or damaged store must not fail a CI gate
    std::vector<IntendedMark> marks;
    for (const IntendedChange& mark : BaselinesRepository(database).intendedChanges(historyFile)) {
        if (const auto hash = lineHashOfKey(mark.buildKey))
            marks.push_back({mark.metric, *hash});
    }
    return breaksForMarks(store, marks);
}

} // namespace bengal::cli
