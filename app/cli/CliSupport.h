#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace bengal::cli {

enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2
};

// Prints "bengal-perf: <message>" to stderr.
void printError(const QString& message);
// Writes UTF-8 text to stdout and flushes at once (watch consumers read line by line).
void printOut(const QString& text);
void printOutBytes(const QByteArray& bytes);

// Parses `args` with --help/--version added. Returns -1 when the command should go on;
// otherwise the exit code to return (0 after --help/--version, 2 on a usage error, with
// the parser's message on stderr).
int parseArguments(QCommandLineParser& parser, const QStringList& args, const QString& description);

// A non-negative integer option; on failure prints an error and sets ok=false.
int intOption(const QCommandLineParser& parser, const QString& name, int fallback, bool* ok);

} // namespace bengal::cli
