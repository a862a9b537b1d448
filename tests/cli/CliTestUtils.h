#pragma once

// Running the real bengal-perf executable from tests.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace bengal::test {

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline QString bengalPerfPath()
{
    return QStringLiteral(BENGAL_PERF_EXE);
}

inline CliResult runCli(const QStringList& args, int timeoutMs = 60000,
                        const QProcessEnvironment& environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(bengalPerfPath(), args);
    process.waitForFinished(timeoutMs);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// Compares `actual` with a committed golden JSON file. On a mismatch writes <golden>.actual
// (to diff, and to adopt after checking it) and returns why; empty when they agree.
inline QString goldenMismatch(const QJsonObject& actual, const QString& goldenPath)
{
    QFile golden(goldenPath);
    if (!golden.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1").arg(goldenPath);
    if (QJsonDocument::fromJson(golden.readAll()).object() == actual)
        return QString();
    QFile out(goldenPath + QStringLiteral(".actual"));
    if (out.open(QIODevice::WriteOnly))
        out.write(QJsonDocument(actual).toJson());
    return QStringLiteral("output differs from %1; see %1.actual").arg(goldenPath);
}

} // namespace bengal::test
