// Collector overhead benchmark (issue 5): how much the collector slows the build it measures,
// and how right its tree peak RSS is.
//
// Slowdown: a CPU-bound command that times its own wall clock (this executable in --burn
// mode) runs bare and under the collector (50 ms sampling) in interleaved pairs, the order
// alternating within pairs; the median of the per-pair slowdowns is printed.
// Peak RSS: the fake `bengal` holds 100 MiB in itself and 60 MiB in a child; each process
// reports its own VmRSS while holding (the truth, baseline included).
//
// Usage: collector_overhead [--pairs N] [--burn-ms MS] [--interval-ms MS]
#include "collector/CollectorSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace bengal;

namespace {

qint64 monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// The CPU-bound command: fixed work, prints its own wall time in ns.
int burn(qint64 iterations)
{
    const qint64 start = monotonicNs();
    volatile double sink = 0;
    double x = 1.0;
    for (qint64 i = 0; i < iterations; ++i) {
        x = x * 1.0000001 + 1e-9;
        if ((i & 0xffff) == 0)
            sink = sink + x;
    }
    std::printf("%lld\n", static_cast<long long>(monotonicNs() - start));
    return 0;
}

// CPU time this process has used so far (all threads), in ms.
double selfCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

// The machine's load: the figures are noisy when other work competes for the cores.
QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return "n/a";
    const QList<QByteArray> fields = file.readAll().split(' ');
    return fields.mid(0, 3).join(' ');
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0 : n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

// Runs the burn bare; returns its self-measured wall time in ms.
double runBare(qint64 iterations)
{
    QProcess process;
    process.start(QCoreApplication::applicationFilePath(),
                  {QStringLiteral("--burn"), QString::number(iterations)});
    process.waitForFinished(-1);
    return process.readAllStandardOutput().trimmed().toDouble() / 1e6;
}

// Runs a session to its end and returns it finished.
void runSession(CollectorSession& session)
{
    QEventLoop loop;
    QObject::connect(&session, &CollectorSession::finished, &loop, &QEventLoop::quit);
    session.start();
    loop.exec();
}

// Runs the burn under the collector; returns its self-measured wall time in ms.
double runCollected(qint64 iterations, const QString& dir, int intervalMs, double* sampleCostUs,
                    double* collectorCpuShare)
{
    const double cpuBefore = selfCpuMs();
    CollectorSettings settings;
    settings.program = QCoreApplication::applicationFilePath();
    settings.arguments = {QStringLiteral("--burn"), QString::number(iterations)};
    settings.workingDirectory = dir;
    settings.historyPath = QDir(dir).filePath(QStringLiteral("history.jsonl"));
    settings.intervalMs = intervalMs;
    CollectorSession session(settings);
    QByteArray out;
    QObject::connect(&session, &CollectorSession::standardOutput,
                     [&out](const QByteArray& bytes) { out += bytes; });
    runSession(session);
    *sampleCostUs = session.meanSampleCostMicroseconds();
    // Everything the collector process did for this run (launch, sampling, following, filing)
    // per unit of the run's wall time: the most it can take from a build sharing its core.
    const double wallMs = session.filings().isEmpty() ? 0 : session.filings().first().record.wallMs;
    *collectorCpuShare = wallMs > 0 ? (selfCpuMs() - cpuBefore) / wallMs : 0;
    return out.trimmed().toDouble() / 1e6;
}

qint64 calibrate(int burnMs)
{
    qint64 iterations = 20'000'000;
    for (int round = 0; round < 3; ++round) {
        const double ms = runBare(iterations);
        iterations = qint64(double(iterations) * burnMs / qMax(1.0, ms));
    }
    return iterations;
}

struct PeakResult
{
    double peakMb = 0;
    double truthMb = 0;
};

PeakResult measurePeak(int intervalMs)
{
    QTemporaryDir site;
    QTemporaryDir report;
    CollectorSettings settings;
    settings.program = QStringLiteral(FAKE_BENGAL_EXE);
    settings.arguments = {QStringLiteral("build")};
    settings.workingDirectory = site.path();
    settings.historyPath = site.filePath(QStringLiteral("history.jsonl"));
    settings.intervalMs = intervalMs;
    settings.environment.insert(QStringLiteral("FAKE_BENGAL_ALLOC_MB"), QStringLiteral("100"));
    settings.environment.insert(QStringLiteral("FAKE_BENGAL_CHILD_MB"), QStringLiteral("60"));
    settings.environment.insert(QStringLiteral("FAKE_BENGAL_HOLD_MS"), QStringLiteral("500"));
    settings.environment.insert(QStringLiteral("FAKE_BENGAL_REPORT_DIR"), report.path());
    CollectorSession session(settings);
    runSession(session);
    PeakResult result;
    if (!session.filings().isEmpty())
        result.peakMb = session.filings().first().record.peakRssMb;
    const QStringList names = QDir(report.path()).entryList({QStringLiteral("rss-*")});
    for (const QString& name : names) {
        QFile file(QDir(report.path()).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            result.truthMb += file.readAll().trimmed().toDouble() / 1024.0;
    }
    return result;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--burn") == 0)
        return burn(QByteArray(argv[2]).toLongLong());
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("pairs"), QStringLiteral("Interleaved pairs."),
                        QStringLiteral("N"), QStringLiteral("15")},
                       {QStringLiteral("burn-ms"), QStringLiteral("Length of one burn."),
                        QStringLiteral("MS"), QStringLiteral("1000")},
                       {QStringLiteral("interval-ms"), QStringLiteral("Sampling interval."),
                        QStringLiteral("MS"), QStringLiteral("50")}});
    parser.process(app);
    const int pairs = qMax(1, parser.value(QStringLiteral("pairs")).toInt());
    const int burnMs = qMax(50, parser.value(QStringLiteral("burn-ms")).toInt());
    const int intervalMs = qMax(1, parser.value(QStringLiteral("interval-ms")).toInt());

    QTemporaryDir dir;
    const qint64 iterations = calibrate(burnMs);
    std::printf("collector overhead: %d interleaved pairs, burn ~%d ms, sampling every %d ms, "
                "%d CPUs, load %s\n",
                pairs, burnMs, intervalMs, QThread::idealThreadCount(), loadAverage().constData());
    std::printf("%-6s %12s %12s %10s\n", "pair", "bare ms", "collected ms", "slowdown");
    QList<double> slowdowns;
    QList<double> costs;
    QList<double> shares;
    QList<double> bares;
    QList<double> collecteds;
    for (int pair = 0; pair < pairs; ++pair) {
        double bare = 0;
        double collected = 0;
        double cost = 0;
        double share = 0;
        if (pair % 2 == 0) { // alternate the order so drift does not favour one side
            bare = runBare(iterations);
            collected = runCollected(iterations, dir.path(), intervalMs, &cost, &share);
        } else {
            collected = runCollected(iterations, dir.path(), intervalMs, &cost, &share);
            bare = runBare(iterations);
        }
        shares.append(100.0 * share);
        bares.append(bare);
        collecteds.append(collected);
        const double slowdown = 100.0 * (collected / bare - 1.0);
        slowdowns.append(slowdown);
        costs.append(cost);
        std::printf("%-6d %12.1f %12.1f %9.2f%%\n", pair + 1, bare, collected, slowdown);
        std::fflush(stdout);
    }
    std::printf("\nmedian slowdown over pairs: %.2f%% (target <= 1%%); medians bare %.1f ms, "
                "collected %.1f ms\n",
                median(slowdowns), median(bares), median(collecteds));
    std::printf("collector CPU (whole process, per second of build): median %.3f%% of one core\n",
                median(shares));
    std::printf("CPU per sample (thread clock, incl. the first full /proc classification): "
                "median %.1f us\n",
                median(costs));
    std::printf("load average (1/5/15 min) at the end: %s\n", loadAverage().constData());

    std::printf("\n%-6s %12s %12s %10s\n", "run", "peak MiB", "truth MiB", "error");
    QList<double> errors;
    for (int run = 0; run < 3; ++run) {
        const PeakResult peak = measurePeak(intervalMs);
        const double error = 100.0 * (peak.peakMb - peak.truthMb) / qMax(1.0, peak.truthMb);
        errors.append(std::fabs(error));
        std::printf("%-6d %12.1f %12.1f %9.2f%%\n", run + 1, peak.peakMb, peak.truthMb, error);
    }
    std::printf("\nworst peak RSS error: %.2f%% (target <= 5%%; truth = 100 MiB + 60 MiB "
                "child + both baselines, self-reported VmRSS)\n",
                *std::max_element(errors.begin(), errors.end()));
    return 0;
}
