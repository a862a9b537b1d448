#pragma once

#include <QString>

class QApplication;

namespace bengal {

// "system" leaves the platform's palette alone (light or dark as the desktop says); "light" and
// "dark" force a Fusion palette, for screenshots and for desktops that report no preference.
// Returns false for an unknown name.
bool applyPalette(QApplication& app, const QString& name);

} // namespace bengal
