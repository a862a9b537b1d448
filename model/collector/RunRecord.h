#pragma once

#include "collector/RunEnvironment.h"
#include "core/RunFacts.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace bengal {

// One phase of a collected run: offsets in ms from the launch, peak tree RSS within it.
struct PhaseMeasurement
{
    QString name;
    double startMs = 0;
    double durationMs = 0;
    double peakRssMb = 0;
};

// Everything the collector files about one run: one line of collector.jsonl. The command is
// as launched (with --log-file).
struct RunRecord : RunFacts
{
    QString timestamp;                     // launch time, UTC "+00:00"
    std::optional<QString> buildTimestamp; // `timestamp` of the history record of this run
    QList<PhaseMeasurement> phases;
    int sampleIntervalMs = 50;
    QList<double> rssSamplesMb;
    std::optional<GitState> git;
    bool cancelled = false; // not filed as a key: a cancelled run shows as a signal
};

// The collector.jsonl line, '\n' included. Keys in the documented order.
QByteArray collectorRecordLine(const RunRecord& record);

// The record the collector adds to history.jsonl when the build wrote none: Bengal's keys
// (timestamp, build_time_ms, skipped, the *_time_ms of the phases it saw), Python-style, with
// '\n'. `timestamp` is the save time, as Bengal's is.
QByteArray bengalHistoryLine(const RunRecord& record, const QString& timestamp);

// The history key for a Bengal logger phase name (e.g. "taxonomies" -> "taxonomy_time_ms"),
// or nullptr for phases Bengal's record has no scalar for.
const char* historyKeyForPhase(const QString& phaseName);

} // namespace bengal
