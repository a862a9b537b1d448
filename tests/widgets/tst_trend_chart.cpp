// TrendChart on real and synthetic histories: series, counts, modes, reduction, export.
#include "ChartTestSupport.h"

#include "charts/ChartAxes.h"
#include "charts/ChartFillItem.h"
#include "charts/ChartOptions.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFontMetricsF>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTextDocument>
#include <QValueAxis>

using namespace bengal;
using namespace bengal::test;

class TestTrendChart : public QObject
{
    Q_OBJECT
private slots:
    void phaseSeriesMatchTheData();
    void memorySeriesSkipUnmeasuredPeaks();
    void hiddenSeriesDrawNothing();
    void stackedLayersAddUpToBuildTime();
    void logAxisTakesPositiveValues();
    void buildIndexAxis();
    void shortHistoryFillsThePlot();
    void filterLimitsBuilds();
    void reductionAtHundredThousandBuilds();
    void markersDrawnInsideTheRange();
    void historyTextStaysPlain();
    void optionsRoundTripThroughJson();
    void fillColumnsFollowTheEdges();
    void exportRendersAtTheTargetSize();
    void axisTitlesAndLabelsFitSmallCharts();
    void screenshots();
};

void TestTrendChart::phaseSeriesMatchTheData()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    TrendChart* chart = shown.chart;
    QStringList metrics;
    for (const SeriesSpec& s : chart->series())
        metrics.append(s.metric);
    const QStringList expected{"build_time_ms",     "discovery_time_ms", "taxonomy_time_ms",
                               "rendering_time_ms", "assets_time_ms",    "postprocess_time_ms",
                               "unattributed_ms"};
    QCOMPARE(metrics, expected);
    for (const QString& metric : expected) {
        const QList<QPointF> points = chart->seriesPoints(metric);
        QCOMPARE(points.size(), finiteCount(store, metric));
        QCOMPARE(points.size(), 38);
        for (qsizetype row = 0; row < 38; ++row) {
            QCOMPARE(points[row].x(), double(store.timestampUs(row)) / 1000.0);
            QCOMPARE(points[row].y(), metricOf(store, metric, row));
        }
    }
    // The y axis covers every value and starts at zero.
    auto* y = qobject_cast<QValueAxis*>(chart->yAxis());
    QVERIFY(y);
    QCOMPARE(y->min(), 0.0);
    double top = 0;
    for (qsizetype row = 0; row < 38; ++row)
        top = std::max(top, metricOf(store, QStringLiteral("build_time_ms"), row));
    QVERIFY(y->max() >= top);
    QVERIFY(y->titleText().contains(QStringLiteral("ms")));
}

void TestTrendChart::memorySeriesSkipUnmeasuredPeaks()
{
    HistoryStore store;
    QByteArray text = readTestFile(QStringLiteral("showcase-history.jsonl"));
    // One build without tracemalloc: peak 0 means "not measured", drawn as a gap.
    text += record("2025-10-09T10:00:00", "\"build_time_ms\": 900, \"memory_rss_mb\": -3.5, "
                                          "\"memory_heap_mb\": 0, \"memory_peak_mb\": 0") +
            '\n';
    loadText(store, text);
    ShownChart shown(TrendKind::Memory, &store);
    QStringList metrics;
    for (const SeriesSpec& s : shown.chart->series())
        metrics.append(s.metric);
    QCOMPARE(metrics, (QStringList{"memory_rss_mb", "memory_heap_mb", "memory_peak_mb"}));
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("memory_rss_mb")).size(), 39);
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("memory_peak_mb")).size(), 38);
    // A negative delta pulls the linear axis below zero.
    auto* y = qobject_cast<QValueAxis*>(shown.chart->yAxis());
    QVERIFY(y->min() <= -3.5);
    QVERIFY(y->titleText().contains(QStringLiteral("MiB")));
}

void TestTrendChart::hiddenSeriesDrawNothing()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setSeriesVisible(QStringLiteral("rendering_time_ms"), false);
    QVERIFY(!shown.chart->lineSeries(QStringLiteral("rendering_time_ms"))->isVisible());
    QVERIFY(shown.chart->seriesPoints(QStringLiteral("rendering_time_ms")).isEmpty());
    QVERIFY(shown.chart->options().hiddenSeries.contains(QStringLiteral("rendering_time_ms")));
    // The legend entry stays, so it can be switched back on.
    QVERIFY(shown.chart->legendMarker(QStringLiteral("rendering_time_ms"))->isVisible());
    shown.chart->isolateSeries(QStringLiteral("assets_time_ms"));
    for (const SeriesSpec& s : shown.chart->series()) {
        QCOMPARE(shown.chart->seriesPoints(s.metric).isEmpty(),
                 s.metric != QLatin1String("assets_time_ms"));
    }
    shown.chart->showAllSeries();
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("rendering_time_ms")).size(), 38);
}

void TestTrendChart::stackedLayersAddUpToBuildTime()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setStacked(true);
    const QStringList layers{"discovery_time_ms", "taxonomy_time_ms",    "rendering_time_ms",
                             "assets_time_ms",    "postprocess_time_ms", "unattributed_ms"};
    for (qsizetype k = 0; k < layers.size(); ++k) {
        QVERIFY(shown.chart->lineSeries(layers[k])->isVisible()); // the layer's top edge
        const QList<QPointF> upper = shown.chart->seriesPoints(layers[k]);
        QCOMPARE(upper.size(), 38);
        for (qsizetype row = 0; row < 38; ++row) {
            double sum = 0;
            for (qsizetype j = 0; j <= k; ++j)
                sum += metricOf(store, layers[j], row);
            QVERIFY(qFuzzyCompare(upper[row].y(), sum));
        }
    }
    QCOMPARE(shown.chart->fillCount(), layers.size()); // one fill per layer, no noise band
    // The top of the stack is the build time: unattributed is exactly the rest.
    const QList<QPointF> top = shown.chart->seriesPoints(QStringLiteral("unattributed_ms"));
    for (qsizetype row = 0; row < 38; ++row)
        QVERIFY(qFuzzyCompare(top[row].y(), metricOf(store, QStringLiteral("build_time_ms"), row)));
    // Hiding a layer restacks the rest.
    shown.chart->setSeriesVisible(QStringLiteral("discovery_time_ms"), false);
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("taxonomy_time_ms"))[3].y(),
             metricOf(store, QStringLiteral("taxonomy_time_ms"), 3));
    QVERIFY(shown.chart->lineSeries(QStringLiteral("build_time_ms"))->isVisible());
    QCOMPARE(shown.chart->fillCount(), layers.size() - 1);
    shown.chart->setStacked(false);
    QCOMPARE(shown.chart->fillCount(), 1); // the noise band of the build time
}

void TestTrendChart::logAxisTakesPositiveValues()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setLogY(true);
    auto* y = qobject_cast<QLogValueAxis*>(shown.chart->yAxis());
    QVERIFY(y);
    int shownVertical = 0;
    for (QAbstractAxis* axis : shown.chart->chart()->axes(Qt::Vertical))
        shownVertical += axis->isVisible() ? 1 : 0;
    QCOMPARE(shownVertical, 1);
    QVERIFY(y->min() > 0);
    for (const SeriesSpec& s : shown.chart->series()) {
        for (const QPointF& p : shown.chart->seriesPoints(s.metric)) {
            QVERIFY(p.y() > 0);
            QVERIFY(p.y() >= y->min() && p.y() <= y->max());
        }
    }
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("taxonomy_time_ms")).size(), 38);
    shown.chart->setLogY(false);
    QVERIFY(qobject_cast<QValueAxis*>(shown.chart->yAxis()));
}

void TestTrendChart::buildIndexAxis()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setXMode(ChartXMode::BuildIndex);
    auto* x = qobject_cast<QValueAxis*>(shown.chart->xAxis());
    QVERIFY(x);
    QVERIFY(x->min() < 0 && x->max() > 37);
    const QList<QPointF> points = shown.chart->seriesPoints(QStringLiteral("build_time_ms"));
    QCOMPARE(points.size(), 38);
    QCOMPARE(points[12].x(), 12.0);
}

// Three builds two minutes apart (Bengal's quickstart): the time axis spans them with a little
// room, not an hour with the builds bunched in its middle.
void TestTrendChart::shortHistoryFillsThePlot()
{
    HistoryStore store;
    appendText(store, syntheticHistory(0, 3, 60));
    ShownChart shown(TrendKind::Phases, &store);
    const auto [lo, hi] = shown.chart->fullRange();
    const double first = double(store.timestampUs(0)) / 1000.0;
    const double last = double(store.timestampUs(2)) / 1000.0;
    QVERIFY(lo < first && hi > last);
    QVERIFY2(hi - lo <= 2 * (last - first), qPrintable(QString::number(hi - lo)));
}

void TestTrendChart::filterLimitsBuilds()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    BuildFilter filter;
    filter.kind = BuildFilter::Kind::Incremental;
    shown.chart->setFilter(filter);
    shown.settle();
    const qsizetype incremental = qsizetype(filter.rows(store).size());
    QVERIFY(incremental > 0 && incremental < 38);
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size(), incremental);
    filter = BuildFilter();
    filter.lastN = 5;
    shown.chart->setFilter(filter);
    shown.settle();
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size(), 5);
}

void TestTrendChart::reductionAtHundredThousandBuilds()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 100'000, 60));
    QCOMPARE(store.size(), 100'000);
    ShownChart shown(TrendKind::Phases, &store);
    const double width = shown.chart->chart()->plotArea().width();
    QVERIFY(width > 500);
    for (const SeriesSpec& s : shown.chart->series()) {
        const qsizetype n = shown.chart->seriesPoints(s.metric).size();
        QVERIFY2(n <= 2 * width + 2 && n >= width / 2,
                 qPrintable(s.metric + QStringLiteral(": ") + QString::number(n)));
    }
    // Zoomed in to 100 builds: every build is drawn as it is.
    ChartColumns& columns = shown.chart->columns();
    shown.chart->setVisibleRange(columns.xAt(50'000), columns.xAt(50'099));
    const QList<QPointF> points = shown.chart->seriesPoints(QStringLiteral("rendering_time_ms"));
    QCOMPARE(points.size(), 100 + 2); // plus the neighbours that carry the line to the edges
    for (qsizetype i = 0; i < 100; ++i) {
        QCOMPARE(points[i + 1].x(), columns.xAt(50'000 + i));
        QCOMPARE(points[i + 1].y(),
                 metricOf(store, QStringLiteral("rendering_time_ms"), 50'000 + i));
    }
}

void TestTrendChart::markersDrawnInsideTheRange()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setMarkers({{5, QStringLiteral("rendering +40%"), ChartMarker::Kind::Regression},
                             {20, QStringLiteral("failed"), ChartMarker::Kind::Failure},
                             {30, QString(), ChartMarker::Kind::Note}});
    QCOMPARE(shown.chart->visibleMarkerCount(), 3);
    ChartColumns& columns = shown.chart->columns();
    shown.chart->setVisibleRange(columns.xAt(15), columns.xAt(25));
    QCOMPARE(shown.chart->visibleMarkerCount(), 1);
    shown.chart->resetZoom();
    shown.chart->setMarkers({});
    QCOMPARE(shown.chart->visibleMarkerCount(), 0);
}

void TestTrendChart::historyTextStaysPlain()
{
    HistoryStore store;
    loadText(store,
             record("2026-05-10T10:00:00+00:00", "\"build_time_ms\": 1000, \"phase_timings_ms\": "
                                                 "{\"<b>x</b>\": 600, \"Rendering\": 300}") +
                 "\n" +
                 record("2026-05-10T11:00:00+00:00",
                        "\"build_time_ms\": 1100, \"phase_timings_ms\": "
                        "{\"<b>x</b>\": 650, \"Rendering\": 320}") +
                 "\n");
    ShownChart shown(TrendKind::Phases, &store);
    const QString metric = QStringLiteral("phase_timings_ms.<b>x</b>");
    QLineSeries* line = static_cast<QLineSeries*>(shown.chart->lineSeries(metric));
    QVERIFY(line);
    // Qt Charts renders legend labels as HTML, so the name it gets is escaped.
    QCOMPARE(line->name(), QStringLiteral("&lt;b&gt;x&lt;/b&gt; (ledger)"));
    bool found = false;
    for (const SeriesSpec& s : shown.chart->series())
        found = found || s.label == QLatin1String("<b>x</b> (ledger)");
    QVERIFY(found);
    // Stacked: the ledger phases plus unattributed make up the build time.
    shown.chart->setStacked(true);
    const QList<QPointF> top = shown.chart->seriesPoints(QStringLiteral("unattributed_ms"));
    QCOMPARE(top.size(), 2);
    QCOMPARE(top[0].y(), 1000.0);
    QCOMPARE(top[1].y(), 1100.0);
}

void TestTrendChart::optionsRoundTripThroughJson()
{
    ChartOptions o;
    o.hiddenSeries = {QStringLiteral("assets_time_ms"), QStringLiteral("phase_timings_ms.<i>")};
    o.stacked = true;
    o.xMode = ChartXMode::BuildIndex;
    o.logY = true;
    o.medianMetric = QStringLiteral("rendering_time_ms");
    o.medianWindow = 7;
    o.bandMads = 2.5;
    o.followLatest = true;
    QCOMPARE(ChartOptions::fromJson(o.toJson()), o);
    QCOMPARE(ChartOptions::fromJson(QJsonObject()), ChartOptions());
    QJsonObject bad = o.toJson();
    bad.insert(QStringLiteral("medianWindow"), -4);
    bad.insert(QStringLiteral("x"), QStringLiteral("sideways"));
    const ChartOptions fixed = ChartOptions::fromJson(bad);
    QCOMPARE(fixed.medianWindow, 20);
    QCOMPARE(fixed.xMode, ChartXMode::Time);

    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    QSignalSpy changed(shown.chart, &TrendChart::optionsChanged);
    o.logY = false;
    shown.chart->setOptions(o);
    QCOMPARE(shown.chart->options(), o);
    QCOMPARE(changed.size(), 1);
}

void TestTrendChart::fillColumnsFollowTheEdges()
{
    // A falling edge from (0, 10) to (10, 0): column c spans y in [9 - c, 10 - c].
    std::vector<float> top, bottom;
    ChartFillItem::columnExtents(QPolygonF({{0, 10}, {10, 0}}), 0, 1, 12, top, bottom);
    for (int c = 0; c < 10; ++c) {
        QCOMPARE(top[std::size_t(c)], float(9 - c));
        QCOMPARE(bottom[std::size_t(c)], float(10 - c));
    }
    QVERIFY(std::isnan(top[11])); // past the last point
    // Several points in one column: their extremes.
    ChartFillItem::columnExtents(QPolygonF({{0.1, 5}, {0.5, 2}, {0.9, 7}}), 0, 1, 1, top, bottom);
    QCOMPARE(top[0], 2.0f);
    QCOMPARE(bottom[0], 7.0f);

    // Painted: the band's colour is under the median line of a noisy history.
    HistoryStore store;
    loadText(store, syntheticHistory(0, 3000, 60));
    ShownChart shown(TrendKind::Phases, &store);
    const QImage image = shown.chart->toImage(QSize(1200, 600));
    const QImage noBand = [&] {
        shown.chart->setMedianMetric(QString());
        return shown.chart->toImage(QSize(1200, 600));
    }();
    QCOMPARE(shown.chart->fillCount(), 0);
    int differing = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            differing += image.pixel(x, y) != noBand.pixel(x, y) ? 1 : 0;
    }
    QVERIFY2(differing > 2000, qPrintable(QString::number(differing)));
}

void TestTrendChart::exportRendersAtTheTargetSize()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 20'000, 60));
    ShownChart shown(TrendKind::Phases, &store);
    const qsizetype onScreen = shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size();
    const QImage image = shown.chart->toImage(QSize(2400, 900), 1.0);
    QCOMPARE(image.size(), QSize(2400, 900));
    // Something besides the background was drawn, in the series colour of build time.
    int coloured = 0;
    const QRgb background = image.pixel(2, 2);
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            coloured += image.pixel(x, y) != background ? 1 : 0;
    }
    QVERIFY(coloured > 5000);
    // The widget is back to its own size and reduction afterwards.
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size(), onScreen);
    const QImage hiDpi = shown.chart->toImage(QSize(800, 450), 2.0);
    QCOMPARE(hiDpi.size(), QSize(1600, 900));
}

void TestTrendChart::axisTitlesAndLabelsFitSmallCharts()
{
    HistoryStore store;
    loadShowcase(store);
    const QString dir = qEnvironmentVariable("BENGAL_TEST_BIN_DIR", QDir::tempPath()) +
                        QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    for (const QSize size : {QSize(420, 230), QSize(700, 330), QSize(1200, 700)}) {
        for (const bool log : {false, true}) {
            ShownChart shown(TrendKind::Memory, &store, size);
            shown.chart->setLogY(log);
            shown.settle();
            // The y title is never longer than the plot is high (Qt Charts would cut it off).
            QAbstractAxis* y = shown.chart->yAxis();
            QTextDocument doc;
            doc.setHtml(y->titleText());
            const qreal titleLength =
                QFontMetricsF(y->titleFont()).horizontalAdvance(doc.toPlainText());
            const qreal plotHeight = shown.chart->chart()->plotArea().height();
            const QString why = QStringLiteral("'%1' is %2 long, the plot %3 high at %4x%5")
                                    .arg(doc.toPlainText())
                                    .arg(titleLength)
                                    .arg(plotHeight)
                                    .arg(size.width())
                                    .arg(size.height());
            QVERIFY2(titleLength <= plotHeight, qPrintable(why));
            QVERIFY(doc.toPlainText().contains(QStringLiteral("MiB")));
            // A high chart says what the numbers mean.
            if (size.height() >= 700 && !log)
                QVERIFY(doc.toPlainText().contains(QStringLiteral("per build")));
            // Even a narrow time axis has a label.
            auto* x = qobject_cast<QCategoryAxis*>(shown.chart->xAxis());
            QVERIFY(x);
            QVERIFY(x->count() >= 1);
            if (!log) {
                QVERIFY(shown.window->grab().save(QStringLiteral("%1/chart-memory-%2x%3.png")
                                                      .arg(dir)
                                                      .arg(size.width())
                                                      .arg(size.height())));
            }
        }
    }
}

void TestTrendChart::screenshots()
{
    // Grabs of the showcase history in both palettes, for looking at (docs/screenshots).
    const QString dir = qEnvironmentVariable("BENGAL_TEST_BIN_DIR", QDir::tempPath()) +
                        QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    HistoryStore store;
    loadShowcase(store);
    for (const int variant : {0, 1, 2, 3}) {
        const bool dark = variant == 1;
        for (const TrendKind kind : {TrendKind::Phases, TrendKind::Memory}) {
            ShownChart shown(kind, &store, QSize(1280, 560));
            if (variant >= 2)
                shown.chart->setXMode(ChartXMode::BuildIndex);
            if (variant == 3 && kind == TrendKind::Memory)
                continue;
            if (variant == 3)
                shown.chart->setStacked(true);
            if (dark) {
                QPalette p;
                p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
                p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
                p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
                p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
                p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
                shown.window->setPalette(p);
            }
            shown.chart->setSelectedBuild(30);
            shown.settle();
            const QString name = QStringLiteral("%1/chart-%2%3.png")
                                     .arg(dir,
                                          kind == TrendKind::Phases ? QStringLiteral("phases")
                                                                    : QStringLiteral("memory"),
                                          variant == 1   ? QStringLiteral("-dark")
                                          : variant == 2 ? QStringLiteral("-index")
                                          : variant == 3 ? QStringLiteral("-stacked")
                                                         : QString());
            QVERIFY(shown.window->grab().save(name));
            if (variant == 2) {
                // The same with the hover crosshair and tooltip at build 20.
                QWidget* viewport = shown.chart->chartView()->viewport();
                const QPoint at = shown.chart->viewportPositionOf(20, shown.chart->primaryMetric());
                QMouseEvent move(QEvent::MouseMove, QPointF(at), viewport->mapToGlobal(QPointF(at)),
                                 Qt::NoButton, Qt::NoButton, Qt::NoModifier);
                QApplication::sendEvent(viewport, &move);
                QVERIFY(shown.chart->crosshairVisible());
                QString hovered = name;
                hovered.replace(QStringLiteral(".png"), QStringLiteral("-tooltip.png"));
                QVERIFY(shown.window->grab().save(hovered));
            }
        }
    }
}

QTEST_MAIN(TestTrendChart)
#include "tst_trend_chart.moc"
