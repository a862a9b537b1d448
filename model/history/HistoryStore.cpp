#include "history/HistoryStore.h"

#include <QCoreApplication>

#include <sys/mman.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <cstring>
#include <numeric>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace bengal {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

template <typename Vector>
void permute(Vector& column, const std::vector<std::uint32_t>& order, std::size_t from)
{
    Vector moved(column.size() - from);
    for (std::size_t i = from; i < column.size(); ++i)
        moved[i - from] = column[order[i]];
    std::copy(moved.begin(), moved.end(), column.begin() + std::ptrdiff_t(from));
}

void permuteEnv(std::vector<std::uint16_t>& env, const std::vector<std::uint32_t>& order,
                std::size_t from)
{
    std::vector<std::uint16_t> moved((order.size() - from) * kEnvFieldCount);
    for (std::size_t i = from; i < order.size(); ++i) {
        for (int f = 0; f < kEnvFieldCount; ++f)
            moved[(i - from) * kEnvFieldCount + f] = env[order[i] * kEnvFieldCount + f];
    }
    std::copy(moved.begin(), moved.end(), env.begin() + std::ptrdiff_t(from * kEnvFieldCount));
}

// The pages a column grows into are populated ahead in 256 KiB steps, one call for 64 pages:
// faulting them in one by one was a tenth of a load.
template <typename Column>
void populateAhead(Column& column, std::size_t rows)
{
#ifdef MADV_POPULATE_WRITE
    constexpr std::uintptr_t kStep = 256 * 1024;
    constexpr std::uintptr_t kPage = 4096;
    if (rows <= column.capacity() && column.capacity() * sizeof(double) >= 2 * kStep) {
        const auto base = std::uintptr_t(column.data());
        const auto end = base + column.capacity() * sizeof(double);
        const auto from = base + column.size() * sizeof(double);
        const auto to = base + rows * sizeof(double);
        // Populated up to the next step boundary after `from` already (by an earlier call);
        // nothing is yet when the column is empty.
        const auto frontier =
            column.empty() ? base & ~(kPage - 1) : (from + kStep - 1) & ~(kStep - 1);
        if (to > frontier) {
            const auto start = frontier & ~(kPage - 1);
            const auto stop = std::min(end & ~(kPage - 1), (to + kStep - 1) & ~(kStep - 1));
            if (stop > start)
                madvise(reinterpret_cast<void*>(start), stop - start, MADV_POPULATE_WRITE);
        }
    }
#endif
}

// Grows `column` to `rows`, missing values NaN.
template <typename Column>
void growColumn(Column& column, std::size_t rows)
{
    populateAhead(column, rows);
    column.resize(rows, kMissing);
}

// Grows `column` to `rows` leaving the new cells unwritten, for a caller that writes them all.
template <typename Column>
void growColumnUnwritten(Column& column, std::size_t rows)
{
    populateAhead(column, rows);
    column.resize(rows);
}

// Copies `count` doubles past the caches: a new row of a column is written once and not read
// again during a load, so fetching its cache line first (as a plain store does) is wasted.
void streamCopy(double* to, const double* from, std::size_t count)
{
#if defined(__SSE2__) && defined(__x86_64__)
    for (std::size_t i = 0; i < count; ++i) {
        long long bits;
        std::memcpy(&bits, from + i, sizeof bits);
        _mm_stream_si64(reinterpret_cast<long long*>(to + i), bits);
    }
#else
    std::memcpy(to, from, count * sizeof(double));
#endif
}

} // namespace

HistoryStore::HistoryStore()
{
    rebuildIndex(1024);
}

QString HistoryStore::environment(qsizetype row, EnvField field) const
{
    const std::uint16_t id = m_env[std::size_t(row) * kEnvFieldCount + std::size_t(field)];
    return id == kNoString ? QString() : m_strings.at(id);
}

int HistoryStore::columnFor(const QString& name)
{
    if (auto it = m_nameIndex.constFind(name); it != m_nameIndex.constEnd())
        return *it;
    const int column = int(m_columns.size());
    m_columns.emplace_back();
    m_columns.back().reserve(m_timestamps.capacity()); // no regrowth copies during a load
    growColumn(m_columns.back(), m_timestamps.size());
    m_names.append(name);
    m_nameIndex.insert(name, column);
    return column;
}

std::uint16_t HistoryStore::stringFor(const QString& text)
{
    if (auto it = m_stringIndex.constFind(text); it != m_stringIndex.constEnd())
        return *it;
    if (m_strings.size() >= kNoString)
        return kNoString;
    const auto id = std::uint16_t(m_strings.size());
    m_strings.append(text);
    m_stringIndex.insert(text, id);
    return id;
}

qsizetype HistoryStore::findHash(std::uint64_t hash) const
{
    const std::size_t mask = m_index.size() - 1;
    for (std::size_t i = std::size_t(hash) & mask;; i = (i + 1) & mask) {
        const std::uint32_t slot = m_index[i];
        if (slot == 0)
            return -1;
        if (m_hashes[slot - 1] == hash)
            return qsizetype(slot - 1);
    }
}

void HistoryStore::indexInsert(std::size_t row)
{
    if (m_timestamps.size() * 2 > m_index.size()) {
        rebuildIndex(m_index.size() * 2);
        return; // the rebuild indexed every row, this one included
    }
    const std::size_t mask = m_index.size() - 1;
    std::size_t i = std::size_t(m_hashes[row]) & mask;
    while (m_index[i] != 0)
        i = (i + 1) & mask;
    m_index[i] = std::uint32_t(row + 1);
}

void HistoryStore::rebuildIndex(std::size_t capacity)
{
    capacity = std::bit_ceil(std::max<std::size_t>(capacity, 1024));
    while (capacity < m_hashes.size() * 2)
        capacity *= 2;
    m_index.assign(capacity, 0);
    const std::size_t mask = capacity - 1;
    for (std::size_t row = 0; row < m_hashes.size(); ++row) {
        std::size_t i = std::size_t(m_hashes[row]) & mask;
        while (m_index[i] != 0)
            i = (i + 1) & mask;
        m_index[i] = std::uint32_t(row + 1);
    }
}

AppendResult HistoryStore::append(const BuildBatch& batch)
{
    if (m_indexWanted > m_index.size())
        rebuildIndex(m_indexWanted);
    m_indexWanted = 0;
    AppendResult result;
    result.firstNewProblem = qsizetype(m_problems.size());
    const std::size_t firstNew = m_timestamps.size();

    std::vector<std::uint16_t> stringOf(std::size_t(batch.strings.size()), kNoString);
    std::vector<Problem> duplicates;
    std::vector<std::int64_t> droppedWarningLines;

    constexpr std::size_t kPrefetchAhead = 16;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        // The index is far bigger than the cache and every probe lands somewhere random.
        if (i + kPrefetchAhead < batch.size())
            __builtin_prefetch(
                &m_index[std::size_t(batch.hash[i + kPrefetchAhead]) & (m_index.size() - 1)]);
        const qsizetype known = findHash(batch.hash[i]);
        if (known >= 0) {
            const auto row = std::size_t(known);
            if (m_seenInPass[row]) {
                duplicates.push_back(
                    {Problem::Kind::Rejected, batch.line[i], batch.offset[i], QString(),
                     QCoreApplication::translate("bengal::HistoryStore", "duplicate of line %1")
                         .arg(m_lines[row])});
                droppedWarningLines.push_back(batch.line[i]);
            } else {
                m_seenInPass[row] = true;
                m_lines[row] = batch.line[i];
                m_offsets[row] = batch.offset[i];
                m_flags[row] &= std::uint8_t(~BuildFlag::NotInCurrentFile);
                ++result.knownAgain;
            }
            continue;
        }
        const std::size_t row = m_timestamps.size();
        m_timestamps.push_back(batch.timestampUs[i]);
        m_lines.push_back(batch.line[i]);
        m_offsets.push_back(batch.offset[i]);
        m_hashes.push_back(batch.hash[i]);
        m_flags.push_back(batch.flags[i]);
        m_seenInPass.push_back(true);
        for (int f = 0; f < kEnvFieldCount; ++f) {
            const std::uint16_t local = batch.env[i * kEnvFieldCount + std::size_t(f)];
            if (local != kNoString && stringOf[local] == kNoString)
                stringOf[local] = stringFor(batch.strings.at(local));
            m_env.push_back(local == kNoString ? kNoString : stringOf[local]);
        }
        indexInsert(row);
        result.acceptedInBatch.push_back(i);
    }

    const std::size_t rows = m_timestamps.size();
    scatterValues(batch, result.acceptedInBatch, firstNew);
    // Problems in line order: the batch's own (less warnings of duplicates) merged with the
    // duplicates found here.
    std::size_t d = 0;
    for (const Problem& problem : batch.problems) {
        while (d < duplicates.size() && duplicates[d].line < problem.line)
            listProblem(std::move(duplicates[d++]));
        if (problem.kind == Problem::Kind::Warning &&
            std::binary_search(droppedWarningLines.begin(), droppedWarningLines.end(),
                               problem.line))
            continue;
        listProblem(problem);
    }
    while (d < duplicates.size())
        listProblem(std::move(duplicates[d++]));
    m_rejected += qsizetype(batch.unlistedRejected);
    m_unlistedRejected += qsizetype(batch.unlistedRejected);
    m_unlistedWarnings += qsizetype(batch.unlistedWarnings);

    result.firstRow = qsizetype(firstNew);
    result.added = qsizetype(rows - firstNew);
    sortTail(firstNew, result);
    return result;
}

// The sparse values of the accepted builds go to their columns through a small dense block
// (a few hundred rows of every metric the batch names, in the caches): the columns are then
// written row block by row block, each cell once, instead of one scattered store per value
// into freshly NaN-filled memory.
void HistoryStore::scatterValues(const BuildBatch& batch, const std::vector<std::size_t>& accepted,
                                 std::size_t firstNew)
{
    constexpr std::size_t kBlockRows = 128;
    const std::size_t rows = m_timestamps.size();
    const std::size_t names = std::size_t(batch.names.size());
    // Columns of the batch's names are written whole by the block copies below; the others
    // (and columns made for a name met later in the batch) are NaN-filled.
    std::vector<int> columnOf(names, -1);
    std::vector<bool> covered(m_columns.size(), false);
    for (std::size_t name = 0; name < names; ++name) {
        columnOf[name] = m_nameIndex.value(batch.names.at(qsizetype(name)), -1);
        if (columnOf[name] >= 0)
            covered[std::size_t(columnOf[name])] = true;
    }
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (covered[c])
            growColumnUnwritten(m_columns[c], rows);
        else
            growColumn(m_columns[c], rows);
    }
    if (accepted.empty())
        return;

    m_block.assign(names * kBlockRows, kMissing);
    for (std::size_t first = 0; first < accepted.size(); first += kBlockRows) {
        const std::size_t count = std::min(kBlockRows, accepted.size() - first);
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t i = accepted[first + k];
            const std::size_t begin = batch.valueBegin[i];
            const std::size_t end =
                i + 1 < batch.size() ? batch.valueBegin[i + 1] : batch.value.size();
            for (std::size_t v = begin; v < end; ++v) {
                const std::uint32_t name = batch.valueName[v];
                if (columnOf[name] < 0) {
                    if (std::isnan(batch.value[v]))
                        continue; // a tombstone for a metric no build has: no column for it
                    columnOf[name] = columnFor(batch.names.at(name));
                    growColumn(m_columns[std::size_t(columnOf[name])], rows);
                }
                m_block[name * kBlockRows + k] = batch.value[v];
            }
        }
        for (std::size_t name = 0; name < names; ++name) {
            if (columnOf[name] < 0)
                continue;
            double* slot = &m_block[name * kBlockRows];
            streamCopy(m_columns[std::size_t(columnOf[name])].data() + firstNew + first, slot,
                       count);
            std::fill(slot, slot + count, kMissing);
        }
    }
#if defined(__SSE2__) && defined(__x86_64__)
    _mm_sfence(); // the streamed stores are ordered before anything that reads the columns
#endif
}

void HistoryStore::listProblem(Problem problem)
{
    const bool rejected = problem.kind == Problem::Kind::Rejected;
    m_rejected += rejected ? 1 : 0;
    if (qsizetype(m_problems.size()) < kMaxListedProblems)
        m_problems.push_back(std::move(problem));
    else
        ++(rejected ? m_unlistedRejected : m_unlistedWarnings);
}

void HistoryStore::sortTail(std::size_t firstNew, AppendResult& result)
{
    const std::size_t rows = m_timestamps.size();
    const auto& ts = m_timestamps;
    const auto before = [&ts](std::uint32_t a, std::uint32_t b) {
        return ts[a] < ts[b];
    };
    bool sorted = true;
    for (std::size_t i = std::max<std::size_t>(firstNew, 1); i < rows && sorted; ++i)
        sorted = ts[i - 1] <= ts[i];
    if (sorted)
        return;
    // Stable: equal timestamps keep line (arrival) order.
    std::vector<std::uint32_t> order(rows);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin() + std::ptrdiff_t(firstNew), order.end(), before);
    std::inplace_merge(order.begin(), order.begin() + std::ptrdiff_t(firstNew), order.end(),
                       before);
    std::size_t from = 0;
    while (from < rows && order[from] == from)
        ++from;
    permute(m_timestamps, order, from);
    permute(m_lines, order, from);
    permute(m_offsets, order, from);
    permute(m_hashes, order, from);
    permute(m_flags, order, from);
    permute(m_seenInPass, order, from);
    permuteEnv(m_env, order, from);
    for (auto& column : m_columns)
        permute(column, order, from);
    rebuildIndex(m_index.size());
    result.contiguous = from >= firstNew;
    result.firstRow = qsizetype(std::min(from, firstNew));
}

void HistoryStore::beginReload()
{
    std::fill(m_seenInPass.begin(), m_seenInPass.end(), false);
    for (auto& flags : m_flags)
        flags |= BuildFlag::NotInCurrentFile;
    m_problems.clear();
    m_rejected = 0;
    m_unlistedRejected = 0;
    m_unlistedWarnings = 0;
}

void HistoryStore::clear()
{
    *this = HistoryStore();
}

void HistoryStore::reserve(qsizetype builds)
{
    const auto n = std::size_t(std::max<qsizetype>(builds, 0));
    for (auto& column : m_columns)
        column.reserve(n);
    m_timestamps.reserve(n);
    m_lines.reserve(n);
    m_offsets.reserve(n);
    m_hashes.reserve(n);
    m_flags.reserve(n);
    m_env.reserve(n * kEnvFieldCount);
    m_seenInPass.reserve(n);
    if (m_index.size() < n * 2) {
        // An empty store's index is made by the first append: a load reserves before its
        // threads start, and those megabytes of zeroes are then written while they parse.
        if (m_timestamps.empty())
            m_indexWanted = std::max(m_indexWanted, n * 2);
        else
            rebuildIndex(n * 2);
    }
}

void HistoryStore::squeeze()
{
    // No copying to fit: capacity past size() was never written (reserve() and growth leave
    // it untouched), so it holds address space but no memory, and copying a million-row column
    // took longer than a tenth of the whole load.
#ifdef __GLIBC__
    malloc_trim(0); // the parsing scratch is freed: give it back so RSS reflects the store
#endif
}

template <typename Vector>
static std::size_t usedBytes(const Vector& v)
{
    return v.size() * sizeof(typename Vector::value_type);
}

std::size_t HistoryStore::residentBytes() const
{
    std::size_t bytes = usedBytes(m_timestamps) + usedBytes(m_lines) + usedBytes(m_offsets) +
                        usedBytes(m_hashes) + usedBytes(m_flags) + usedBytes(m_env) +
                        m_seenInPass.size() / 8 + usedBytes(m_index) + usedBytes(m_problems);
    for (const auto& column : m_columns)
        bytes += usedBytes(column);
    return bytes;
}

} // namespace bengal
