// Mouse, keyboard, legend, live data and linked charts, offscreen.
#include "ChartTestSupport.h"

#include "charts/ChartCursorSync.h"
#include "charts/SeriesReducer.h"
#include "charts/TrendChartView.h"
#include "history/HistorySession.h"
#include "report/MetricUnits.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QLabel>
#include <QLegendMarker>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWheelEvent>

using namespace bengal;
using namespace bengal::test;

namespace {

void sendMouse(QWidget* target, QEvent::Type type, QPoint pos, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, QPointF(pos), target->mapToGlobal(QPointF(pos)), button, buttons,
                      modifiers);
    QApplication::sendEvent(target, &event);
}

// A drag with the given button from `from` to `to`, in steps.
void drag(QWidget* target, QPoint from, QPoint to, Qt::MouseButton button = Qt::LeftButton,
          Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    sendMouse(target, QEvent::MouseButtonPress, from, button, button, modifiers);
    for (int step = 1; step <= 5; ++step)
        sendMouse(target, QEvent::MouseMove, from + (to - from) * step / 5, Qt::NoButton, button,
                  modifiers);
    sendMouse(target, QEvent::MouseButtonRelease, to, button, Qt::NoButton, modifiers);
}

// A plain mouse move, no button held (QTest::mouseMove does not reach the viewport offscreen).
void hover(QWidget* target, QPoint pos)
{
    sendMouse(target, QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
}

QPoint plotCentre(TrendChart* chart)
{
    return static_cast<TrendChartView*>(chart->chartView())
        ->fromChart(chart->chart()->plotArea().center());
}

double span(const QPair<double, double>& r)
{
    return r.second - r.first;
}

QByteArray buildLine(qint64 secondsAfter2025_10_20, double buildMs)
{
    const TimestampUs ts = TimestampUs(1760918400 + secondsAfter2025_10_20) * 1'000'000;
    return record(formatTimestampBengal(ts).toLatin1().constData(),
                  "\"build_time_ms\": " + QByteArray::number(buildMs) +
                      ", \"rendering_time_ms\": 900, \"memory_rss_mb\": 40") +
           '\n';
}

} // namespace

class TestChartInteraction : public QObject
{
    Q_OBJECT
private slots:
    void clickSelectsThatBuild();
    void keysStepThroughBuilds();
    void wheelZoomsAndDoubleClickResets();
    void dragPans();
    void rubberBandZooms();
    void legendClickTogglesAndDoubleClickIsolates();
    void tooltipListsTheBuild();
    void tooltipTextIsPlain();
    void redrawsAreCoalesced();
    void liveAppendKeepsZoom();
    void followLatestSlidesTheView();
    void linkedChartsShareCursorRangeAndSelection();
    void overviewWindowDragsTheRange();
};

void TestChartInteraction::clickSelectsThatBuild()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setXMode(ChartXMode::BuildIndex);
    QSignalSpy selected(shown.chart, &TrendChart::buildSelected);
    for (const int row : {17, 0, 37}) {
        const QPoint pos =
            shown.chart->viewportPositionOf(row, QStringLiteral("rendering_time_ms"));
        QVERIFY(shown.chart->chartView()->viewport()->rect().contains(pos));
        QTest::mouseClick(shown.chart->chartView()->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.takeFirst().at(0).toInt(), row);
        QCOMPARE(shown.chart->selectedBuild(), row);
    }
    // By time too: the last build stands alone, days after the others.
    shown.chart->setXMode(ChartXMode::Time);
    const QPoint last = shown.chart->viewportPositionOf(37, QStringLiteral("build_time_ms"));
    QTest::mouseClick(shown.chart->chartView()->viewport(), Qt::LeftButton, {}, last);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.takeFirst().at(0).toInt(), 37);
    // setSelectedBuild from outside (the table) does not echo back.
    shown.chart->setSelectedBuild(5);
    QCOMPARE(selected.size(), 0);
    QCOMPARE(shown.chart->selectedBuild(), 5);
}

void TestChartInteraction::keysStepThroughBuilds()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    QWidget* view = shown.chart->chartView();
    QSignalSpy selected(shown.chart, &TrendChart::buildSelected);
    shown.chart->setSelectedBuild(17);
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(selected.takeLast().at(0).toInt(), 18);
    QTest::keyClick(view, Qt::Key_Left);
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(selected.takeLast().at(0).toInt(), 16);
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(selected.takeLast().at(0).toInt(), 0);
    QTest::keyClick(view, Qt::Key_Left); // stays at the first build
    QCOMPARE(selected.takeLast().at(0).toInt(), 0);
    QTest::keyClick(view, Qt::Key_End);
    QCOMPARE(selected.takeLast().at(0).toInt(), 37);
    // Stepping out of a zoomed view pans it along.
    ChartColumns& columns = shown.chart->columns();
    shown.chart->setVisibleRange(columns.xAt(0), columns.xAt(20));
    shown.chart->setXMode(ChartXMode::BuildIndex);
    shown.chart->setVisibleRange(2, 12);
    shown.chart->setSelectedBuild(12);
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Right);
    QVERIFY(shown.chart->visibleRange().second >= 14);
    QCOMPARE(span(shown.chart->visibleRange()), 10.0);
}

void TestChartInteraction::wheelZoomsAndDoubleClickResets()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    QWidget* viewport = shown.chart->chartView()->viewport();
    const auto full = shown.chart->visibleRange();
    const QPoint centre = plotCentre(shown.chart);
    QWheelEvent wheel(QPointF(centre), viewport->mapToGlobal(QPointF(centre)), QPoint(),
                      QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &wheel);
    QVERIFY(shown.chart->isZoomed());
    QVERIFY(span(shown.chart->visibleRange()) < span(full) * 0.8);
    // The x under the cursor stays put.
    const double before = (full.first + full.second) / 2;
    const auto zoomed = shown.chart->visibleRange();
    QVERIFY(zoomed.first < before && zoomed.second > before);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, centre);
    QVERIFY(!shown.chart->isZoomed());
    QCOMPARE(shown.chart->visibleRange(), full);
}

void TestChartInteraction::dragPans()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setXMode(ChartXMode::BuildIndex);
    shown.chart->setVisibleRange(10, 20);
    QWidget* viewport = shown.chart->chartView()->viewport();
    const QPoint centre = plotCentre(shown.chart);
    QSignalSpy selected(shown.chart, &TrendChart::buildSelected);
    drag(viewport, centre, centre + QPoint(200, 0)); // drag right: earlier builds come in
    const auto range = shown.chart->visibleRange();
    QVERIFY2(range.first < 9, qPrintable(QString::number(range.first)));
    QCOMPARE(span(range), 10.0);
    QCOMPARE(selected.size(), 0); // a drag is not a click
}

void TestChartInteraction::rubberBandZooms()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setXMode(ChartXMode::BuildIndex);
    QWidget* viewport = shown.chart->chartView()->viewport();
    const QPoint a = shown.chart->viewportPositionOf(10, QStringLiteral("build_time_ms"));
    const QPoint b = shown.chart->viewportPositionOf(20, QStringLiteral("build_time_ms"));
    const int y = plotCentre(shown.chart).y();
    drag(viewport, QPoint(a.x(), y), QPoint(b.x(), y), Qt::LeftButton, Qt::ShiftModifier);
    auto range = shown.chart->visibleRange();
    QVERIFY2(std::abs(range.first - 10) < 0.3 && std::abs(range.second - 20) < 0.3,
             qPrintable(QStringLiteral("%1 %2").arg(range.first).arg(range.second)));
    // Right-drag does the same.
    shown.chart->resetZoom();
    const QPoint c = shown.chart->viewportPositionOf(30, QStringLiteral("build_time_ms"));
    drag(viewport, QPoint(c.x(), y), QPoint(b.x(), y), Qt::RightButton);
    range = shown.chart->visibleRange();
    QVERIFY(std::abs(range.first - 20) < 0.3 && std::abs(range.second - 30) < 0.3);
    // Every build in the band's range, plus the neighbours that carry the line to the edges.
    const IndexRange inside =
        visibleIndexRange(shown.chart->columns().x(), range.first, range.second);
    QVERIFY(inside.size() >= 9);
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size(), inside.size() + 2);
}

void TestChartInteraction::legendClickTogglesAndDoubleClickIsolates()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    const QString metric = QStringLiteral("assets_time_ms");
    QLegendMarker* marker = shown.chart->legendMarker(metric);
    QVERIFY(marker && marker->isVisible());
    emit marker->clicked();
    QVERIFY(!shown.chart->isSeriesVisible(metric));
    QVERIFY(shown.chart->seriesPoints(metric).isEmpty());
    QVERIFY(marker->isVisible()); // still there to switch it back on
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    emit marker->clicked();
    QVERIFY(shown.chart->isSeriesVisible(metric));
    QCOMPARE(shown.chart->seriesPoints(metric).size(), 38);
    // Double click: only this series.
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    emit marker->clicked();
    emit marker->clicked();
    for (const SeriesSpec& s : shown.chart->series())
        QCOMPARE(shown.chart->isSeriesVisible(s.metric), s.metric == metric);
    // Double click on the lone series: everything again.
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    emit marker->clicked();
    emit marker->clicked();
    for (const SeriesSpec& s : shown.chart->series())
        QVERIFY(shown.chart->isSeriesVisible(s.metric));
}

void TestChartInteraction::tooltipListsTheBuild()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setXMode(ChartXMode::BuildIndex);
    QSignalSpy hovered(shown.chart, &TrendChart::hoveredBuildChanged);
    const QPoint pos = shown.chart->viewportPositionOf(17, QStringLiteral("build_time_ms"));
    hover(shown.chart->chartView()->viewport(), pos);
    QCOMPARE(hovered.size(), 1);
    QCOMPARE(hovered.first().at(0).toInt(), 17);
    QVERIFY(shown.chart->crosshairVisible());
    const QString text = shown.chart->tooltipText();
    QVERIFY2(text.startsWith(QStringLiteral("Build 17 \u00b7 2025-")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("UTC")));
    const QString rendering = formatValue(metricOf(store, QStringLiteral("rendering_time_ms"), 17),
                                          MetricUnit::Milliseconds);
    QVERIFY2(text.contains(QStringLiteral("Rendering\t") + rendering), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("vs median")));
    QVERIFY(text.contains(QStringLiteral("RSS \u0394\t")));
    QVERIFY(text.contains(QStringLiteral(" MiB")));
    // Leaving the plot hides it all.
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(shown.chart->chartView(), &leave);
    QVERIFY(!shown.chart->crosshairVisible());
    QCOMPARE(hovered.last().at(0).toInt(), -1);
}

void TestChartInteraction::tooltipTextIsPlain()
{
    HistoryStore store;
    loadText(store, record("2026-05-10T10:00:00+00:00",
                           "\"build_time_ms\": 1000, \"phase_timings_ms\": {\"<b>x</b>\": 600}") +
                        "\n");
    ShownChart shown(TrendKind::Phases, &store);
    hover(shown.chart->chartView()->viewport(), plotCentre(shown.chart));
    QVERIFY2(shown.chart->tooltipText().contains(QStringLiteral("<b>x</b> (ledger)\t600")),
             qPrintable(shown.chart->tooltipText()));
    const QList<QLabel*> labels = shown.chart->chartView()->viewport()->findChildren<QLabel*>();
    QVERIFY(!labels.isEmpty());
    for (const QLabel* label : labels)
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

void TestChartInteraction::redrawsAreCoalesced()
{
    HistoryStore store;
    loadText(store, syntheticHistory(0, 100));
    ShownChart shown(TrendKind::Phases, &store);
    QSignalSpy redrawn(shown.chart, &TrendChart::redrawn);
    for (int i = 0; i < 10; ++i) {
        const QByteArray line = syntheticHistory(100 + i, 1);
        shown.chart->storeAppended(appendText(store, line));
    }
    QCOMPARE(redrawn.size(), 0);
    QVERIFY(redrawn.wait(1000));
    QTest::qWait(100);
    QCOMPARE(redrawn.size(), 1);
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size(), 110);
}

void TestChartInteraction::liveAppendKeepsZoom()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(readTestFile(QStringLiteral("showcase-history.jsonl")));
    file.close();
    HistorySession session;
    session.setPollInterval(30);
    QSignalSpy loaded(&session, &HistorySession::loadFinished);
    ShownChart shown(TrendKind::Phases, nullptr);
    shown.chart->setSession(&session);
    session.open(path);
    QVERIFY(loaded.wait(5000));
    shown.settle();
    QCOMPARE(shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size(), 38);

    // Zoomed to the last builds and a few days past them.
    ChartColumns& columns = shown.chart->columns();
    const double lastX = columns.xAt(37);
    shown.chart->setVisibleRange(columns.xAt(30), lastX + 10 * 86400e3);
    const auto zoomed = shown.chart->visibleRange();
    const qsizetype pointsBefore =
        shown.chart->seriesPoints(QStringLiteral("build_time_ms")).size();
    QSignalSpy appended(&session, &HistorySession::appended);
    QSignalSpy redrawn(shown.chart, &TrendChart::redrawn);
    QVERIFY(file.open(QIODevice::Append));
    file.write(buildLine(3 * 86400, 4321)); // 2025-10-23, inside the zoomed range
    file.close();
    QVERIFY(appended.wait(5000));
    QVERIFY(redrawn.wait(1000));
    QCOMPARE(session.store().size(), 39);
    QVERIFY(shown.chart->isZoomed());
    QCOMPARE(shown.chart->visibleRange(), zoomed);
    const QList<QPointF> points = shown.chart->seriesPoints(QStringLiteral("build_time_ms"));
    QCOMPARE(points.size(), pointsBefore + 1);
    QCOMPARE(points.last().y(), 4321.0);
}

void TestChartInteraction::followLatestSlidesTheView()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setFollowLatest(true);
    ChartColumns& columns = shown.chart->columns();
    shown.chart->setVisibleRange(columns.xAt(0), columns.xAt(20));
    const double width = span(shown.chart->visibleRange());
    QSignalSpy range(shown.chart, &TrendChart::visibleRangeChanged);
    const QByteArray line = buildLine(10 * 86400, 5000);
    shown.chart->storeAppended(appendText(store, line));
    QCOMPARE(range.size(), 1);
    QVERIFY(shown.chart->isZoomed());
    QCOMPARE(shown.chart->visibleRange().second, shown.chart->fullRange().second);
    QVERIFY(qFuzzyCompare(span(shown.chart->visibleRange()), width));
    // Without follow-latest a zoomed view stays where it is.
    shown.chart->setFollowLatest(false);
    shown.chart->setVisibleRange(columns.xAt(0), columns.xAt(20));
    const auto fixed = shown.chart->visibleRange();
    const QByteArray more = buildLine(11 * 86400, 5100);
    shown.chart->storeAppended(appendText(store, more));
    QCOMPARE(shown.chart->visibleRange(), fixed);
}

void TestChartInteraction::linkedChartsShareCursorRangeAndSelection()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart phases(TrendKind::Phases, &store);
    ShownChart memory(TrendKind::Memory, &store);
    ChartCursorSync sync;
    sync.addChart(phases.chart);
    sync.addChart(memory.chart);
    QSignalSpy hovered(&sync, &ChartCursorSync::hoveredBuildChanged);
    phases.chart->setXMode(ChartXMode::BuildIndex);
    memory.chart->setXMode(ChartXMode::BuildIndex);
    // Their plots line up although their legends and axis labels differ in width.
    phases.settle();
    memory.settle();
    const QRectF a = phases.chart->chart()->plotArea(), b = memory.chart->chart()->plotArea();
    QVERIFY2(std::abs(a.left() - b.left()) <= 1 && std::abs(a.right() - b.right()) <= 1,
             qPrintable(QStringLiteral("%1-%2 vs %3-%4")
                            .arg(a.left())
                            .arg(a.right())
                            .arg(b.left())
                            .arg(b.right())));
    const QPoint pos = phases.chart->viewportPositionOf(9, QStringLiteral("build_time_ms"));
    hover(phases.chart->chartView()->viewport(), pos);
    QCOMPARE(hovered.last().at(0).toInt(), 9);
    QVERIFY(memory.chart->crosshairVisible());
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(phases.chart->chartView(), &leave);
    QVERIFY(!memory.chart->crosshairVisible());

    phases.chart->setVisibleRange(5, 15);
    QCOMPARE(memory.chart->visibleRange(), phases.chart->visibleRange());
    memory.chart->resetZoom();
    QVERIFY(!phases.chart->isZoomed());

    QTest::mouseClick(phases.chart->chartView()->viewport(), Qt::LeftButton, {}, pos);
    QCOMPARE(memory.chart->selectedBuild(), 9);
}

void TestChartInteraction::overviewWindowDragsTheRange()
{
    HistoryStore store;
    loadShowcase(store);
    ShownChart shown(TrendKind::Phases, &store);
    shown.chart->setXMode(ChartXMode::BuildIndex);
    shown.chart->setVisibleRange(0, 10);
    const QRectF window = shown.overview->windowRect();
    QVERIFY(window.width() > 20 && window.width() < shown.overview->width() / 2);
    const QPoint from = window.center().toPoint();
    drag(shown.overview, from, from + QPoint(int(window.width()), 0));
    const auto range = shown.chart->visibleRange();
    QVERIFY2(range.first > 8 && range.first < 12, qPrintable(QString::number(range.first)));
    QVERIFY(qFuzzyCompare(span(range), 10.0));
    // Dragging the right edge widens it.
    const QRectF moved = shown.overview->windowRect();
    const QPoint edge(int(moved.right()), int(moved.center().y()));
    drag(shown.overview, edge, edge + QPoint(60, 0));
    QVERIFY(span(shown.chart->visibleRange()) > 12);
    QTest::mouseDClick(shown.overview, Qt::LeftButton, {}, edge);
    QVERIFY(!shown.chart->isZoomed());
}

QTEST_MAIN(TestChartInteraction)
#include "tst_chart_interaction.moc"
