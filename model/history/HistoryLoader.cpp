#include "history/HistoryLoader.h"

#include "history/HistoryFile.h"
#include "history/HistoryReader.h"
#include "history/HistoryStore.h"

#include <QCoreApplication>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bengal {

namespace {
constexpr std::size_t kChunkBytes = 4 * 1024 * 1024;
}

namespace {

// A read buffer that grows without copying or zeroing: every byte is read into before it is
// used (the padding after the data only has to be readable). A vector's growth copied and
// zeroed megabytes per thread and load, a quarter of a load's page faults.
class ReadBuffer
{
public:
    char* atLeast(std::size_t bytes)
    {
        if (bytes > m_size) {
            constexpr std::size_t kStep = 1024 * 1024; // segments differ by a few bytes
            m_size = (bytes + kStep - 1) / kStep * kStep;
            m_data.reset(new char[m_size]);
        }
        return m_data.get();
    }

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
};

// readAvailable with the caller's buffer: a parallel load reads many ranges per thread, and a
// new 4 MiB buffer for each cost as much in page faults as parsing a tenth of them.
ReadOutcome readRange(ByteSource& file, HistoryReader& reader, const BatchCallback& onBatch,
                      const ProgressCallback& onProgress, std::size_t batchBuilds, std::int64_t end,
                      ReadBuffer& buffer)
{
    const std::int64_t total = end >= 0 ? end : file.size();
    if (total < 0)
        return {ReadOutcome::Status::Failed, file.errorString()};
    std::int64_t offset = reader.streamOffset();
    // An append is a few hundred bytes: no 4 MiB buffer (and its page faults) for it.
    const auto chunk = std::size_t(std::clamp<std::int64_t>(total - offset, 0, kChunkBytes));
    char* const bytes = buffer.atLeast(chunk + LineSplitter::kPadding);
    const auto flush = [&] {
        if (reader.pendingBuilds() > 0 || reader.pendingProblems() > 0)
            onBatch(reader.takeBatch());
    };
    if (reader.pendingBuilds() == 0)
        reader.expect(total - offset, batchBuilds);
    while (offset < total) {
        const auto want = std::size_t(std::min<std::int64_t>(kChunkBytes, total - offset));
        const std::int64_t got = file.readAt(offset, bytes, want);
        if (got < 0) {
            flush();
            return {ReadOutcome::Status::Failed, file.errorString()};
        }
        if (got == 0)
            break; // shrank under us; the follower notices the truncation
        reader.feed(bytes, std::size_t(got));
        offset += got;
        if (reader.pendingBuilds() >= batchBuilds || reader.pendingProblems() >= batchBuilds)
            flush();
        if (onProgress && !onProgress(offset, total)) {
            flush();
            return {ReadOutcome::Status::Cancelled, QString()};
        }
    }
    flush();
    return {};
}

} // namespace

ReadOutcome readAvailable(ByteSource& file, HistoryReader& reader, const BatchCallback& onBatch,
                          const ProgressCallback& onProgress, std::size_t batchBuilds,
                          std::int64_t end)
{
    ReadBuffer buffer;
    return readRange(file, reader, onBatch, onProgress, batchBuilds, end, buffer);
}

namespace {

constexpr std::int64_t kParallelFromBytes = 32 * 1024 * 1024;
// Segments are claimed one at a time by whichever thread is free, so both cores stay busy to
// the end; the last one still to be handed out after parsing ends is the only serial part.
constexpr std::int64_t kSegmentBytes = 2 * 1024 * 1024;
constexpr std::int64_t kMaxSegments = 512;
// A segment is one batch (sized up front from its first line), cycled through the pool.
constexpr std::size_t kSegmentBatchBuilds = 1 << 20;

// The first line start at or after `at`, or -1 when no line starts there before `size`.
std::int64_t lineStartFrom(ByteSource& file, std::int64_t at, std::int64_t size,
                           std::vector<char>& probe)
{
    for (; at < size; at += std::int64_t(probe.size())) {
        const std::int64_t got = file.readAt(at, probe.data(), probe.size());
        if (got <= 0)
            return -1;
        for (std::int64_t i = 0; i < got; ++i) {
            if (probe[std::size_t(i)] == '\n')
                return at + i + 1 < size ? at + i + 1 : -1;
        }
    }
    return -1;
}

// Line starts cutting [from, size) into segments; the first is `from`.
std::vector<std::int64_t> segmentStarts(ByteSource& file, std::int64_t from, std::int64_t size)
{
    const std::int64_t step = std::max(kSegmentBytes, (size - from) / kMaxSegments);
    std::vector<char> probe(8 * 1024);
    std::vector<std::int64_t> starts{from};
    for (std::int64_t at = from + step; at < size; at += step) {
        const std::int64_t start =
            lineStartFrom(file, std::max(at, starts.back() + 1), size, probe);
        if (start < 0)
            break;
        starts.push_back(start);
    }
    return starts;
}

void renumber(BuildBatch& batch, std::int64_t linesBefore)
{
    for (auto& line : batch.line)
        line += linesBefore;
    for (auto& problem : batch.problems)
        problem.line += linesBefore;
}

// What one thread read of one segment, kept until the segments before it are handed out.
struct SegmentResult
{
    std::vector<BuildBatch> batches;
    ReadOutcome outcome;
    std::int64_t lines = 0;
    std::int64_t listedWarnings = 0; // by this segment's reader, before the hand-out's caps
    std::int64_t listedRejections = 0;
    bool done = false;
};

class SegmentedRead
{
public:
    SegmentedRead(ByteSource& file, std::unique_ptr<ByteSource> second, HistoryReader& reader,
                  std::vector<std::int64_t> starts, std::int64_t size, const BatchCallback& onBatch,
                  const ProgressCallback& onProgress)
        : m_file(file), m_second(std::move(second)), m_reader(reader), m_starts(std::move(starts)),
          m_size(size), m_onBatch(onBatch), m_onProgress(onProgress), m_results(m_starts.size())
    {}

    ReadOutcome run()
    {
        const std::size_t last = m_starts.size() - 1;
        std::thread consumer([this] { consume(); });
        // This thread's reader must end where a sequential read would, holding a last line
        // without newline: it reads the last segment, then helps with the others.
        m_reader.restart(m_starts[last]);
        ReadBuffer buffer;
        readSegment(m_file, m_reader, buffer, last, /*reportProgress=*/true);
        HistoryReader helper;
        helper.setPool(m_reader.pool());
        for (std::size_t k; (k = m_nextToClaim.fetch_add(1)) < last;)
            readSegment(m_file, helper, buffer, k, true);
        consumer.join();
        // A failure explains a cancellation of the other segments, not the other way round.
        for (const auto status : {ReadOutcome::Status::Failed, ReadOutcome::Status::Cancelled}) {
            for (const SegmentResult& result : m_results) {
                if (result.outcome.status == status)
                    return result.outcome;
            }
        }
        m_reader.addLinesBefore(m_linesBeforeLast);
        m_reader.addListedBefore(m_warningsListedBeforeLast, m_rejectionsListedBeforeLast);
        return {};
    }

private:
    void readSegment(ByteSource& file, HistoryReader& reader, ReadBuffer& buffer, std::size_t k,
                     bool reportProgress)
    {
        const std::size_t last = m_starts.size() - 1;
        std::int64_t warningsBefore = 0;
        std::int64_t rejectionsBefore = 0;
        if (k != last) {
            reader.restart(m_starts[k]);
            // What the finished segments before this one listed already counts against the
            // listing caps here: a file of a million bad lines then lists (and words) ten
            // thousand of them in all, not ten thousand per segment. Segments before it still
            // being read list more, which the hand-out trims as a sequential read would.
            std::lock_guard lock(m_mutex);
            for (std::size_t j = 0; j < k; ++j) {
                if (m_results[j].done) {
                    warningsBefore += m_results[j].listedWarnings;
                    rejectionsBefore += m_results[j].listedRejections;
                }
            }
            warningsBefore = std::min(warningsBefore, HistoryReader::kMaxListedWarnings);
            rejectionsBefore = std::min(rejectionsBefore, HistoryReader::kMaxListedRejections);
            reader.addListedBefore(warningsBefore, rejectionsBefore);
        }
        SegmentResult result;
        std::int64_t counted = m_starts[k];
        result.outcome = readRange(
            file, reader,
            [&result](BuildBatch&& batch) { result.batches.push_back(std::move(batch)); },
            [&](std::int64_t done, std::int64_t) {
                m_bytesDone.fetch_add(done - counted);
                counted = done;
                if (m_cancelled.load())
                    return false;
                if (reportProgress && m_onProgress && !m_onProgress(m_bytesDone.load(), m_size)) {
                    m_cancelled.store(true);
                    return false;
                }
                return true;
            },
            kSegmentBatchBuilds, k == last ? -1 : m_starts[k + 1], buffer);
        if (result.outcome.status != ReadOutcome::Status::Ok)
            m_cancelled.store(true);
        // The last segment's lines continue in `m_reader`: its batches so far are handed out
        // here, the rest (a last line completed later) by the caller as usual.
        result.lines = k == last ? 0 : reader.linesCompleted();
        result.listedWarnings = reader.listedWarnings() - warningsBefore;
        result.listedRejections = reader.listedRejections() - rejectionsBefore;
        {
            std::lock_guard lock(m_mutex);
            m_results[k] = std::move(result);
            m_results[k].done = true;
        }
        m_segmentDone.notify_one();
    }

    // Claims segments while there are any, handing out every finished one in order between
    // them; then hands out the rest as they finish. The only thread that calls onBatch.
    void consume()
    {
        HistoryReader reader;
        reader.setPool(m_reader.pool());
        const std::size_t last = m_starts.size() - 1;
        std::size_t next = 0;
        std::int64_t linesBefore = 0;
        const auto handOutReady = [&](bool wait) {
            while (next < m_results.size()) {
                std::unique_lock lock(m_mutex);
                if (wait)
                    m_segmentDone.wait(lock, [&] { return m_results[next].done; });
                else if (!m_results[next].done)
                    return;
                SegmentResult result = std::move(m_results[next]);
                m_results[next].outcome = result.outcome; // run() reads the outcomes
                lock.unlock();
                if (m_cancelled.load()) {
                    ++next;
                    continue; // drained, never handed out
                }
                if (next == last) {
                    m_linesBeforeLast = linesBefore;
                    m_warningsListedBeforeLast =
                        HistoryReader::kMaxListedWarnings - m_warningBudget;
                    m_rejectionsListedBeforeLast =
                        HistoryReader::kMaxListedRejections - m_rejectionBudget;
                }
                for (BuildBatch& batch : result.batches) {
                    renumber(batch, linesBefore);
                    HistoryReader::unlistBeyond(batch, m_warningBudget, m_rejectionBudget);
                    m_onBatch(std::move(batch));
                }
                linesBefore += result.lines;
                ++next;
            }
        };
        ReadBuffer buffer;
        for (std::size_t k; (k = m_nextToClaim.fetch_add(1)) < last;) {
            readSegment(*m_second, reader, buffer, k, false);
            handOutReady(false);
        }
        handOutReady(true);
    }

    ByteSource& m_file;
    std::unique_ptr<ByteSource> m_second;
    HistoryReader& m_reader;
    const std::vector<std::int64_t> m_starts;
    const std::int64_t m_size;
    const BatchCallback& m_onBatch;
    const ProgressCallback& m_onProgress;

    std::mutex m_mutex;
    std::condition_variable m_segmentDone;
    std::vector<SegmentResult> m_results; // by segment, guarded by m_mutex until done
    std::atomic<std::size_t> m_nextToClaim{0};
    std::atomic<std::int64_t> m_bytesDone{0};
    std::atomic<bool> m_cancelled{false};
    // Consumer thread only (read by run() after the join).
    std::int64_t m_warningBudget = HistoryReader::kMaxListedWarnings;
    std::int64_t m_rejectionBudget = HistoryReader::kMaxListedRejections;
    std::int64_t m_linesBeforeLast = 0;
    std::int64_t m_warningsListedBeforeLast = 0;
    std::int64_t m_rejectionsListedBeforeLast = 0;
};

} // namespace

ReadOutcome readAvailableParallel(ByteSource& file, HistoryReader& reader,
                                  const BatchCallback& onBatch, const ProgressCallback& onProgress)
{
    const std::int64_t size = file.size();
    const bool eligible = reader.streamOffset() == 0 && size >= kParallelFromBytes &&
                          std::thread::hardware_concurrency() > 1;
    std::vector<std::int64_t> starts =
        eligible ? segmentStarts(file, 0, size) : std::vector<std::int64_t>{};
    std::unique_ptr<ByteSource> second = starts.size() > 1 ? file.openAnother() : nullptr;
    if (!second)
        return readAvailable(file, reader, onBatch, onProgress);
    return SegmentedRead(file, std::move(second), reader, std::move(starts), size, onBatch,
                         onProgress)
        .run();
}

ReadOutcome loadHistoryInto(const QString& filePath, HistoryStore& store,
                            const ProgressCallback& onProgress)
{
    HistoryFile file;
    if (!file.open(filePath))
        return {ReadOutcome::Status::Failed, file.errorString()};
    HistoryReader reader;
    auto pool = std::make_shared<BatchPool>();
    reader.setPool(pool);
    // Reserving avoids growth copies on big files: first a guess (real lines are 400 to 700
    // bytes), then from the first batch's own bytes per build, since lines of one history
    // are alike.
    const std::int64_t size = file.size();
    if (size > 0)
        store.reserve(qsizetype(size / 700 + 16));
    bool estimated = false;
    const auto append = [&](BuildBatch&& batch) {
        if (!estimated && batch.size() >= 64) {
            estimated = true;
            const std::int64_t span = batch.offset.back() - batch.offset.front();
            const double bytesPerBuild = double(span) / double(batch.size() - 1);
            if (bytesPerBuild > 0)
                store.reserve(qsizetype(double(size) / bytesPerBuild * 1.02) + 16);
        }
        store.append(batch);
        pool->giveBack(std::move(batch));
    };
    ReadOutcome outcome = readAvailableParallel(file, reader, append, onProgress);
    if (outcome.status == ReadOutcome::Status::Ok) {
        reader.finish();
        store.append(reader.takeBatch());
    }
    // The pooled batches are scratch: freed before the store gives unused heap back.
    reader.setPool(nullptr);
    pool.reset();
    store.squeeze();
    return outcome;
}

} // namespace bengal
