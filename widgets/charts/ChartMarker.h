#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

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

    bool operator==(const ChartMarker&) const = default;
};

} // namespace bengal

Q_DECLARE_METATYPE(bengal::ChartMarker)
