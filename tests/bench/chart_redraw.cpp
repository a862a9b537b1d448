// Issue 3 figure: a full redraw of the phase chart (reduce + replace + render into a 1600x900
// QImage) with 10k, 100k and 1M builds, at the whole history and at several zoom levels.
// Target: at most 16 ms per redraw at 1M builds, at any zoom.
// usage: chart_redraw [--max BUILDS] [--repeat N] [--synthetic] [--stacked] [--log] [--index]
//                     [--matrix]
//   --matrix: every mode (time/index x, linear/log/stacked) for both histories.
//   --save PREFIX: writes the whole-history view of every mode as PREFIX-builds-history-mode.png
//   --synthetic: five classic phases only (7 series) instead of the demo history, whose newer
//   layouts add the 14-phase ledger (up to 21 series).
#include "charts/TrendChart.h"
#include "demo/DemoHistory.h"
#include "history/HistoryReader.h"
#include "history/HistoryStore.h"
#include "parse/LineSplitter.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace bengal;

namespace {

struct Options
{
    qsizetype maxBuilds = 1'000'000;
    int repeat = 7;
    bool synthetic = false;
    bool stacked = false;
};

// One synthetic build in Bengal's oldest layout: five phases, build time, memory.
void syntheticLine(qsizetype i, std::string& out)
{
    const double wave = double((i * 7919) % 101);
    char buf[512];
    const long long seconds = 1735689600LL + i * 60;
    const int n = std::snprintf(
        buf, sizeof buf,
        "{\"timestamp\": \"%s\", \"build_time_ms\": %.3f, \"parallel\": true, \"incremental\": "
        "false, \"discovery_time_ms\": %.3f, \"taxonomy_time_ms\": %.3f, \"rendering_time_ms\": "
        "%.3f, \"assets_time_ms\": %.3f, \"postprocess_time_ms\": %.3f, \"memory_rss_mb\": %.3f, "
        "\"memory_heap_mb\": %.3f, \"memory_peak_mb\": %.3f}\n",
        qPrintable(formatTimestampBengal(TimestampUs(seconds) * 1'000'000)), 1800 + wave * 4,
        60 + wave * 0.2, 8 + double(i % 5), 1200 + wave * 3, 150 + double(i % 40),
        250 + double(i % 60), 40 + wave * 0.1, 15 + double(i % 9), 20 + wave * 0.05);
    out.append(buf, std::size_t(n));
}

// Fills the store in chunks, the way the loader does, without a file.
double load(HistoryStore& store, qsizetype builds, bool synthetic)
{
    QElapsedTimer timer;
    timer.start();
    DemoOptions demo;
    demo.builds = builds;
    demo.seed = 42;
    DemoHistoryGenerator generator(demo);
    HistoryReader reader;
    std::string chunk;
    constexpr qsizetype kChunk = 20'000;
    for (qsizetype done = 0; done < builds; done += kChunk) {
        chunk.clear();
        for (qsizetype i = done; i < std::min(builds, done + kChunk); ++i) {
            if (synthetic)
                syntheticLine(i, chunk);
            else
                generator.appendNextLine(chunk);
        }
        chunk.append(LineSplitter::kPadding, '\0');
        reader.feed(chunk.data(), chunk.size() - LineSplitter::kPadding);
        store.append(reader.takeBatch());
    }
    reader.finish();
    store.append(reader.takeBatch());
    store.squeeze();
    return double(timer.nsecsElapsed()) / 1e9;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// One chart mode of the matrix.
struct Mode
{
    const char* name;
    bool stacked;
    bool logY;
    ChartXMode xMode;
};

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

// Times every view of one mode; returns the worst median total.
double runViews(TrendChart& chart, qsizetype builds, const char* history, const char* mode,
                int repeat, QImage& image, const QString& savePrefix)
{
    ChartColumns& columns = chart.columns();
    struct View
    {
        const char* name;
        qsizetype builds; // 0 = everything
    };
    const View views[] = {{"all", 0},
                          {"1/10 of history", builds / 10},
                          {"1/100", builds / 100},
                          {"2000 builds", 2000},
                          {"100 builds", 100}};
    int series = 0;
    for (const SeriesSpec& s : chart.series())
        series += chart.isSeriesVisible(s.metric) ? 1 : 0;
    double worst = 0;
    for (const View& view : views) {
        // The first redraw after a mode switch fills caches (stack blocks, gathered columns):
        // it is reported on its own, not in the medians.
        chart.resetZoom();
        QElapsedTimer warm;
        warm.start();
        chart.redrawNow();
        const double first = double(warm.nsecsElapsed()) / 1e6;
        const auto full = chart.fullRange();
        std::vector<double> redraw, render, total;
        qsizetype visible = builds;
        for (int r = 0; r < repeat; ++r) {
            // Each timed step is exactly one redraw at a new range: zoomed views pan a little
            // on every repeat; the whole-history view alternates between everything and
            // 99.9 % of it.
            QElapsedTimer t;
            if (view.builds > 0) {
                const qsizetype firstBuild =
                    builds / 3 + qsizetype(r) * std::max<qsizetype>(1, view.builds / 50);
                const double from = columns.xAt(firstBuild);
                const double to = columns.xAt(std::min(builds - 1, firstBuild + view.builds - 1));
                visible = view.builds;
                t.start();
                chart.setVisibleRange(from, to);
            } else if (r % 2 == 0) {
                t.start();
                chart.setVisibleRange(full.first, full.second - (full.second - full.first) * 1e-3);
            } else {
                t.start();
                chart.resetZoom();
            }
            const qint64 afterRedraw = t.nsecsElapsed();
            {
                QPainter painter(&image);
                chart.chartView()->render(&painter);
            }
            const qint64 afterRender = t.nsecsElapsed();
            redraw.push_back(double(afterRedraw) / 1e6);
            render.push_back(double(afterRender - afterRedraw) / 1e6);
            total.push_back(double(afterRender) / 1e6);
        }
        const double best = *std::min_element(total.begin(), total.end());
        std::printf("%8lld %-7s %-13s %-16s %8lld %4d %6d %7.2f %7.2f %7.2f %7.2f %7.2f %7.1f\n",
                    (long long)builds, history, mode, view.name, (long long)visible, series,
                    chart.drawnPointCount(), median(redraw), median(render), median(total), best,
                    *std::max_element(total.begin(), total.end()), first);
        std::fflush(stdout);
        worst = std::max(worst, median(total));
        if (!savePrefix.isEmpty() && view.builds == 0) {
            // The whole-history view, for looking at what the reduction draws.
            image.save(
                QStringLiteral("%1-%2-%3-%4.png")
                    .arg(savePrefix)
                    .arg(builds)
                    .arg(QLatin1String(history), QString::fromLatin1(mode).replace(' ', '-')));
        }
    }
    return worst;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options options;
    bool matrix = false, logY = false, index = false;
    QString savePrefix; // --save PREFIX: PNGs of the whole-history view of every mode
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--max") && i + 1 < args.size())
            options.maxBuilds = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--repeat") && i + 1 < args.size())
            options.repeat = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--synthetic"))
            options.synthetic = true;
        else if (args[i] == QLatin1String("--stacked"))
            options.stacked = true;
        else if (args[i] == QLatin1String("--log"))
            logY = true;
        else if (args[i] == QLatin1String("--index"))
            index = true;
        else if (args[i] == QLatin1String("--matrix"))
            matrix = true;
        else if (args[i] == QLatin1String("--save") && i + 1 < args.size())
            savePrefix = args[++i];
    }
    const Mode single{"as asked", options.stacked, logY,
                      index ? ChartXMode::BuildIndex : ChartXMode::Time};
    // stacked always draws on a linear axis, so stacked + log is the same as stacked.
    const std::vector<Mode> modes =
        matrix ? std::vector<Mode>{{"time", false, false, ChartXMode::Time},
                                   {"time log", false, true, ChartXMode::Time},
                                   {"time stacked", true, false, ChartXMode::Time},
                                   {"index", false, false, ChartXMode::BuildIndex},
                                   {"index log", false, true, ChartXMode::BuildIndex},
                                   {"index stacked", true, false, ChartXMode::BuildIndex}}
               : std::vector<Mode>{single};
    const std::vector<bool> histories =
        matrix ? std::vector<bool>{true, false} : std::vector<bool>{options.synthetic};
    std::printf("chart_redraw: phase chart 1600x900, median band on, median (best, max) of %d "
                "redraws, in ms; load average %s\n",
                options.repeat, qPrintable(loadAverage()));
    std::printf("history: 7ser = synthetic 5-phase, 21ser = demo (all layouts, ledger phases); "
                "first = first redraw after a mode switch\n");
    std::printf("%8s %-7s %-13s %-16s %8s %4s %6s %7s %7s %7s %7s %7s %7s\n", "builds", "history",
                "mode", "view", "visible", "ser", "points", "redraw", "render", "total", "best",
                "max", "first");

    std::vector<std::pair<std::string, double>> worst;
    for (const qsizetype builds : {qsizetype(10'000), qsizetype(100'000), qsizetype(1'000'000)}) {
        if (builds > options.maxBuilds)
            break;
        for (const bool synthetic : histories) {
            const char* history = synthetic ? "7ser" : "21ser";
            HistoryStore store;
            const double loadSeconds = load(store, builds, synthetic);
            TrendChart chart(TrendKind::Phases);
            chart.resize(1600, 900);
            chart.setStore(&store);
            chart.show();
            QCoreApplication::sendPostedEvents();
            chart.redrawNow();
            QCoreApplication::sendPostedEvents();
            QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
            for (const Mode& mode : modes) {
                chart.setStacked(mode.stacked);
                chart.setLogY(mode.logY);
                chart.setXMode(mode.xMode);
                QCoreApplication::sendPostedEvents();
                const double w =
                    runViews(chart, builds, history, mode.name, options.repeat, image, savePrefix);
                worst.emplace_back(std::to_string(builds) + " " + history + " " + mode.name, w);
            }
            std::printf("%8lld %-7s (loaded in %.1f s, %d metrics; load average %s)\n",
                        (long long)builds, history, loadSeconds, store.metricCount(),
                        qPrintable(loadAverage()));
        }
    }
    std::printf("worst median total per mode (ms); load average %s:\n", qPrintable(loadAverage()));
    for (const auto& [name, w] : worst)
        std::printf("  %-30s %6.2f%s\n", name.c_str(), w, w > 16 ? "  > 16 ms" : "");
    return 0;
}
