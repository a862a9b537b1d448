// `bengal-perf summary`: golden JSON for every file in tests/data, exit codes, --last.
#include "CliTestUtils.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal::test;

namespace {

QJsonObject summaryOf(const QStringList& args)
{
    const CliResult r =
        runCli(QStringList{QStringLiteral("summary"), QStringLiteral("--json")} + args);
    if (r.exitCode != 0)
        qWarning() << r.err;
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestSummaryCli : public QObject
{
    Q_OBJECT
private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("history");
        const QDir data(QStringLiteral(BENGAL_TEST_DATA));
        for (const QString& name : data.entryList({QStringLiteral("*.jsonl")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << data.filePath(name);
    }
    void golden()
    {
        QFETCH(QString, history);
        QJsonObject actual = summaryOf({history});
        QVERIFY(!actual.isEmpty());
        QCOMPARE(actual.value("path").toString(), QFileInfo(history).absoluteFilePath());
        const QFileInfo info(history);
        actual.insert(QStringLiteral("path"), info.fileName());
        const QString goldenPath = info.dir().filePath(
            QStringLiteral("golden/") + info.completeBaseName() + QStringLiteral(".summary.json"));
        const QString why = goldenMismatch(actual, goldenPath);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void siteFolderDiscovery()
    {
        QTemporaryDir site;
        QVERIFY(QDir(site.path()).mkpath(QStringLiteral(".bengal-metrics")));
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/root-history.jsonl"),
                            site.filePath(QStringLiteral(".bengal-metrics/history.jsonl"))));
        QCOMPARE(summaryOf({site.path()}).value("builds").toInt(), 2);
        // The newer layout wins when both exist.
        QVERIFY(QDir(site.path()).mkpath(QStringLiteral(".bengal/metrics")));
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/quickstart-history.jsonl"),
                            site.filePath(QStringLiteral(".bengal/metrics/history.jsonl"))));
        QCOMPARE(summaryOf({site.path()}).value("builds").toInt(), 3);
    }

    void lastKeepsTheLatestBuilds()
    {
        const QJsonObject all =
            summaryOf({QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")});
        const QJsonObject last =
            summaryOf({QStringLiteral("--last"), QStringLiteral("5"),
                       QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl")});
        QCOMPARE(last.value("builds").toInt(), 5);
        QCOMPARE(last.value("last_timestamp"), all.value("last_timestamp"));
        QVERIFY(last.value("first_timestamp").toString() > all.value("first_timestamp").toString());
        const QJsonObject build =
            last.value("metrics").toObject().value("build_time_ms").toObject();
        QCOMPARE(build.value("count").toInt(), 5);
        QCOMPARE(build.value("last"),
                 all.value("metrics").toObject().value("build_time_ms").toObject().value("last"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrPart");
        QTest::newRow("missing file")
            << QStringList{"summary", "/no/such/history.jsonl"} << 2 << "no such file";
        QTest::newRow("folder without history") << QStringList{"summary", "/"} << 2 << "looked for";
        QTest::newRow("no path") << QStringList{"summary"} << 2 << "PATH is required";
        QTest::newRow("bad option") << QStringList{"summary", "--bogus", "x"} << 2 << "bogus";
        QTest::newRow("bad --last") << QStringList{"summary", "--last", "x", "y"} << 2 << "--last";
        QTest::newRow("help") << QStringList{"summary", "--help"} << 0 << "";
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, stderrPart);
        const CliResult r = runCli(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrPart), r.err.constData());
    }

    void helpNamesTheCommandAsTyped()
    {
        const CliResult r = runCli({QStringLiteral("summary"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Usage: bengal-perf summary [options] PATH"), r.out.constData());
    }

    void textTableListsProblemsAndMetrics()
    {
        const CliResult r = runCli(
            {QStringLiteral("summary"), QStringLiteral(BENGAL_TEST_DATA "/edge-cases.jsonl")});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.contains(QLatin1String("9 rejected line(s), 8 warning(s)")));
        QVERIFY(text.contains(QLatin1String("line 5: rejected: duplicate of line 1")));
        QVERIFY(text.contains(QLatin1String("phase_timings_ms.Rendering")));
    }
};

QTEST_GUILESS_MAIN(TestSummaryCli)
#include "tst_summary_cli.moc"
