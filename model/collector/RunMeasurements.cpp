#include "collector/RunMeasurements.h"

#include "collector/ProcFs.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace bengal {

double toMiB(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

qint64 peakRssWithin(const QList<RssSample>& samples, double fromMs, double toMs)
{
    qint64 peak = -1;
    qint64 before = 0;
    qint64 after = -1;
    for (const RssSample& sample : samples) {
        const double at = double(sample.atMs);
        if (at < fromMs) {
            before = sample.rssBytes;
        } else if (at <= toMs) {
            peak = qMax(peak, sample.rssBytes);
        } else {
            after = sample.rssBytes;
            break;
        }
    }
    if (peak >= 0)
        return peak;
    return qMax(before, after);
}

QList<PhaseMeasurement> measurePhases(const QList<PhaseSpan>& phases,
                                      const QList<RssSample>& samples)
{
    QList<PhaseMeasurement> measured;
    for (const PhaseSpan& span : phases) {
        const qint64 peak = peakRssWithin(samples, span.startMs, span.startMs + span.durationMs);
        measured.append({span.name, span.startMs, span.durationMs, toMiB(peak)});
    }
    std::stable_sort(
        measured.begin(), measured.end(),
        [](const PhaseMeasurement& a, const PhaseMeasurement& b) { return a.startMs < b.startMs; });
    return measured;
}

QList<double> rssSeriesMb(const QList<RssSample>& samples, int intervalMs, int maxPoints,
                          int* seriesIntervalMs)
{
    const qsizetype count = samples.size();
    const qsizetype group =
        maxPoints > 0 ? qMax<qsizetype>(1, (count + maxPoints - 1) / maxPoints) : 1;
    if (seriesIntervalMs)
        *seriesIntervalMs = int(intervalMs * group);
    QList<double> series;
    series.reserve(count / group + 1);
    for (qsizetype i = 0; i < count; i += group) {
        qint64 peak = 0;
        for (qsizetype j = i; j < qMin(count, i + group); ++j)
            peak = qMax(peak, samples.at(j).rssBytes);
        series.append(toMiB(peak));
    }
    return series;
}

ChildrenUsage childrenUsage()
{
    ChildrenUsage usage;
    rusage r{};
    if (::getrusage(RUSAGE_CHILDREN, &r) != 0)
        return usage;
    usage.userMs = double(r.ru_utime.tv_sec) * 1000.0 + double(r.ru_utime.tv_usec) / 1000.0;
    usage.systemMs = double(r.ru_stime.tv_sec) * 1000.0 + double(r.ru_stime.tv_usec) / 1000.0;
    usage.maxRssBytes = qint64(r.ru_maxrss) * 1024; // Linux reports KiB
    return usage;
}

qint64 ownResidentBytes()
{
    const int fd = procfs::openProcFile(::getpid(), "statm");
    if (fd < 0)
        return 0;
    char buffer[256];
    const long n = procfs::readAt0(fd, buffer, sizeof buffer);
    ::close(fd);
    const auto bytes =
        n > 0 ? procfs::parseStatmResidentBytes(std::string_view(buffer, size_t(n))) : std::nullopt;
    return bytes.value_or(0);
}

} // namespace bengal
