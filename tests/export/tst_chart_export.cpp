// Chart and dashboard export: PNG size and content, SVG that Qt and librsvg read, PDF that
// poppler renders, themes, the visible range, failures, the dialog and the clipboard.
#include "ExportTestSupport.h"
#include "HistoryTestUtils.h"
#include "ImageChecks.h"
#include "AppPalette.h"
#include "charts/TrendChart.h"
#include "export/AtomicFileWriter.h"
#include "export/ChartExporter.h"
#include "export/ChartRenderer.h"
#include "export/ExportDialog.h"
#include "demo/DemoHistory.h"
#include "history/HistoryLoader.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHash>
#include <QLineEdit>
#include <QPainter>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;
using namespace bengal::test;

namespace {

ChartScene showcaseScene(const HistoryStore& store)
{
    ChartScene scene;
    scene.store = &store;
    scene.sourcePath = QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl");
    scene.font = QApplication::font();
    return scene;
}

QString targetName(ChartTarget target)
{
    switch (target) {
    case ChartTarget::Phases:
        return QStringLiteral("phases");
    case ChartTarget::Memory:
        return QStringLiteral("memory");
    case ChartTarget::Total:
        return QStringLiteral("total");
    case ChartTarget::Dashboard:
        break;
    }
    return QStringLiteral("dashboard");
}

const ChartTarget kTargets[] = {ChartTarget::Phases, ChartTarget::Memory, ChartTarget::Total,
                                ChartTarget::Dashboard};

} // namespace

class TestChartExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pngHasTheSizeAndContent_data();
    void pngHasTheSizeAndContent();
    void svgIsValid_data();
    void svgIsValid();
    void pdfRenders_data();
    void pdfRenders();
    void themes();
    void visibleRangeOnly();
    void failuresNameThePath();
    void dialogExports();
    void clipboardGetsTheChart();
    void historyTextInSvgStaysText();
    void totalIsBuildTimeAlone();
    void svgBandMatchesThePng();
    void longLegendFits();
    void dialogInBothPalettes();

private:
    HistoryStore m_store;
    QTemporaryDir m_dir;
};

void TestChartExport::initTestCase()
{
    QVERIFY(loadHistoryInto(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"), m_store)
                .status == ReadOutcome::Status::Ok);
}

void TestChartExport::pngHasTheSizeAndContent_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<qreal>("ratio");
    for (const ChartTarget t : kTargets) {
        QTest::addRow("%s 1600x1000", qPrintable(targetName(t)))
            << int(t) << QSize(1600, 1000) << 1.0;
        QTest::addRow("%s 700x450@2", qPrintable(targetName(t)))
            << int(t) << QSize(700, 450) << 2.0;
    }
}

void TestChartExport::pngHasTheSizeAndContent()
{
    QFETCH(int, target);
    QFETCH(QSize, size);
    QFETCH(qreal, ratio);
    ChartExportOptions options{ChartTarget(target), ImageFormat::Png, size, ratio};
    const QString path = m_dir.filePath(targetName(ChartTarget(target)) + QStringLiteral(".png"));
    QString error;
    QVERIFY2(exportChart(showcaseScene(m_store), options, path, &error), qPrintable(error));
    const QImage image(path);
    QCOMPARE(image.size(), (QSizeF(size) * ratio).toSize());
    // Axes, labels, legend and the series: a good share of the picture is not background.
    const qsizetype sampled = qsizetype(image.width() / 2) * (image.height() / 2);
    const qsizetype drawn = drawnPixels(image);
    QVERIFY2(drawn > sampled / 50, qPrintable(QStringLiteral("%1 of %2").arg(drawn).arg(sampled)));
    QVERIFY(drawn < sampled * 9 / 10);
}

void TestChartExport::svgIsValid_data()
{
    QTest::addColumn<int>("target");
    for (const ChartTarget t : kTargets)
        QTest::newRow(qPrintable(targetName(t))) << int(t);
}

void TestChartExport::svgIsValid()
{
    QFETCH(int, target);
    const QSize size(1200, 800);
    ChartExportOptions options{ChartTarget(target), ImageFormat::Svg, size, 1.0};
    const QString path = m_dir.filePath(targetName(ChartTarget(target)) + QStringLiteral(".svg"));
    QString error;
    QVERIFY2(exportChart(showcaseScene(m_store), options, path, &error), qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox().size(), size);

    const QString png = path + QStringLiteral(".png");
    const ToolResult rsvg =
        runTool(QStringLiteral("rsvg-convert"), {QStringLiteral("-o"), png, path});
    if (!rsvg.found && imageToolsRequired())
        QFAIL("rsvg-convert is not installed (Debian: librsvg2-bin)");
    if (!rsvg.found)
        QSKIP("rsvg-convert is not installed (Debian: librsvg2-bin)");
    QVERIFY2(rsvg.exitCode == 0, rsvg.output.constData());
    const QImage rendered(png);
    QCOMPARE(rendered.size(), size);
    QVERIFY(drawnPixels(rendered) > 1000);
}

void TestChartExport::pdfRenders_data()
{
    svgIsValid_data();
}

void TestChartExport::pdfRenders()
{
    QFETCH(int, target);
    ChartExportOptions options{ChartTarget(target), ImageFormat::Pdf, QSize(1600, 1000), 1.0};
    const QString path = m_dir.filePath(targetName(ChartTarget(target)) + QStringLiteral(".pdf"));
    QString error;
    QVERIFY2(exportChart(showcaseScene(m_store), options, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");

    const QString prefix =
        m_dir.filePath(QStringLiteral("page-") + targetName(ChartTarget(target)));
    const ToolResult poppler =
        runTool(QStringLiteral("pdftoppm"),
                {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("72"),
                 QStringLiteral("-singlefile"), path, prefix});
    if (!poppler.found && imageToolsRequired())
        QFAIL("pdftoppm is not installed (Debian: poppler-utils)");
    if (!poppler.found)
        QSKIP("pdftoppm is not installed (Debian: poppler-utils)");
    QVERIFY2(poppler.exitCode == 0, poppler.output.constData());
    const QImage page(prefix + QStringLiteral(".png"));
    // One page of the chart's size: 1600x1000 px at 96 dpi is 1200x750 pt, 1200x750 px at 72.
    QCOMPARE(page.size(), QSize(1200, 750));
    QVERIFY(drawnPixels(page) > 1000);
}

void TestChartExport::themes()
{
    ChartScene scene = showcaseScene(m_store);
    scene.theme = ExportTheme::Light;
    const QImage light = renderChartImage(scene, ChartTarget::Dashboard, QSize(800, 600));
    QCOMPARE(light.pixelColor(1, 1), QColor(Qt::white));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    scene.theme = ExportTheme::Current;
    scene.currentPalette = dark;
    const QImage current = renderChartImage(scene, ChartTarget::Dashboard, QSize(800, 600));
    QCOMPARE(current.pixelColor(1, 1), QColor(0x2b, 0x2d, 0x31));
    QVERIFY(drawnPixels(current) > 1000);
}

void TestChartExport::visibleRangeOnly()
{
    TrendChart phases(TrendKind::Phases);
    TrendChart memory(TrendKind::Memory);
    phases.resize(1000, 500);
    phases.setStore(&m_store);
    memory.setStore(&m_store);
    const double from = double(m_store.timestampUs(10)) / 1000.0;
    const double to = double(m_store.timestampUs(19)) / 1000.0;
    phases.setVisibleRange(from, to);
    QVERIFY(phases.isZoomed());

    const ChartScene visible = sceneFromCharts(phases, &memory, true, QString());
    QVERIFY(visible.visibleRange.has_value());
    const std::vector<std::uint32_t> rows = sceneRows(visible);
    QCOMPARE(rows.size(), std::size_t(10));
    QCOMPARE(rows.front(), 10u);
    const ChartScene all = sceneFromCharts(phases, &memory, false, QString());
    QCOMPARE(sceneRows(all).size(), std::size_t(m_store.size()));
    // The zoomed export differs from the full one; the window's chart keeps its range.
    const QImage zoomed = renderChartImage(visible, ChartTarget::Phases, QSize(800, 400));
    const QImage full = renderChartImage(all, ChartTarget::Phases, QSize(800, 400));
    QVERIFY(zoomed != full);
    QCOMPARE(phases.visibleRange(), qMakePair(from, to));
}

void TestChartExport::failuresNameThePath()
{
    QString error;
    ChartExportOptions options{ChartTarget::Dashboard, ImageFormat::Svg, QSize(800, 600), 1.0};
    QVERIFY(
        !exportChart(showcaseScene(m_store), options, QStringLiteral("/dev/null/a.svg"), &error));
    QVERIFY2(error.contains(QStringLiteral("/dev/null/a.svg")), qPrintable(error));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("full.png"));
    options.format = ImageFormat::Png;
    {
        FileSizeLimit limit(4096);
        QVERIFY(limit.ok());
        QVERIFY(!exportChart(showcaseScene(m_store), options, path, &error));
    }
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("File too large")),
             qPrintable(error));
    QVERIFY(folderEntries(dir.path()).isEmpty());

    options.size = QSize(100000, 10);
    QVERIFY(!exportChart(showcaseScene(m_store), options, path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("size")), qPrintable(error));
    QVERIFY(folderEntries(dir.path()).isEmpty());
}

void TestChartExport::dialogExports()
{
    TrendChart phases(TrendKind::Phases);
    TrendChart memory(TrendKind::Memory);
    phases.setStore(&m_store);
    memory.setStore(&m_store);
    ExportDialog dialog(&phases, &memory, QStringLiteral("showcase-history.jsonl"));
    auto* what = dialog.findChild<QComboBox*>(QStringLiteral("what"));
    auto* format = dialog.findChild<QComboBox*>(QStringLiteral("format"));
    auto* path = dialog.findChild<QLineEdit*>(QStringLiteral("path"));
    auto* width = dialog.findChild<QSpinBox*>(QStringLiteral("width"));
    auto* height = dialog.findChild<QSpinBox*>(QStringLiteral("height"));
    auto* ratio = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("pixelRatio"));
    QVERIFY(what && format && path && width && height && ratio);
    // A picture of the dialog, for looking at (not compared).
    dialog.grab().save(qEnvironmentVariable("BENGAL_TEST_BIN_DIR", QDir::tempPath()) +
                       QStringLiteral("/export-dialog.png"));

    path->setText(m_dir.filePath(QStringLiteral("dialog.png")));
    width->setValue(900);
    height->setValue(500);
    ratio->setValue(2.0);
    QCOMPARE(dialog.exportNow(), QString());
    QCOMPARE(QImage(dialog.exportedPath()).size(), QSize(1800, 1000));

    format->setCurrentIndex(format->findData(QStringLiteral("svg")));
    QVERIFY(path->text().endsWith(QLatin1String("dialog.svg"))); // the suffix follows
    QVERIFY(!ratio->isEnabled());
    QCOMPARE(dialog.exportNow(), QString());
    QVERIFY(QSvgRenderer(dialog.exportedPath()).isValid());

    what->setCurrentIndex(what->findData(4)); // data
    QCOMPARE(format->currentData().toString(), QStringLiteral("csv"));
    QVERIFY(path->text().endsWith(QLatin1String("dialog.csv")));
    QCOMPARE(dialog.exportNow(), QString());
    QFile csv(dialog.exportedPath());
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(parseCsv(csv.readAll()).size(), m_store.size() + 1);

    path->setText(QStringLiteral("/nonexistent-bengal-dir/out.csv"));
    const QString error = dialog.exportNow();
    QVERIFY2(error.contains(QStringLiteral("/nonexistent-bengal-dir/out.csv")) &&
                 error.contains(QStringLiteral("No such file")),
             qPrintable(error));
}

void TestChartExport::clipboardGetsTheChart()
{
    TrendChart chart(TrendKind::Phases);
    chart.resize(640, 360);
    chart.setStore(&m_store);
    copyChartImage(chart);
    const QImage image = QGuiApplication::clipboard()->image();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(640, 360) * chart.devicePixelRatioF());
    QVERIFY(drawnPixels(image) > 500);
}

void TestChartExport::historyTextInSvgStaysText()
{
    // A file name and a phase name with markup characters: the SVG stays well-formed.
    HistoryStore store;
    loadText(store,
             record("2025-01-01T00:00:00", "\"build_time_ms\": 10, \"phase_timings_ms\": "
                                           "{\"<b>&amp;\\\"x\": 5}") +
                 '\n' +
                 record("2025-01-02T00:00:00", "\"build_time_ms\": 12, \"phase_timings_ms\": "
                                               "{\"<b>&amp;\\\"x\": 6}") +
                 '\n');
    ChartScene scene;
    scene.store = &store;
    scene.sourcePath = QStringLiteral("/tmp/a<b>&c\"/history.jsonl");
    QString error;
    const QByteArray svg = renderChartFile(
        scene, {ChartTarget::Dashboard, ImageFormat::Svg, QSize(900, 700), 1.0}, &error);
    QVERIFY2(!svg.isEmpty(), qPrintable(error));
    QVERIFY(QSvgRenderer(svg).isValid());
    QVERIFY(!svg.contains("<b>"));
    const QString path = m_dir.filePath(QStringLiteral("odd.svg"));
    QVERIFY(writeFileAtomically(path, svg, &error));
    const ToolResult rsvg =
        runTool(QStringLiteral("rsvg-convert"), {QStringLiteral("-o"), path + ".png", path});
    if (rsvg.found)
        QVERIFY2(rsvg.exitCode == 0, rsvg.output.constData());
}

void TestChartExport::totalIsBuildTimeAlone()
{
    // --chart total: build time with its median and band; no phase is drawn or named. The
    // phase chart of the same scene names them (so the check below can see a phase).
    const ChartScene scene = showcaseScene(m_store);
    QString error;
    const ChartExportOptions options{ChartTarget::Total, ImageFormat::Svg, QSize(1000, 500), 1.0};
    const QByteArray total = renderChartFile(scene, options, &error);
    QVERIFY2(!total.isEmpty(), qPrintable(error));
    ChartExportOptions phaseOptions = options;
    phaseOptions.target = ChartTarget::Phases;
    const QByteArray phases = renderChartFile(scene, phaseOptions, &error);
    for (const char* phase : {">Rendering<", ">Discovery<", ">Unattributed<"}) {
        QVERIFY2(phases.contains(phase), phase);
        QVERIFY2(!total.contains(phase), phase);
    }
    QVERIFY(total.contains(">Build time<"));
    QVERIFY(total.contains("rolling median"));

    // Series switched off in the window are left out of an exported legend too.
    ChartScene hidden = scene;
    hidden.phaseOptions = ChartOptions();
    hidden.phaseOptions->hiddenSeries << QStringLiteral("rendering_time_ms");
    const QByteArray without = renderChartFile(hidden, phaseOptions, &error);
    QVERIFY(!without.contains(">Rendering<"));
    QVERIFY(without.contains(">Discovery<"));
}

void TestChartExport::svgBandMatchesThePng()
{
    // The noise band is an embedded bitmap in SVG; drawn back (by Qt's own SVG renderer) it
    // covers as much of the plot as in the PNG, not a squeezed strip of it.
    const QSize size(1000, 500);
    const ChartScene scene = showcaseScene(m_store);
    const QImage png = renderChartImage(scene, ChartTarget::Phases, size);
    QString error;
    const QByteArray svg =
        renderChartFile(scene, {ChartTarget::Phases, ImageFormat::Svg, size, 1.0}, &error);
    QVERIFY2(!svg.isEmpty(), qPrintable(error));
    QSvgRenderer renderer(svg);
    QImage drawn(size, QImage::Format_ARGB32_Premultiplied);
    drawn.fill(Qt::white);
    QPainter painter(&drawn);
    renderer.render(&painter);
    painter.end();
    // The band's grey (light theme): the most common colour after the white background.
    const auto bandPixels = [](const QImage& image) {
        QHash<QRgb, qsizetype> counts;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                ++counts[image.pixel(x, y) | 0xff000000];
        }
        qsizetype best = 0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.key() != qRgb(255, 255, 255))
                best = std::max(best, it.value());
        }
        return best;
    };
    const qsizetype inPng = bandPixels(png), inSvg = bandPixels(drawn);
    QVERIFY2(inPng > 10000, qPrintable(QString::number(inPng)));
    QVERIFY2(inSvg * 10 > inPng * 8 && inSvg * 8 < inPng * 10,
             qPrintable(QStringLiteral("PNG %1, SVG %2").arg(inPng).arg(inSvg)));
}

void TestChartExport::longLegendFits()
{
    // A history of Bengal's latest layout has some twenty phase series: in a 1280x720
    // dashboard their legend is taller than the phase chart's 55 %, and the last entries
    // (unattributed time, the rolling median) would be cut off.
    const QString path = m_dir.filePath(QStringLiteral("many-phases.jsonl"));
    DemoOptions demo;
    demo.builds = 400;
    demo.schemaKeys = 51;
    QString error;
    QVERIFY2(writeDemoHistory(path, demo, &error), qPrintable(error));
    HistoryStore store;
    QVERIFY(loadHistoryInto(path, store).status == ReadOutcome::Status::Ok);
    ChartScene scene;
    scene.store = &store;
    scene.font = QApplication::font();
    const QByteArray svg = renderChartFile(
        scene, {ChartTarget::Dashboard, ImageFormat::Svg, QSize(1280, 720), 1.0}, &error);
    QVERIFY2(!svg.isEmpty(), qPrintable(error));
    // Where a label is drawn: QSvgGenerator writes each text inside a group translated to its
    // item, `<g ... transform="matrix(1,0,0,1,X,Y)" ...><text ... y="Y2" ...>label</text>`.
    const auto labelY = [&svg](const QByteArray& label) {
        const qsizetype at = svg.indexOf(QByteArray('>' + label + '<'));
        const qsizetype group = svg.lastIndexOf("transform=\"matrix(", at);
        const qsizetype text = svg.lastIndexOf("<text", at);
        if (at < 0 || group < 0 || text < group)
            return qQNaN();
        const QList<QByteArray> matrix =
            svg.mid(group + 18, svg.indexOf(')', group) - group - 18).split(',');
        const qsizetype y = svg.indexOf(" y=\"", text) + 4;
        return matrix.value(5).toDouble() + svg.mid(y, svg.indexOf('"', y) - y).toDouble();
    };
    // The phase chart's time axis title is at its foot, a line or two above the memory chart:
    // every entry of its legend ends there too, none pushed out of the chart (cut, they would
    // run on some 150 px further, under the memory chart).
    const double foot = labelY("Build time (UTC)") + 24;
    QVERIFY(foot > 300);
    for (const QByteArray& label :
         {QByteArray("Build time"), QByteArray("Discovery"), QByteArray("Unattributed"),
          QByteArray("Build time, rolling median (20)")}) {
        const double y = labelY(label);
        QVERIFY2(y < foot, qPrintable(QStringLiteral("%1 at %2, the chart ends at %3")
                                          .arg(QString::fromUtf8(label))
                                          .arg(y)
                                          .arg(foot)));
    }
}

void TestChartExport::dialogInBothPalettes()
{
    // Pictures of the dialog in the light and dark palettes, for looking at (written to the
    // test folder, not compared): every control fits, nothing is clipped.
    TrendChart phases(TrendKind::Phases);
    TrendChart memory(TrendKind::Memory);
    phases.setStore(&m_store);
    memory.setStore(&m_store);
    const QPalette original = QApplication::palette();
    for (const char* name : {"light", "dark"}) {
        QVERIFY(applyPalette(*qApp, QString::fromLatin1(name)));
        ExportDialog dialog(&phases, &memory, QStringLiteral("showcase-history.jsonl"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QSize hint = dialog.sizeHint();
        QVERIFY(dialog.width() >= hint.width() && dialog.height() >= hint.height());
        for (const QWidget* w : dialog.findChildren<QWidget*>()) {
            if (w->isVisibleTo(&dialog) && w->parentWidget() == &dialog)
                QVERIFY2(dialog.rect().contains(w->geometry()), qPrintable(w->objectName()));
        }
        dialog.grab().save(qEnvironmentVariable("BENGAL_TEST_BIN_DIR", QDir::tempPath()) +
                           QStringLiteral("/export-dialog-%1.png").arg(QLatin1String(name)));
    }
    QApplication::setPalette(original);
}

QTEST_MAIN(TestChartExport)
#include "tst_chart_export.moc"
