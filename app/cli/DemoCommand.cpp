#include "cli/CliSupport.h"

namespace bengal::cli {

// Temporary until the command lands.
int runDemo(const QStringList&)
{
    printError(QStringLiteral("not implemented yet"));
    return ExitFailure;
}

} // namespace bengal::cli
