// HistoryAppender: whole lines under concurrency, crash-cut lines, full disk, clear errors.
// Helper modes of this executable run in child processes (real concurrent writers, and a
// process with a file size limit).
#include "collector/HistoryAppender.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace bengal;

namespace {

QByteArray recordLine(int writer, int seq, int bytes)
{
    QByteArray line = "{\"writer\": " + QByteArray::number(writer) +
                      ", \"seq\": " + QByteArray::number(seq) + ", \"pad\": \"";
    line += QByteArray(qMax(0, bytes - int(line.size()) - 2), char('a' + writer));
    return line + "\"}";
}

// `--append-many PATH WRITER COUNT BYTES`: COUNT appends of BYTES-long records.
int appendMany(const QStringList& args)
{
    const QString path = args.at(2);
    const int writer = args.at(3).toInt();
    const int count = args.at(4).toInt();
    const int bytes = args.at(5).toInt();
    for (int seq = 0; seq < count; ++seq) {
        const LineAppendResult result = appendRecordLine(path, recordLine(writer, seq, bytes));
        if (!result.ok) {
            std::fprintf(stderr, "%s\n", qPrintable(result.message));
            return 1;
        }
    }
    return 0;
}

// `--append-limited PATH LIMIT BYTES`: one append with RLIMIT_FSIZE = LIMIT; prints the result.
int appendLimited(const QStringList& args)
{
    std::signal(SIGXFSZ, SIG_IGN); // get EFBIG instead of being killed
    const rlim_t limit = rlim_t(args.at(3).toLongLong());
    const rlimit fileSize{limit, limit};
    if (::setrlimit(RLIMIT_FSIZE, &fileSize) != 0)
        return 3;
    const LineAppendResult result =
        appendRecordLine(args.at(2), recordLine(9, 0, args.at(4).toInt()));
    std::printf("%d %d %s\n", result.ok ? 1 : 0, result.errorCode, qPrintable(result.message));
    return 0;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class TestHistoryAppender : public QObject
{
    Q_OBJECT
private slots:
    void createsFoldersAndAppendsOneLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("site/.bengal/metrics/history.jsonl"));
        const LineAppendResult result = appendRecordLine(path, "{\"a\": 1}");
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(!result.startedNewLine);
        QVERIFY(appendRecordLine(path, "{\"b\": 2}\n").ok);
        QCOMPARE(readAll(path), QByteArray("{\"a\": 1}\n{\"b\": 2}\n"));
    }

    void doesNotGlueToCrashCutLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        const QByteArray before = "{\"a\": 1}\n{\"timestamp\": \"2026-01-0";
        writeAll(path, before);
        const LineAppendResult result = appendRecordLine(path, "{\"b\": 2}");
        QVERIFY(result.ok);
        QVERIFY(result.startedNewLine);
        const QByteArray after = readAll(path);
        QCOMPARE(after, before + "\n{\"b\": 2}\n"); // the broken line is kept as it was
        const QList<QByteArray> lines = after.split('\n');
        QCOMPARE(lines.at(2), QByteArray("{\"b\": 2}"));
        QVERIFY(QJsonDocument::fromJson(lines.at(2)).isObject());
    }

    void fourProcessesAppendOnlyWholeLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        constexpr int Writers = 4;
        constexpr int Count = 250;
        constexpr int Bytes = 6000; // beyond PIPE_BUF: one write must still stay whole
        QList<QProcess*> writers;
        for (int writer = 0; writer < Writers; ++writer) {
            auto* process = new QProcess(this);
            process->start(QCoreApplication::applicationFilePath(),
                           {QStringLiteral("--append-many"), path, QString::number(writer),
                            QString::number(Count), QString::number(Bytes)});
            writers.append(process);
        }
        for (QProcess* process : writers) {
            QVERIFY(process->waitForFinished(120000));
            QCOMPARE(process->exitCode(), 0);
        }
        const QList<QByteArray> lines = readAll(path).split('\n');
        QCOMPARE(lines.size(), Writers * Count + 1); // + the empty piece after the last '\n'
        QList<int> nextSeq(Writers, 0);
        for (int i = 0; i < Writers * Count; ++i) {
            const QJsonObject record = QJsonDocument::fromJson(lines.at(i)).object();
            QVERIFY2(!record.isEmpty(), "a line is not a whole record");
            const int writer = record.value(QLatin1String("writer")).toInt();
            QCOMPARE(record.value(QLatin1String("seq")).toInt(), nextSeq[writer]++);
            QCOMPARE(lines.at(i).size(), Bytes);
        }
        QCOMPARE(nextSeq, QList<int>(Writers, Count));
    }

    void fullDiskLeavesNoHalfLine_data()
    {
        QTest::addColumn<int>("room"); // bytes the file may still grow by
        QTest::newRow("partial write") << 100;
        QTest::newRow("no room at all") << 0;
    }

    void fullDiskLeavesNoHalfLine()
    {
        QFETCH(int, room);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        const QByteArray before = "{\"a\": 1}\n{\"b\": 2}\n";
        writeAll(path, before);
        QProcess helper;
        helper.start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("--append-limited"), path,
                      QString::number(before.size() + room), QStringLiteral("1000")});
        QVERIFY(helper.waitForFinished(30000));
        QCOMPARE(helper.exitStatus(), QProcess::NormalExit);
        const QString output = QString::fromLocal8Bit(helper.readAllStandardOutput());
        QVERIFY2(output.startsWith(QStringLiteral("0 %1 ").arg(EFBIG)), qPrintable(output));
        QVERIFY2(output.contains(path), qPrintable(output)); // the message names the file
        QVERIFY2(output.contains(QString::fromLocal8Bit(std::strerror(EFBIG))), qPrintable(output));
        QCOMPARE(readAll(path), before); // nothing half-written
    }

    void reportsUnwritablePathClearly()
    {
        QTemporaryDir dir;
        const QString asDirectory = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(QDir().mkpath(asDirectory));
        LineAppendResult result = appendRecordLine(asDirectory, "{}");
        QVERIFY(!result.ok);
        QCOMPARE(result.errorCode, EISDIR);
        QVERIFY(result.message.contains(asDirectory));

        if (::geteuid() == 0)
            QSKIP("root ignores file permissions; EACCES cannot be provoked");
        const QString readOnly = dir.filePath(QStringLiteral("ro.jsonl"));
        writeAll(readOnly, "{}\n");
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner));
        result = appendRecordLine(readOnly, "{}");
        QVERIFY(!result.ok);
        QCOMPARE(result.errorCode, EACCES);
        QVERIFY(result.message.contains(QString::fromLocal8Bit(std::strerror(EACCES))));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 6 && args.at(1) == QLatin1String("--append-many"))
        return appendMany(args);
    if (args.size() >= 5 && args.at(1) == QLatin1String("--append-limited"))
        return appendLimited(args);
    TestHistoryAppender test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historyappender.moc"
