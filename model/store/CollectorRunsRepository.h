#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bengal {

class Database;

// Which file of the history's folder a collector line belongs in (issue 5).
enum class CollectorLineTarget
{
    CollectorLog, // collector.jsonl: one line per run, always
    HistoryLog    // history.jsonl: the record the collector adds for a successful run
};

// One JSON line the embedded collector produced.
struct CollectorRun
{
    qint64 id = 0;
    QString historyPath;
    CollectorLineTarget target = CollectorLineTarget::CollectorLog;
    QDateTime runAt;      // the run's start, UTC
    QByteArray line;      // the exact bytes to append, without the newline
    bool pending = false; // not appended yet (disk full, no permission): write it later
    QDateTime writtenAt;  // when it was appended; invalid while pending
};

// Keeps every collector line, and those that could not be appended until they are.
class CollectorRunsRepository
{
public:
    explicit CollectorRunsRepository(Database& database) : m_database(database) {}

    // The new row's id, nullopt on failure.
    std::optional<qint64> add(const QString& historyPath, const QByteArray& line,
                              const QDateTime& runAt, bool pending,
                              CollectorLineTarget target = CollectorLineTarget::CollectorLog);
    // Lines still to append, in the order they were produced; every history's when
    // historyPath is empty.
    QList<CollectorRun> pending(const QString& historyPath = {});
    int pendingCount(const QString& historyPath = {});
    bool markWritten(qint64 id, const QDateTime& when = {});
    // The history's lines, newest first.
    QList<CollectorRun> runs(const QString& historyPath, int limit = 100);

private:
    QList<CollectorRun> select(const QString& condition, const QVariantList& values);

    Database& m_database;
};

} // namespace bengal
