#pragma once

#include <QString>
#include <QStringList>

namespace bengal {

// Recognises a Bengal build command line and prepares it for event capture.
struct BengalCommand
{
    bool isBengalBuild = false; // `bengal build`, `python -m bengal build` (or `b` for build)
    int buildIndex = -1;        // index of the `build` word in the arguments
    QString logFile;            // the --log-file the command already has, if any
    QString sourceDirectory;    // the --source it has, if any (where Bengal keeps its metrics)
};

BengalCommand analyseBengalCommand(const QString& program, const QStringList& arguments);

// The arguments with `--log-file PATH` added right after the build word, unless the command
// already names a log file (then unchanged). Non-Bengal commands come back unchanged.
QStringList withLogFile(const QString& program, const QStringList& arguments,
                        const QString& logFile);

} // namespace bengal
