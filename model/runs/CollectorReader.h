#pragma once

#include "parse/LineSplitter.h"
#include "runs/CollectedRun.h"

#include <QString>

namespace bengal {

class HistoryFile;

// Bytes of collector.jsonl in, batches of runs and problems out (the counterpart of
// HistoryReader): numbered lines, a half-written last line held until complete.
class CollectorReader final : private LineSink
{
public:
    CollectorReader();

    void restart();
    // `data` continues the file; LineSplitter::kPadding readable bytes must follow data+size.
    void feed(const char* data, std::size_t size);
    // End of a one-shot read: the last line without newline is read as well.
    void finish();
    CollectedRunBatch takeBatch();
    bool hasPending() const { return !m_batch.empty(); }
    std::int64_t streamOffset() const { return m_splitter.streamOffset(); }

    // Reads `file` from streamOffset() to its current end. Returns an error text naming the
    // file, or an empty string.
    QString readAvailable(HistoryFile& file);

private:
    void line(std::string_view text, std::int64_t number, std::int64_t offset,
              bool complete) override;
    void tooLong(std::int64_t number, std::int64_t offset, std::int64_t length) override;

    LineSplitter m_splitter;
    CollectedRunBatch m_batch;
    std::int64_t m_linesTaken = 0;
};

// Reads a whole collector.jsonl at once (tests, commands). Empty batch with *error when the
// file cannot be read.
CollectedRunBatch readCollectorFile(const QString& path, QString* error = nullptr);

} // namespace bengal
