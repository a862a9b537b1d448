#include "parse/EnvironmentStrings.h"

#include "core/BuildBatch.h"

namespace bengal {

std::uint16_t EnvironmentStrings::id(std::string_view text)
{
    for (const auto& [known, id] : m_recent) {
        if (known == text && !known.empty())
            return id;
    }
    const std::uint16_t id = intern(text);
    if (id != kNoString && !text.empty()) {
        m_recent[m_nextRecent] = {std::string(text), id};
        m_nextRecent = (m_nextRecent + 1) % std::size(m_recent);
    }
    return id;
}

std::uint16_t EnvironmentStrings::intern(std::string_view text)
{
    if (auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    if (m_strings.size() >= kNoString)
        return kNoString;
    const auto id = std::uint16_t(m_strings.size());
    m_ids.emplace(std::string(text), id);
    m_strings.append(QString::fromUtf8(text.data(), qsizetype(text.size())));
    return id;
}

} // namespace bengal
