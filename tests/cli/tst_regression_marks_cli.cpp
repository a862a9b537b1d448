// `regressions` and `check` honour the steps marked as intended in the window's local store
// (unless --ignore-marks), work without a store, and group builds as --group says.
#include "../regressions/RegressionTestData.h"
#include "CliTestUtils.h"
#include "detail/BuildLine.h"
#include "history/HistoryLoader.h"
#include "history/HistoryStore.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;
using namespace bengal::test;
using namespace regressiontest;

namespace {

const QString kBuildTime = QStringLiteral("build_time_ms");
const QString kRendering = QStringLiteral("rendering_time_ms");

// The child's per-user data folder: its store is <data>/bengal/bengal-perf/bengal-perf.sqlite.
QProcessEnvironment withDataHome(const QString& dataHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    return env;
}

QString storePath(const QString& dataHome)
{
    return dataHome + QStringLiteral("/bengal/bengal-perf/bengal-perf.sqlite");
}

// Marks the build at `row` of `history` as an intended change of each metric, in the store
// the child will read.
bool mark(const QString& dataHome, const QString& history, qsizetype row,
          const QStringList& metrics)
{
    HistoryStore store;
    if (loadHistoryInto(history, store).status != ReadOutcome::Status::Ok || row >= store.size())
        return false;
    QDir().mkpath(QFileInfo(storePath(dataHome)).path());
    Database database(storePath(dataHome));
    if (!database.open())
        return false;
    BaselinesRepository baselines(database);
    for (const QString& metric : metrics) {
        if (!baselines.markIntendedChange(history, metric, buildKeyOf(store.hash(row)), {}))
            return false;
    }
    return true;
}

QJsonArray findings(const CliResult& r)
{
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("regressions")).toArray();
}

bool hasFinding(const QJsonArray& list, const QString& metric, const QString& kind, int index)
{
    for (const QJsonValue& v : list) {
        const QJsonObject f = v.toObject();
        if (f.value("metric").toString() == metric && f.value("kind").toString() == kind &&
            f.value("index").toInt() == index)
            return true;
    }
    return false;
}

QString write(const QTemporaryDir& dir, const QString& name, const HistorySpec& spec)
{
    const QString path = dir.filePath(name);
    writeFile(path, history(spec));
    return path;
}

} // namespace

class TestRegressionMarksCli : public QObject
{
    Q_OBJECT
private slots:
    void checkJudgesAgainstTheMarkedBaseline()
    {
        // Rendering +30% from build 100 (0-based), the latest is build 107: against the 20
        // builds before it (12 of them before the step) it is a regression. Marked as an
        // intended change, the baseline is builds 100..106: fine.
        QTemporaryDir dir;
        HistorySpec spec;
        spec.builds = 108;
        spec.stepAt = 100;
        const QString path = write(dir, QStringLiteral("site.jsonl"), spec);
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList check{QStringLiteral("check"),
                                QStringLiteral("--metric"),
                                kBuildTime,
                                QStringLiteral("--metric"),
                                kRendering,
                                path};

        // No store at all: no marks, no error, and no store created by a CI run.
        const CliResult plain = runCli(check, 60000, withDataHome(data));
        QCOMPARE(plain.exitCode, 1);
        QVERIFY2(plain.err.isEmpty(), plain.err.constData());
        QVERIFY(!QFileInfo::exists(storePath(data)));

        QVERIFY(mark(data, path, 100, {kBuildTime, kRendering}));
        const CliResult marked = runCli(check, 60000, withDataHome(data));
        QVERIFY2(marked.exitCode == 0, marked.out.constData());
        QVERIFY(!marked.out.contains("regression"));
        QStringList ignoring = check;
        ignoring.insert(1, QStringLiteral("--ignore-marks"));
        QCOMPARE(runCli(ignoring, 60000, withDataHome(data)).exitCode, 1);
        // Marks are per metric: one metric marked, the other still fails.
        const QString other = dir.filePath(QStringLiteral("other"));
        QVERIFY(mark(other, path, 100, {kBuildTime}));
        const CliResult half = runCli(check, 60000, withDataHome(other));
        QCOMPARE(half.exitCode, 1);
        QVERIFY(half.out.contains("| `rendering_time_ms` |"));
        for (const QByteArray& line : half.out.split('\n')) {
            if (line.contains("`build_time_ms`"))
                QVERIFY2(line.endsWith("| ok |"), line.constData());
        }
    }

    void regressionsStartANewBaselineAtTheMark()
    {
        // A step at 70 and build 85 another +30%: folded into the step without the mark, an
        // alert against the new level with it.
        QTemporaryDir dir;
        HistorySpec spec;
        spec.stepAt = 70;
        spec.spikeAt = 85;
        spec.spikeFactor = 1.3;
        const QString path = write(dir, QStringLiteral("site.jsonl"), spec);
        const QString data = dir.filePath(QStringLiteral("data"));
        const QStringList args{QStringLiteral("regressions"), QStringLiteral("--json"), path};
        const QJsonArray before = findings(runCli(args, 60000, withDataHome(data)));
        QVERIFY(hasFinding(before, kBuildTime, QStringLiteral("step"), 71));
        QVERIFY(!hasFinding(before, kBuildTime, QStringLiteral("alert"), 86));

        QVERIFY(mark(data, path, 70, {kBuildTime}));
        const QJsonArray after = findings(runCli(args, 60000, withDataHome(data)));
        QVERIFY(hasFinding(after, kBuildTime, QStringLiteral("step"), 71)); // still listed
        QVERIFY(hasFinding(after, kBuildTime, QStringLiteral("alert"), 86));
        QVERIFY(!hasFinding(after, kRendering, QStringLiteral("alert"), 86)); // not marked
        QStringList ignoring = args;
        ignoring.insert(1, QStringLiteral("--ignore-marks"));
        const QJsonArray ignored = findings(runCli(ignoring, 60000, withDataHome(data)));
        QCOMPARE(ignored, before);
    }

    void reportJudgesAgainstTheMarkedBaseline()
    {
        // As for check: the report's latest build (107) is a regression against the 20 builds
        // before it, unless the step at 100 is marked as intended.
        QTemporaryDir dir;
        HistorySpec spec;
        spec.builds = 108;
        spec.stepAt = 100;
        const QString path = write(dir, QStringLiteral("site.jsonl"), spec);
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString out = dir.filePath(QStringLiteral("report.html"));
        const QStringList report{QStringLiteral("report"), QStringLiteral("--out"), out, path};
        const auto verdicts = [&](const QStringList& args) {
            const CliResult r = runCli(args, 60000, withDataHome(data));
            QFile file(out);
            return r.exitCode == 0 && file.open(QIODevice::ReadOnly) ? file.readAll()
                                                                     : QByteArray("failed");
        };
        QVERIFY(verdicts(report).contains("<td>REGRESSION</td>"));
        QVERIFY(mark(data, path, 100, {kBuildTime, kRendering}));
        const QByteArray marked = verdicts(report);
        QVERIFY(!marked.contains("failed"));
        QVERIFY(!marked.contains("<td>REGRESSION</td>"));
        QStringList ignoring = report;
        ignoring.insert(1, QStringLiteral("--ignore-marks"));
        QVERIFY(verdicts(ignoring).contains("<td>REGRESSION</td>"));
    }

    // The commands only read the store: a damaged file stays where it is, as it is, and the
    // gate still answers (without marks).
    void damagedStoreIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("h.jsonl"), HistorySpec{});
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(QFileInfo(storePath(data)).path()));
        QByteArray garbage("SQLite format 3");
        garbage.append('\0');
        garbage.append(QByteArray(4096, '\x5a'));
        writeFile(storePath(data), garbage);
        const QStringList check{QStringLiteral("check"), QStringLiteral("--metric"), kBuildTime,
                                path};
        const CliResult r = runCli(check, 60000, withDataHome(data));
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QFile store(storePath(data));
        QVERIFY(store.open(QIODevice::ReadOnly));
        QCOMPARE(store.readAll(), garbage);
        QCOMPARE(QDir(QFileInfo(storePath(data)).path()).entryList(QDir::Files).size(), 1);
    }

    void groupOption()
    {
        // Every 5th build is incremental (15% of the time): judged with its own kind nothing
        // stands out; all builds together, each incremental build is an alert.
        QTemporaryDir dir;
        HistorySpec spec;
        spec.incrementalEvery = 5;
        const QString path = write(dir, QStringLiteral("mixed.jsonl"), spec);
        const QProcessEnvironment env = withDataHome(dir.filePath(QStringLiteral("data")));
        auto incrementalAlerts = [&](const QString& group) {
            const CliResult r = runCli({QStringLiteral("regressions"), QStringLiteral("--json"),
                                        QStringLiteral("--group"), group, path},
                                       60000, env);
            int n = 0;
            for (const QJsonValue& v : findings(r)) {
                const QJsonObject f = v.toObject();
                n += f.value("kind").toString() == QLatin1String("alert") &&
                     (f.value("index").toInt() - 1) % 5 == 4;
            }
            return r.exitCode == 0 ? n : -1;
        };
        QCOMPARE(incrementalAlerts(QStringLiteral("kind")), 0);
        QCOMPARE(incrementalAlerts(QStringLiteral("incremental")), 0);
        QVERIFY(incrementalAlerts(QStringLiteral("parallel")) >= 10); // all parallel: one group
        QVERIFY(incrementalAlerts(QStringLiteral("none")) >= 10);
        // check: the latest build is incremental, fine against its kind only.
        const QStringList check{QStringLiteral("check"), QStringLiteral("--metric"), kBuildTime,
                                path};
        QCOMPARE(runCli(check, 60000, env).exitCode, 0);
        const CliResult mixed =
            runCli({QStringLiteral("check"), QStringLiteral("--json"), QStringLiteral("--group"),
                    QStringLiteral("none"), QStringLiteral("--metric"), kBuildTime, path},
                   60000, env);
        const QJsonObject verdict =
            QJsonDocument::fromJson(mixed.out).object().value("verdicts").toArray()[0].toObject();
        QCOMPARE(verdict.value("verdict").toString(), QStringLiteral("improvement"));
        for (const QString& command : {QStringLiteral("check"), QStringLiteral("regressions")}) {
            const CliResult bad =
                runCli({command, QStringLiteral("--group"), QStringLiteral("phase"), path});
            QCOMPARE(bad.exitCode, 2);
            QVERIFY(bad.err.contains("--group"));
        }
    }
};

QTEST_GUILESS_MAIN(TestRegressionMarksCli)
#include "tst_regression_marks_cli.moc"
