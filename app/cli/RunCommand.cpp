// `bengal-perf run`: launch a build under the collector and file its measurements (issue 5).
#include "cli/CliSupport.h"

#include "collector/CollectorSession.h"
#include "collector/RunRequest.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QSocketNotifier>

#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace bengal::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal", text);
}

// SIGINT/SIGTERM reach us, not the build (it runs in its own session): a self-pipe turns them
// into an event so the session can forward them to the build's process group.
int s_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    (void)!::write(s_signalPipe[1], &byte, 1);
}

void installSignalForwarding(QObject* context, CollectorSession& session)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [&session] {
        char byte = 0;
        if (::read(s_signalPipe[0], &byte, 1) == 1)
            session.cancel(int(byte));
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

QString describeRun(const RunFiling& filing)
{
    const RunRecord& record = filing.record;
    const QString ending = record.signal ? tr("killed by signal %1").arg(*record.signal)
                                         : tr("exit %1").arg(record.exitCode.value_or(-1));
    return tr("run %1: %2 in %3 s, CPU %4 s user + %5 s system, peak RSS %6 MiB, %7 phases")
        .arg(record.warmup ? tr("warm-up %1").arg(record.repeatIndex + 1)
                           : QString::number(record.repeatIndex + 1),
             ending, QString::number(record.wallMs / 1000.0, 'f', 3),
             QString::number(record.cpuUserMs / 1000.0, 'f', 2),
             QString::number(record.cpuSysMs / 1000.0, 'f', 2),
             QString::number(record.peakRssMb, 'f', 1), QString::number(record.phases.size()));
}

void reportFiling(const RunFiling& filing, const QString& historyFile)
{
    printError(describeRun(filing));
    if (filing.buildWroteHistory)
        printError(tr("the build wrote its own record to %1").arg(historyFile));
    if (!filing.historyLine.isEmpty() && !filing.historyResult.ok)
        printError(tr("history record not written: %1; the record was: %2")
                       .arg(filing.historyResult.message,
                            QString::fromUtf8(filing.historyLine.trimmed())));
    if (!filing.collectorResult.ok)
        printError(tr("collector record not written: %1; the record was: %2")
                       .arg(filing.collectorResult.message,
                            QString::fromUtf8(filing.collectorLine.trimmed())));
}

double median(const QList<double>& sorted)
{
    const qsizetype n = sorted.size();
    return n % 2 ? sorted.at(n / 2) : (sorted.at(n / 2 - 1) + sorted.at(n / 2)) / 2.0;
}

} // namespace

int runRun(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOptions({
        {QStringLiteral("history"),
         tr("History file or site folder (default: discovered in "
            "the current folder, else .bengal/metrics/)."),
         QStringLiteral("PATH")},
        {QStringLiteral("repeat"), tr("Measured runs (default 1)."), QStringLiteral("N")},
        {QStringLiteral("warmup"), tr("Warm-up runs before them (default 0)."),
         QStringLiteral("N")},
        {QStringLiteral("interval-ms"), tr("Sampling interval (default 50)."),
         QStringLiteral("MS")},
        {QStringLiteral("label"), tr("A label filed with every run."), QStringLiteral("TEXT")},
        {QStringLiteral("events"), tr("Follow this JSON-lines event log (any command)."),
         QStringLiteral("FILE")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), tr("The command and its arguments."),
                                 QStringLiteral("-- COMMAND [ARGS...]"));
    if (const int status = parseArguments(
            parser, args, tr("Launch a build under the collector and file its measurements."));
        status >= 0)
        return status;

    bool ok = true;
    const int repeats = intOption(parser, QStringLiteral("repeat"), 1, &ok);
    const int warmups = intOption(parser, QStringLiteral("warmup"), 0, &ok);
    const int intervalMs = intOption(parser, QStringLiteral("interval-ms"), 50, &ok);
    QStringList command = parser.positionalArguments();
    if (!command.isEmpty() && command.first() == QLatin1String("--"))
        command.removeFirst();
    if (ok && (repeats < 1 || intervalMs < 1)) {
        printError(tr("--repeat and --interval-ms need at least 1"));
        ok = false;
    }
    if (ok && command.isEmpty()) {
        printError(tr("no command given: bengal-perf run [OPTIONS] -- COMMAND [ARGS...]"));
        ok = false;
    }
    if (!ok)
        return ExitUsage;

    CollectorSettings settings;
    settings.program = command.takeFirst();
    settings.arguments = command;
    settings.workingDirectory = QDir::currentPath();
    // --history PATH, or the history Bengal keeps for the site (--source or the current folder).
    settings.historyPath = historyForRun(
        parser.value(QStringLiteral("history")),
        siteFolderOfCommand(settings.workingDirectory, settings.program, settings.arguments));
    settings.repeats = repeats;
    settings.warmups = warmups;
    settings.intervalMs = intervalMs;
    settings.label = parser.value(QStringLiteral("label"));
    settings.eventsFile = parser.value(QStringLiteral("events"));
    settings.output = LaunchSpec::Output::Forward; // the build's output passes through as is

    QEventLoop loop;
    CollectorSession session(settings);
    installSignalForwarding(&loop, session);
    QObject::connect(&session, &CollectorSession::runFinished, &loop,
                     [&](const RunFiling& filing) { reportFiling(filing, settings.historyPath); });
    QObject::connect(&session, &CollectorSession::failedToStart, &loop,
                     [&](const QString& message) {
                         printError(tr("cannot start %1: %2").arg(settings.program, message));
                     });
    QObject::connect(&session, &CollectorSession::finished, &loop, &QEventLoop::quit);
    session.start();
    loop.exec();

    QList<double> walls;
    for (const RunFiling& filing : session.filings()) {
        if (!filing.record.warmup)
            walls.append(filing.record.wallMs);
    }
    if (walls.size() > 1) {
        std::sort(walls.begin(), walls.end());
        printError(
            tr("%1 runs: median %2 s, fastest %3 s, slowest %4 s; filed to %5")
                .arg(QString::number(walls.size()), QString::number(median(walls) / 1000.0, 'f', 3),
                     QString::number(walls.first() / 1000.0, 'f', 3),
                     QString::number(walls.last() / 1000.0, 'f', 3), session.collectorPath()));
    }
    return session.lastStatus();
}

} // namespace bengal::cli
