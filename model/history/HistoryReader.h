#pragma once

#include "core/BuildBatch.h"
#include "history/BatchPool.h"
#include "parse/LineSplitter.h"
#include "parse/RecordParser.h"

#include <memory>

namespace bengal {

// Bytes of one history file in, batches of builds and problems out. Knows nothing of files or
// threads: the loader and the follower feed it.
class HistoryReader final : private LineSink
{
public:
    // Rejected lines listed with their reason per read from the start; the rest are counted
    // (BuildBatch::unlistedRejected), so a file of garbage costs no memory per line.
    static constexpr std::int64_t kMaxListedRejections = 10000;
    // The same for warnings: their messages cost as much as a build's parse.
    static constexpr std::int64_t kMaxListedWarnings = 10000;

    HistoryReader();

    // Starts over at offset 0 of a (new) file, or at a line start `offset` (lines then count
    // from 1 and the caller renumbers; see HistoryLoader's parallel read).
    void restart(std::int64_t offset = 0);
    // `data` continues the file; LineSplitter::kPadding readable bytes must follow data+size.
    void feed(const char* data, std::size_t size);
    // End of a one-shot read: the last line without newline is read as well.
    void finish();

    // Builds and problems found since the last take, with the parser's name tables.
    BuildBatch takeBatch();
    // Where the next batch's buffers come from: a consumer that gives its appended batches
    // back to `pool` spares their page faults. Readers of one load may share a pool.
    void setPool(std::shared_ptr<BatchPool> pool) { m_pool = std::move(pool); }
    const std::shared_ptr<BatchPool>& pool() const { return m_pool; }
    std::size_t pendingBuilds() const { return m_batch.size(); }
    std::size_t pendingProblems() const { return m_batch.problems.size(); }

    // A bulk read is about to feed `bytes` more, taken in batches of `batchBuilds`: each batch
    // is sized from its first line so it is not copied over and over while it grows.
    void expect(std::int64_t bytes, std::size_t batchBuilds);

    // After a range read that started at a line boundary: the lines before it.
    void addLinesBefore(std::int64_t lines);
    // The same for the problems listed before it: the caps count from the start of the file.
    void addListedBefore(std::int64_t warnings, std::int64_t rejections);
    std::int64_t listedWarnings() const { return m_listedWarnings; }
    std::int64_t listedRejections() const { return m_listedRejections; }
    // Keeps the first `warnings` listed warnings and `rejections` listed rejections of `batch`
    // (counting them down) and turns the rest into counts: a range read after the first one
    // then lists what a read from the start would.
    static void unlistBeyond(BuildBatch& batch, std::int64_t& warnings, std::int64_t& rejections);
    std::int64_t linesCompleted() const { return m_splitter.linesCompleted(); }
    std::int64_t completeOffset() const { return m_splitter.completeOffset(); }
    std::int64_t streamOffset() const { return m_splitter.streamOffset(); }
    bool holdsPartialLine() const { return m_splitter.holdsPartialLine(); }

private:
    void line(std::string_view text, std::int64_t number, std::int64_t offset,
              bool complete) override;
    void tooLong(std::int64_t number, std::int64_t offset, std::int64_t length) override;
    void reserveLike(std::size_t builds, std::size_t valuesPerBuild);

    LineSplitter m_splitter;
    RecordParser m_parser;
    BuildBatch m_batch;
    std::shared_ptr<BatchPool> m_pool;
    std::int64_t m_linesTaken = 0;
    std::int64_t m_expectBytes = 0;
    std::size_t m_expectBatchBuilds = 0;
    std::int64_t m_listedRejections = 0;
    std::int64_t m_listedWarnings = 0;
};

} // namespace bengal
