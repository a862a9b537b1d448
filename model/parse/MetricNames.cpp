#include "parse/MetricNames.h"

#include <algorithm>

namespace bengal {

std::string_view NameParts::joined(std::string& buffer) const
{
    if (parent.empty())
        return key;
    buffer.assign(parent);
    buffer += '.';
    buffer += key;
    return buffer;
}

std::uint32_t MetricNames::lookUp(const NameParts& parts, bool always)
{
    const std::string_view name = parts.joined(m_joined);
    std::uint32_t id;
    if (auto it = m_ids.find(name); it != m_ids.end()) {
        id = it->second;
    } else {
        if (!always && m_text.size() >= m_maxNames)
            return kNoName;
        id = std::uint32_t(m_text.size());
        m_ids.emplace(std::string(name), id);
        m_text.emplace_back(name);
        m_roles.push_back(roleOf(name));
        m_names.append(QString::fromUtf8(name.data(), qsizetype(name.size())));
    }
    if (!m_diverged) {
        m_diverged = true;
        m_currentLine.assign(m_previousLine.begin(),
                             m_previousLine.begin() + std::ptrdiff_t(m_cursor));
    }
    const std::size_t reach = std::min(m_previousLine.size(), m_cursor + kResyncReach);
    for (std::size_t j = m_cursor; j < reach; ++j) {
        if (m_previousLine[j] == id) {
            m_cursor = j + 1;
            break;
        }
    }
    m_currentLine.push_back(id);
    return id;
}

MetricNames::Role MetricNames::roleOf(std::string_view name)
{
    if (name == "build_time_ms")
        return BuildTime;
    if (name == "total_pages")
        return TotalPages;
    for (std::size_t i = 0; i < std::size(kClassicPhases); ++i) {
        if (name == kClassicPhases[i])
            return Role(i);
    }
    return NoRole;
}

} // namespace bengal
