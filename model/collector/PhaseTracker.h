#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace bengal {

// One build phase as seen in the event log, times in ms from the launch of the run.
struct PhaseSpan
{
    QString name;
    double startMs = 0;
    double durationMs = 0;
    bool open = true; // started, not (yet) completed
};

// Turns Bengal's JSON-lines log events into phases: `phase_start` / `phase_complete` paired by
// `context.phase_name` (never by `phase`, which names the parent on completion). Malformed
// lines are counted and skipped; events stamped before the launch (a stale file) are ignored.
class PhaseTracker
{
public:
    enum class Change
    {
        None,
        Started,
        Finished
    };

    // `launchEpochMs`: wall-clock time of the launch, to place the events' own timestamps.
    explicit PhaseTracker(qint64 launchEpochMs = 0);

    // Feeds one line; `observedMs` is when it was read (used when the event has no usable
    // timestamp). Returns what changed and, through `index`, which phase in phases().
    Change feedLine(const QByteArray& line, double observedMs, int* index = nullptr);

    // Gives phases still open at the end of the run their duration up to `endMs`.
    void closeOpenPhases(double endMs);

    const QList<PhaseSpan>& phases() const { return m_phases; }
    bool sawBuildComplete() const { return m_buildComplete; }
    bool sawError() const { return m_error; }
    int malformedLines() const { return m_malformed; }
    int staleEvents() const { return m_stale; }

private:
    double eventTimeMs(const QString& timestamp, double observedMs) const;

    qint64 m_launchEpochMs;
    QList<PhaseSpan> m_phases;
    QHash<QString, QList<int>> m_openByName; // a name can nest in another logger
    bool m_buildComplete = false;
    bool m_error = false;
    int m_malformed = 0;
    int m_stale = 0;
};

} // namespace bengal
