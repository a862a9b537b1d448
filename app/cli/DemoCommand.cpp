#include "cli/CliSupport.h"

#include "demo/DemoHistory.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace bengal::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::cli::Demo", text);
}

// "INDEX:METRIC:FACTOR"; the metric is everything between the first and the last colon.
bool parseStep(const QString& text, DemoStep* step)
{
    const qsizetype first = text.indexOf(QLatin1Char(':'));
    const qsizetype last = text.lastIndexOf(QLatin1Char(':'));
    if (first <= 0 || last <= first + 1 || last == text.size() - 1)
        return false;
    bool indexOk = false;
    bool factorOk = false;
    step->buildIndex = text.left(first).toLongLong(&indexOk);
    step->metric = text.mid(first + 1, last - first - 1);
    step->factor = text.mid(last + 1).toDouble(&factorOk);
    return indexOk && factorOk;
}

QString describeLayouts(int schemaKeys)
{
    if (schemaKeys != 0)
        return tr("%1-key records").arg(schemaKeys);
    return tr("record layouts of 21 to 51 keys in sequence");
}

QString describeSteps(const std::vector<DemoStep>& steps)
{
    if (steps.empty())
        return tr("no steps");
    QStringList parts;
    for (const DemoStep& step : steps) {
        parts.append(
            tr("%1 x%2 from build %3").arg(step.metric).arg(step.factor).arg(step.buildIndex));
    }
    return QCoreApplication::translate("bengal::cli::Demo", "%n step(s): %1", nullptr,
                                       int(steps.size()))
        .arg(parts.join(QLatin1String("; ")));
}

} // namespace

int runDemo(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption builds(QStringLiteral("builds"), tr("Number of builds to write."),
                                    QStringLiteral("N"));
    const QCommandLineOption out(QStringLiteral("out"), tr("History file to write (replaced)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  tr("Random seed; the same seed gives the same file."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption schema(
        QStringLiteral("schema"),
        tr("Record layout: 0 = Bengal's layouts in sequence (default), or a key count: "
           "21, 25, 26, 29, 46 or 51."),
        QStringLiteral("KEYS"), QStringLiteral("0"));
    const QCommandLineOption noSteps(QStringLiteral("no-steps"),
                                     tr("Leave out the default step changes."));
    const QCommandLineOption step(
        QStringLiteral("step"),
        tr("Add a step change: from build INDEX (0-based) on, METRIC is multiplied by FACTOR. "
           "Repeatable."),
        QStringLiteral("INDEX:METRIC:FACTOR"));
    parser.addOptions({builds, out, seed, schema, noSteps, step});
    const int early =
        parseArguments(parser, args, tr("Writes a realistic synthetic Bengal history."));
    if (early >= 0)
        return early;

    if (!parser.positionalArguments().isEmpty()) {
        printError(tr("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
        return ExitUsage;
    }
    if (!parser.isSet(builds) || !parser.isSet(out)) {
        printError(tr("--builds and --out are required"));
        return ExitUsage;
    }

    DemoOptions options;
    bool ok = false;
    options.builds = parser.value(builds).toLongLong(&ok);
    if (!ok || options.builds <= 0) {
        printError(
            tr("--builds needs a positive whole number, not '%1'").arg(parser.value(builds)));
        return ExitUsage;
    }
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        printError(
            tr("--seed needs a non-negative whole number, not '%1'").arg(parser.value(seed)));
        return ExitUsage;
    }
    options.schemaKeys = parser.value(schema).toInt(&ok);
    if (!ok) {
        printError(tr("--schema needs a key count, not '%1'").arg(parser.value(schema)));
        return ExitUsage;
    }
    options.defaultSteps = !parser.isSet(noSteps);
    for (const QString& text : parser.values(step)) {
        DemoStep parsed;
        if (!parseStep(text, &parsed)) {
            printError(tr("--step needs INDEX:METRIC:FACTOR, e.g. 250:rendering_time_ms:1.2, "
                          "not '%1'")
                           .arg(text));
            return ExitUsage;
        }
        options.steps.push_back(parsed);
    }
    const QString invalid = DemoHistoryGenerator::validate(options);
    if (!invalid.isEmpty()) {
        printError(invalid);
        return ExitUsage;
    }

    const QString path = parser.value(out);
    QString error;
    if (!writeDemoHistory(path, options, &error)) {
        printError(error);
        return ExitFailure;
    }
    const DemoHistoryGenerator plan(options); // only asked for the steps in force
    printError(tr("wrote %1 builds to %2 (%3, seed %4); %5")
                   .arg(options.builds)
                   .arg(path, describeLayouts(options.schemaKeys))
                   .arg(options.seed)
                   .arg(describeSteps(plan.steps())));
    return ExitOk;
}

} // namespace bengal::cli
