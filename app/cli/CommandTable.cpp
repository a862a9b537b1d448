#include "cli/CommandTable.h"

namespace bengal::cli {

// Each subcommand lives in its own file; add one declaration and one table row per command.
int runSummary(const QStringList& args);
int runWatch(const QStringList& args);
int runDemo(const QStringList& args);
int runRun(const QStringList& args);
int runCompare(const QStringList& args);
int runExport(const QStringList& args);
int runReport(const QStringList& args);
int runRegressions(const QStringList& args);
int runCheck(const QStringList& args);

const std::vector<Command>& commands()
{
    static const std::vector<Command> table{
        {"summary", "Statistics of every metric in a history", false, runSummary},
        {"watch", "Follow a history live and print one JSON event per line", false, runWatch},
        {"demo", "Write a realistic synthetic history", false, runDemo},
        {"run", "Launch a build under the collector and file its measurements", false, runRun},
        {"compare", "Compare builds side by side (changes against the first)", false, runCompare},
        {"export", "Export a chart (PNG, SVG, PDF) or the builds (CSV, JSON)", true, runExport},
        {"report", "Write an HTML or Markdown report: summary, charts, regressions", true,
         runReport},
        {"regressions", "List every step, alert and trend over a history", false, runRegressions},
        {"check", "Judge the latest build for CI (exit 1 on a regression)", false, runCheck},
    };
    return table;
}

const Command* findCommand(const QString& name)
{
    for (const Command& command : commands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

} // namespace bengal::cli
