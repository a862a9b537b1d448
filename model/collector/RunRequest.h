#pragma once

#include "collector/CollectorSession.h"

#include <QString>
#include <QStringList>

namespace bengal {

// What the "Run build" dialog asks for, as typed. Checked and turned into collector settings
// here, so the rules are the same wherever a run is requested and can be tested without a
// window.
struct RunRequest
{
    QString workingDirectory;
    QString command;     // one line, split into words as a shell would; no shell ever runs
    QString environment; // KEY=VALUE lines added to (or replacing) the inherited environment
    int warmups = 0;
    int repeats = 1;
    QString label;
    // The history the window has open and the site folder it belongs to: a run in that folder
    // files there, so the window shows the new build live.
    QString openHistory;
};

struct RunRequestCheck
{
    QStringList errors; // translated, one per problem, in the order of the form's fields
    CollectorSettings settings;
    bool ok() const { return errors.isEmpty(); }
};

// Checks a request: the folder exists, the command is not empty and its program can be found,
// every environment line is KEY=VALUE with a valid name (errors give the line number). On
// success `settings` is ready for a CollectorSession (output captured).
RunRequestCheck
checkRunRequest(const RunRequest& request,
                const QProcessEnvironment& base = QProcessEnvironment::systemEnvironment());

// Parses KEY=VALUE lines into `environment`. Blank lines and lines starting with '#' are
// skipped; values are literal (no quotes removed, no $VAR expanded). Returns the errors.
QStringList applyEnvironmentLines(const QString& text, QProcessEnvironment& environment);

// The site folder a history belongs to: the folder holding .bengal/metrics/ or
// .bengal-metrics/, else the history's own folder.
QString siteFolderOfHistory(const QString& historyFile);

// The history a run files to, as `bengal-perf run` finds it: `option` (a file, or a folder to
// search), else the history discovered in the site folder, else where Bengal would create it.
QString historyForRun(const QString& option, const QString& siteDirectory);

// The site folder of a command run in `workingDirectory`: Bengal's --source when the command
// has one, else the working directory itself.
QString siteFolderOfCommand(const QString& workingDirectory, const QString& program,
                            const QStringList& arguments);

} // namespace bengal
