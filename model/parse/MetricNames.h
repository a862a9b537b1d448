#pragma once

#include <QStringList>

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bengal {

// Equality of short keys without a call to memcmp: most keys are 8 to 32 bytes, and a name is
// compared once per value of every line.
[[gnu::always_inline]] inline bool sameBytes(const char* a, const char* b, std::size_t n)
{
    const auto load64 = [](const char* p) {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    if (n >= 8 && n <= 32) {
        if (load64(a) != load64(b) || load64(a + n - 8) != load64(b + n - 8))
            return false;
        if (n > 16)
            return load64(a + 8) == load64(b + 8) && load64(a + n - 16) == load64(b + n - 16);
        return true;
    }
    return std::memcmp(a, b, n) == 0;
}

// A metric's name as found: a top-level key, or the key of an entry of a top-level object
// (`parent.key`). Matched against known names in its parts; joined only when it is new.
struct NameParts
{
    std::string_view parent; // empty for a top-level key
    std::string_view key;

    std::size_t size() const
    {
        return parent.empty() ? key.size() : parent.size() + 1 + key.size();
    }
    [[gnu::always_inline]] bool equals(std::string_view full) const
    {
        if (full.size() != size())
            return false;
        if (parent.empty())
            return sameBytes(full.data(), key.data(), key.size());
        return sameBytes(full.data(), parent.data(), parent.size()) && full[parent.size()] == '.' &&
               sameBytes(full.data() + parent.size() + 1, key.data(), key.size());
    }
    std::string_view joined(std::string& buffer) const;
};

// The metric names of one history, numbered as the parser meets them, with what each one is to
// the derived figures.
//
// Records of one history repeat the same keys in the same order, so the next name of a line is
// almost always the name after the previous match in the line before: a compare instead of a
// hash. A map entry more or less (a phase that did not run) only moves the cursor, it does not
// turn the rest of the line into misses.
class MetricNames
{
public:
    // Returned when the table is full. Not std::optional: returned through memory, that cost a
    // store-forwarding stall per value (a tenth of a load's time).
    static constexpr std::uint32_t kNoName = std::numeric_limits<std::uint32_t>::max();

    // What a name is to the derived figures, decided once per name rather than per value.
    enum Role : std::int8_t
    {
        NoRole = -1, // 0..4: the classic phases, in kClassicPhases order
        BuildTime = 5,
        TotalPages = 6
    };
    // The five phase fields every Bengal version writes; unattributed time falls back to them
    // when a record has no phase ledger.
    static constexpr std::string_view kClassicPhases[] = {"discovery_time_ms", "taxonomy_time_ms",
                                                          "rendering_time_ms", "assets_time_ms",
                                                          "postprocess_time_ms"};

    explicit MetricNames(std::size_t maxNames) : m_maxNames(maxNames) {}

    void startLine()
    {
        if (m_diverged) {
            m_previousLine.swap(m_currentLine);
            m_currentLine.clear();
        } else if (m_cursor > 0) {
            m_previousLine.resize(m_cursor); // the line was the previous one's beginning
        }
        m_diverged = false;
        m_cursor = 0;
    }

    // The id of the next name of the line, or kNoName when the table is full (`always`: the
    // derived metrics, which are always kept). Inlined, a hit costs a compare; a call per value
    // cost more than the compare.
    [[gnu::always_inline]] std::uint32_t id(const NameParts& parts, bool always = false)
    {
        if (m_cursor < m_previousLine.size()) {
            const std::uint32_t expected = m_previousLine[m_cursor];
            if (parts.equals(m_text[expected])) [[likely]] {
                ++m_cursor;
                if (m_diverged) [[unlikely]]
                    m_currentLine.push_back(expected);
                return expected;
            }
        }
        return lookUp(parts, always);
    }

    Role role(std::uint32_t id) const { return m_roles[id]; }
    const QStringList& names() const { return m_names; }

private:
    [[gnu::noinline]] std::uint32_t lookUp(const NameParts& parts, bool always);
    static Role roleOf(std::string_view name);

    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept
        {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::size_t m_maxNames;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> m_ids;
    std::vector<std::string> m_text; // by id
    std::vector<Role> m_roles;       // by id
    QStringList m_names;             // by id, for the batches
    std::string m_joined;
    std::vector<std::uint32_t> m_previousLine; // ids of the names of the line before
    // This line's names, kept only once it differs from the line before (until then they are
    // m_previousLine[0, m_cursor)): a line like the one before costs no copy of its names.
    std::vector<std::uint32_t> m_currentLine;
    bool m_diverged = false;
    std::size_t m_cursor = 0; // into m_previousLine
    static constexpr std::size_t kResyncReach = 8;
};

} // namespace bengal
