#pragma once

#include <QByteArray>

namespace bengal {

// The shortest decimal text that reads back as exactly `value` (std::to_chars, no format given):
// 6102.586984634399 stays 6102.586984634399, 192.0 becomes 192, 1e21 becomes 1e+21, and -0.0
// stays -0.0 (its sign survives JSON readers that take "-0" for an integer). Valid as a
// JSON number and as a CSV cell. Only for finite values.
void appendShortestNumber(QByteArray& out, double value);
QByteArray shortestNumber(double value);

} // namespace bengal
