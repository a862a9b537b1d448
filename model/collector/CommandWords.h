#pragma once

#include <QString>
#include <QStringList>

namespace bengal {

// The words of a command line typed by the user, quoted as in a POSIX shell, for a program that
// is launched directly (no shell ever runs it):
//   'single quotes' keep everything literally; "double quotes" keep everything but \" \\ \$ \`;
//   a backslash outside quotes keeps the next character; quoted parts next to each other make
//   one word; '' is an empty word.
// Nothing is expanded: $HOME, ~ and * are passed as they are (say so where the user types).
// On an unclosed quote `error` names the quote and where it opens, and the result is empty.
QStringList splitCommandWords(const QString& line, QString* error = nullptr);

} // namespace bengal
