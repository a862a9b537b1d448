#pragma once

#include <string>
#include <string_view>

namespace bengal {

// Python's json module writes NaN, Infinity and -Infinity, and big integers that no JSON
// library reads as numbers. This rewrites such tokens (outside strings) so that a strict
// parser accepts the line: non-finite values become a marker string that the record parser
// reads as "this field is missing", integers past 64 bits become their double value.
// Returns false when nothing needed rewriting (the line is then simply invalid JSON).
bool rewriteNonFinite(std::string_view line, std::string& out);

// The marker a rewritten non-finite value becomes, and its description ("NaN", ...).
bool isNonFiniteMarker(std::string_view value);
std::string_view nonFiniteMarkerName(std::string_view value);

} // namespace bengal
