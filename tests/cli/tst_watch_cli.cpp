// `bengal-perf watch`: events for appends, half lines, truncation, replacement, deletion.
#include "CliTestUtils.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace bengal::test;

namespace {

QByteArray build(int n)
{
    return QStringLiteral("{\"timestamp\": \"2026-01-01T00:%1:00+00:00\", \"build_time_ms\": %2}")
        .arg(n % 60, 2, 10, QLatin1Char('0'))
        .arg(1000 + n)
        .toUtf8();
}

void write(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    QVERIFY(f.open(mode));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestWatchCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    QProcess m_watch;
    QByteArray m_buffer;

    // Reads events until one has `event` == kind (others are collected in `skipped`).
    QJsonObject next(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const qsizetype newline = m_buffer.indexOf('\n');
            if (newline >= 0) {
                const QByteArray line = m_buffer.left(newline);
                m_buffer.remove(0, newline + 1);
                return QJsonDocument::fromJson(line).object();
            }
            m_watch.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            m_buffer += m_watch.readAllStandardOutput();
        }
        return {};
    }
    bool quietFor(int ms)
    {
        m_watch.waitForReadyRead(ms);
        m_buffer += m_watch.readAllStandardOutput();
        return m_buffer.isEmpty();
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("history.jsonl"));
        write(m_path, build(1) + "\n" + build(2) + "\n" + build(3) + "\n", QIODevice::WriteOnly);
        m_watch.start(bengalPerfPath(), {QStringLiteral("watch"), QStringLiteral("--poll-ms"),
                                         QStringLiteral("50"), m_path});
        QVERIFY(m_watch.waitForStarted());
    }
    void cleanupTestCase()
    {
        m_watch.kill();
        m_watch.waitForFinished();
    }

    void loadedFirst()
    {
        const QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("loaded"));
        QCOMPARE(e.value("builds").toInt(), 3);
    }
    void appendedBuild()
    {
        write(m_path, build(4) + "\n", QIODevice::Append);
        const QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("build"));
        QCOMPARE(e.value("line").toInt(), 4);
        QCOMPARE(e.value("build_time_ms").toDouble(), 1004.0);
        QCOMPARE(e.value("timestamp").toString(), QStringLiteral("2026-01-01T00:04:00Z"));
    }
    void halfLineIsHeld()
    {
        const QByteArray line = build(5);
        write(m_path, line.left(20), QIODevice::Append);
        QVERIFY2(quietFor(400), "a half-written line must not be reported");
        write(m_path, line.mid(20) + "\n", QIODevice::Append);
        const QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("build"));
        QCOMPARE(e.value("line").toInt(), 5);
    }
    void rejectedAndDuplicate()
    {
        write(m_path, "{oops\n" + build(1) + "\n", QIODevice::Append);
        QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("rejected"));
        QCOMPARE(e.value("line").toInt(), 6);
        e = next();
        QCOMPARE(e.value("line").toInt(), 7);
        QCOMPARE(e.value("reason").toString(), QStringLiteral("duplicate of line 1"));
    }
    void truncationReportsOnlyNewBuilds()
    {
        write(m_path, build(1) + "\n" + build(9) + "\n",
              QIODevice::WriteOnly | QIODevice::Truncate);
        QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("reset"));
        QCOMPARE(e.value("reason").toString(), QStringLiteral("truncated"));
        e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("build"));
        QCOMPARE(e.value("line").toInt(), 2); // build 1 is known: not reported again
        QVERIFY(quietFor(300));
    }
    void atomicReplacement()
    {
        const QString temp = m_dir.filePath(QStringLiteral("history.tmp"));
        write(temp, build(1) + "\n" + build(9) + "\n" + build(10) + "\n", QIODevice::WriteOnly);
        QVERIFY(std::rename(QFile::encodeName(temp).constData(),
                            QFile::encodeName(m_path).constData()) == 0);
        QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("reset"));
        QCOMPARE(e.value("reason").toString(), QStringLiteral("replaced"));
        e = next();
        QCOMPARE(e.value("line").toInt(), 3);
        QCOMPARE(e.value("build_time_ms").toDouble(), 1010.0);
        QVERIFY(quietFor(300));
    }
    void deletionAndReturn()
    {
        QVERIFY(QFile::remove(m_path));
        QCOMPARE(next().value("event").toString(), QStringLiteral("missing"));
        write(m_path, build(10) + "\n" + build(11) + "\n", QIODevice::WriteOnly);
        QJsonObject e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("reset"));
        e = next();
        QCOMPARE(e.value("event").toString(), QStringLiteral("build"));
        QCOMPARE(e.value("line").toInt(), 2);
        QVERIFY(quietFor(300));
    }
};

QTEST_GUILESS_MAIN(TestWatchCli)
#include "tst_watch_cli.moc"
