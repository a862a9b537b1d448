#include "history/HistoryFollower.h"

namespace bengal {

HistoryFollower::HistoryFollower(const QString& filePath, QObject* parent)
    : FileFollower(filePath, parent)
{
    qRegisterMetaType<BuildBatchPtr>();
}

HistoryFollower::~HistoryFollower() = default;

BatchCallback HistoryFollower::emitBatch()
{
    return [this](BuildBatch&& batch) {
        emit batchReady(std::make_shared<const BuildBatch>(std::move(batch)));
    };
}

ReadOutcome HistoryFollower::readNew(HistoryFile& file, const ProgressCallback& onProgress)
{
    return m_tracker.readNew(file, emitBatch(), onProgress);
}

ReadOutcome HistoryFollower::update(HistoryFile& file, const std::function<void()>& onRestart,
                                    const ProgressCallback& onProgress)
{
    return m_tracker.update(file, emitBatch(), onRestart, onProgress);
}

} // namespace bengal
