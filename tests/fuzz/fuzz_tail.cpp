// libFuzzer target: the follower's decisions (TailTracker) under random interleavings of
// appends (whole records, byte-sized partial writes, garbage), truncations, in-place rewrites,
// replacements (new inode) and failing reads, with a look at the file between any of them.
//
// Invariant after every look that could read: the builds and problems handed out since the last
// restart are exactly those of the file's complete lines (a fresh one-piece read of them): no
// build lost, none handed out twice, and a half-written line never handed out. A restart happens
// when the bytes already read changed in a way the tracker can see (shrink, or a change within
// the last TailTracker::kTailBytes before the read position), and never when they are intact.
// A rewrite it cannot see (same size or larger, identical last bytes) is the documented limit:
// the harness then reloads, as a user would.
#include "FuzzSupport.h"
#include "history/ByteSource.h"
#include "history/HistoryReader.h"
#include "history/TailTracker.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <string>

using namespace bengal;

namespace {

// The followed file, in memory. Reads can be made to fail, as on an I/O error or a revoked
// permission.
class MemoryFile final : public ByteSource
{
public:
    std::string bytes;
    int readsBeforeFailure = -1; // < 0: reads never fail

    std::int64_t size() override { return std::int64_t(bytes.size()); }
    std::int64_t readAt(std::int64_t offset, char* buffer, std::size_t size) override
    {
        if (readsBeforeFailure == 0)
            return -1;
        if (readsBeforeFailure > 0)
            --readsBeforeFailure;
        if (offset < 0 || offset >= std::int64_t(bytes.size()))
            return 0;
        const std::size_t n = std::min(size, bytes.size() - std::size_t(offset));
        std::copy_n(bytes.data() + offset, n, buffer);
        return std::int64_t(n);
    }
    QString errorString() const override { return QStringLiteral("memory: read failed"); }
    std::unique_ptr<ByteSource> openAnother() const override { return nullptr; }
};

// Builds as Bengal writes them, each with its own timestamp, as one endless byte stream: an
// append takes the next bytes, so a record may arrive in several pieces.
class RecordStream
{
public:
    std::string take(std::size_t n)
    {
        while (m_pending.size() < n) {
            ++m_count;
            m_pending += "{\"timestamp\": \"2026-01-01T00:" + two(m_count / 60 % 60) + ":" +
                         two(m_count % 60) + "." + std::to_string(m_count) +
                         "\", \"build_time_ms\": " + std::to_string(m_count * 7 % 1000) +
                         ", \"phase_timings_ms\": {\"rendering\": " + std::to_string(m_count) +
                         "}, \"platform\": \"linux\"}\n";
        }
        std::string out = m_pending.substr(0, n);
        m_pending.erase(0, n);
        return out;
    }

private:
    static std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
    std::string m_pending;
    int m_count = 0;
};

BuildBatch referenceOf(const std::string& bytes)
{
    const std::size_t end = bytes.rfind('\n');
    HistoryReader reader;
    if (end != std::string::npos) {
        std::string padded = bytes.substr(0, end + 1);
        const std::size_t size = padded.size();
        padded.resize(size + LineSplitter::kPadding, '\x7f');
        reader.feed(padded.data(), size);
    }
    return reader.takeBatch();
}

class Harness
{
public:
    // A look at the file; with `failAfter` >= 0, reads fail after that many succeeded.
    void look(int failAfter)
    {
        const std::int64_t before = m_tracker.streamOffset();
        const std::string& now = m_file.bytes;
        const bool intact =
            std::int64_t(now.size()) >= before &&
            now.compare(0, std::size_t(before), m_seen, 0, std::size_t(before)) == 0;
        const std::size_t window =
            std::min<std::size_t>(TailTracker::kTailBytes, std::size_t(before));
        const bool visible = std::int64_t(now.size()) < before ||
                             now.compare(std::size_t(before) - window, window, m_seen,
                                         std::size_t(before) - window, window) != 0;
        if (!intact && !visible) {
            // The documented blind spot: the user reloads.
            m_tracker.restart();
            m_delivered = BuildBatch{};
        }
        bool restarted = false;
        m_file.readsBeforeFailure = failAfter;
        const ReadOutcome outcome = m_tracker.update(
            m_file, [this](BuildBatch&& batch) { fuzz::concat(m_delivered, batch); },
            [&] {
                restarted = true;
                m_delivered = BuildBatch{};
            });
        const bool failed = failAfter >= 0 && m_file.readsBeforeFailure == 0;
        m_file.readsBeforeFailure = -1;
        m_seen = m_file.bytes; // what the tracker read is a prefix of it
        if (failed) {
            // A read error is never taken for a truncation.
            if (m_trusted && std::int64_t(now.size()) >= before && visible == false)
                FUZZ_CHECK(!restarted, "a read error restarted an intact file");
            m_trusted = false;
            return;
        }
        FUZZ_CHECK(outcome.status == ReadOutcome::Status::Ok, "read failed: %s",
                   qPrintable(outcome.error));
        if (intact && m_trusted)
            FUZZ_CHECK(!restarted, "restarted although the %lld bytes read are intact",
                       (long long)before);
        if (!intact && visible)
            FUZZ_CHECK(restarted, "a visible rewrite (size %zu, read %lld) went unnoticed",
                       now.size(), (long long)before);
        FUZZ_CHECK(m_tracker.streamOffset() == std::int64_t(m_file.bytes.size()),
                   "read to %lld of %zu bytes", (long long)m_tracker.streamOffset(),
                   m_file.bytes.size());
        check();
        m_trusted = true;
    }

    void replace(std::string bytes)
    {
        // A new inode: the follower reopens, starts over and reads it all.
        m_file.bytes = std::move(bytes);
        m_tracker.restart();
        m_delivered = BuildBatch{};
        const ReadOutcome outcome = m_tracker.readNew(
            m_file, [this](BuildBatch&& batch) { fuzz::concat(m_delivered, batch); });
        FUZZ_CHECK(outcome.status == ReadOutcome::Status::Ok, "read of a replacement failed");
        check();
        m_seen = m_file.bytes;
        m_trusted = true;
    }

    MemoryFile& file() { return m_file; }

private:
    void check()
    {
        const BuildBatch expected = referenceOf(m_file.bytes);
        const std::string diff = fuzz::difference(m_delivered, expected, false);
        FUZZ_CHECK(diff.empty(),
                   "handed out %zu builds, %zu problems; the file's complete lines "
                   "have %zu builds, %zu problems; first difference: %s",
                   m_delivered.size(), m_delivered.problems.size(), expected.size(),
                   expected.problems.size(), diff.c_str());
    }

    MemoryFile m_file;
    TailTracker m_tracker;
    BuildBatch m_delivered; // since the last restart, as the store has them
    std::string m_seen;     // the file as of the last successful look
    bool m_trusted = true;  // the last look read without failure
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider input(data, size);
    Harness harness;
    RecordStream records;
    // Every look re-reads the whole file for the reference: small files and at most 100 steps
    // keep an input to milliseconds (the interleavings, not the sizes, are what is explored).
    constexpr std::size_t kMaxFile = 12 * 1024;
    for (int step = 0; step < 100 && input.remaining_bytes() > 0; ++step) {
        std::string& bytes = harness.file().bytes;
        if (bytes.size() > kMaxFile)
            bytes.resize(input.ConsumeIntegralInRange<std::size_t>(0, kMaxFile));
        switch (input.ConsumeIntegralInRange<int>(0, 9)) {
        case 0: // raw bytes: garbage, half lines, newlines
            bytes += input.ConsumeBytesAsString(input.ConsumeIntegralInRange<std::size_t>(0, 64));
            break;
        case 1:
        case 2: // the next piece of well-formed records, often cut mid-line
            bytes += records.take(input.ConsumeIntegralInRange<std::size_t>(1, 300));
            break;
        case 3: // truncation
            bytes.resize(input.ConsumeIntegralInRange<std::size_t>(0, bytes.size()));
            break;
        case 4: { // a rewrite in place (editor, a tool that rewrites the file)
            if (bytes.empty())
                break;
            const std::size_t at = input.ConsumeIntegralInRange<std::size_t>(0, bytes.size() - 1);
            const std::string patch =
                input.ConsumeBytesAsString(input.ConsumeIntegralInRange<std::size_t>(1, 16));
            bytes.replace(at, std::min(patch.size(), bytes.size() - at), patch);
            break;
        }
        case 5: // replacement by a new file (atomic rename, rotation)
            harness.replace(records.take(input.ConsumeIntegralInRange<std::size_t>(0, 600)));
            break;
        case 6: // a look whose reads fail after a few succeeded (I/O error, permission revoked)
            harness.look(input.ConsumeIntegralInRange<int>(0, 3));
            break;
        default: // a look (watcher or poll)
            harness.look(-1);
            break;
        }
    }
    harness.look(-1);
    return 0;
}
