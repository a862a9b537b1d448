#include "export/ExportTheme.h"

namespace bengal {

QPalette exportPalette(ExportTheme theme, const QPalette& current)
{
    if (theme == ExportTheme::Current)
        return current;
    QPalette p = current;
    const QColor paper(0xff, 0xff, 0xff);
    const QColor ink(0x20, 0x21, 0x24);
    // ChartPalette reads Window (around the plot), Base (behind the data), WindowText and
    // Highlight; the rest keeps any widget that might be drawn readable.
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(group, QPalette::Window, paper);
        p.setColor(group, QPalette::Base, paper);
        p.setColor(group, QPalette::AlternateBase, QColor(0xf5, 0xf5, 0xf7));
        p.setColor(group, QPalette::WindowText, ink);
        p.setColor(group, QPalette::Text, ink);
        p.setColor(group, QPalette::Button, QColor(0xf0, 0xf0, 0xf0));
        p.setColor(group, QPalette::ButtonText, ink);
        p.setColor(group, QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        p.setColor(group, QPalette::HighlightedText, paper);
    }
    return p;
}

} // namespace bengal
