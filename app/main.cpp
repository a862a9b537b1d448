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

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1) {
        if (const auto* command = bengal::cli::findCommand(QString::fromLocal8Bit(argv[1])))
            return runCommand(*command, argc, argv);
    }
    QCoreApplication app(argc, argv);
    describeApplication();
    bengal::cli::printError(QStringLiteral("the window is not built yet"));
    return 1;
}
