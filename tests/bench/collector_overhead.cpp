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
double runCollected(qint64 iterations, const QString& dir, int intervalMs, double* sampleCostUs)
{
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
    std::printf("collector overhead: %d interleaved pairs, burn ~%d ms, sampling every %d ms\n",
                pairs, burnMs, intervalMs);
    std::printf("%-6s %12s %12s %10s\n", "pair", "bare ms", "collected ms", "slowdown");
    QList<double> slowdowns;
    QList<double> costs;
    for (int pair = 0; pair < pairs; ++pair) {
        double bare = 0;
        double collected = 0;
        double cost = 0;
        if (pair % 2 == 0) { // alternate the order so drift does not favour one side
            bare = runBare(iterations);
            collected = runCollected(iterations, dir.path(), intervalMs, &cost);
        } else {
            collected = runCollected(iterations, dir.path(), intervalMs, &cost);
            bare = runBare(iterations);
        }
        const double slowdown = 100.0 * (collected / bare - 1.0);
        slowdowns.append(slowdown);
        costs.append(cost);
        std::printf("%-6d %12.1f %12.1f %9.2f%%\n", pair + 1, bare, collected, slowdown);
        std::fflush(stdout);
    }
    std::printf("\nmedian slowdown: %.2f%% (target <= 1%%)\n", median(slowdowns));
    std::printf("mean cost of one sample: %.1f us (%.3f%% of one core at %d ms)\n", median(costs),
                median(costs) / (intervalMs * 10.0), intervalMs);

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
