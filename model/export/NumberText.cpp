#include "export/NumberText.h"

#include <charconv>
#include <cmath>

namespace bengal {

void appendShortestNumber(QByteArray& out, double value)
{
    // "-0" would read back as the integer 0 in most JSON libraries (Qt's, Python's): the
    // fraction keeps it a double, and negative.
    if (value == 0 && std::signbit(value)) {
        out += "-0.0";
        return;
    }
    char buffer[32]; // the longest shortest form of a double is 24 characters
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

QByteArray shortestNumber(double value)
{
    QByteArray out;
    appendShortestNumber(out, value);
    return out;
}

} // namespace bengal
