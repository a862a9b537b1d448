#pragma once

// Shared by the fuzz targets: a failed invariant aborts with a message libFuzzer shows next to
// the input that broke it; batches are compared field by field.

#include "core/BuildBatch.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#define FUZZ_CHECK(condition, ...)                                                                 \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "invariant failed at %s:%d: %s\n  ", __FILE__, __LINE__,          \
                         #condition);                                                              \
            std::fprintf(stderr, __VA_ARGS__);                                                     \
            std::fputc('\n', stderr);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace bengal::fuzz {

// A small deterministic generator: the same input always runs the same way.
class SplitMix
{
public:
    explicit SplitMix(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t bound) { return bound == 0 ? 0 : std::size_t(next() % bound); }

private:
    std::uint64_t m_state;
};

inline std::uint64_t fnv1a(const std::uint8_t* data, std::size_t size)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < size; ++i)
        h = (h ^ data[i]) * 0x100000001b3ull;
    return h;
}

// Bitwise, so NaN tombstones compare equal to themselves.
template <typename T>
bool sameBits(const std::vector<T>& a, const std::vector<T>& b)
{
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

inline bool sameProblems(const std::vector<Problem>& a, const std::vector<Problem>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].line != b[i].line || a[i].offset != b[i].offset ||
            a[i].key != b[i].key || a[i].reason != b[i].reason)
            return false;
    }
    return true;
}

// Appends `from` to `into` the way the store sees consecutive batches (indices rebased).
inline void concat(BuildBatch& into, const BuildBatch& from)
{
    const auto valueBase = std::uint32_t(into.value.size());
    const auto problemBase = std::uint32_t(into.problems.size());
    into.timestampUs.insert(into.timestampUs.end(), from.timestampUs.begin(),
                            from.timestampUs.end());
    into.line.insert(into.line.end(), from.line.begin(), from.line.end());
    into.offset.insert(into.offset.end(), from.offset.begin(), from.offset.end());
    into.hash.insert(into.hash.end(), from.hash.begin(), from.hash.end());
    into.flags.insert(into.flags.end(), from.flags.begin(), from.flags.end());
    into.env.insert(into.env.end(), from.env.begin(), from.env.end());
    for (std::uint32_t begin : from.valueBegin)
        into.valueBegin.push_back(begin + valueBase);
    for (std::uint32_t begin : from.warningBegin)
        into.warningBegin.push_back(begin + problemBase);
    into.valueName.insert(into.valueName.end(), from.valueName.begin(), from.valueName.end());
    into.value.insert(into.value.end(), from.value.begin(), from.value.end());
    into.problems.insert(into.problems.end(), from.problems.begin(), from.problems.end());
    into.names = from.names; // the parser's tables only grow
    into.strings = from.strings;
    into.linesRead += from.linesRead;
    into.unlistedRejected += from.unlistedRejected;
    into.unlistedWarnings += from.unlistedWarnings;
}

inline QString stringOf(const QStringList& table, std::uint16_t id)
{
    return id == kNoString ? QStringLiteral("<none>")
                           : table.value(qsizetype(id), QStringLiteral("<bad id>"));
}

// Everything a consumer sees of a batch; empty when equal, else the first difference.
// `linesRead` is left out when batches are only handed out for builds and problems (a follower
// hands out nothing for blank lines).
inline std::string difference(const BuildBatch& a, const BuildBatch& b, bool withLinesRead = true)
{
    if (a.timestampUs != b.timestampUs)
        return "timestamps (" + std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
               " builds)";
    if (a.line != b.line)
        return "line numbers";
    if (a.offset != b.offset)
        return "offsets";
    if (a.hash != b.hash)
        return "hashes";
    if (a.flags != b.flags)
        return "flags";
    // Ids index the parser's tables, which keep names from before a restart: compare names.
    if (a.env.size() != b.env.size())
        return "environment count";
    for (std::size_t i = 0; i < a.env.size(); ++i) {
        if (stringOf(a.strings, a.env[i]) != stringOf(b.strings, b.env[i]))
            return "environment strings";
    }
    if (a.valueBegin != b.valueBegin || a.warningBegin != b.warningBegin)
        return "value or warning ranges";
    if (a.valueName.size() != b.valueName.size() || !sameBits(a.value, b.value))
        return "values";
    for (std::size_t i = 0; i < a.valueName.size(); ++i) {
        if (a.names.value(qsizetype(a.valueName[i])) != b.names.value(qsizetype(b.valueName[i])))
            return "value names";
    }
    if (!sameProblems(a.problems, b.problems))
        return "problems (" + std::to_string(a.problems.size()) + " vs " +
               std::to_string(b.problems.size()) + ")";
    if (a.unlistedRejected != b.unlistedRejected || a.unlistedWarnings != b.unlistedWarnings)
        return "unlisted problem counts";
    if (withLinesRead && a.linesRead != b.linesRead)
        return "lines read (" + std::to_string(a.linesRead) + " vs " + std::to_string(b.linesRead) +
               ")";
    return {};
}

} // namespace bengal::fuzz
