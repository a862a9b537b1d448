#include "runs/CollectorFollower.h"

namespace bengal {

CollectorFollower::CollectorFollower(const QString& filePath, QObject* parent)
    : FileFollower(filePath, parent)
{
    qRegisterMetaType<CollectedRunBatchPtr>();
}

ReadOutcome CollectorFollower::update(HistoryFile& file, const std::function<void()>& onRestart,
                                      const ProgressCallback& onProgress)
{
    const std::int64_t size = file.size();
    if (size < 0)
        return {ReadOutcome::Status::Failed, file.errorString()};
    if (size < m_reader.streamOffset()) {
        m_reader.restart();
        onRestart();
    }
    if (size > m_reader.streamOffset())
        return readNew(file, onProgress);
    return {};
}

ReadOutcome CollectorFollower::readNew(HistoryFile& file, const ProgressCallback&)
{
    // collector.jsonl is small (one line per run): no progress, no cancel, one batch.
    const QString error = m_reader.readAvailable(file);
    if (m_reader.hasPending())
        emit runsReady(std::make_shared<const CollectedRunBatch>(m_reader.takeBatch()));
    if (!error.isEmpty())
        return {ReadOutcome::Status::Failed, error};
    return {};
}

} // namespace bengal
