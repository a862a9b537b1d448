#pragma once

#include "core/BuildBatch.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace bengal {

// Growing a column value-initialises nothing: append() writes every new row itself, and
// writing each cell twice (once NaN, once the value) was a tenth of a load's memory traffic.
template <typename T>
struct UninitialisedAllocator : std::allocator<T>
{
    template <typename U>
    struct rebind
    {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <typename U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept
    {}
    template <typename U>
    void construct(U* p) noexcept
    {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

// What one append did, for item models and the `watch` command.
struct AppendResult
{
    qsizetype firstRow = 0;   // when `contiguous`, the new rows are [firstRow, firstRow + added)
    qsizetype added = 0;      // builds not seen before
    bool contiguous = true;   // false: some landed between existing rows (views must reset)
    qsizetype knownAgain = 0; // builds re-read after a truncation/replacement, not new
    qsizetype firstNewProblem = 0;            // problems()[firstNewProblem...] came with this batch
    std::vector<std::size_t> acceptedInBatch; // batch indices of the new builds, file order
};

// Every build of one history, in time order (ties in line order), as columns: one array of
// doubles per metric with NaN for "missing". A build is identified by the hash of its line
// bytes; a second identical line is rejected as a duplicate. Never holds parsed JSON.
// Single-threaded: it lives on the thread that appends (the GUI thread in the window).
class HistoryStore
{
public:
    HistoryStore();

    qsizetype size() const { return qsizetype(m_timestamps.size()); }
    bool isEmpty() const { return m_timestamps.empty(); }

    std::span<const TimestampUs> timestamps() const { return m_timestamps; }
    TimestampUs timestampUs(qsizetype row) const { return m_timestamps[std::size_t(row)]; }
    std::int64_t line(qsizetype row) const { return m_lines[std::size_t(row)]; }
    std::int64_t offset(qsizetype row) const { return m_offsets[std::size_t(row)]; }
    std::uint64_t hash(qsizetype row) const { return m_hashes[std::size_t(row)]; }
    std::uint8_t flags(qsizetype row) const { return m_flags[std::size_t(row)]; }
    std::span<const std::uint8_t> allFlags() const { return m_flags; }
    QString environment(qsizetype row, EnvField field) const;

    int metricCount() const { return int(m_columns.size()); }
    const QString& metricName(int column) const { return m_names[column]; }
    const QStringList& metricNames() const { return m_names; }
    int metricIndex(const QString& name) const { return m_nameIndex.value(name, -1); }
    std::span<const double> metric(int column) const { return m_columns[std::size_t(column)]; }
    double value(int column, qsizetype row) const
    {
        return m_columns[std::size_t(column)][std::size_t(row)];
    }

    // At most this many problems are listed; past it (and past the reader's own bounds) they
    // are counted: rejectedCount() and warningCount() are always complete.
    static constexpr qsizetype kMaxListedProblems = 100000;

    const std::vector<Problem>& problems() const { return m_problems; }
    qsizetype rejectedCount() const { return m_rejected; }
    qsizetype warningCount() const
    {
        return qsizetype(m_problems.size()) - (m_rejected - m_unlistedRejected) +
               m_unlistedWarnings;
    }
    // Problems counted in the two counts above but not in problems().
    qsizetype unlistedProblemCount() const { return m_unlistedRejected + m_unlistedWarnings; }

    // Row of the build whose line hashes to `hash`, or -1.
    qsizetype findHash(std::uint64_t hash) const;

    AppendResult append(const BuildBatch& batch);
    // Values joined from another file (the collector's tree peak from collector.jsonl): the
    // column is created on first use with NaN for every build, and its values move with their
    // builds like any other.
    int ensureMetric(const QString& name) { return columnFor(name); }
    void setValue(int column, qsizetype row, double value)
    {
        m_columns[std::size_t(column)][std::size_t(row)] = value;
    }
    // The file was truncated or replaced and is read again from the start: builds already
    // known stay (and are not reported again), problems are those of the new content.
    void beginReload();
    void clear();
    void reserve(qsizetype builds);
    // Gives freed heap back to the system; call after a bulk load.
    void squeeze();
    // Bytes of the columns and indexes in use (for the memory figures). Reserved capacity
    // past that is never written, so it is address space, not resident memory.
    std::size_t residentBytes() const;

private:
    int columnFor(const QString& name);
    std::uint16_t stringFor(const QString& text);
    void rebuildIndex(std::size_t capacity);
    void indexInsert(std::size_t row);
    void sortTail(std::size_t firstNew, AppendResult& result);
    void listProblem(Problem problem);
    void scatterValues(const BuildBatch& batch, const std::vector<std::size_t>& accepted,
                       std::size_t firstNew);

    std::vector<TimestampUs> m_timestamps;
    std::vector<std::int64_t> m_lines;
    std::vector<std::int64_t> m_offsets;
    std::vector<std::uint64_t> m_hashes;
    std::vector<std::uint8_t> m_flags;
    std::vector<std::uint16_t> m_env; // kEnvFieldCount per row
    std::vector<bool> m_seenInPass;   // read since the last (re)load started
    using Column = std::vector<double, UninitialisedAllocator<double>>;
    std::vector<Column> m_columns;
    std::vector<double> m_block; // append()'s staging rows, kept for the next batch
    QStringList m_names;
    QHash<QString, int> m_nameIndex;
    QStringList m_strings;
    QHash<QString, std::uint16_t> m_stringIndex;
    std::vector<std::uint32_t> m_index; // open addressing: row + 1, 0 = empty
    std::size_t m_indexWanted = 0;      // reserve()d before the first append
    std::vector<Problem> m_problems;
    qsizetype m_rejected = 0; // listed and unlisted
    qsizetype m_unlistedRejected = 0;
    qsizetype m_unlistedWarnings = 0;
};

} // namespace bengal
