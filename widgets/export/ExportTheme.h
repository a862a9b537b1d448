#pragma once

#include <QPalette>
#include <QString>

namespace bengal {

// The colours of an export: the palette the window uses now, or a print-friendly light one
// (white paper, dark text, light grid) whatever the desktop looks like.
enum class ExportTheme
{
    Current,
    Light
};

// The palette a chart is drawn with for `theme`; `current` is returned as is for Current.
QPalette exportPalette(ExportTheme theme, const QPalette& current);

} // namespace bengal
