#include "history/HistoryLoader.h"

#include "history/HistoryFile.h"
#include "history/HistoryReader.h"
#include "history/HistoryStore.h"

#include <QCoreApplication>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace bengal {

namespace {
constexpr std::size_t kChunkBytes = 4 * 1024 * 1024;
}

ReadOutcome readAvailable(HistoryFile& file, HistoryReader& reader, const BatchCallback& onBatch,
                          const ProgressCallback& onProgress, std::size_t batchBuilds)
{
    const std::int64_t total = file.size();
    if (total < 0)
        return {ReadOutcome::Status::Failed, file.errorString()};
    std::vector<char> buffer(kChunkBytes + LineSplitter::kPadding);
    std::int64_t offset = reader.streamOffset();
    const auto flush = [&] {
        if (reader.pendingBuilds() > 0 || reader.pendingProblems() > 0)
            onBatch(reader.takeBatch());
    };
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

ReadOutcome loadHistoryInto(const QString& filePath, HistoryStore& store,
                            const ProgressCallback& onProgress)
{
    HistoryFile file;
    if (!file.open(filePath))
        return {ReadOutcome::Status::Failed, file.errorString()};
    HistoryReader reader;
    // About 400 bytes a line in real histories: reserving avoids growth slack on big files.
    const std::int64_t size = file.size();
    if (size > 0)
        store.reserve(qsizetype(size / 380 + 16));
    const auto append = [&store](BuildBatch&& batch) {
        store.append(batch);
    };
    ReadOutcome outcome = readAvailable(file, reader, append, onProgress);
    if (outcome.status == ReadOutcome::Status::Ok) {
        reader.finish();
        store.append(reader.takeBatch());
    }
    store.squeeze();
#ifdef __GLIBC__
    malloc_trim(0); // parsing scratch is freed; give it back so RSS reflects the store
#endif
    return outcome;
}

} // namespace bengal
