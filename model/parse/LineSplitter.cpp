#include "parse/LineSplitter.h"

#include <cstring>

namespace bengal {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

} // namespace

LineSplitter::LineSplitter(std::size_t maxLineBytes) : m_maxLineBytes(maxLineBytes)
{}

void LineSplitter::reset(std::int64_t offset)
{
    m_pending.clear();
    m_pending.shrink_to_fit();
    m_pendingSize = 0;
    m_skipping = false;
    m_skippedLength = 0;
    m_lineNumber = 1;
    m_lineStart = offset;
    m_offset = offset;
}

void LineSplitter::appendPending(const char* data, std::size_t size)
{
    if (m_pending.size() < m_pendingSize + size + kPadding)
        m_pending.resize((m_pendingSize + size) * 2 + kPadding);
    std::memcpy(m_pending.data() + m_pendingSize, data, size);
    m_pendingSize += size;
}

void LineSplitter::deliver(const char* text, std::size_t size, bool complete, LineSink& sink)
{
    std::int64_t offset = m_lineStart;
    // A CR before the newline is allowed on top of the limit.
    const std::size_t rawLimit = m_maxLineBytes + (size > 0 && text[size - 1] == '\r' ? 1 : 0);
    if (size > rawLimit) {
        sink.tooLong(m_lineNumber, offset, std::int64_t(size));
        return;
    }
    if (m_lineStart == 0 && std::string_view(text, size).starts_with(kUtf8Bom)) {
        text += kUtf8Bom.size();
        size -= kUtf8Bom.size();
        offset += std::int64_t(kUtf8Bom.size());
    }
    while (size > 0 && isBlank(text[size - 1]))
        --size;
    std::size_t first = 0;
    while (first < size && isBlank(text[first]))
        ++first;
    if (first == size)
        return; // blank lines are ignored, but still counted
    sink.line(std::string_view(text, size), m_lineNumber, offset, complete);
}

void LineSplitter::feed(const char* data, std::size_t size, LineSink& sink)
{
    std::size_t pos = 0;
    while (pos < size) {
        const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
        if (!newline) {
            const std::size_t rest = size - pos;
            if (m_skipping) {
                m_skippedLength += std::int64_t(rest);
            } else if (m_pendingSize + rest > m_maxLineBytes + 1) {
                // Past the limit the line can only be rejected: count it, never hold it.
                m_skipping = true;
                m_skippedLength = std::int64_t(m_pendingSize + rest);
                m_pending.clear();
                m_pending.shrink_to_fit();
                m_pendingSize = 0;
            } else {
                appendPending(data + pos, rest);
            }
            break;
        }
        const std::size_t length = std::size_t(newline - (data + pos));
        if (m_skipping) {
            sink.tooLong(m_lineNumber, m_lineStart, m_skippedLength + std::int64_t(length));
            m_skipping = false;
            m_skippedLength = 0;
        } else if (m_pendingSize == 0) {
            deliver(data + pos, length, true, sink);
        } else if (m_pendingSize + length > m_maxLineBytes + 1) {
            sink.tooLong(m_lineNumber, m_lineStart, std::int64_t(m_pendingSize + length));
            m_pendingSize = 0;
        } else {
            appendPending(data + pos, length);
            deliver(m_pending.data(), m_pendingSize, true, sink);
            m_pendingSize = 0;
        }
        ++m_lineNumber;
        pos += length + 1;
        m_lineStart = m_offset + std::int64_t(pos);
    }
    m_offset += std::int64_t(size);
}

void LineSplitter::finish(LineSink& sink)
{
    if (m_skipping) {
        sink.tooLong(m_lineNumber, m_lineStart, m_skippedLength);
    } else if (m_pendingSize > 0) {
        deliver(m_pending.data(), m_pendingSize, false, sink);
    }
    m_skipping = false;
    m_skippedLength = 0;
    m_pendingSize = 0;
}

} // namespace bengal
