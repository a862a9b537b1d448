#pragma once

// Running the real bengal-perf executable from tests.

#include <QProcess>
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

inline CliResult runCli(const QStringList& args, int timeoutMs = 60000)
{
    QProcess process;
    process.start(bengalPerfPath(), args);
    process.waitForFinished(timeoutMs);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace bengal::test
