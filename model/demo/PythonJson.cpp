#include "demo/PythonJson.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace bengal {

namespace {

// Python's repr() switches to exponent form when the decimal point would sit more than 16
// places right of the first digit, or 4 or more places left of it (float_repr_style 'short').
constexpr int ReprMaxFixedPoint = 16;
constexpr int ReprMinFixedPoint = -4;

void appendExponent(std::string& out, int exponent)
{
    out.append(exponent < 0 ? "e-" : "e+");
    const int magnitude = std::abs(exponent);
    if (magnitude < 10)
        out.push_back('0');
    char buffer[8];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, magnitude);
    out.append(buffer, result.ptr - buffer);
}

} // namespace

void appendPythonFloat(std::string& out, double value)
{
    if (std::isnan(value)) {
        out.append("NaN");
        return;
    }
    if (std::isinf(value)) {
        out.append(value < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (value == 0.0) {
        out.append(std::signbit(value) ? "-0.0" : "0.0");
        return;
    }

    // Fast path: in repr's fixed-notation range, std::to_chars' shortest form is repr's digits
    // whenever it chose fixed notation itself; only ".0" may be missing.
    const double magnitude = std::fabs(value);
    if (magnitude >= 1e-4 && magnitude < 1e16) {
        char fixed[64];
        const auto plain = std::to_chars(fixed, fixed + sizeof fixed, value);
        const std::string_view text(fixed, std::size_t(plain.ptr - fixed));
        if (text.find('e') == std::string_view::npos) {
            out.append(text);
            if (text.find('.') == std::string_view::npos)
                out.append(".0");
            return;
        }
    }

    // Shortest round-trip digits in scientific form, e.g. "-1.3152e+03", then re-laid out.
    char sci[64];
    const auto result = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const char* p = sci;
    if (*p == '-') {
        out.push_back('-');
        ++p;
    }
    char digits[32];
    int digitCount = 0;
    for (; p < result.ptr && *p != 'e'; ++p) {
        if (*p != '.')
            digits[digitCount++] = *p;
    }
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), result.ptr, exponent);
    const int point = exponent + 1; // digits before the decimal point

    if (point > ReprMaxFixedPoint || point <= ReprMinFixedPoint) {
        out.push_back(digits[0]);
        if (digitCount > 1) {
            out.push_back('.');
            out.append(digits + 1, digitCount - 1);
        }
        appendExponent(out, exponent);
    } else if (point <= 0) {
        out.append("0.");
        for (int i = 0; i < -point; ++i)
            out.push_back('0');
        out.append(digits, digitCount);
    } else if (point >= digitCount) {
        out.append(digits, digitCount);
        for (int i = digitCount; i < point; ++i)
            out.push_back('0');
        out.append(".0");
    } else {
        out.append(digits, point);
        out.push_back('.');
        out.append(digits + point, digitCount - point);
    }
}

void appendPythonInt(std::string& out, qint64 value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

namespace {

void appendEscapedUnit(std::string& out, char16_t unit)
{
    switch (unit) {
    case u'"':
        out.append("\\\"");
        return;
    case u'\\':
        out.append("\\\\");
        return;
    case u'\n':
        out.append("\\n");
        return;
    case u'\r':
        out.append("\\r");
        return;
    case u'\t':
        out.append("\\t");
        return;
    case u'\b':
        out.append("\\b");
        return;
    case u'\f':
        out.append("\\f");
        return;
    default:
        break;
    }
    // ensure_ascii: everything outside ' '..'~' becomes \uXXXX (UTF-16 units, so characters
    // beyond the BMP come out as surrogate pairs, as Python writes them).
    if (unit >= 0x20 && unit <= 0x7e) {
        out.push_back(char(unit));
        return;
    }
    static const char hex[] = "0123456789abcdef";
    const char escaped[6] = {'\\',
                             'u',
                             hex[(unit >> 12) & 0xf],
                             hex[(unit >> 8) & 0xf],
                             hex[(unit >> 4) & 0xf],
                             hex[unit & 0xf]};
    out.append(escaped, 6);
}

} // namespace

void appendPythonString(std::string& out, QStringView text)
{
    out.push_back('"');
    for (const QChar c : text)
        appendEscapedUnit(out, c.unicode());
    out.push_back('"');
}

void appendPythonString(std::string& out, std::string_view ascii)
{
    out.push_back('"');
    // Key names and the few strings of a record never need escaping: copy them in one go.
    const bool plain = std::all_of(ascii.begin(), ascii.end(), [](char c) {
        return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    });
    if (plain) {
        out.append(ascii);
    } else {
        for (const char c : ascii)
            appendEscapedUnit(out, char16_t(static_cast<unsigned char>(c)));
    }
    out.push_back('"');
}

void PythonJsonObjectWriter::begin()
{
    m_out.push_back('{');
    if (m_depth < MaxDepth)
        m_first[m_depth] = true;
    ++m_depth;
}

void PythonJsonObjectWriter::end()
{
    m_out.push_back('}');
    --m_depth;
}

void PythonJsonObjectWriter::key(std::string_view name)
{
    Q_ASSERT(m_depth > 0 && m_depth <= MaxDepth);
    bool& first = m_first[m_depth - 1];
    if (!first)
        m_out.append(", ");
    first = false;
    appendPythonString(m_out, name);
    m_out.append(": ");
}

void PythonJsonObjectWriter::quotedKey(std::string_view quotedNameAndColon)
{
    Q_ASSERT(m_depth > 0 && m_depth <= MaxDepth);
    bool& first = m_first[m_depth - 1];
    if (!first)
        m_out.append(", ");
    first = false;
    m_out.append(quotedNameAndColon);
}

} // namespace bengal
