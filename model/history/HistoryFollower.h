#pragma once

#include "core/BuildBatch.h"
#include "history/FileFollower.h"
#include "history/TailTracker.h"

#include <memory>

namespace bengal {

using BuildBatchPtr = std::shared_ptr<const BuildBatch>;

// Reads a history file and keeps reading it as builds are appended (see FileFollower for the
// watching). What is new after a change is TailTracker's business (the part the fuzz target
// drives). A re-read after a reset reports builds seen before again; the store recognises them
// by their line hash.
class HistoryFollower : public FileFollower
{
    Q_OBJECT
public:
    explicit HistoryFollower(const QString& filePath, QObject* parent = nullptr);
    ~HistoryFollower() override;

signals:
    void batchReady(bengal::BuildBatchPtr batch);

protected:
    void restartReading() override { m_tracker.restart(); }
    ReadOutcome readNew(HistoryFile& file, const ProgressCallback& onProgress) override;
    ReadOutcome update(HistoryFile& file, const std::function<void()>& onRestart,
                       const ProgressCallback& onProgress) override;

private:
    BatchCallback emitBatch();

    TailTracker m_tracker;
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::BuildBatchPtr)
