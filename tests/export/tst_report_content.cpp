// The report's content (summary, latest against baseline, findings) and its HTML and Markdown
// forms: numbers from the history, every piece of history text escaped.
#include "HistoryTestUtils.h"
#include "export/ReportContent.h"
#include "export/ReportMarkup.h"
#include "history/HistoryLoader.h"
#include "stats/Quantiles.h"

#include <QTest>

using namespace bengal;
using namespace bengal::test;

namespace {

const ReportSection* section(const ReportDocument& doc, const QString& title)
{
    for (const ReportSection& s : doc.sections) {
        if (s.title == title)
            return &s;
    }
    return nullptr;
}

const QStringList* rowOf(const ReportTable& table, qsizetype column, const QString& value)
{
    for (const QStringList& row : table.rows) {
        if (row.value(column) == value)
            return &row;
    }
    return nullptr;
}

// 80 full parallel builds at ~1000 ms, then 60 at ~1400 ms: one clear step up in build time
// (rendering carries it), and a latest build far above its baseline.
QByteArray steppedHistory(const QByteArray& oddPhaseName = "Rendering")
{
    QByteArray text;
    for (int i = 0; i < 140; ++i) {
        const double wobble = (i * 37 % 11 - 5) * 2.0; // deterministic noise, +-10 ms
        const double rendering = (i < 80 ? 700.0 : 1100.0) + wobble;
        const double total = rendering + 300.0 + wobble / 2;
        const QByteArray ts = QStringLiteral("2025-03-01T%1:%2:00")
                                  .arg(i / 60, 2, 10, QLatin1Char('0'))
                                  .arg(i % 60, 2, 10, QLatin1Char('0'))
                                  .toLatin1();
        text += record(ts.constData(),
                       "\"build_time_ms\": " + QByteArray::number(total, 'g', 17) +
                           ", \"rendering_time_ms\": " + QByteArray::number(rendering, 'g', 17) +
                           ", \"phase_timings_ms\": {\"" + oddPhaseName +
                           "\": " + QByteArray::number(rendering, 'g', 17) +
                           "}, \"parallel\": true, \"incremental\": false") +
                '\n';
    }
    return text;
}

} // namespace

class TestReportContent : public QObject
{
    Q_OBJECT
private slots:
    void showcaseSummary();
    void latestAgainstBaseline();
    void stepIsFound();
    void htmlEscapesHistoryText();
    void markdownEscapesHistoryText();
    void emptyHistory();
};

void TestReportContent::showcaseSummary()
{
    HistoryStore store;
    QVERIFY(
        loadHistoryInto(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"), store).status ==
        ReadOutcome::Status::Ok);
    const ReportDocument doc =
        buildReport(store, QStringLiteral("showcase.jsonl"), BuildRange::latest(store, 0));
    const ReportSection* summary = section(doc, QStringLiteral("Summary"));
    QVERIFY(summary);
    QCOMPARE(qsizetype(summary->table.rows.size()), qsizetype(store.metricCount()));
    QCOMPARE(summary->table.rows.front().front(), QStringLiteral("build_time_ms"));
    // The median cell is the numpy median of the column, formatted.
    const int column = store.metricIndex(QStringLiteral("build_time_ms"));
    const QStringList* row = rowOf(summary->table, 0, QStringLiteral("build_time_ms"));
    QVERIFY(row);
    QCOMPARE(row->at(1), QString::number(store.size()));
    QCOMPARE(row->at(3),
             QString::number(median(store.metric(column)), 'f', 1) + QStringLiteral(" ms"));
    QVERIFY(section(doc, QStringLiteral("Phase timings")));
    QCOMPARE(int(section(doc, QStringLiteral("Memory"))->chart), int(ReportSection::Chart::Memory));
    QVERIFY(doc.facts.join(QLatin1Char('\n')).contains(QStringLiteral("Builds covered: 38 of 38")));

    const ReportDocument last10 = buildReport(store, QString(), BuildRange::latest(store, 10));
    QCOMPARE(
        rowOf(section(last10, QStringLiteral("Summary"))->table, 0, QStringLiteral("build_time_ms"))
            ->at(1),
        QStringLiteral("10"));
}

void TestReportContent::latestAgainstBaseline()
{
    HistoryStore store;
    loadText(store, steppedHistory());
    const ReportDocument doc = buildReport(store, QString(), BuildRange::latest(store, 0));
    const ReportSection* latest = section(doc, QStringLiteral("Latest build against its baseline"));
    QVERIFY(latest);
    const QStringList* row = rowOf(latest->table, 0, QStringLiteral("build_time_ms"));
    QVERIFY(row);
    // The last 20 comparable builds before the latest are all on the new level.
    std::vector<double> previous;
    const int column = store.metricIndex(QStringLiteral("build_time_ms"));
    for (qsizetype r = store.size() - 21; r < store.size() - 1; ++r)
        previous.push_back(store.value(column, r));
    QCOMPARE(row->at(1), QString::number(median(previous), 'f', 1) + QStringLiteral(" ms"));
    QCOMPARE(row->at(2), QString::number(store.value(column, store.size() - 1), 'f', 1) +
                             QStringLiteral(" ms"));
    QCOMPARE(row->at(5), QStringLiteral("within noise"));
}

void TestReportContent::stepIsFound()
{
    HistoryStore store;
    loadText(store, steppedHistory());
    const ReportDocument doc = buildReport(store, QString(), BuildRange::latest(store, 0));
    const ReportSection* found = section(doc, QStringLiteral("Regressions found"));
    QVERIFY(found);
    const QStringList* step = nullptr;
    for (const QStringList& row : found->table.rows) {
        if (row[2] == QLatin1String("build_time_ms") && row[3] == QLatin1String("step"))
            step = &row;
    }
    QVERIFY2(step, "no build-time step reported");
    // It starts at the 81st build (line 81) and rendering is named as the cause.
    QCOMPARE(step->at(1), QStringLiteral("81"));
    QVERIFY2(step->at(8).contains(QStringLiteral("rendering"), Qt::CaseInsensitive) ||
                 step->at(8).contains(QStringLiteral("Rendering")),
             qPrintable(step->at(8)));
    QVERIFY(step->at(6).startsWith(QLatin1Char('+')));
}

void TestReportContent::htmlEscapesHistoryText()
{
    HistoryStore store;
    loadText(store, steppedHistory("<img src=x onerror=alert(1)>&amp;"));
    const ReportDocument doc = buildReport(store, QStringLiteral("/tmp/<b>site</b>/history.jsonl"),
                                           BuildRange::latest(store, 0));
    const QByteArray html =
        reportHtml(doc, "<?xml version=\"1.0\"?>\n<svg id=\"p\"></svg>", "<svg id=\"m\"></svg>");
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(!html.contains("<img"));
    QVERIFY(!html.contains("<b>site"));
    QVERIFY(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;amp;"));
    QVERIFY(html.contains("&lt;b&gt;site&lt;/b&gt;"));
    QVERIFY(html.contains("<svg id=\"p\"></svg>"));
    QVERIFY(html.contains("<svg id=\"m\"></svg>"));
    QVERIFY(!html.contains("<?xml")); // inlined as an element, not a document
    QVERIFY(!html.contains("<script"));
    QVERIFY(html.contains("Regressions found"));
}

void TestReportContent::markdownEscapesHistoryText()
{
    HistoryStore store;
    loadText(store, steppedHistory("a|b *c* [x](javascript:y)"));
    const ReportDocument doc =
        buildReport(store, QStringLiteral("history.jsonl"), BuildRange::latest(store, 0));
    const QByteArray md = reportMarkdown(doc, QStringLiteral("my report-phases.png"),
                                         QStringLiteral("my report-memory.png"));
    QVERIFY(md.startsWith("# Build performance report"));
    QVERIFY(md.contains("![Phase timings](my%20report-phases.png)"));
    QVERIFY(md.contains("![Memory](my%20report-memory.png)"));
    QVERIFY(md.contains("a\\|b \\*c\\* \\[x\\](javascript:y)"));
    QVERIFY(!md.contains("[x](javascript"));
    // Every table row has as many cells as its header.
    const QList<QByteArray> lines = md.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!lines[i].startsWith("|---") && !lines[i].startsWith("|---:"))
            continue;
        const auto cells = [](const QByteArray& l) {
            return l.count('|') - l.count("\\|");
        };
        const qsizetype expected = cells(lines[i - 1]);
        for (qsizetype j = i + 1; j < lines.size() && lines[j].startsWith('|'); ++j)
            QCOMPARE(cells(lines[j]), expected);
    }
}

void TestReportContent::emptyHistory()
{
    HistoryStore store;
    const ReportDocument doc = buildReport(store, QStringLiteral("empty"), BuildRange{});
    QVERIFY(section(doc, QStringLiteral("Summary")));
    QVERIFY(section(doc, QStringLiteral("Regressions found"))->table.rows.empty());
    QVERIFY(!reportHtml(doc, {}, {}).isEmpty());
    QVERIFY(!reportMarkdown(doc, QString(), QString()).isEmpty());
}

QTEST_GUILESS_MAIN(TestReportContent)
#include "tst_report_content.moc"
