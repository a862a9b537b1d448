#include "stats/GroupSeries.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace bengal {

int groupOf(const DetectionInput& input, qsizetype row)
{
    return input.group.empty() || size_t(row) >= input.group.size() ? 0
                                                                    : int(input.group[size_t(row)]);
}

bool isExcluded(const DetectionInput& input, qsizetype row)
{
    return size_t(row) < input.excluded.size() && input.excluded[size_t(row)] != 0;
}

std::vector<int> presentGroups(const DetectionInput& input)
{
    if (input.group.empty())
        return {0};
    std::array<bool, 256> seen{};
    for (size_t i = 0; i < input.group.size(); ++i) {
        if (!isExcluded(input, qsizetype(i)))
            seen[input.group[i]] = true;
    }
    std::vector<int> groups;
    for (int g = 0; g < 256; ++g) {
        if (seen[size_t(g)])
            groups.push_back(g);
    }
    return groups;
}

GroupSeries groupSeries(const DetectionInput& input, std::span<const double> column, int group,
                        bool zeroIsMissing, qsizetype begin, qsizetype end)
{
    GroupSeries s;
    const auto size = qsizetype(column.size());
    end = end < 0 ? size : std::min(end, size);
    for (auto i = size_t(std::max<qsizetype>(0, begin)); i < size_t(std::max<qsizetype>(0, end));
         ++i) {
        const auto row = qsizetype(i);
        if (isMeasured(column[i], zeroIsMissing) && groupOf(input, row) == group &&
            !isExcluded(input, row)) {
            s.values.push_back(column[i]);
            s.rows.push_back(row);
        }
    }
    return s;
}

std::vector<qsizetype> breaksOf(const DetectionInput& input, const QString& metric,
                                qsizetype builds)
{
    std::vector<qsizetype> rows;
    for (const BaselineBreak& b : input.breaks) {
        if (b.metric == metric && b.row > 0 && b.row < builds)
            rows.push_back(b.row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

} // namespace bengal
