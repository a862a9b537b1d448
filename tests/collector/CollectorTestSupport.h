#pragma once

#include "collector/CollectorSession.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>

// Shared by the collector tests: where the fake `bengal` and `bengal-perf` are, how to read
// what was filed, and how to check that processes are really gone.
namespace collectortest {

QString fakeBengal();
QString bengalPerf();

// The system environment with the fake's folder first on PATH and the given knobs set.
QProcessEnvironment environmentWith(const QMap<QString, QString>& knobs);

// Settings for `bengal build ARGS` in `siteDir`, history under siteDir/.bengal/metrics/.
bengal::CollectorSettings fakeBuild(const QString& siteDir, const QStringList& buildArgs,
                                    const QMap<QString, QString>& knobs = {});

// Starts the session and waits (with an event loop) until it finishes; false on timeout.
bool runToEnd(bengal::CollectorSession& session, int timeoutMs = 60000);

// Every line of a JSON-lines file parsed as an object; `malformed` counts the others.
QList<QJsonObject> readJsonLines(const QString& path, int* malformed = nullptr);
QList<QByteArray> readRawLines(const QString& path);

// True while `pid` exists and is not a zombie.
bool processAlive(qint64 pid);
// The pids the fake recorded in FAKE_BENGAL_REPORT_DIR, and the summed VmRSS it reported.
QList<qint64> reportedPids(const QString& reportDir);
qint64 reportedRssKib(const QString& reportDir);
// The user and system CPU ms the fake's root reported for itself and its reaped helpers.
std::pair<double, double> reportedCpuMs(const QString& reportDir);

// Waits up to `timeoutMs` for every pid to be gone; returns the survivors.
QList<qint64> survivors(const QList<qint64>& pids, int timeoutMs = 2000);

} // namespace collectortest
