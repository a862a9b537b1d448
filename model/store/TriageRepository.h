#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bengal {

class Database;

enum class TriageState
{
    New,          // not looked at (also every finding without a stored record)
    Acknowledged, // seen, being dealt with
    Ignored,      // noise; do not alarm again
    Expected      // a known consequence of a wanted change
};

// A regression finding as the detector names it (issue 6).
struct FindingKey
{
    QString metric;      // e.g. "build_time_ms"
    QString kind;        // "step", "alert" or "trend"
    QByteArray buildKey; // the build where it starts

    friend bool operator==(const FindingKey&, const FindingKey&) = default;
};

struct TriageRecord
{
    FindingKey finding;
    TriageState state = TriageState::New;
    QString note;
    QDateTime updated; // UTC
};

// The user's triage decisions per history, so a dismissed finding stays dismissed.
class TriageRepository
{
    Q_DECLARE_TR_FUNCTIONS(TriageRepository)

public:
    explicit TriageRepository(Database& database) : m_database(database) {}

    // Stable ids stored in the file and used on the command line: new, acknowledged, ...
    static QString stateId(TriageState state);
    static std::optional<TriageState> stateFromId(const QString& id);
    // Translated name for the window.
    static QString stateLabel(TriageState state);

    bool set(const QString& historyPath, const FindingKey& finding, TriageState state,
             const QString& note = {}, const QDateTime& when = {});
    std::optional<TriageRecord> get(const QString& historyPath, const FindingKey& finding);
    // The stored state, New when none.
    TriageState state(const QString& historyPath, const FindingKey& finding);
    // Every stored record of the history, most recently changed first.
    QList<TriageRecord> all(const QString& historyPath);
    bool remove(const QString& historyPath, const FindingKey& finding);

private:
    Database& m_database;
};

} // namespace bengal
