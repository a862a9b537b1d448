#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <limits>

namespace bengal {

// A vertical line at one build with a short label: a detected regression, a failed run, a note.
struct ChartMarker
{
    enum class Kind
    {
        Regression,
        Failure,
        Note
    };
    qsizetype row = -1; // store row of the build
    QString label;      // plain text (it may come from the history)
    Kind kind = Kind::Regression;
    // A marker between builds (a failed run has no build): its UTC time in ms since the epoch.
    // Set, it places the marker instead of `row` (in build-index mode: between the builds
    // before and after it).
    static constexpr qint64 kAtRow = std::numeric_limits<qint64>::min();
    qint64 timeMs = kAtRow;

    bool operator==(const ChartMarker&) const = default;
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::ChartMarker)
