#pragma once

#include <QStringList>
#include <vector>

namespace bengal::cli {

// One headless subcommand. `run` gets the arguments with args[0] = "bengal-perf <name>"
// and returns the process exit code.
struct Command
{
    const char* name;
    const char* summary;
    bool needsGuiApplication; // rendering commands (export, report) need a QApplication
    int (*run)(const QStringList& args);
};

const std::vector<Command>& commands();
const Command* findCommand(const QString& name);

} // namespace bengal::cli
