#include "history/HistoryReader.h"

#include <QCoreApplication>

namespace bengal {

HistoryReader::HistoryReader() : m_splitter(RecordParser::kMaxLineBytes)
{}

void HistoryReader::restart(std::int64_t offset)
{
    m_splitter.reset(offset);
    m_batch = BuildBatch{};
    m_linesTaken = 0;
}

void HistoryReader::feed(const char* data, std::size_t size)
{
    m_splitter.feed(data, size, *this);
}

void HistoryReader::addLinesBefore(std::int64_t lines)
{
    m_splitter.addLinesBefore(lines);
    m_linesTaken += lines;
}

void HistoryReader::finish()
{
    m_splitter.finish(*this);
}

BuildBatch HistoryReader::takeBatch()
{
    m_parser.publishTables(m_batch);
    const std::int64_t lines = m_splitter.linesCompleted();
    m_batch.linesRead = lines - m_linesTaken;
    m_linesTaken = lines;
    BuildBatch out = std::move(m_batch);
    m_batch = BuildBatch{};
    return out;
}

void HistoryReader::line(std::string_view text, std::int64_t number, std::int64_t offset,
                         bool complete)
{
    const std::size_t problemsBefore = m_batch.problems.size();
    const std::size_t buildsBefore = m_batch.size();
    m_parser.parse(text, number, offset, m_batch);
    if (!complete && m_batch.size() == buildsBefore && m_batch.problems.size() > problemsBefore) {
        Problem& rejected = m_batch.problems.back();
        rejected.reason += QCoreApplication::translate(
            "bengal::HistoryReader", " (the last line has no newline: it may have been cut short)");
    }
}

void HistoryReader::tooLong(std::int64_t number, std::int64_t offset, std::int64_t length)
{
    m_batch.problems.push_back(RecordParser::rejection(
        number, offset,
        QCoreApplication::translate("bengal::HistoryReader", "line longer than 1 MiB (%1 bytes)")
            .arg(length)));
}

} // namespace bengal
