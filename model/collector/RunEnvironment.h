#pragma once

#include <QFuture>
#include <QString>
#include <optional>

namespace bengal {

struct GitState
{
    QString commit;
    bool dirty = false;
};

// The machine and checkout a run happened on.
struct RunEnvironment
{
    QString host;
    int cpus = 0;
    double loadAverage1m = 0;
    std::optional<GitState> git; // none outside a git work tree (or when git is missing/slow)
};

// HEAD and whether the work tree has changes, for `directory`; nullopt when it is not in a git
// repository, git is missing or does not answer within `timeoutMs`. Blocks: call it off the GUI
// thread.
std::optional<GitState> readGitState(const QString& directory, int timeoutMs = 2000);

// Host, CPU count, load average now and the git state. Blocks like readGitState().
RunEnvironment captureRunEnvironment(const QString& directory, int gitTimeoutMs = 2000);

// The same on a worker thread, for the GUI.
QFuture<RunEnvironment> captureRunEnvironmentAsync(const QString& directory);

} // namespace bengal
