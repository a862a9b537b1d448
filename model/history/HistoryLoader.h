#pragma once

#include "core/BuildBatch.h"

#include <QString>
#include <functional>

namespace bengal {

class ByteSource;
class HistoryReader;
class HistoryStore;

using BatchCallback = std::function<void(BuildBatch&&)>;
// Returns false to cancel. Called at most every chunk (a few MiB).
using ProgressCallback = std::function<bool(std::int64_t done, std::int64_t total)>;

struct ReadOutcome
{
    enum class Status
    {
        Ok,
        Cancelled,
        Failed
    };
    Status status = Status::Ok;
    QString error; // names the file and the reason
};

// Reads `file` from the reader's stream offset to its current end, handing out batches of up
// to `batchBuilds` builds. Used for the first load and for every append while following.
// `end` < 0 reads to the current end of the file.
ReadOutcome readAvailable(ByteSource& file, HistoryReader& reader, const BatchCallback& onBatch,
                          const ProgressCallback& onProgress = {}, std::size_t batchBuilds = 65536,
                          std::int64_t end = -1);

// The first read of a big file on two cores: the file is cut at line starts into ~2 MiB
// segments that both threads claim one at a time; a second thread hands finished segments out
// in line order (renumbered, listing caps applied as a sequential read applies them) between
// its own. Never two calls of `onBatch` at once, none after return. `reader` reads the last
// segment, so it ends where a sequential read would (ready to follow appends). Small files,
// and sources without a second handle (ByteSource::openAnother), are read sequentially.
ReadOutcome readAvailableParallel(ByteSource& file, HistoryReader& reader,
                                  const BatchCallback& onBatch,
                                  const ProgressCallback& onProgress = {});

// One-shot load of a whole file (the last line without newline included) into a store.
ReadOutcome loadHistoryInto(const QString& filePath, HistoryStore& store,
                            const ProgressCallback& onProgress = {});

} // namespace bengal
