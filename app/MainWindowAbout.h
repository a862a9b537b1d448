#pragma once

class QMessageBox;
class QWidget;

namespace bengal {

// Help > About: the program's version, the Qt it was built with and runs on, and its licence.
// A function of its own so tests can look at the dialog without running it modally.
QMessageBox* createAboutBox(QWidget* parent);

} // namespace bengal
