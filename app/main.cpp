#include "cli/CliSupport.h"
#include "cli/CommandTable.h"

#include <QApplication>
#include <QCoreApplication>
#include <memory>

namespace {

void describeApplication()
{
    // Settings and the local store land in the usual per-user folders under these names.
    QCoreApplication::setOrganizationName(QStringLiteral("bengal"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("bengal.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("bengal-perf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BENGAL_PERF_VERSION));
}

int runCommand(const bengal::cli::Command& command, int argc, char** argv)
{
    if (command.needsGuiApplication && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // headless rendering needs no display
    std::unique_ptr<QCoreApplication> app;
    if (command.needsGuiApplication)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    describeApplication();
    QStringList args = QCoreApplication::arguments();
    args[0] = QStringLiteral("bengal-perf %1").arg(args.at(1));
    args.removeAt(1);
    return command.run(args);
}

// bengal-perf --help / --version, headless, listing the subcommands.
int runTopLevelOption(const QString& option, int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    describeApplication();
    if (option == QLatin1String("--version") || option == QLatin1String("-v")) {
        bengal::cli::printOut(QStringLiteral("bengal-perf %1 (Qt %2)\n")
                                  .arg(QCoreApplication::applicationVersion(),
                                       QString::fromLatin1(qVersion())));
        return 0;
    }
    QString text = QCoreApplication::translate(
        "bengal", "Usage: bengal-perf [PATH]\n"
                  "       bengal-perf <command> [options] [args]\n\n"
                  "Without a command, opens the dashboard on PATH (a history file or a site\n"
                  "folder), else on the history of the current folder, else on demo data.\n\n"
                  "Commands (each has --help):\n");
    for (const auto& command : bengal::cli::commands())
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(command.name).leftJustified(13),
                         QCoreApplication::translate("bengal", command.summary));
    text += QCoreApplication::translate("bengal", "\nOptions:\n  -h, --help     Show this help.\n"
                                                  "  -v, --version  Show the version.\n");
    bengal::cli::printOut(text);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1) {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (const auto* command = bengal::cli::findCommand(first))
            return runCommand(*command, argc, argv);
        if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
            first == QLatin1String("--version") || first == QLatin1String("-v"))
            return runTopLevelOption(first, argc, argv);
    }
    QCoreApplication app(argc, argv);
    describeApplication();
    bengal::cli::printError(QStringLiteral("the window is not built yet"));
    return 1;
}
