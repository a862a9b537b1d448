#include "CollectorTestSupport.h"

#include "collector/ProcFs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QThread>

namespace collectortest {

QString fakeBengal()
{
    return QStringLiteral(FAKE_BENGAL_EXE);
}
QString bengalPerf()
{
    return QStringLiteral(BENGAL_PERF_EXE);
}

QProcessEnvironment environmentWith(const QMap<QString, QString>& knobs)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), QFileInfo(fakeBengal()).absolutePath() +
                                                   QLatin1Char(':') +
                                                   environment.value(QStringLiteral("PATH")));
    for (auto it = knobs.begin(); it != knobs.end(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

bengal::CollectorSettings fakeBuild(const QString& siteDir, const QStringList& buildArgs,
                                    const QMap<QString, QString>& knobs)
{
    bengal::CollectorSettings settings;
    settings.program = fakeBengal();
    settings.arguments = QStringList{QStringLiteral("build")} + buildArgs;
    settings.workingDirectory = siteDir;
    settings.environment = environmentWith(knobs);
    settings.historyPath = QDir(siteDir).filePath(QStringLiteral(".bengal/metrics/history.jsonl"));
    settings.output = bengal::LaunchSpec::Output::Capture;
    return settings;
}

bool runToEnd(bengal::CollectorSession& session, int timeoutMs)
{
    QSignalSpy finished(&session, &bengal::CollectorSession::finished);
    session.start();
    return finished.count() > 0 || finished.wait(timeoutMs);
}

QList<QByteArray> readRawLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QList<QJsonObject> readJsonLines(const QString& path, int* malformed)
{
    QList<QJsonObject> records;
    int bad = 0;
    for (const QByteArray& line : readRawLines(path)) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject())
            records.append(document.object());
        else
            ++bad;
    }
    if (malformed)
        *malformed = bad;
    return records;
}

bool processAlive(qint64 pid)
{
    const auto stat = bengal::procfs::readStat(pid_t(pid));
    return stat && stat->state != 'Z' && stat->state != 'X';
}

QList<qint64> reportedPids(const QString& reportDir)
{
    QList<qint64> pids;
    const QStringList names = QDir(reportDir).entryList({QStringLiteral("pid-*")}, QDir::Files);
    for (const QString& name : names)
        pids.append(name.mid(4).toLongLong());
    return pids;
}

qint64 reportedRssKib(const QString& reportDir)
{
    qint64 total = 0;
    const QStringList names = QDir(reportDir).entryList({QStringLiteral("rss-*")}, QDir::Files);
    for (const QString& name : names) {
        QFile file(QDir(reportDir).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            total += file.readAll().trimmed().toLongLong();
    }
    return total;
}

std::pair<double, double> reportedCpuMs(const QString& reportDir)
{
    const QStringList names = QDir(reportDir).entryList({QStringLiteral("cpu-*")}, QDir::Files);
    if (names.isEmpty())
        return {-1, -1};
    QFile file(QDir(reportDir).filePath(names.first()));
    if (!file.open(QIODevice::ReadOnly))
        return {-1, -1};
    const QList<QByteArray> parts = file.readAll().trimmed().split(' ');
    if (parts.size() != 2)
        return {-1, -1};
    return {parts.at(0).toDouble(), parts.at(1).toDouble()};
}

QList<qint64> survivors(const QList<qint64>& pids, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        QList<qint64> alive;
        for (const qint64 pid : pids) {
            if (processAlive(pid))
                alive.append(pid);
        }
        if (alive.isEmpty() || clock.elapsed() > timeoutMs)
            return alive;
        QThread::msleep(20); // polling /proc, not the event loop
    }
}

} // namespace collectortest
