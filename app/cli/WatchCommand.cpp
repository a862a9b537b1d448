#include "cli/CliSupport.h"
#include "cli/HistoryArgument.h"
#include "core/Timestamp.h"
#include "history/HistoryDiscovery.h"
#include "history/HistorySession.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace bengal::cli {

namespace {

void printEvent(const QJsonObject& event)
{
    printOutBytes(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
}

QJsonValue numberOrNull(double value)
{
    return std::isnan(value) ? QJsonValue() : QJsonValue(value);
}

// New builds and new rejections of one batch, merged in line order.
void printBatchEvents(const HistoryStore& store, const AppendResult& result,
                      const BuildBatch& batch)
{
    const int buildTimeColumn = store.metricIndex(QStringLiteral("build_time_ms"));
    std::size_t b = 0;
    auto p = std::size_t(result.firstNewProblem);
    const auto& problems = store.problems();
    while (b < result.acceptedInBatch.size() || p < problems.size()) {
        if (p < problems.size() && problems[p].kind != Problem::Kind::Rejected) {
            ++p;
            continue;
        }
        const bool buildFirst =
            b < result.acceptedInBatch.size() &&
            (p >= problems.size() || batch.line[result.acceptedInBatch[b]] < problems[p].line);
        if (buildFirst) {
            const std::size_t i = result.acceptedInBatch[b++];
            const qsizetype row = store.findHash(batch.hash[i]);
            const double buildTime =
                buildTimeColumn >= 0 && row >= 0 ? store.value(buildTimeColumn, row) : NAN;
            printEvent({{QStringLiteral("event"), QStringLiteral("build")},
                        {QStringLiteral("line"), qint64(batch.line[i])},
                        {QStringLiteral("timestamp"), formatTimestampUtc(batch.timestampUs[i])},
                        {QStringLiteral("build_time_ms"), numberOrNull(buildTime)}});
        } else {
            const Problem& problem = problems[p++];
            printEvent({{QStringLiteral("event"), QStringLiteral("rejected")},
                        {QStringLiteral("line"), qint64(problem.line)},
                        {QStringLiteral("reason"), problem.reason}});
        }
    }
}

} // namespace

int runWatch(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption poll(
        QStringLiteral("poll-ms"),
        QCoreApplication::translate("bengal",
                                    "Polling interval behind the file watcher (default 500)."),
        QStringLiteral("MS"));
    parser.addOption(poll);
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("bengal", "A history file or a site folder."));
    if (const int code =
            parseArguments(parser, args,
                           QCoreApplication::translate(
                               "bengal", "Follow a history live; one JSON event per line."));
        code >= 0)
        return code;
    bool ok = true;
    const int pollMs = intOption(parser, QStringLiteral("poll-ms"), 500, &ok);
    QString path;
    if (!ok || !singlePath(parser, &path))
        return ExitUsage;
    const HistoryLocation location = discoverHistory(path);
    if (!location.found) {
        printError(describeMissingHistory(path, location));
        return ExitUsage;
    }

    HistorySession session;
    session.setPollInterval(std::max(pollMs, 10));
    bool loaded = false;
    QObject::connect(&session, &HistorySession::appended,
                     [&](const AppendResult& result, const BuildBatch& batch) {
                         if (loaded)
                             printBatchEvents(session.store(), result, batch);
                     });
    QObject::connect(&session, &HistorySession::loadFinished, [&] {
        loaded = true;
        printEvent({{QStringLiteral("event"), QStringLiteral("loaded")},
                    {QStringLiteral("builds"), qint64(session.store().size())}});
    });
    QObject::connect(
        &session, &HistorySession::reloadStarted, [](HistoryFollower::ResetReason reason) {
            printEvent({{QStringLiteral("event"), QStringLiteral("reset")},
                        {QStringLiteral("reason"), reason == HistoryFollower::ResetReason::Truncated
                                                       ? QStringLiteral("truncated")
                                                       : QStringLiteral("replaced")}});
        });
    QObject::connect(&session, &HistorySession::stateChanged, [](HistorySession::FileState state) {
        if (state == HistorySession::FileState::Missing)
            printEvent({{QStringLiteral("event"), QStringLiteral("missing")}});
    });
    QObject::connect(&session, &HistorySession::errorOccurred,
                     [](const QString& message) { printError(message); });
    session.open(location.file);
    return QCoreApplication::exec();
}

} // namespace bengal::cli
