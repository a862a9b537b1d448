#pragma once

#include "collector/PhaseTracker.h"
#include "collector/ProcessTreeSampler.h"
#include "collector/RunRecord.h"

namespace bengal {

double toMiB(qint64 bytes);

// The highest tree RSS sampled within [fromMs, toMs]. A phase shorter than the sampling
// interval may hold no sample: then the larger of the samples just before and just after it.
qint64 peakRssWithin(const QList<RssSample>& samples, double fromMs, double toMs);

// Phases with their peak RSS, in start order.
QList<PhaseMeasurement> measurePhases(const QList<PhaseSpan>& phases,
                                      const QList<RssSample>& samples);

// The series for the record, in MiB, at most `maxPoints` long: runs of consecutive samples
// are merged into their maximum (so the peak survives) and `seriesIntervalMs` grows to match.
QList<double> rssSeriesMb(const QList<RssSample>& samples, int intervalMs, int maxPoints,
                          int* seriesIntervalMs);

// getrusage(RUSAGE_CHILDREN) of this process: CPU of every reaped descendant chain and the
// largest single process among them.
struct ChildrenUsage
{
    double userMs = 0;
    double systemMs = 0;
    qint64 maxRssBytes = 0;
};
ChildrenUsage childrenUsage();

// This process's resident memory now. A child's ru_maxrss starts from it: fork copies our
// page tables before exec, and the kernel keeps that high-water mark across exec.
qint64 ownResidentBytes();

} // namespace bengal
