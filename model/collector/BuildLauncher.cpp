#include "collector/BuildLauncher.h"

#include "collector/ProcFs.h"

#include <signal.h>
#include <unistd.h>

namespace bengal {

namespace {

constexpr int DrainPollMs = 50;
constexpr int DrainPollsAfterKill = 40; // 2 s for the kernel to take down killed processes

// Runs in the child between fork and exec: only async-signal-safe calls.
void becomeSessionLeader()
{
    ::setsid(); // own session and process group: one kill(-pgid) reaches the whole tree
    // Start from the defaults a shell would give, whatever the launcher ignores or blocks.
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGXFSZ, SIG_DFL);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

} // namespace

BuildLauncher::BuildLauncher(QObject* parent) : QObject(parent)
{
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &BuildLauncher::escalate);
    m_drainTimer.setInterval(DrainPollMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &BuildLauncher::waitForGroupToEmpty);
}

BuildLauncher::~BuildLauncher()
{
    if (m_running && m_pid > 0) {
        signalTree(SIGKILL); // no orphans survive the launcher
        if (m_process) {
            m_process->disconnect(this);
            m_process->waitForFinished(1000); // reap the root; the rest belong to init now
        }
    }
}

void BuildLauncher::setTreePidsProvider(std::function<QList<qint64>()> provider)
{
    m_treePids = std::move(provider);
}

void BuildLauncher::start(const LaunchSpec& spec)
{
    Q_ASSERT(!m_running);
    if (m_process)
        m_process->deleteLater();
    m_process = new QProcess(this);
    m_outcome = {};
    m_graceMs = spec.graceMs;
    m_pid = 0;
    m_drainPolls = 0;
    m_rootExited = m_killed = false;

    m_process->setProgram(spec.program);
    m_process->setArguments(spec.arguments);
    m_process->setWorkingDirectory(spec.workingDirectory);
    m_process->setProcessEnvironment(spec.environment);
    m_process->setChildProcessModifier(becomeSessionLeader);
    if (spec.output == LaunchSpec::Output::Forward) {
        m_process->setProcessChannelMode(QProcess::ForwardedChannels);
        m_process->setInputChannelMode(QProcess::ForwardedInputChannel);
    } else {
        m_process->setStandardInputFile(QProcess::nullDevice()); // a prompt must not hang it
        connect(m_process, &QProcess::readyReadStandardOutput, this,
                [this] { emit standardOutput(m_process->readAllStandardOutput()); });
        connect(m_process, &QProcess::readyReadStandardError, this,
                [this] { emit standardError(m_process->readAllStandardError()); });
    }
    connect(m_process, &QProcess::started, this, [this] {
        m_pid = m_process->processId();
        emit started(m_pid);
    });
    connect(m_process, &QProcess::finished, this, &BuildLauncher::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &BuildLauncher::onErrorOccurred);

    m_running = true;
    m_clock.start();
    m_process->start();
    m_pid = m_process->processId();
}

void BuildLauncher::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_running)
        return;
    m_running = false;
    const QString message = m_process->errorString();
    // May fire inside start(): report from the event loop so callers see a consistent order.
    QMetaObject::invokeMethod(
        this, [this, message] { emit failedToStart(message); }, Qt::QueuedConnection);
}

void BuildLauncher::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_outcome.wallMs = m_clock.elapsed();
    if (status == QProcess::NormalExit)
        m_outcome.exitCode = exitCode;
    else
        m_outcome.signal = exitCode; // Qt reports the terminating signal as the code
    if (m_process->processChannelMode() != QProcess::ForwardedChannels) {
        const QByteArray out = m_process->readAllStandardOutput();
        const QByteArray err = m_process->readAllStandardError();
        if (!out.isEmpty())
            emit standardOutput(out);
        if (!err.isEmpty())
            emit standardError(err);
    }
    m_rootExited = true;
    if (m_outcome.cancelled && procfs::groupHasLiveMembers(pid_t(m_pid))) {
        m_drainTimer.start(); // descendants still ending: wait for them (or for SIGKILL)
        return;
    }
    finish();
}

void BuildLauncher::cancel()
{
    cancel(SIGTERM);
}

void BuildLauncher::cancel(int signal)
{
    if (!m_running)
        return;
    m_outcome.cancelled = true;
    if (m_pid <= 0) {
        m_process->kill();
        return;
    }
    signalTree(signal);
    if (!m_graceTimer.isActive() && !m_killed)
        m_graceTimer.start(m_graceMs);
}

void BuildLauncher::signalTree(int signal)
{
    if (m_pid <= 0)
        return;
    ::kill(-pid_t(m_pid), signal);
    if (!m_treePids)
        return;
    for (const qint64 pid : m_treePids()) {
        // Members still in the group got the signal above; this reaches ones that left it.
        const auto stat = procfs::readStat(pid_t(pid));
        if (stat && stat->pgrp != pid_t(m_pid) && stat->state != 'Z')
            ::kill(pid_t(pid), signal);
    }
}

void BuildLauncher::escalate()
{
    m_killed = true;
    signalTree(SIGKILL);
    if (m_rootExited)
        m_drainTimer.start();
}

void BuildLauncher::waitForGroupToEmpty()
{
    if (m_killed && ++m_drainPolls > DrainPollsAfterKill) {
        finish(); // unkillable (uninterruptible sleep); do not hang the caller forever
        return;
    }
    if (!procfs::groupHasLiveMembers(pid_t(m_pid)))
        finish();
}

void BuildLauncher::finish()
{
    m_graceTimer.stop();
    m_drainTimer.stop();
    m_running = false;
    emit finished(m_outcome);
}

} // namespace bengal
