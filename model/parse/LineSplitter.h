#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace bengal {

// Receives what a LineSplitter finds.
class LineSink
{
public:
    virtual ~LineSink() = default;
    // A non-blank line, trimmed of its newline, CR and trailing blanks. At least
    // LineSplitter::kPadding bytes are readable after text.end(). `complete` is false only for
    // a last line without newline handed out by finish().
    virtual void line(std::string_view text, std::int64_t number, std::int64_t offset,
                      bool complete) = 0;
    // A line longer than the limit; its bytes were skipped, never held.
    virtual void tooLong(std::int64_t number, std::int64_t offset, std::int64_t length) = 0;
};

// Cuts a byte stream into numbered lines. Holds an incomplete last line until its newline
// arrives; never holds more than the line limit, whatever the input.
class LineSplitter
{
public:
    static constexpr std::size_t kPadding = 64;

    explicit LineSplitter(std::size_t maxLineBytes);

    // Starts over at the beginning of a file, or at `offset` (just after a newline) with line
    // numbers counted from 1 again: the parallel loader reads a file in ranges and renumbers.
    void reset(std::int64_t offset = 0);
    // `data` continues the stream; kPadding bytes after data+size must be readable.
    void feed(const char* data, std::size_t size, LineSink& sink);
    // End of a one-shot read: hands out the held last line, if any, as incomplete.
    void finish(LineSink& sink);

    std::int64_t linesCompleted() const { return m_lineNumber - 1; }
    void addLinesBefore(std::int64_t lines) { m_lineNumber += lines; }
    // Byte offset just past the last complete line: where an incomplete line starts.
    std::int64_t completeOffset() const { return m_lineStart; }
    std::int64_t streamOffset() const { return m_offset; }
    bool holdsPartialLine() const { return m_pendingSize > 0 || m_skipping; }

private:
    void deliver(const char* text, std::size_t size, bool complete, LineSink& sink);
    void appendPending(const char* data, std::size_t size);

    std::size_t m_maxLineBytes;
    std::vector<char> m_pending; // the incomplete line, with padding room after it
    std::size_t m_pendingSize = 0;
    bool m_skipping = false;
    std::int64_t m_skippedLength = 0;
    std::int64_t m_lineNumber = 1;
    std::int64_t m_lineStart = 0;
    std::int64_t m_offset = 0;
};

} // namespace bengal
