#pragma once

#include <QStringList>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bengal {

// The environment strings of one history (python_version, platform, completion_policy) as
// 16-bit ids into a table the batches carry. They change rarely, so the few last seen are
// checked before the table is.
class EnvironmentStrings
{
public:
    // kNoString (BuildBatch.h) once the table is full.
    std::uint16_t id(std::string_view text);
    const QStringList& strings() const { return m_strings; }

private:
    std::uint16_t intern(std::string_view text);

    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept
        {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::unordered_map<std::string, std::uint16_t, StringHash, std::equal_to<>> m_ids;
    QStringList m_strings;
    std::pair<std::string, std::uint16_t> m_recent[4];
    std::size_t m_nextRecent = 0;
};

} // namespace bengal
