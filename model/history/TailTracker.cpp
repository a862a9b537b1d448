#include "history/TailTracker.h"

#include "history/ByteSource.h"

#include <algorithm>

namespace bengal {

void TailTracker::restart()
{
    m_reader.restart();
    m_tail.clear();
    m_tailKnown = true;
}

ReadOutcome TailTracker::readNew(ByteSource& file, const BatchCallback& onBatch,
                                 const ProgressCallback& onProgress)
{
    // The first read of a big file uses both cores; appends are small and read here.
    const ReadOutcome outcome = m_reader.streamOffset() == 0
                                    ? readAvailableParallel(file, m_reader, onBatch, onProgress)
                                    : readAvailable(file, m_reader, onBatch, onProgress);
    rememberTail(file);
    return outcome;
}

ReadOutcome TailTracker::update(ByteSource& file, const BatchCallback& onBatch,
                                const std::function<void()>& onRestart,
                                const ProgressCallback& onProgress)
{
    const std::int64_t size = file.size();
    if (size < 0)
        return {ReadOutcome::Status::Failed, file.errorString()};
    const TailCheck tail = size < m_reader.streamOffset() ? TailCheck::Differs : compareTail(file);
    if (tail == TailCheck::Unreadable)
        return {ReadOutcome::Status::Failed, file.errorString()};
    if (tail == TailCheck::Differs) {
        restart();
        onRestart();
    }
    if (size > m_reader.streamOffset())
        return readNew(file, onBatch, onProgress);
    return {};
}

void TailTracker::rememberTail(ByteSource& file)
{
    const std::int64_t end = m_reader.streamOffset();
    const std::int64_t begin = std::max<std::int64_t>(0, end - std::int64_t(kTailBytes));
    m_tail.resize(std::size_t(end - begin));
    if (m_tail.empty()) {
        m_tailKnown = true;
        return;
    }
    const std::int64_t got = file.readAt(begin, m_tail.data(), m_tail.size());
    // Bytes that cannot be read back cannot show a later rewrite: the next look starts over.
    m_tailKnown = got == std::int64_t(m_tail.size());
    if (!m_tailKnown)
        m_tail.clear();
}

TailTracker::TailCheck TailTracker::compareTail(ByteSource& file)
{
    if (!m_tailKnown)
        return TailCheck::Differs;
    if (m_tail.empty())
        return TailCheck::Matches;
    std::string now(m_tail.size(), '\0');
    const std::int64_t begin = m_reader.streamOffset() - std::int64_t(m_tail.size());
    const std::int64_t got = file.readAt(begin, now.data(), now.size());
    if (got < 0)
        return TailCheck::Unreadable;
    return got == std::int64_t(now.size()) && now == m_tail ? TailCheck::Matches
                                                            : TailCheck::Differs;
}

} // namespace bengal
