#include "cli/CliSupport.h"

#include <QCoreApplication>
#include <cstdio>

namespace bengal::cli {

void printError(const QString& message)
{
    const QByteArray bytes = QStringLiteral("bengal-perf: %1\n").arg(message).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void printOutBytes(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printOut(const QString& text)
{
    printOutBytes(text.toUtf8());
}

int parseArguments(QCommandLineParser& parser, const QStringList& args, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        // QCommandLineParser names the program by the path it was started with; a user
        // types "bengal-perf summary", so that is what the usage line shows.
        QString text = parser.helpText();
        const QString started = QCoreApplication::arguments().constFirst();
        const QString usage = QStringLiteral("Usage: ");
        if (text.startsWith(usage + started) && !args.isEmpty())
            text.replace(usage.size(), started.size(), args.constFirst());
        printOut(text);
        return ExitOk;
    }
    if (parser.isSet(version)) {
        printOut(QStringLiteral("bengal-perf %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    return -1;
}

int intOption(const QCommandLineParser& parser, const QString& name, int fallback, bool* ok)
{
    if (!parser.isSet(name))
        return fallback;
    bool parsed = false;
    const int value = parser.value(name).toInt(&parsed);
    if (!parsed || value < 0) {
        printError(QCoreApplication::translate("bengal",
                                               "--%1 needs a non-negative whole number, not '%2'")
                       .arg(name, parser.value(name)));
        *ok = false;
        return fallback;
    }
    return value;
}

} // namespace bengal::cli
