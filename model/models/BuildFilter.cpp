#include "models/BuildFilter.h"

#include "history/HistoryStore.h"

namespace bengal {

bool BuildFilter::acceptsRow(const HistoryStore& store, qsizetype row) const
{
    const std::uint8_t flags = store.flags(row);
    if (kind != Kind::Any) {
        const bool incremental = flags & BuildFlag::Incremental;
        if (incremental != (kind == Kind::Incremental))
            return false;
    }
    if (mode != Mode::Any) {
        const bool parallel = flags & BuildFlag::Parallel;
        if (parallel != (mode == Mode::Parallel))
            return false;
    }
    const TimestampUs ts = store.timestampUs(row);
    return (!from || ts >= *from) && (!to || ts <= *to);
}

qsizetype BuildFilter::firstRowOfLastN(const HistoryStore& store) const
{
    if (lastN <= 0)
        return 0;
    qsizetype kept = 0;
    for (qsizetype row = store.size() - 1; row >= 0; --row) {
        if (acceptsRow(store, row) && ++kept == lastN)
            return row;
    }
    return 0;
}

std::vector<std::uint32_t> BuildFilter::rows(const HistoryStore& store) const
{
    std::vector<std::uint32_t> out;
    const qsizetype first = firstRowOfLastN(store);
    out.reserve(std::size_t(store.size() - first));
    for (qsizetype row = first; row < store.size(); ++row) {
        if (acceptsRow(store, row))
            out.push_back(std::uint32_t(row));
    }
    return out;
}

} // namespace bengal
