#include "store/TriageRepository.h"

#include "store/Database.h"
#include "store/HistoriesRepository.h"
#include "store/Statement.h"
#include "store/StoreValues.h"

#include <array>

namespace bengal {
namespace {

struct StateName
{
    TriageState state;
    const char* id;
};

constexpr std::array<StateName, 4> stateNames{{{TriageState::New, "new"},
                                               {TriageState::Acknowledged, "acknowledged"},
                                               {TriageState::Ignored, "ignored"},
                                               {TriageState::Expected, "expected"}}};

const QString findingCondition =
    QStringLiteral(" metric = ? AND kind = ? AND build_key = ?"
                   " AND history_id = (SELECT id FROM histories WHERE path = ?)");

Statement& bindFinding(Statement& statement, const QString& historyPath, const FindingKey& key)
{
    return statement.bind(key.metric)
        .bind(key.kind)
        .bind(StoreValues::fromKey(key.buildKey))
        .bind(HistoriesRepository::normalizedPath(historyPath));
}

} // namespace

QString TriageRepository::stateId(TriageState state)
{
    for (const StateName& name : stateNames) {
        if (name.state == state)
            return QString::fromLatin1(name.id);
    }
    return QStringLiteral("new");
}

std::optional<TriageState> TriageRepository::stateFromId(const QString& id)
{
    for (const StateName& name : stateNames) {
        if (id == QLatin1String(name.id))
            return name.state;
    }
    return std::nullopt;
}

QString TriageRepository::stateLabel(TriageState state)
{
    switch (state) {
    case TriageState::Acknowledged:
        return tr("Acknowledged");
    case TriageState::Ignored:
        return tr("Ignored");
    case TriageState::Expected:
        return tr("Expected");
    case TriageState::New:
        break;
    }
    return tr("New");
}

bool TriageRepository::set(const QString& historyPath, const FindingKey& finding, TriageState state,
                           const QString& note, const QDateTime& when)
{
    return m_database.writeTransaction([&] {
        const auto historyId = HistoriesRepository(m_database).ensureId(historyPath);
        return historyId &&
               Statement(m_database,
                         QStringLiteral("INSERT OR REPLACE INTO triage (history_id, metric, kind,"
                                        " build_key, state, note, updated_ms)"
                                        " VALUES (?, ?, ?, ?, ?, ?, ?)"))
                   .bind(*historyId)
                   .bind(finding.metric)
                   .bind(finding.kind)
                   .bind(StoreValues::fromKey(finding.buildKey))
                   .bind(stateId(state))
                   .bind(note)
                   .bind(StoreValues::fromTime(StoreValues::orNow(when)))
                   .exec();
    });
}

std::optional<TriageRecord> TriageRepository::get(const QString& historyPath,
                                                  const FindingKey& finding)
{
    Statement select(m_database, QStringLiteral("SELECT state, note, updated_ms FROM triage"
                                                " WHERE") +
                                     findingCondition);
    if (!bindFinding(select, historyPath, finding).exec() || !select.next())
        return std::nullopt;
    return TriageRecord{finding, stateFromId(select.value(0).toString()).value_or(TriageState::New),
                        select.value(1).toString(), StoreValues::toTime(select.value(2))};
}

TriageState TriageRepository::state(const QString& historyPath, const FindingKey& finding)
{
    const auto record = get(historyPath, finding);
    return record ? record->state : TriageState::New;
}

QList<TriageRecord> TriageRepository::all(const QString& historyPath)
{
    QList<TriageRecord> records;
    Statement select(m_database,
                     QStringLiteral("SELECT metric, kind, build_key, state, note, updated_ms"
                                    " FROM triage WHERE history_id ="
                                    " (SELECT id FROM histories WHERE path = ?)"
                                    " ORDER BY updated_ms DESC, metric, kind, build_key"));
    if (!select.bind(HistoriesRepository::normalizedPath(historyPath)).exec())
        return records;
    while (select.next()) {
        records.append(
            TriageRecord{{select.value(0).toString(), select.value(1).toString(),
                          StoreValues::toKey(select.value(2))},
                         stateFromId(select.value(3).toString()).value_or(TriageState::New),
                         select.value(4).toString(),
                         StoreValues::toTime(select.value(5))});
    }
    return records;
}

bool TriageRepository::remove(const QString& historyPath, const FindingKey& finding)
{
    Statement remove(m_database, QStringLiteral("DELETE FROM triage WHERE") + findingCondition);
    return bindFinding(remove, historyPath, finding).exec();
}

} // namespace bengal
