#include "runs/CollectorReader.h"

#include "history/HistoryFile.h"
#include "runs/CollectorLineParser.h"

#include <QCoreApplication>
#include <vector>

namespace bengal {

namespace {
constexpr std::size_t kChunkBytes = 256 * 1024;
}

CollectorReader::CollectorReader() : m_splitter(CollectorLineParser::kMaxLineBytes)
{}

void CollectorReader::restart()
{
    m_splitter.reset();
    m_batch = CollectedRunBatch{};
    m_linesTaken = 0;
}

void CollectorReader::feed(const char* data, std::size_t size)
{
    m_splitter.feed(data, size, *this);
}

void CollectorReader::finish()
{
    m_splitter.finish(*this);
}

CollectedRunBatch CollectorReader::takeBatch()
{
    const std::int64_t lines = m_splitter.linesCompleted();
    m_batch.linesRead = lines - m_linesTaken;
    m_linesTaken = lines;
    CollectedRunBatch out = std::move(m_batch);
    m_batch = CollectedRunBatch{};
    return out;
}

QString CollectorReader::readAvailable(HistoryFile& file)
{
    const std::int64_t end = file.size();
    if (end < 0)
        return file.errorString();
    std::vector<char> buffer(kChunkBytes + LineSplitter::kPadding);
    for (std::int64_t offset = streamOffset(); offset < end;) {
        const auto want = std::size_t(std::min<std::int64_t>(kChunkBytes, end - offset));
        const std::int64_t got = file.readAt(offset, buffer.data(), want);
        if (got < 0)
            return file.errorString();
        if (got == 0)
            break; // shrank under us; the follower notices the truncation
        feed(buffer.data(), std::size_t(got));
        offset += got;
    }
    return QString();
}

void CollectorReader::line(std::string_view text, std::int64_t number, std::int64_t offset,
                           bool complete)
{
    const std::size_t problemsBefore = m_batch.problems.size();
    const std::size_t runsBefore = m_batch.runs.size();
    CollectorLineParser::parse(text, number, offset, m_batch);
    if (!complete && m_batch.runs.size() == runsBefore &&
        m_batch.problems.size() > problemsBefore) {
        m_batch.problems.back().reason += QCoreApplication::translate(
            "bengal::CollectorReader",
            " (the last line has no newline: it may have been cut short)");
    }
}

void CollectorReader::tooLong(std::int64_t number, std::int64_t offset, std::int64_t length)
{
    m_batch.problems.push_back(
        {Problem::Kind::Rejected, number, offset, QString(),
         QCoreApplication::translate("bengal::CollectorReader", "line longer than 4 MiB (%1 bytes)")
             .arg(length)});
}

CollectedRunBatch readCollectorFile(const QString& path, QString* error)
{
    HistoryFile file;
    if (!file.open(path)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    CollectorReader reader;
    const QString failed = reader.readAvailable(file);
    if (error)
        *error = failed;
    reader.finish();
    return reader.takeBatch();
}

} // namespace bengal
