#include "history/HistoryReader.h"

#include <QCoreApplication>

#include <algorithm>
#include <bit>

namespace bengal {

namespace {
constexpr std::size_t kReserveFromBuilds = 256;
}

HistoryReader::HistoryReader() : m_splitter(RecordParser::kMaxLineBytes)
{}

void HistoryReader::restart(std::int64_t offset)
{
    m_splitter.reset(offset);
    m_batch.clear(); // keeps the capacity of a batch from the pool
    m_linesTaken = 0;
    m_expectBytes = 0;
    m_listedRejections = 0;
    m_listedWarnings = 0;
    m_parser.setListRejections(true);
    m_parser.setListWarnings(true);
}

void HistoryReader::feed(const char* data, std::size_t size)
{
    m_splitter.feed(data, size, *this);
    m_expectBytes = std::max<std::int64_t>(0, m_expectBytes - std::int64_t(size));
}

void HistoryReader::addLinesBefore(std::int64_t lines)
{
    m_splitter.addLinesBefore(lines);
    m_linesTaken += lines;
}

void HistoryReader::addListedBefore(std::int64_t warnings, std::int64_t rejections)
{
    m_listedWarnings += warnings;
    m_listedRejections += rejections;
    m_parser.setListWarnings(m_listedWarnings < kMaxListedWarnings);
    m_parser.setListRejections(m_listedRejections < kMaxListedRejections);
}

void HistoryReader::unlistBeyond(BuildBatch& batch, std::int64_t& warnings,
                                 std::int64_t& rejections)
{
    std::vector<Problem> kept;
    std::vector<std::uint32_t> keptBefore(batch.problems.size() + 1, 0);
    for (std::size_t i = 0; i < batch.problems.size(); ++i) {
        keptBefore[i] = std::uint32_t(kept.size());
        Problem& problem = batch.problems[i];
        const bool rejected = problem.kind == Problem::Kind::Rejected;
        std::int64_t& budget = rejected ? rejections : warnings;
        if (budget > 0) {
            --budget;
            kept.push_back(std::move(problem));
        } else {
            ++(rejected ? batch.unlistedRejected : batch.unlistedWarnings);
        }
    }
    keptBefore[batch.problems.size()] = std::uint32_t(kept.size());
    if (kept.size() == batch.problems.size()) {
        batch.problems = std::move(kept);
        return;
    }
    for (std::uint32_t& begin : batch.warningBegin)
        begin = keptBefore[begin];
    batch.problems = std::move(kept);
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
    m_batch = m_pool ? m_pool->take() : BuildBatch{};
    return out;
}

void HistoryReader::expect(std::int64_t bytes, std::size_t batchBuilds)
{
    m_expectBytes = bytes;
    m_expectBatchBuilds = batchBuilds;
}

void HistoryReader::reserveLike(std::size_t builds, std::size_t valuesPerBuild)
{
    // Rounded up to a power of two: a batch from the pool then usually fits the next estimate
    // as it is, where an exact reserve a little above its capacity would move it to new pages.
    builds = std::bit_ceil(builds);
    const std::size_t values = std::bit_ceil(builds * valuesPerBuild);
    m_batch.timestampUs.reserve(builds);
    m_batch.line.reserve(builds);
    m_batch.offset.reserve(builds);
    m_batch.hash.reserve(builds);
    m_batch.flags.reserve(builds);
    m_batch.env.reserve(builds * kEnvFieldCount);
    m_batch.valueBegin.reserve(builds);
    m_batch.warningBegin.reserve(builds);
    m_batch.valueName.reserve(values);
    m_batch.value.reserve(values);
}

void HistoryReader::line(std::string_view text, std::int64_t number, std::int64_t offset,
                         bool complete)
{
    const std::size_t problemsBefore = m_batch.problems.size();
    const std::size_t buildsBefore = m_batch.size();
    m_parser.parse(text, number, offset, m_batch);
    if (buildsBefore == 0 && m_batch.size() == 1 && m_expectBytes > 0) {
        // Lines of one history are alike: the first says how much the batch will hold.
        const auto lineBytes = std::int64_t(text.size()) + 1;
        const auto builds = std::size_t(std::min<std::int64_t>(std::int64_t(m_expectBatchBuilds),
                                                               m_expectBytes / lineBytes + 1));
        if (builds >= kReserveFromBuilds)
            reserveLike(builds + builds / 8, m_batch.value.size() + 2);
    }
    if (m_batch.size() > buildsBefore) {
        m_listedWarnings += std::int64_t(m_batch.problems.size() - problemsBefore);
        if (m_listedWarnings >= kMaxListedWarnings)
            m_parser.setListWarnings(false);
        return;
    }
    if (m_batch.problems.size() == problemsBefore ||
        m_batch.problems.back().kind != Problem::Kind::Rejected)
        return;
    if (!complete) {
        Problem& rejected = m_batch.problems.back();
        rejected.reason += QCoreApplication::translate(
            "bengal::HistoryReader", " (the last line has no newline: it may have been cut short)");
    }
    if (++m_listedRejections >= kMaxListedRejections)
        m_parser.setListRejections(false);
}

void HistoryReader::tooLong(std::int64_t number, std::int64_t offset, std::int64_t length)
{
    if (m_listedRejections >= kMaxListedRejections) {
        ++m_batch.unlistedRejected;
        return;
    }
    if (++m_listedRejections >= kMaxListedRejections)
        m_parser.setListRejections(false);
    m_batch.problems.push_back(RecordParser::rejection(
        number, offset,
        QCoreApplication::translate("bengal::HistoryReader", "line longer than 1 MiB (%1 bytes)")
            .arg(length)));
}

} // namespace bengal
