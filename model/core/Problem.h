#pragma once

#include <QMetaType>
#include <QString>
#include <cstdint>

namespace bengal {

// A line that was not loaded (Rejected) or a field of a loaded build that was left out
// (Warning). Parse problems are data shown to the user, never silence.
struct Problem
{
    enum class Kind : std::uint8_t
    {
        Rejected,
        Warning
    };
    Kind kind = Kind::Rejected;
    std::int64_t line = 0;   // 1-based, counting every line of the file
    std::int64_t offset = 0; // byte offset of the line's start, to show the raw line on demand
    QString key;             // warnings: the field, e.g. "phase_timings_ms.Rendering"
    QString reason;
};

} // namespace bengal

Q_DECLARE_TYPEINFO(bengal::Problem, Q_RELOCATABLE_TYPE);
