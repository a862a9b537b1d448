#pragma once

#include "demo/DemoBuildModel.h"

#include <string>

namespace bengal {

// Appends the history line Bengal's collector would have written for `build` (with the key
// set, key order, timestamp form and value types of build.version), ending in '\n'.
void appendDemoRecord(std::string& out, const DemoBuild& build);

} // namespace bengal
