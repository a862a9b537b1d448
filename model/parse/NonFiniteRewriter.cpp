#include "parse/NonFiniteRewriter.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>
#include <cstdlib>

namespace bengal {

namespace {

// A JSON string starting with U+0000 cannot come from Bengal (json.dumps escapes it, but a
// record never has one), so it is safe as an in-band marker.
constexpr std::string_view kMarkerPrefix = "\\u0000";

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

void appendMarker(std::string& out, std::string_view name)
{
    out += '"';
    out += kMarkerPrefix;
    out += name;
    out += '"';
}

} // namespace

bool rewriteNonFinite(std::string_view line, std::string& out)
{
    out.clear();
    out.reserve(line.size() + 32);
    bool changed = false;
    bool inString = false;
    for (std::size_t i = 0; i < line.size();) {
        const char c = line[i];
        if (inString) {
            // Copy up to the next quote or escape in one go.
            const std::size_t stop = std::min(line.find_first_of("\"\\", i), line.size());
            if (stop > i) {
                out.append(line.data() + i, stop - i);
                i = stop;
                continue;
            }
            out += c;
            if (c == '\\' && i + 1 < line.size()) {
                out += line[i + 1];
                i += 2;
                continue;
            }
            if (c == '"')
                inString = false;
            ++i;
            continue;
        }
        if (c == '"') {
            inString = true;
            out += c;
            ++i;
            continue;
        }
        const std::string_view rest = line.substr(i);
        if (rest.starts_with("NaN")) {
            appendMarker(out, "NaN");
            i += 3;
            changed = true;
            continue;
        }
        if (rest.starts_with("Infinity")) {
            appendMarker(out, "Infinity");
            i += 8;
            changed = true;
            continue;
        }
        if (rest.starts_with("-Infinity")) {
            appendMarker(out, "-Infinity");
            i += 9;
            changed = true;
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i;
            while (end < line.size() && isNumberChar(line[end]))
                ++end;
            const std::string_view token = line.substr(i, end - i);
            // strtod needs a terminated copy; a number token is short (no heap for it).
            char small[64];
            std::string large;
            const char* text = small;
            if (token.size() < sizeof small) {
                std::memcpy(small, token.data(), token.size());
                small[token.size()] = '\0';
            } else {
                large.assign(token);
                text = large.c_str();
            }
            char* parsedEnd = nullptr;
            const double value = std::strtod(text, &parsedEnd);
            const bool whole = parsedEnd == text + token.size();
            const bool integral = token.find_first_of(".eE") == std::string_view::npos;
            if (whole && !std::isfinite(value)) {
                appendMarker(out, "out of range");
                changed = true;
            } else if (whole && integral && token.size() > 18) {
                // Past 64 bits a strict parser refuses the integer; its double value is exact
                // enough for any metric. Written with an exponent: the shortest plain form of
                // 2^64 is the same 20-digit integer, which the parser would refuse again.
                char buf[40];
                const auto r =
                    std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
                out.append(buf, r.ptr);
                changed = true;
            } else {
                out += token;
            }
            i = end;
            continue;
        }
        // Structure, blanks, literals: copy up to where a string, NaN, Infinity or a number
        // may start.
        const std::size_t stop =
            std::min(line.find_first_of("\"NI-0123456789", i + 1), line.size());
        out.append(line.data() + i, stop - i);
        i = stop;
    }
    return changed;
}

bool isNonFiniteMarker(std::string_view value)
{
    return !value.empty() && value.front() == '\0';
}

std::string_view nonFiniteMarkerName(std::string_view value)
{
    return isNonFiniteMarker(value) ? value.substr(1) : std::string_view{};
}

} // namespace bengal
