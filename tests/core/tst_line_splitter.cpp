#include "parse/LineSplitter.h"

#include <QTest>
#include <string>
#include <vector>

using namespace bengal;

namespace {

struct Collected : LineSink
{
    struct Line
    {
        std::string text;
        std::int64_t number, offset;
        bool complete;
    };
    std::vector<Line> lines;
    std::vector<std::pair<std::int64_t, std::int64_t>> longOnes; // number, length
    void line(std::string_view text, std::int64_t number, std::int64_t offset,
              bool complete) override
    {
        lines.push_back({std::string(text), number, offset, complete});
    }
    void tooLong(std::int64_t number, std::int64_t, std::int64_t length) override
    {
        longOnes.emplace_back(number, length);
    }
};

void feed(LineSplitter& splitter, const std::string& bytes, LineSink& sink)
{
    std::vector<char> padded(bytes.begin(), bytes.end());
    padded.resize(bytes.size() + LineSplitter::kPadding);
    splitter.feed(padded.data(), bytes.size(), sink);
}

} // namespace

class TestLineSplitter : public QObject
{
    Q_OBJECT
private slots:
    void holdsHalfLineUntilNewline()
    {
        LineSplitter splitter(100);
        Collected sink;
        feed(splitter, "{\"a\":1}\n{\"b\"", sink);
        QCOMPARE(sink.lines.size(), size_t(1));
        QVERIFY(splitter.holdsPartialLine());
        QCOMPARE(splitter.completeOffset(), 8);
        feed(splitter, ":2}", sink);
        QCOMPARE(sink.lines.size(), size_t(1)); // still incomplete: never reported meanwhile
        feed(splitter, "\n", sink);
        QCOMPARE(sink.lines.size(), size_t(2));
        QCOMPARE(sink.lines[1].text, std::string("{\"b\":2}"));
        QCOMPARE(sink.lines[1].number, 2);
        QCOMPARE(sink.lines[1].offset, 8);
        QVERIFY(sink.lines[1].complete);
        QVERIFY(!splitter.holdsPartialLine());
        QCOMPARE(splitter.completeOffset(), 16);
    }

    void finishHandsOutTheLastLineAsIncomplete()
    {
        LineSplitter splitter(100);
        Collected sink;
        feed(splitter, "x\ny", sink);
        splitter.finish(sink);
        QCOMPARE(sink.lines.size(), size_t(2));
        QVERIFY(!sink.lines[1].complete);
    }

    void countsBlankLinesButSkipsThem()
    {
        LineSplitter splitter(100);
        Collected sink;
        feed(splitter, "\n \t\r\n\r\na\n", sink);
        QCOMPARE(sink.lines.size(), size_t(1));
        QCOMPARE(sink.lines[0].number, 4);
        QCOMPARE(splitter.linesCompleted(), 4);
    }

    void overlongLineIsCountedNotHeld()
    {
        LineSplitter splitter(16);
        Collected sink;
        for (int i = 0; i < 100; ++i)
            feed(splitter, std::string(1000, 'z'), sink);
        QVERIFY(splitter.holdsPartialLine());
        feed(splitter, "\nok\n", sink);
        QCOMPARE(sink.longOnes.size(), size_t(1));
        QCOMPARE(sink.longOnes[0].first, 1);
        QCOMPARE(sink.longOnes[0].second, 100000);
        QCOMPARE(sink.lines.size(), size_t(1));
        QCOMPARE(sink.lines[0].number, 2);
    }

    void limitAllowsExactlyMaxBytesPlusCr()
    {
        LineSplitter splitter(4);
        Collected sink;
        feed(splitter, "abcd\r\nabcde\n", sink);
        QCOMPARE(sink.lines.size(), size_t(1));
        QCOMPARE(sink.lines[0].text, std::string("abcd"));
        QCOMPARE(sink.longOnes.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestLineSplitter)
#include "tst_line_splitter.moc"
