#include "collector/RunRequest.h"

#include "collector/BengalCommand.h"
#include "collector/CommandWords.h"
#include "history/HistoryDiscovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace bengal {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::RunRequest", text);
}

// Finds the program as the launcher will: a path with a slash relative to the working folder,
// a bare name on the PATH the command gets. Returns the path to launch (the name as typed when
// the inherited PATH finds it, so the filed command reads as typed), or empty.
QString resolveProgram(const QString& program, const QDir& workingDirectory,
                       const QProcessEnvironment& base, const QProcessEnvironment& environment)
{
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo file(workingDirectory.absoluteFilePath(program));
        return file.isFile() && file.isExecutable() ? file.absoluteFilePath() : QString();
    }
    const QString pathKey = QStringLiteral("PATH");
    const QString path = environment.value(pathKey);
    const QString found =
        QStandardPaths::findExecutable(program, path.split(QLatin1Char(':'), Qt::SkipEmptyParts));
    if (found.isEmpty())
        return {};
    // QProcess looks the name up on our own PATH, not the command's: when an override changed
    // PATH, launch the program it finds by its full path.
    return environment.value(pathKey) == base.value(pathKey) ? program : found;
}

} // namespace

QStringList applyEnvironmentLines(const QString& text, QProcessEnvironment& environment)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QStringList errors;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            errors << tr("Environment line %1: “%2” is not KEY=VALUE.").arg(i + 1).arg(trimmed);
            continue;
        }
        const QString key = line.left(equals).trimmed();
        if (!name.match(key).hasMatch()) {
            errors << tr("Environment line %1: “%2” is not a variable name (letters, digits and "
                         "_, not starting with a digit).")
                          .arg(i + 1)
                          .arg(key);
            continue;
        }
        environment.insert(key, line.mid(equals + 1));
    }
    return errors;
}

RunRequestCheck checkRunRequest(const RunRequest& request, const QProcessEnvironment& base)
{
    RunRequestCheck check;
    CollectorSettings& settings = check.settings;
    settings.output = LaunchSpec::Output::Capture;

    const QString folder = request.workingDirectory.trimmed();
    const QFileInfo folderInfo(folder);
    if (folder.isEmpty())
        check.errors << tr("Choose the working folder the build runs in.");
    else if (!folderInfo.exists())
        check.errors << tr("The working folder %1 does not exist.").arg(folder);
    else if (!folderInfo.isDir())
        check.errors << tr("%1 is not a folder.").arg(folder);
    const bool folderOk = check.errors.isEmpty();
    settings.workingDirectory = folderInfo.absoluteFilePath();

    settings.environment = base;
    const QStringList environmentErrors =
        applyEnvironmentLines(request.environment, settings.environment);

    QString quoteError;
    const QStringList words = splitCommandWords(request.command, &quoteError);
    if (request.command.trimmed().isEmpty()) {
        check.errors << tr("Enter the command to run, e.g. bengal build --profile theme-dev.");
    } else if (!quoteError.isEmpty()) {
        check.errors << quoteError;
    } else if (words.isEmpty() || words.first().isEmpty()) {
        check.errors << tr("The command names no program.");
    } else if (folderOk) {
        settings.program = resolveProgram(words.first(), QDir(settings.workingDirectory), base,
                                          settings.environment);
        if (settings.program.isEmpty()) {
            check.errors << (words.first().contains(QLatin1Char('/'))
                                 ? tr("%1 is not an executable file.").arg(words.first())
                                 : tr("%1 was not found on the PATH.").arg(words.first()));
        }
        settings.arguments = words.mid(1);
    }
    check.errors << environmentErrors;

    if (request.repeats < 1)
        check.errors << tr("Run the build at least once.");
    if (request.warmups < 0)
        check.errors << tr("Warm-ups cannot be negative.");
    settings.repeats = request.repeats;
    settings.warmups = request.warmups;
    settings.label = request.label.trimmed();

    if (check.ok()) {
        const QString site =
            siteFolderOfCommand(settings.workingDirectory, settings.program, settings.arguments);
        const bool openHere = !request.openHistory.isEmpty() &&
                              QDir::cleanPath(siteFolderOfHistory(request.openHistory)) == site;
        settings.historyPath = openHere ? QFileInfo(request.openHistory).absoluteFilePath()
                                        : historyForRun(QString(), site);
    }
    return check;
}

QString siteFolderOfHistory(const QString& historyFile)
{
    // By the path's text: the folders need not exist yet (QDir::cdUp would refuse).
    const QString folder = QFileInfo(historyFile).absolutePath();
    for (const QLatin1String layout :
         {QLatin1String("/.bengal/metrics"), QLatin1String("/.bengal-metrics")}) {
        if (folder.endsWith(layout))
            return folder.left(folder.size() - layout.size());
    }
    return folder;
}

QString historyForRun(const QString& option, const QString& siteDirectory)
{
    if (!option.isEmpty()) {
        if (!QFileInfo(option).isDir())
            return QFileInfo(option).absoluteFilePath();
        const HistoryLocation location = discoverHistory(option);
        return location.found ? location.file : defaultHistoryPath(option);
    }
    const HistoryLocation location = discoverHistory(siteDirectory);
    return location.found ? location.file : defaultHistoryPath(siteDirectory);
}

QString siteFolderOfCommand(const QString& workingDirectory, const QString& program,
                            const QStringList& arguments)
{
    const BengalCommand bengal = analyseBengalCommand(program, arguments);
    return QDir::cleanPath(QDir(workingDirectory)
                               .absoluteFilePath(bengal.sourceDirectory.isEmpty()
                                                     ? QStringLiteral(".")
                                                     : bengal.sourceDirectory));
}

} // namespace bengal
