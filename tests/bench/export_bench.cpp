// Export at scale: the dashboard of a synthetic 1M-build history to SVG (targets: <= 2 s and
// < 5 MB, thanks to the same pixel-column reduction as on screen), PNG and PDF; the builds to
// CSV and JSON; the report's analysis; and the whole `bengal-perf export` command, loading
// included. Run a Release build:
//   export_bench [BUILDS=1000000] [OUTPUT_DIR=a temporary folder]
#include "demo/DemoHistory.h"
#include "export/ChartExporter.h"
#include "export/DataExport.h"
#include "export/ReportContent.h"
#include "history/HistoryLoader.h"
#include "history/HistoryStore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

using namespace bengal;

namespace {

constexpr double kSvgSecondsTarget = 2.0;
constexpr qint64 kSvgBytesTarget = 5 * 1000 * 1000;

struct Measured
{
    double seconds = 0;
    qint64 bytes = 0;
    bool ok = false;
};

Measured timeChart(const ChartScene& scene, ImageFormat format, const QString& path,
                   qreal ratio = 1.0)
{
    ChartExportOptions options{ChartTarget::Dashboard, format, QSize(1600, 1000), ratio};
    QElapsedTimer timer;
    timer.start();
    QString error;
    Measured m;
    m.ok = exportChart(scene, options, path, &error);
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    m.bytes = QFileInfo(path).size();
    if (!m.ok)
        std::fprintf(stderr, "%s\n", qPrintable(error));
    return m;
}

Measured timeData(const HistoryStore& store, DataFormat format, const QString& path)
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    Measured m;
    m.ok = exportData(store, allRows(store), format, path, &error);
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    m.bytes = QFileInfo(path).size();
    return m;
}

void print(const char* what, const Measured& m)
{
    std::printf("%-28s %8.3f s %10.2f MB%s\n", what, m.seconds, double(m.bytes) / 1e6,
                m.ok ? "" : "  FAILED");
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype builds = args.size() > 1 ? args[1].toLongLong() : 1'000'000;
    QTemporaryDir temporary;
    const QDir out(args.size() > 2 ? args[2] : temporary.path());

    const QString history = out.filePath(QStringLiteral("bench-history.jsonl"));
    QElapsedTimer timer;
    timer.start();
    DemoOptions options;
    options.builds = builds;
    QString error;
    if (!writeDemoHistory(history, options, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("generated %lld builds (%.1f MB) in %.2f s\n", static_cast<long long>(builds),
                double(QFileInfo(history).size()) / 1e6, double(timer.elapsed()) / 1000);
    timer.restart();
    HistoryStore store;
    if (loadHistoryInto(history, store).status != ReadOutcome::Status::Ok)
        return 1;
    std::printf("loaded in %.2f s\n\n", double(timer.elapsed()) / 1000);

    ChartScene scene;
    scene.store = &store;
    scene.sourcePath = history;
    scene.font = QApplication::font();
    const Measured svg =
        timeChart(scene, ImageFormat::Svg, out.filePath(QStringLiteral("dashboard.svg")));
    print("dashboard SVG 1600x1000", svg);
    print("dashboard PNG 1600x1000",
          timeChart(scene, ImageFormat::Png, out.filePath(QStringLiteral("dashboard.png"))));
    print("dashboard PNG 1600x1000 @2x",
          timeChart(scene, ImageFormat::Png, out.filePath(QStringLiteral("dashboard2.png")), 2.0));
    print("dashboard PDF 1600x1000",
          timeChart(scene, ImageFormat::Pdf, out.filePath(QStringLiteral("dashboard.pdf"))));
    print("all builds CSV",
          timeData(store, DataFormat::Csv, out.filePath(QStringLiteral("builds.csv"))));
    print("all builds JSON",
          timeData(store, DataFormat::Json, out.filePath(QStringLiteral("builds.json"))));
    timer.restart();
    const ReportDocument report = buildReport(store, history, BuildRange::latest(store, 0));
    std::printf("%-28s %8.3f s  (%zu sections)\n", "report analysis (all builds)",
                double(timer.nsecsElapsed()) / 1e9, report.sections.size());

    // The command a user runs, start to finish: the process, loading the history, the render
    // and the write (the figures above start from a loaded history).
    const QString cliSvg = out.filePath(QStringLiteral("dashboard-cli.svg"));
    QProcess cli;
    timer.restart();
    cli.start(QStringLiteral(BENGAL_PERF_EXE),
              {QStringLiteral("export"), QStringLiteral("--chart"), QStringLiteral("dashboard"),
               QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--out"), cliSvg,
               history});
    const bool cliOk = cli.waitForFinished(600000) && cli.exitStatus() == QProcess::NormalExit &&
                       cli.exitCode() == 0;
    Measured whole{double(timer.nsecsElapsed()) / 1e9, QFileInfo(cliSvg).size(), cliOk};
    print("bengal-perf export (whole)", whole);
    if (!cliOk)
        std::fprintf(stderr, "%s\n", cli.readAllStandardError().constData());

    const bool met = svg.ok && svg.seconds <= kSvgSecondsTarget && svg.bytes < kSvgBytesTarget;
    std::printf("\nSVG target (<= %.0f s, < %lld MB): %s\n", kSvgSecondsTarget,
                static_cast<long long>(kSvgBytesTarget / 1000000), met ? "met" : "MISSED");
    return met ? 0 : 1;
}
