#include "history/HistoryLoader.h"

#include "history/HistoryFile.h"
#include "history/HistoryReader.h"
#include "history/HistoryStore.h"

#include <QCoreApplication>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace bengal {

namespace {
constexpr std::size_t kChunkBytes = 4 * 1024 * 1024;
}

ReadOutcome readAvailable(ByteSource& file, HistoryReader& reader, const BatchCallback& onBatch,
                          const ProgressCallback& onProgress, std::size_t batchBuilds,
                          std::int64_t end)
{
    const std::int64_t total = end >= 0 ? end : file.size();
    if (total < 0)
        return {ReadOutcome::Status::Failed, file.errorString()};
    std::int64_t offset = reader.streamOffset();
    // An append is a few hundred bytes: no 4 MiB buffer (and its page faults) for it.
    const auto chunk = std::size_t(std::clamp<std::int64_t>(total - offset, 0, kChunkBytes));
    std::vector<char> buffer(chunk + LineSplitter::kPadding);
    const auto flush = [&] {
        if (reader.pendingBuilds() > 0 || reader.pendingProblems() > 0)
            onBatch(reader.takeBatch());
    };
    if (reader.pendingBuilds() == 0)
        reader.expect(total - offset, batchBuilds);
    while (offset < total) {
        const auto want = std::size_t(std::min<std::int64_t>(kChunkBytes, total - offset));
        const std::int64_t got = file.readAt(offset, buffer.data(), want);
        if (got < 0) {
            flush();
            return {ReadOutcome::Status::Failed, file.errorString()};
        }
        if (got == 0)
            break; // shrank under us; the follower notices the truncation
        reader.feed(buffer.data(), std::size_t(got));
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

namespace {

constexpr std::int64_t kParallelFromBytes = 32 * 1024 * 1024;

// The first line start at or after two fifths of the file, or -1. Not the middle: the first
// thread also hands out every batch (the consumer's work), so it gets the smaller part.
std::int64_t splitLineStart(ByteSource& file, std::int64_t size)
{
    std::vector<char> probe(64 * 1024);
    for (std::int64_t at = size / 5 * 2; at < size; at += std::int64_t(probe.size())) {
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

// Batches handed from one thread to another, in order; pop() waits, and returns nothing once
// the queue is closed and empty.
class BatchQueue
{
public:
    void push(BuildBatch&& batch)
    {
        {
            std::lock_guard lock(m_mutex);
            m_batches.push_back(std::move(batch));
        }
        m_ready.notify_one();
    }
    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_one();
    }
    std::optional<BuildBatch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_closed || !m_batches.empty(); });
        if (m_batches.empty())
            return std::nullopt;
        BuildBatch batch = std::move(m_batches.front());
        m_batches.pop_front();
        return batch;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<BuildBatch> m_batches;
    bool m_closed = false;
};

void renumber(BuildBatch& batch, std::int64_t linesBefore)
{
    for (auto& line : batch.line)
        line += linesBefore;
    for (auto& problem : batch.problems)
        problem.line += linesBefore;
}

} // namespace

ReadOutcome readAvailableParallel(ByteSource& file, HistoryReader& reader,
                                  const BatchCallback& onBatch, const ProgressCallback& onProgress)
{
    const std::int64_t size = file.size();
    const std::int64_t boundary = reader.streamOffset() == 0 && size >= kParallelFromBytes &&
                                          std::thread::hardware_concurrency() > 1
                                      ? splitLineStart(file, size)
                                      : -1;
    std::unique_ptr<ByteSource> own = boundary >= 0 ? file.openAnother() : nullptr;
    if (!own)
        return readAvailable(file, reader, onBatch, onProgress);

    std::atomic<std::int64_t> firstHalfDone{0};
    std::atomic<bool> cancelled{false};
    // The second half's batches wait here until the first half is handed out; the first
    // thread then hands them out too, so the consumer's work overlaps the parsing.
    BatchQueue secondHalf;
    ReadOutcome firstOutcome;
    std::int64_t firstLines = 0;
    std::int64_t firstListedWarnings = 0;
    std::int64_t firstListedRejections = 0;
    std::thread first([&] {
        HistoryReader head;
        firstOutcome = readAvailable(
            *own, head, onBatch,
            [&](std::int64_t done, std::int64_t) {
                firstHalfDone.store(done);
                return !cancelled.load();
            },
            65536, boundary);
        if (firstOutcome.status != ReadOutcome::Status::Ok) {
            cancelled.store(true);
            return;
        }
        firstLines = head.linesCompleted();
        firstListedWarnings = head.listedWarnings();
        firstListedRejections = head.listedRejections();
        std::int64_t warnings =
            std::max<std::int64_t>(0, HistoryReader::kMaxListedWarnings - firstListedWarnings);
        std::int64_t rejections =
            std::max<std::int64_t>(0, HistoryReader::kMaxListedRejections - firstListedRejections);
        while (std::optional<BuildBatch> batch = secondHalf.pop()) {
            renumber(*batch, firstLines);
            HistoryReader::unlistBeyond(*batch, warnings, rejections);
            onBatch(std::move(*batch));
        }
    });

    reader.restart(boundary);
    const ReadOutcome secondOutcome = readAvailable(
        file, reader, [&secondHalf](BuildBatch&& batch) { secondHalf.push(std::move(batch)); },
        [&](std::int64_t done, std::int64_t total) {
            const bool go =
                !cancelled.load() &&
                (!onProgress || onProgress(firstHalfDone.load() + done - boundary, total));
            if (!go)
                cancelled.store(true);
            return go;
        });
    secondHalf.close();
    first.join();
    if (firstOutcome.status != ReadOutcome::Status::Ok)
        return firstOutcome;
    reader.addLinesBefore(firstLines);
    reader.addListedBefore(firstListedWarnings, firstListedRejections);
    return secondOutcome;
}

ReadOutcome loadHistoryInto(const QString& filePath, HistoryStore& store,
                            const ProgressCallback& onProgress)
{
    HistoryFile file;
    if (!file.open(filePath))
        return {ReadOutcome::Status::Failed, file.errorString()};
    HistoryReader reader;
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
    };
    ReadOutcome outcome = readAvailableParallel(file, reader, append, onProgress);
    if (outcome.status == ReadOutcome::Status::Ok) {
        reader.finish();
        store.append(reader.takeBatch());
    }
    store.squeeze();
    return outcome;
}

} // namespace bengal
