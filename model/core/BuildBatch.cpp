#include "core/BuildBatch.h"

namespace bengal {

void BuildBatch::clear()
{
    timestampUs.clear();
    line.clear();
    offset.clear();
    hash.clear();
    flags.clear();
    env.clear();
    valueBegin.clear();
    warningBegin.clear();
    valueName.clear();
    value.clear();
    names.clear();
    strings.clear();
    problems.clear();
    linesRead = 0;
    unlistedRejected = 0;
    unlistedWarnings = 0;
}

} // namespace bengal
