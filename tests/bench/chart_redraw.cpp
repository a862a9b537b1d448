// Issue 3 figure: a full redraw of the phase chart (reduce + replace + render into a 1600x900
// QImage) with 10k, 100k and 1M builds, at the whole history and at several zoom levels.
// Target: at most 16 ms per redraw at 1M builds, at any zoom.
// usage: chart_redraw [--max BUILDS] [--repeat N] [--synthetic] [--stacked]
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

struct Sample
{
    double redraw = 0; // reduce + replace (and axes, legend, overlay)
    double render = 0; // paint into the QImage
    double total() const { return redraw + render; }
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options options;
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
    }
    std::printf("chart_redraw: phase chart 1600x900%s, %s history, median (max) of %d redraws\n",
                options.stacked ? " stacked" : "",
                options.synthetic ? "synthetic 5-phase" : "demo (all layouts)", options.repeat);
    std::printf("%9s %-16s %10s %7s %8s %9s %9s %9s %9s\n", "builds", "view", "visible", "series",
                "points", "redraw", "render", "total", "max");

    for (const qsizetype builds : {qsizetype(10'000), qsizetype(100'000), qsizetype(1'000'000)}) {
        if (builds > options.maxBuilds)
            break;
        HistoryStore store;
        const double loadSeconds = load(store, builds, options.synthetic);
        TrendChart chart(TrendKind::Phases);
        chart.resize(1600, 900);
        chart.setStore(&store);
        chart.setStacked(options.stacked);
        chart.show();
        QCoreApplication::sendPostedEvents();
        chart.redrawNow();
        QCoreApplication::sendPostedEvents();
        ChartColumns& columns = chart.columns();
        const auto full = chart.fullRange();
        QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);

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
        for (const View& view : views) {
            std::vector<double> redraw, render, total;
            qsizetype visible = builds;
            for (int r = 0; r < options.repeat; ++r) {
                // Each timed step is exactly one redraw at a new range: zoomed views pan a little
                // on every repeat; the whole-history view alternates between everything and
                // 99.9 % of it.
                QElapsedTimer t;
                if (view.builds > 0) {
                    const qsizetype first =
                        builds / 3 + qsizetype(r) * std::max<qsizetype>(1, view.builds / 50);
                    const double from = columns.xAt(first);
                    const double to = columns.xAt(std::min(builds - 1, first + view.builds - 1));
                    visible = view.builds;
                    t.start();
                    chart.setVisibleRange(from, to);
                } else if (r % 2 == 0) {
                    t.start();
                    chart.setVisibleRange(full.first,
                                          full.second - (full.second - full.first) * 1e-3);
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
            std::printf("%9lld %-16s %10lld %7d %8d %9.2f %9.2f %9.2f %9.2f\n", (long long)builds,
                        view.name, (long long)visible, series, chart.drawnPointCount(),
                        median(redraw), median(render), median(total),
                        *std::max_element(total.begin(), total.end()));
        }
        std::printf("%9lld (loaded in %.1f s, %d metrics)\n", (long long)builds, loadSeconds,
                    store.metricCount());
    }
    return 0;
}
