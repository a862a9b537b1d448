#include "collector/RunEnvironment.h"

#include <QProcess>
#include <QSysInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdlib>
#include <unistd.h>

namespace bengal {

namespace {

// Runs git with a deadline; nullopt on any failure.
std::optional<QByteArray> runGit(const QString& directory, const QStringList& arguments,
                                 int timeoutMs)
{
    QProcess git;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Never take index.lock: a status refresh must not collide with the user's own git use.
    environment.insert(QStringLiteral("GIT_OPTIONAL_LOCKS"), QStringLiteral("0"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    git.setProcessEnvironment(environment);
    git.setStandardInputFile(QProcess::nullDevice());
    git.setProcessChannelMode(QProcess::SeparateChannels);
    git.start(QStringLiteral("git"), QStringList{QStringLiteral("-C"), directory} + arguments);
    if (!git.waitForStarted(timeoutMs))
        return std::nullopt;
    if (!git.waitForFinished(timeoutMs)) {
        git.kill();
        git.waitForFinished(1000);
        return std::nullopt;
    }
    if (git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0)
        return std::nullopt;
    return git.readAllStandardOutput();
}

} // namespace

std::optional<GitState> readGitState(const QString& directory, int timeoutMs)
{
    const auto head =
        runGit(directory,
               {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("HEAD")},
               timeoutMs);
    if (!head)
        return std::nullopt;
    const auto status = runGit(directory,
                               {QStringLiteral("status"), QStringLiteral("--porcelain"),
                                QStringLiteral("--untracked-files=normal")},
                               timeoutMs);
    if (!status)
        return std::nullopt;
    GitState state;
    state.commit = QString::fromLatin1(head->trimmed());
    state.dirty = !status->trimmed().isEmpty();
    return state;
}

RunEnvironment captureRunEnvironment(const QString& directory, int gitTimeoutMs)
{
    RunEnvironment environment;
    environment.host = QSysInfo::machineHostName();
    environment.cpus = int(::sysconf(_SC_NPROCESSORS_ONLN));
    double load[1] = {0};
    if (::getloadavg(load, 1) == 1)
        environment.loadAverage1m = load[0];
    environment.git = readGitState(directory, gitTimeoutMs);
    return environment;
}

QFuture<RunEnvironment> captureRunEnvironmentAsync(const QString& directory)
{
    return QtConcurrent::run([directory] { return captureRunEnvironment(directory); });
}

} // namespace bengal
