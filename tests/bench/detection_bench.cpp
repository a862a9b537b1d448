// Issue 6 figures, printed as one table:
//  1. detection rate: histories of 400 builds (5% noise, mixed full/incremental, no drift or
//     growth) with one step of 10-30% in a random phase at a random build; found when a step on
//     build_time_ms starts within +-5 builds of the truth and names that phase (and, separately,
//     when the phase's own column has a step there);
//  2. false alarms per 1000 builds on the same histories without steps (every finding counts);
//  3. `check` on 1M builds: load time, input building, judgeLatest in this process, and the
//     whole `bengal-perf check` process (wall time, best and median of --runs, default 3).
// usage: detection_bench [--histories N] [--builds N] [--big N] [--workdir DIR]
//                        [--check-file FILE] [--check-only] [--runs N]
// --check-file judges an existing history (e.g. from `bengal-perf demo --builds 1000000`)
// instead of writing one; --check-only skips 1 and 2.
#include "demo/DemoHistory.h"
#include "history/HistoryLoader.h"
#include "history/HistoryStore.h"
#include "report/RegressionReport.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace bengal;

namespace {

// Flat phase fields every layout of the demo writes; a step on one moves build_time_ms too.
const char* const kPhases[] = {"discovery_time_ms", "taxonomy_time_ms", "rendering_time_ms",
                               "assets_time_ms", "postprocess_time_ms"};

DemoOptions stepFree(quint64 seed, qsizetype builds)
{
    DemoOptions options;
    options.builds = builds;
    options.seed = seed;
    options.noise = 0.05;
    options.defaultSteps = false;
    options.driftPerBuild = 0;
    options.pageGrowth = 0;
    return options;
}

bool load(const QString& path, const DemoOptions& options, HistoryStore& store)
{
    QString error;
    if (!writeDemoHistory(path, options, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    const ReadOutcome outcome = loadHistoryInto(path, store);
    if (outcome.status != ReadOutcome::Status::Ok) {
        std::fprintf(stderr, "%s\n", qPrintable(outcome.error));
        return false;
    }
    return true;
}

std::vector<Finding> detect(const HistoryStore& store)
{
    RegressionInput input;
    QString unknown;
    if (!buildRegressionInput(store, {}, &input, &unknown))
        return {};
    return detectRegressions(input.input, DetectionParams{});
}

struct PhaseTally
{
    int cases = 0;
    int totalFound = 0;  // build_time_ms step within +-5 with the right phase
    int totalNearby = 0; // build_time_ms step within +-5, any phase
    int phaseFound = 0;  // step on the phase column itself within +-5
    int consistent = 0;  // phaseFound, and no build_time_ms step there blames another phase
};

int argValue(const QStringList& args, const QString& name, int fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args[at + 1].toInt() : fallback;
}

// Wall time of whole `bengal-perf check PATH` processes, start to exit (what a CI job waits
// for), in ms, sorted; empty when a run fails.
std::vector<double> checkProcessMs(const QString& path, int runs)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QProcess process;
        process.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer clock;
        clock.start();
        process.start(QStringLiteral(BENGAL_PERF_EXE), {QStringLiteral("check"), path});
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() > 1) {
            std::fprintf(stderr, "bengal-perf check failed: %s\n",
                         process.readAllStandardError().constData());
            return {};
        }
        times.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool checkOnly = args.contains(QStringLiteral("--check-only"));
    const int histories = checkOnly ? 0 : argValue(args, QStringLiteral("--histories"), 200);
    const int builds = argValue(args, QStringLiteral("--builds"), 400);
    int big = argValue(args, QStringLiteral("--big"), 1000000);
    const int runs = std::max(1, argValue(args, QStringLiteral("--runs"), 3));
    const qsizetype fileAt = args.indexOf(QStringLiteral("--check-file"));
    const QString checkFile =
        fileAt >= 0 && fileAt + 1 < args.size() ? args[fileAt + 1] : QString();
    QTemporaryDir tmp;
    const qsizetype dirAt = args.indexOf(QStringLiteral("--workdir"));
    const QDir work(dirAt >= 0 && dirAt + 1 < args.size() ? args[dirAt + 1] : tmp.path());
    const QString path = work.filePath(QStringLiteral("detection-bench.jsonl"));

    // 1. Detection rate.
    QRandomGenerator rng(20261127);
    std::vector<PhaseTally> tally(std::size(kPhases));
    int found = 0, phaseFound = 0, nearby = 0, consistent = 0;
    QElapsedTimer detectTime;
    qint64 detectNs = 0;
    for (int h = 0; h < histories; ++h) {
        DemoOptions options = stepFree(1000 + quint64(h), builds);
        const int phase = int(rng.bounded(int(std::size(kPhases))));
        const qsizetype start = 50 + qsizetype(rng.bounded(builds - 100));
        const double factor = 1.10 + 0.20 * rng.generateDouble();
        options.steps.push_back({start, QLatin1String(kPhases[phase]), factor});
        HistoryStore store;
        if (!load(path, options, store))
            return 1;
        detectTime.start();
        const std::vector<Finding> findings = detect(store);
        detectNs += detectTime.nsecsElapsed();
        bool total = false, totalAny = false, own = false;
        for (const Finding& f : findings) {
            if (f.kind != Finding::Kind::Step || std::abs(f.index - start) > 5)
                continue;
            if (f.metric == QLatin1String("build_time_ms")) {
                totalAny = true;
                total = total || f.phase == QLatin1String(kPhases[phase]);
            }
            own = own || f.metric == QLatin1String(kPhases[phase]);
        }
        PhaseTally& t = tally[std::size_t(phase)];
        ++t.cases;
        t.totalFound += total;
        t.totalNearby += totalAny;
        t.phaseFound += own;
        t.consistent += own && (!totalAny || total);
        consistent += own && (!totalAny || total);
        found += total;
        nearby += totalAny;
        phaseFound += own;
    }

    // 2. False alarms on step-free histories.
    qint64 falseSteps = 0, falseAlerts = 0, falseTrends = 0, judged = 0;
    for (int h = 0; h < histories; ++h) {
        HistoryStore store;
        if (!load(path, stepFree(5000 + quint64(h), builds), store))
            return 1;
        judged += store.size();
        for (const Finding& f : detect(store)) {
            falseSteps += f.kind == Finding::Kind::Step;
            falseAlerts += f.kind == Finding::Kind::Alert;
            falseTrends += f.kind == Finding::Kind::Trend;
        }
    }
    const double per1000 = 1000.0 / double(std::max<qint64>(judged, 1));

    // 3. `check` on a big history.
    HistoryStore bigStore;
    const QString bigPath = checkFile.isEmpty() ? path : checkFile;
    if (checkFile.isEmpty()) {
        DemoOptions bigOptions = stepFree(77, big);
        bigOptions.schemaKeys = 21; // the smallest layout keeps the file at a few hundred MB
        QString error;
        if (!writeDemoHistory(path, bigOptions, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    QElapsedTimer clock;
    clock.start();
    if (loadHistoryInto(bigPath, bigStore).status != ReadOutcome::Status::Ok)
        return 1;
    const qint64 loadMs = clock.elapsed();
    clock.restart();
    RegressionInput input;
    QString unknown;
    buildLatestInput(bigStore, {}, &input, &unknown); // what `check` builds
    const double inputMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    {
        RegressionInput full; // what `regressions` builds: copies of the columns with zeros
        buildRegressionInput(bigStore, {}, &full, &unknown);
    }
    const double fullInputMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    const std::vector<Verdict> verdicts = judgeLatest(input.input, 5.0, 20);
    const double judgeMs = double(clock.nsecsElapsed()) / 1e6;
    const qsizetype bigBuilds = bigStore.size();
    bigStore = HistoryStore(); // the processes below get the memory
    input = RegressionInput();
    const std::vector<double> process = checkProcessMs(bigPath, runs);
    if (checkFile.isEmpty())
        QFile::remove(path);
    if (process.empty())
        return 1;
    big = int(bigBuilds);

    if (histories > 0) {
        std::printf(
            "detection_bench: %d histories x %d builds, 5%% noise, mixed full/incremental\n\n",
            histories, builds);
        std::printf(
            "| phase with the step | cases | build_time_ms step +-5, right phase | any phase "
            "| step on the phase itself +-5 | that, and no other phase blamed |\n"
            "|---|---:|---:|---:|---:|---:|\n");
        for (std::size_t p = 0; p < tally.size(); ++p) {
            const PhaseTally& t = tally[p];
            const double n = std::max(t.cases, 1);
            std::printf("| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", kPhases[p], t.cases,
                        100.0 * t.totalFound / n, 100.0 * t.totalNearby / n,
                        100.0 * t.phaseFound / n, 100.0 * t.consistent / n);
        }
        std::printf("| **all** | %d | **%.1f%%** | %.1f%% | %.1f%% | **%.1f%%** |\n\n", histories,
                    100.0 * found / histories, 100.0 * nearby / histories,
                    100.0 * phaseFound / histories, 100.0 * consistent / histories);
    }
    std::printf("| figure | value | target |\n|---|---:|---:|\n");
    if (histories > 0) {
        // The figure: the step found at its start and attributed to the right phase,
        // i.e. found on that phase's own column. On build_time_ms a 10% step of a phase worth
        // 5% of the build is a 0.5% step under 5% noise: shown for information, not a target.
        std::printf(
            "| detection: step on the phase +-5 builds, no other phase blamed | %.1f%% | >= "
            "95%% |\n",
            100.0 * consistent / histories);
        std::printf("| (information) the same step seen on build_time_ms +-5 builds, right "
                    "phase named | %.1f%% | - |\n",
                    100.0 * found / histories);
        std::printf("| false alarms per 1000 builds (all kinds; steps/alerts/trends) | %.2f "
                    "(%.2f/%.2f/%.2f) | <= 1 |\n",
                    double(falseSteps + falseAlerts + falseTrends) * per1000,
                    double(falseSteps) * per1000, double(falseAlerts) * per1000,
                    double(falseTrends) * per1000);
        std::printf("| detectRegressions per %d-build history (mean) | %.1f ms | |\n", builds,
                    double(detectNs) / 1e6 / histories);
    }
    std::printf("| check on %d builds: load | %lld ms | |\n", big, static_cast<long long>(loadMs));
    std::printf("| check on %d builds: build input (copy-free, buildLatestInput) | %.1f ms | |\n",
                big, inputMs);
    std::printf("| ... the same with the copies `regressions` needs (buildRegressionInput) | %.1f "
                "ms | |\n",
                fullInputMs);
    std::printf("| check on %d builds: judgeLatest (%zu metrics) | %.2f ms | < 1 s |\n", big,
                verdicts.size(), judgeMs);
    std::printf("| check on %d builds: total in process | %.0f ms | |\n", big,
                double(loadMs) + inputMs + judgeMs);
    std::printf("| check on %d builds: whole `bengal-perf check` process, best of %d | %.0f ms "
                "| < 1 s |\n",
                big, runs, process.front());
    std::printf("| check on %d builds: whole `bengal-perf check` process, median of %d | %.0f ms "
                "| < 1 s |\n",
                big, runs, process[process.size() / 2]);
    return 0;
}
