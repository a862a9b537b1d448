#pragma once

// Helpers for the offscreen chart widget tests.

#include "ChartTestData.h"
#include "charts/OverviewStrip.h"
#include "charts/TrendChart.h"
#include "history/HistoryStore.h"

#include <QTest>
#include <QVBoxLayout>
#include <QWidget>
#include <memory>

namespace bengal::test {

// A chart over a store, with an overview strip under it, shown at a fixed size offscreen.
struct ShownChart
{
    std::unique_ptr<QWidget> window;
    TrendChart* chart = nullptr;
    OverviewStrip* overview = nullptr;

    explicit ShownChart(TrendKind kind, const HistoryStore* store, QSize size = {1200, 700})
        : window(std::make_unique<QWidget>())
    {
        auto* layout = new QVBoxLayout(window.get());
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        chart = new TrendChart(kind, window.get());
        overview = new OverviewStrip(window.get());
        overview->setChart(chart);
        layout->addWidget(chart, 1);
        layout->addWidget(overview);
        window->resize(size);
        chart->setStore(store);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        settle();
    }

    // Lets the layout settle (plot area) and draws now rather than after the 40 ms coalescing.
    void settle()
    {
        QCoreApplication::sendPostedEvents();
        chart->redrawNow();
        QCoreApplication::sendPostedEvents();
        chart->redrawNow();
    }
};

inline void loadShowcase(HistoryStore& store)
{
    loadText(store, readTestFile(QStringLiteral("showcase-history.jsonl")));
}

inline qsizetype finiteCount(const HistoryStore& store, const QString& metric)
{
    qsizetype n = 0;
    for (qsizetype row = 0; row < store.size(); ++row)
        n += std::isfinite(metricOf(store, metric, row)) ? 1 : 0;
    return n;
}

} // namespace bengal::test
