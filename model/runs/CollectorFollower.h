#pragma once

#include "history/FileFollower.h"
#include "runs/CollectorReader.h"

namespace bengal {

// Follows collector.jsonl beside a history like HistoryFollower follows the history (same
// watching, truncation and replacement rules); runs leave as queued batches.
class CollectorFollower : public FileFollower
{
    Q_OBJECT
public:
    explicit CollectorFollower(const QString& filePath, QObject* parent = nullptr);

signals:
    void runsReady(bengal::CollectedRunBatchPtr batch);

protected:
    void restartReading() override { m_reader.restart(); }
    ReadOutcome readNew(HistoryFile& file, const ProgressCallback& onProgress) override;
    // A file that shrank below what was read is read again from the start (the collector only
    // appends; a rewrite of the same size is not looked for, unlike the history).
    ReadOutcome update(HistoryFile& file, const std::function<void()>& onRestart,
                       const ProgressCallback& onProgress) override;

private:
    CollectorReader m_reader;
};

} // namespace bengal
