#include "collector/BengalCommand.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace bengal {

namespace {

bool isPythonInterpreter(const QString& name)
{
    // python, python3, python3.14, python3.14t (free-threaded)
    static const QRegularExpression pattern(QStringLiteral("^python(\\d+(\\.\\d+)?t?)?$"));
    return pattern.match(name).hasMatch();
}

// Where Bengal's own argument list starts, or -1 when the program is not Bengal.
int bengalArgumentsStart(const QString& program, const QStringList& arguments)
{
    const QString name = QFileInfo(program).fileName();
    if (name == QLatin1String("bengal"))
        return 0;
    if (!isPythonInterpreter(name))
        return -1;
    for (int i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("-m")) {
            const QString module = arguments.at(i + 1);
            if (module == QLatin1String("bengal") || module == QLatin1String("bengal.cli"))
                return i + 2;
            return -1;
        }
        const QString& option = arguments.at(i);
        if (option == QLatin1String("-X") || option == QLatin1String("-W")) {
            ++i; // takes a value
            continue;
        }
        if (!option.startsWith(QLatin1Char('-')) || option == QLatin1String("-c"))
            return -1; // a script or inline code, not a module
    }
    return -1;
}

// The value of `--name VALUE` or `--name=VALUE` in arguments[from..], or a null string.
QString optionValue(const QStringList& arguments, int from, const QString& name)
{
    const QString prefix = name + QLatin1Char('=');
    for (int i = from; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--"))
            break;
        if (argument == name && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (argument.startsWith(prefix))
            return argument.mid(prefix.size());
    }
    return {};
}

} // namespace

BengalCommand analyseBengalCommand(const QString& program, const QStringList& arguments)
{
    BengalCommand command;
    const int start = bengalArgumentsStart(program, arguments);
    if (start < 0)
        return command;
    // Root options (e.g. `-o result.json --force`) may precede the subcommand.
    for (int i = start; i < arguments.size(); ++i) {
        const QString& word = arguments.at(i);
        if (word == QLatin1String("build") || word == QLatin1String("b")) {
            command.isBengalBuild = true;
            command.buildIndex = i;
            break;
        }
        if (word.startsWith(QLatin1Char('-')))
            continue;
        const QString& previous = i > start ? arguments.at(i - 1) : QString();
        if (previous.startsWith(QLatin1Char('-')) && !previous.contains(QLatin1Char('=')))
            continue;   // the value of a root option
        return command; // another subcommand
    }
    if (!command.isBengalBuild)
        return command;
    command.logFile = optionValue(arguments, command.buildIndex + 1, QStringLiteral("--log-file"));
    command.sourceDirectory =
        optionValue(arguments, command.buildIndex + 1, QStringLiteral("--source"));
    return command;
}

QStringList withLogFile(const QString& program, const QStringList& arguments,
                        const QString& logFile)
{
    const BengalCommand command = analyseBengalCommand(program, arguments);
    if (!command.isBengalBuild || !command.logFile.isNull())
        return arguments;
    QStringList result = arguments;
    result.insert(command.buildIndex + 1, QStringLiteral("--log-file"));
    result.insert(command.buildIndex + 2, logFile);
    return result;
}

} // namespace bengal
