#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <optional>

namespace bengal {

// What to start: a program and its arguments as a list (never through a shell).
struct LaunchSpec
{
    enum class Output
    {
        Forward, // the command writes straight to our stdout/stderr, byte for byte (CLI)
        Capture  // output arrives as signals (window)
    };
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    Output output = Output::Capture;
    int graceMs = 3000; // between the polite signal and SIGKILL on cancel
};

// How the command ended.
struct LaunchOutcome
{
    std::optional<int> exitCode; // set when it exited normally
    std::optional<int> signal;   // set when a signal killed it
    qint64 wallMs = 0;           // monotonic, from just before start to the root's exit
    bool cancelled = false;
    bool succeeded() const { return exitCode && *exitCode == 0; }
    // The shell's convention: the exit code, or 128 + signal.
    int shellStatus() const { return signal ? 128 + *signal : exitCode.value_or(1); }
};

// Starts a command as the leader of its own session and process group, so the whole tree can
// be signalled at once, and reports its end. Works only through signals (no waitFor*), so it
// is safe on the GUI thread. Destroying a running launcher kills the group.
class BuildLauncher : public QObject
{
    Q_OBJECT
public:
    explicit BuildLauncher(QObject* parent = nullptr);
    ~BuildLauncher() override;

    void start(const LaunchSpec& spec);
    // Sends `signal` to the group (and to escaped tree members), then SIGKILL after the grace
    // period; finished() follows once no process of the group is left.
    void cancel(int signal);
    void cancel();

    // Extra pids to signal on cancel: tree members that left the group (e.g. via setsid).
    void setTreePidsProvider(std::function<QList<qint64>()> provider);

    bool isRunning() const { return m_running; }
    qint64 pid() const { return m_pid; }
    const QElapsedTimer& runClock() const { return m_clock; }

signals:
    void started(qint64 pid);
    void standardOutput(const QByteArray& bytes);
    void standardError(const QByteArray& bytes);
    // The root was reaped; after cancel(), also every member of its group is gone.
    void finished(const bengal::LaunchOutcome& outcome);
    void failedToStart(const QString& message);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void signalTree(int signal);
    void escalate();
    void waitForGroupToEmpty();
    void finish();

    QProcess* m_process = nullptr;
    QElapsedTimer m_clock;
    QTimer m_graceTimer;
    QTimer m_drainTimer;
    std::function<QList<qint64>()> m_treePids;
    LaunchOutcome m_outcome;
    qint64 m_pid = 0;
    int m_graceMs = 3000;
    int m_drainPolls = 0;
    bool m_running = false;
    bool m_rootExited = false;
    bool m_killed = false;
};

} // namespace bengal
