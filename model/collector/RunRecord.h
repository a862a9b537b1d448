#pragma once

#include "collector/RunEnvironment.h"

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

// Everything the collector files about one run: one line of collector.jsonl.
struct RunRecord
{
    QString timestamp;                     // launch time, UTC "+00:00"
    std::optional<QString> buildTimestamp; // `timestamp` of the history record of this run
    QStringList command;                   // program first, as launched (with --log-file)
    QString cwd;
    QString label;
    std::optional<int> exitCode;
    std::optional<int> signal;
    double wallMs = 0;
    double cpuUserMs = 0;
    double cpuSysMs = 0;
    double peakRssMb = 0; // MiB, like Bengal's *_mb keys
    QList<PhaseMeasurement> phases;
    int sampleIntervalMs = 50;
    QList<double> rssSamplesMb;
    QString host;
    int cpus = 0;
    double loadAverage1m = 0;
    std::optional<GitState> git;
    bool warmup = false;
    int repeatIndex = 0;
    bool cancelled = false; // not filed as a key: a cancelled run shows as a signal

    bool succeeded() const { return exitCode && *exitCode == 0 && !signal; }
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
