#include "cli/CliSupport.h"
#include "cli/CommandTable.h"

#include "AppIdentity.h"
#include "AppPalette.h"
#include "MainWindow.h"
#include "history/HistoryDiscovery.h"
#include "history/HistorySession.h"
#include "store/Database.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <cerrno>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QElapsedTimer& processStart()
{
    static QElapsedTimer timer;
    return timer;
}

// What Qt itself falls back to (a private folder under /tmp), without its warning.
void providePrivateRuntimeDir()
{
    const QByteArray dir =
        QDir::tempPath().toLocal8Bit() + "/runtime-" + QByteArray::number(uint(::getuid()));
    if (::mkdir(dir.constData(), 0700) == 0 || errno == EEXIST) {
        struct stat info;
        if (::stat(dir.constData(), &info) == 0 && info.st_uid == ::getuid() &&
            (info.st_mode & 0777) == 0700)
            qputenv("XDG_RUNTIME_DIR", dir);
    }
}

int runCommand(const bengal::cli::Command& command, int argc, char** argv)
{
    if (command.needsGuiApplication && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // headless rendering needs no display
    if (command.needsGuiApplication && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        providePrivateRuntimeDir(); // CI and cron have none; Qt would warn on every run
    std::unique_ptr<QCoreApplication> app;
    if (command.needsGuiApplication)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    bengal::describeApplication();
    QStringList args = QCoreApplication::arguments();
    args[0] = QStringLiteral("bengal-perf %1").arg(args.at(1));
    args.removeAt(1);
    return command.run(args);
}

// --screenshot: waits for the load and for the charts' coalesced redraw, then saves a grab.
void grabWhenLoaded(bengal::MainWindow& window, const QString& file)
{
    QObject::connect(
        window.session(), &bengal::HistorySession::loadFinished, &window, [&window, file] {
            QTimer::singleShot(600, &window, [&window, file] {
                if (!window.grab().save(file)) {
                    bengal::cli::printError(
                        QCoreApplication::translate("bengal", "cannot write %1").arg(file));
                    QCoreApplication::exit(1);
                    return;
                }
                QCoreApplication::exit(0);
            });
        });
}

// The window's own options: parsed by runWindow, listed by the top-level --help.
struct WindowOptions
{
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QCoreApplication::translate("bengal", "Show this help.")};
    QCommandLineOption version{{QStringLiteral("v"), QStringLiteral("version")},
                               QCoreApplication::translate("bengal", "Show the version.")};
    QCommandLineOption palette{QStringLiteral("palette"),
                               QCoreApplication::translate("bengal", "system, light or dark."),
                               QStringLiteral("NAME"), QStringLiteral("system")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("bengal", "Save a PNG of the window once loaded, then quit."),
        QStringLiteral("FILE")};
    QCommandLineOption size{QStringLiteral("size"),
                            QCoreApplication::translate("bengal", "Window size WxH."),
                            QStringLiteral("WxH")};
    QCommandLineOption startupProbe{
        QStringLiteral("startup-probe"),
        QCoreApplication::translate(
            "bengal", "Print the ms to the first frame and to the history, then quit.")};
    QList<QCommandLineOption> all() const
    {
        return {help, version, palette, screenshot, size, startupProbe};
    }
};

QString versionText()
{
    return QStringLiteral("bengal-perf %1 (Qt %2)\n")
        .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()));
}

QString topLevelHelp()
{
    QString text = QCoreApplication::translate(
        "bengal", "Usage: bengal-perf [options] [PATH]\n"
                  "       bengal-perf <command> [options] [args]\n\n"
                  "Without a command, opens the dashboard on PATH (a history file or a site\n"
                  "folder), else on the history of the current folder, else on demo data.\n\n"
                  "Commands (each has --help and --version):\n");
    for (const auto& command : bengal::cli::commands())
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(command.name).leftJustified(13),
                         QCoreApplication::translate("bengal", command.summary));
    text += QCoreApplication::translate("bengal", "\nOptions:\n");
    for (const QCommandLineOption& option : WindowOptions().all()) {
        QStringList names;
        for (const QString& name : option.names())
            names << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
        QString left = names.join(QStringLiteral(", "));
        if (!option.valueName().isEmpty())
            left += QLatin1Char(' ') + option.valueName();
        text += QStringLiteral("  %1 %2\n").arg(left.leftJustified(19), option.description());
    }
    return text;
}

// The dashboard: PATH, else the current folder's history, else the bundled demo history.
int runWindow(int argc, char** argv)
{
    QApplication app(argc, argv);
    bengal::describeApplication();
    bengal::describeDesktopApplication();
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("PATH"),
        QCoreApplication::translate("bengal", "A history file or a site folder."));
    const WindowOptions options;
    const QCommandLineOption &palette = options.palette, &screenshot = options.screenshot,
                             &size = options.size, &startupProbe = options.startupProbe;
    parser.addOptions(options.all());
    parser.process(app);
    // Anywhere on the line (bengal-perf --palette dark --help), like the subcommands.
    if (parser.isSet(options.help) || parser.isSet(options.version)) {
        bengal::cli::printOut(parser.isSet(options.help) ? topLevelHelp() : versionText());
        return bengal::cli::ExitOk;
    }
    if (!bengal::applyPalette(app, parser.value(palette))) {
        bengal::cli::printError(QCoreApplication::translate("bengal", "unknown palette '%1'")
                                    .arg(parser.value(palette)));
        return bengal::cli::ExitUsage;
    }

    bengal::Database database;
    const bool storeOpen = database.open();
    bengal::MainWindow window(storeOpen ? &database : nullptr);
    if (const QStringList wh = parser.value(size).split(QLatin1Char('x')); wh.size() == 2)
        window.resize(wh[0].toInt(), wh[1].toInt());
    window.show();
    if (parser.isSet(screenshot))
        grabWhenLoaded(window, parser.value(screenshot));
    if (parser.isSet(startupProbe)) {
        // The first event-loop turn after show() paints the window; then the history loads.
        QTimer::singleShot(0, &window, [] {
            bengal::cli::printOut(
                QStringLiteral("first frame: %1 ms\n").arg(processStart().elapsed()));
        });
        QObject::connect(window.session(), &bengal::HistorySession::loadFinished, &window, [] {
            bengal::cli::printOut(
                QStringLiteral("history shown: %1 ms\n").arg(processStart().elapsed()));
            QTimer::singleShot(50, [] { QCoreApplication::exit(0); });
        });
    }
    window.reportStoreState(database, storeOpen);

    const QStringList paths = parser.positionalArguments();
    if (!paths.isEmpty())
        window.openPath(paths.first());
    else if (bengal::discoverHistory(QDir::currentPath()).found)
        window.openPath(QDir::currentPath());
    else
        window.openDemo();
    return QApplication::exec();
}

// bengal-perf --help / --version, headless, listing the subcommands.
int runTopLevelOption(const QString& option, int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    bengal::describeApplication();
    const bool version = option == QLatin1String("--version") || option == QLatin1String("-v");
    bengal::cli::printOut(version ? versionText() : topLevelHelp());
    return bengal::cli::ExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    processStart().start();
    if (argc > 1) {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (const auto* command = bengal::cli::findCommand(first))
            return runCommand(*command, argc, argv);
        if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
            first == QLatin1String("--version") || first == QLatin1String("-v"))
            return runTopLevelOption(first, argc, argv);
    }
    return runWindow(argc, argv);
}
