// libFuzzer target: the bytes of a history file -> numbered lines -> builds and problems.
//
// 1. LineSplitter, fed in random chunks with a small line limit, must hand out exactly the lines
//    a naive reference splitter finds (numbers, offsets, text, too-long lines).
// 2. HistoryReader (splitter + RecordParser) fed in random chunks must produce exactly what it
//    produces from one piece, and every non-blank line must become exactly one build or one
//    rejection, with consistent indices.
#include "FuzzSupport.h"
#include "core/Hash64.h"
#include "history/HistoryReader.h"
#include "parse/LineSplitter.h"
#include "parse/RecordParser.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

using namespace bengal;
using bengal::fuzz::SplitMix;

namespace {

struct Event
{
    bool tooLong = false;
    std::int64_t number = 0;
    std::int64_t offset = 0;
    std::int64_t length = 0; // too long: the raw length
    std::string text;        // a line: its trimmed text
    bool complete = true;
    bool operator==(const Event&) const = default;
};

class Recorder final : public LineSink
{
public:
    std::vector<Event> events;
    void line(std::string_view text, std::int64_t number, std::int64_t offset,
              bool complete) override
    {
        events.push_back({false, number, offset, 0, std::string(text), complete});
    }
    void tooLong(std::int64_t number, std::int64_t offset, std::int64_t length) override
    {
        events.push_back({true, number, offset, length, {}, true});
    }
};

bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

// What the documented line rules say, computed the simplest way.
std::vector<Event> referenceLines(std::string_view data, std::size_t maxLine, bool finish)
{
    std::vector<Event> out;
    std::int64_t number = 1;
    std::size_t start = 0;
    const auto segment = [&](std::size_t end, bool complete) {
        std::string_view raw = data.substr(start, end - start);
        const std::size_t limit = maxLine + (!raw.empty() && raw.back() == '\r' ? 1 : 0);
        if (raw.size() > limit) {
            out.push_back({true, number, std::int64_t(start), std::int64_t(raw.size()), {}, true});
            return;
        }
        std::int64_t offset = std::int64_t(start);
        if (start == 0 && raw.starts_with("\xEF\xBB\xBF")) {
            raw.remove_prefix(3);
            offset += 3;
        }
        while (!raw.empty() && blank(raw.back()))
            raw.remove_suffix(1);
        if (raw.empty())
            return;
        out.push_back({false, number, offset, 0, std::string(raw), complete});
    };
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] == '\n') {
            segment(i, true);
            ++number;
            start = i + 1;
        }
    }
    if (finish && start < data.size())
        segment(data.size(), false);
    return out;
}

// Feeds `data` in random chunks, each copied to a buffer with the padding readers rely on (so
// a read past it is an ASan finding, not luck).
template <typename Feed>
void feedInChunks(std::string_view data, SplitMix& random, std::size_t maxChunk, Feed&& feed)
{
    std::vector<char> buffer;
    std::size_t pos = 0;
    while (pos < data.size()) {
        const std::size_t n = std::min(data.size() - pos, 1 + random.below(maxChunk));
        buffer.assign(n + LineSplitter::kPadding, '\x7f');
        std::copy_n(data.data() + pos, n, buffer.data());
        feed(buffer.data(), n);
        pos += n;
    }
}

void checkSplitter(std::string_view data, SplitMix& random)
{
    const std::size_t maxLine = 1 + random.below(96);
    const bool finish = random.below(2) == 0;
    LineSplitter splitter(maxLine);
    Recorder recorder;
    feedInChunks(data, random, 1 + random.below(64),
                 [&](const char* chunk, std::size_t n) { splitter.feed(chunk, n, recorder); });
    if (finish)
        splitter.finish(recorder);
    const std::vector<Event> expected = referenceLines(data, maxLine, finish);
    FUZZ_CHECK(recorder.events.size() == expected.size(), "%zu events, expected %zu",
               recorder.events.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Event& got = recorder.events[i];
        const Event& want = expected[i];
        FUZZ_CHECK(got == want,
                   "event %zu: got %s line %lld at %lld (len %lld), expected %s line %lld at %lld "
                   "(len %lld)",
                   i, got.tooLong ? "too-long" : "line", (long long)got.number,
                   (long long)got.offset, (long long)got.length, want.tooLong ? "too-long" : "line",
                   (long long)want.number, (long long)want.offset, (long long)want.length);
    }
    std::int64_t newlines = 0;
    for (char c : data)
        newlines += c == '\n' ? 1 : 0;
    FUZZ_CHECK(splitter.linesCompleted() == newlines, "%lld lines completed, %lld newlines",
               (long long)splitter.linesCompleted(), (long long)newlines);
    FUZZ_CHECK(splitter.streamOffset() == std::int64_t(data.size()), "stream offset");
}

BuildBatch readWhole(std::string_view data, SplitMix& random, std::size_t maxChunk)
{
    HistoryReader reader;
    BuildBatch all;
    feedInChunks(data, random, maxChunk, [&](const char* chunk, std::size_t n) {
        reader.feed(chunk, n);
        if (random.below(4) == 0) // batches may be taken at any point
            fuzz::concat(all, reader.takeBatch());
    });
    reader.finish();
    fuzz::concat(all, reader.takeBatch());
    return all;
}

void checkReader(std::string_view data, SplitMix& random)
{
    SplitMix oneShot(0);
    const BuildBatch whole = readWhole(data, oneShot, data.size() + 1);
    const BuildBatch chunked = readWhole(data, random, 1 + random.below(128));
    const std::string diff = fuzz::difference(whole, chunked);
    FUZZ_CHECK(diff.empty(), "chunked read differs from a one-piece read in %s", diff.c_str());

    // Every non-blank line is one build or one rejection; nothing else is.
    const std::vector<Event> lines = referenceLines(data, RecordParser::kMaxLineBytes, true);
    std::map<std::int64_t, int> outcomes;
    for (std::int64_t line : whole.line)
        ++outcomes[line];
    for (const Problem& p : whole.problems) {
        if (p.kind == Problem::Kind::Rejected)
            ++outcomes[p.line];
    }
    if (whole.unlistedRejected > 0) { // past the listing bound: only the count is known
        FUZZ_CHECK(outcomes.size() + std::size_t(whole.unlistedRejected) == lines.size(),
                   "%zu listed + %lld unlisted outcomes, %zu lines", outcomes.size(),
                   (long long)whole.unlistedRejected, lines.size());
        return;
    }
    FUZZ_CHECK(outcomes.size() == lines.size(), "%zu lines with an outcome, %zu lines",
               outcomes.size(), lines.size());
    std::size_t build = 0;
    for (const Event& line : lines) {
        FUZZ_CHECK(outcomes[line.number] == 1, "line %lld has %d outcomes", (long long)line.number,
                   outcomes[line.number]);
        if (build < whole.size() && whole.line[build] == line.number) {
            FUZZ_CHECK(whole.offset[build] == line.offset, "build offset");
            FUZZ_CHECK(whole.hash[build] == hashLine(line.text), "build hash");
            ++build;
        }
    }
    FUZZ_CHECK(build == whole.size(), "builds out of line order");

    // Indices stay inside their tables.
    for (std::size_t i = 0; i < whole.size(); ++i) {
        FUZZ_CHECK(whole.valueBegin[i] <= whole.value.size(), "value range");
        FUZZ_CHECK(i == 0 || whole.valueBegin[i - 1] <= whole.valueBegin[i], "value order");
        FUZZ_CHECK(whole.warningBegin[i] <= whole.problems.size(), "warning range");
    }
    for (std::uint32_t name : whole.valueName)
        FUZZ_CHECK(name < std::uint32_t(whole.names.size()), "value name id %u", name);
    for (std::uint16_t id : whole.env)
        FUZZ_CHECK(id == kNoString || id < whole.strings.size(), "environment id %u", id);
    for (const Problem& p : whole.problems) {
        FUZZ_CHECK(!p.reason.isEmpty(), "a problem without a reason (line %lld)",
                   (long long)p.line);
        FUZZ_CHECK(p.offset >= 0 && p.offset <= std::int64_t(data.size()), "problem offset");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    SplitMix random(fuzz::fnv1a(data, size));
    checkSplitter(bytes, random);
    checkReader(bytes, random);
    return 0;
}
