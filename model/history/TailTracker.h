#pragma once

#include "history/HistoryLoader.h"
#include "history/HistoryReader.h"

#include <functional>
#include <string>

namespace bengal {

class ByteSource;

// The part of following a file that decides what is new after it changed, without the
// follower's thread, watcher or signals (so the fuzz target drives exactly this code): only new
// bytes are read; a half-written last line is held until complete; a file that shrank below
// what was read, or whose last bytes before the read position changed, is read again from the
// start. A replacement (new inode) is the follower's business: it calls restart().
class TailTracker
{
public:
    // Bytes before the read position compared to notice a rewrite that kept (or grew) the size.
    static constexpr std::size_t kTailBytes = 64;

    // A (re)opened file: read from its start.
    void restart();
    // Reads from the read position to the current end (both cores for a big first read) and
    // remembers the last bytes read.
    ReadOutcome readNew(ByteSource& file, const BatchCallback& onBatch,
                        const ProgressCallback& onProgress = {});
    // One look at the open file after it may have changed. A shrink or rewrite restarts the
    // read (onRestart is called before any batch of the re-read); new bytes are read. Ok when
    // nothing was new; Failed when the size or the bytes cannot be read (nothing restarts for
    // an unreadable tail: a read error is not a truncation).
    ReadOutcome update(ByteSource& file, const BatchCallback& onBatch,
                       const std::function<void()>& onRestart,
                       const ProgressCallback& onProgress = {});

    std::int64_t streamOffset() const { return m_reader.streamOffset(); }
    const HistoryReader& reader() const { return m_reader; }

private:
    enum class TailCheck
    {
        Matches,
        Differs,
        Unreadable
    };
    void rememberTail(ByteSource& file);
    TailCheck compareTail(ByteSource& file);

    HistoryReader m_reader;
    std::string m_tail;      // the last bytes read
    bool m_tailKnown = true; // false when they could not be read back after a read
};

} // namespace bengal
