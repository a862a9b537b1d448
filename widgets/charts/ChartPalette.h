#pragma once

#include <QColor>
#include <QPalette>

namespace bengal {

// The colours of a chart, derived from the application palette so light and dark desktops both
// get readable charts. Series colours are a qualitative set that works on either background.
struct ChartPalette
{
    bool dark = false;
    QColor background; // around the plot
    QColor plotArea;   // behind the data
    QColor text;       // axis labels, legend
    QColor mutedText;  // axis titles, hidden legend entries
    QColor grid;
    QColor minorGrid;
    QColor axisLine;
    QColor crosshair;
    QColor selection;
    QColor marker;  // regression markers
    QColor failure; // failed-run markers
    QColor total;   // the build-time line
    QColor unattributed;

    static ChartPalette fromPalette(const QPalette& palette);
    // The i-th colour of the series set (cycles after the end).
    QColor series(int index) const;
};

} // namespace bengal
