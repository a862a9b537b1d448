#pragma once

namespace bengal {

// The reverse-DNS id of packaging/: the .desktop file's name, the AppStream component and the
// themed icon. Wayland compositors and docks match the window to its menu entry by it.
inline constexpr char DesktopId[] = "dev.bengal.BengalPerf";

// Organisation, domain, name and version (from CMake): QSettings then writes
// ~/.config/bengal/bengal-perf.conf and the local store lives in
// ~/.local/share/bengal/bengal-perf/.
void describeApplication();

// For the window only (needs a QGuiApplication): the desktop entry it belongs to and its icon,
// from the installed icon theme, else the copy built into the program.
void describeDesktopApplication();

} // namespace bengal
