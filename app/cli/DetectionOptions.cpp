#include "cli/DetectionOptions.h"

#include "cli/CliSupport.h"
#include "detail/BuildLine.h"
#include "history/HistoryDiscovery.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

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

namespace {

// Runs on a worker thread: the Database is created, used and closed there.
std::vector<IntendedMark> readMarks(const QString& historyFile)
{
    const QString path = Database::defaultPath();
    if (!QFileInfo::exists(path))
        return {};
    Database database(path);
    database.setBusyTimeout(500); // a window writing to the store must not stall a CI gate
    // Read only: a CI gate must not migrate the user's store or move a damaged one aside, and
    // a busy, damaged or older store must not fail it either (no marks, then).
    if (!database.openForReading())
        return {};
    std::vector<IntendedMark> marks;
    for (const IntendedChange& mark : BaselinesRepository(database).intendedChanges(historyFile)) {
        if (const auto hash = lineHashOfKey(mark.buildKey))
            marks.push_back({mark.metric, *hash});
    }
    return marks;
}

} // namespace

StoredMarks::StoredMarks(const QCommandLineParser& parser, const QString& path)
{
    if (parser.isSet(QStringLiteral("ignore-marks")))
        return;
    // The same file the history argument resolves to (the marks are kept by its path).
    const HistoryLocation location = discoverHistory(path);
    if (location.found) {
        m_marks = QtConcurrent::run(readMarks, location.file);
        m_reading = true;
    }
}

StoredMarks::~StoredMarks()
{
    if (m_reading)
        m_marks.waitForFinished();
}

std::vector<BaselineBreak> StoredMarks::breaks(const HistoryStore& store)
{
    if (!m_reading)
        return {};
    return breaksForMarks(store, m_marks.result());
}

} // namespace bengal::cli
