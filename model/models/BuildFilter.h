#pragma once

#include "core/Timestamp.h"

#include <QMetaType>
#include <cstdint>
#include <optional>
#include <vector>

namespace bengal {

class HistoryStore;

// Which builds the user looks at: kind, mode, a time range and/or the last N. Shared by the
// table proxy and the charts so both always show the same builds.
struct BuildFilter
{
    enum class Kind
    {
        Any,
        Full,
        Incremental
    };
    enum class Mode
    {
        Any,
        Parallel,
        Sequential
    };
    Kind kind = Kind::Any;
    Mode mode = Mode::Any;
    std::optional<TimestampUs> from; // inclusive
    std::optional<TimestampUs> to;   // inclusive
    qsizetype lastN = 0;             // 0 = no limit

    // Every condition but lastN.
    bool acceptsRow(const HistoryStore& store, qsizetype row) const;
    // First store row that the lastN window allows (0 without a limit).
    qsizetype firstRowOfLastN(const HistoryStore& store) const;
    // The accepted rows in time order.
    std::vector<std::uint32_t> rows(const HistoryStore& store) const;
    bool isActive() const
    {
        return kind != Kind::Any || mode != Mode::Any || from || to || lastN > 0;
    }
    bool operator==(const BuildFilter&) const = default;
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::BuildFilter)
