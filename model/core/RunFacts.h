#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace bengal {

// What the collector measures about one launched build and files as such, the same whether
// it is being written (RunRecord) or read back from collector.jsonl (CollectedRun).
struct RunFacts
{
    QStringList command; // program first, as launched
    QString cwd;
    QString label;
    std::optional<int> exitCode;
    std::optional<int> signal;
    double wallMs = 0;
    double cpuUserMs = 0;
    double cpuSysMs = 0;
    double peakRssMb = 0; // the process tree's peak, MiB (like Bengal's *_mb keys)
    QString host;
    int cpus = 0;
    double loadAverage1m = 0;
    bool warmup = false;
    int repeatIndex = 0;

    // Exit code 0 and no signal. Only such runs have a build in the history.
    bool succeeded() const { return exitCode && *exitCode == 0 && !signal; }
};

} // namespace bengal
