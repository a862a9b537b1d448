// AtomicFileWriter: complete files or none; failures name the path and the reason.
#include "ExportTestSupport.h"
#include "export/AtomicFileWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace bengal;
using namespace bengal::test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAtomicWriter : public QObject
{
    Q_OBJECT
private slots:
    void writesInChunks();
    void replacesAndKeepsPermissions();
    void newFileFollowsTheUmask();
    void badPaths_data();
    void badPaths();
    void diskFullLeavesTheOldFile();
    void readOnlyFolder();
    void discardedWhenNotCommitted();
    void pipeIsWrittenInPlace();
    void deviceErrorNamesThePath();
    void symlinkStaysALink();
};

void TestAtomicWriter::writesInChunks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.bin"));
    AtomicFileWriter writer(path);
    QVERIFY(writer.open());
    QByteArray expected;
    // Pieces below, at and above the 1 MiB buffer.
    for (const qsizetype size :
         {qsizetype(10), qsizetype(1 << 20), qsizetype(3 << 19), qsizetype(7)}) {
        const QByteArray piece(size, char('a' + expected.size() % 26));
        expected += piece;
        QVERIFY(writer.write(piece));
    }
    QVERIFY(!QFileInfo::exists(path)); // nothing visible before the commit
    QVERIFY(writer.commit());
    QCOMPARE(readAll(path), expected);
    QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("big.bin")});
}

void TestAtomicWriter::replacesAndKeepsPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keep.csv"));
    QString error;
    QVERIFY(writeFileAtomically(path, "old", &error));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
    QVERIFY(writeFileAtomically(path, "new", &error));
    QCOMPARE(readAll(path), QByteArray("new"));
    struct stat st
    {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(int(st.st_mode & 0777), 0640);
}

void TestAtomicWriter::newFileFollowsTheUmask()
{
    QTemporaryDir dir;
    const mode_t saved = ::umask(022);
    const QString path = dir.filePath(QStringLiteral("new.svg"));
    QString error;
    const bool ok = writeFileAtomically(path, "x", &error);
    ::umask(saved);
    QVERIFY2(ok, qPrintable(error));
    struct stat st
    {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(int(st.st_mode & 0777), 0644); // not the 0600 of a mkstemp file
}

void TestAtomicWriter::badPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing folder") << QStringLiteral("/nonexistent-bengal-dir/sub/out.csv")
                                    << QStringLiteral("No such file or directory");
    QTest::newRow("under a file") << QStringLiteral("/dev/null/x.png")
                                  << QStringLiteral("Not a directory");
    QTest::newRow("a folder") << QStringLiteral("/tmp") << QStringLiteral("folder");
    QTest::newRow("empty") << QString() << QStringLiteral("no file name");
}

void TestAtomicWriter::badPaths()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!writeFileAtomically(path, "data", &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestAtomicWriter::diskFullLeavesTheOldFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.html"));
    QString error;
    QVERIFY(writeFileAtomically(path, "the previous report", &error));
    const QByteArray big(3 << 20, 'x');
    {
        FileSizeLimit limit(1 << 20);
        QVERIFY(limit.ok());
        QVERIFY(!writeFileAtomically(path, big, &error));
    }
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("File too large")), qPrintable(error));
    QCOMPARE(readAll(path), QByteArray("the previous report"));
    QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("report.html")});

    // Streaming: the failure shows at the write that crosses the limit, and sticks.
    {
        FileSizeLimit limit(1 << 20);
        AtomicFileWriter writer(dir.filePath(QStringLiteral("stream.csv")));
        bool failed = false;
        for (int i = 0; i < 8 && !failed; ++i)
            failed = !writer.write(QByteArray(1 << 19, 'y'));
        QVERIFY(failed || !writer.commit());
        QVERIFY(writer.hasFailed());
        QVERIFY(!writer.write("more"));
        QVERIFY(!writer.commit());
    }
    QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("report.html")});
}

void TestAtomicWriter::readOnlyFolder()
{
    if (::geteuid() == 0)
        QSKIP("root writes into read-only folders; the other failures cover the clean-up");
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0555) == 0);
    const QString path = dir.filePath(QStringLiteral("out.pdf"));
    QString error;
    QVERIFY(!writeFileAtomically(path, "pdf", &error));
    ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("Permission denied")),
             qPrintable(error));
    QVERIFY(folderEntries(dir.path()).isEmpty());
}

void TestAtomicWriter::discardedWhenNotCommitted()
{
    QTemporaryDir dir;
    {
        AtomicFileWriter writer(dir.filePath(QStringLiteral("half.json")));
        QVERIFY(writer.write("{\"builds\": ["));
        QCOMPARE(folderEntries(dir.path()).size(), 1); // the hidden temporary file
    }
    QVERIFY(folderEntries(dir.path()).isEmpty());
    AtomicFileWriter failing(dir.filePath(QStringLiteral("x.png")));
    failing.fail(QStringLiteral("the renderer gave nothing"));
    QVERIFY(!failing.commit());
    QVERIFY(failing.errorString().contains(QStringLiteral("the renderer gave nothing")));
    QVERIFY(folderEntries(dir.path()).isEmpty());
}

void TestAtomicWriter::pipeIsWrittenInPlace()
{
    // A pipe (or /dev/stdout) takes the bytes; renaming a file over it would replace the node.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pipe"));
    const QByteArray name = QFile::encodeName(path);
    QVERIFY(::mkfifo(name.constData(), 0600) == 0);
    const int reader = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(reader >= 0);
    QString error;
    QVERIFY2(writeFileAtomically(path, "timestamp,line\r\n", &error), qPrintable(error));
    char buffer[64] = {};
    const ssize_t n = ::read(reader, buffer, sizeof buffer);
    ::close(reader);
    QCOMPARE(QByteArray(buffer, int(std::max<ssize_t>(n, 0))), QByteArray("timestamp,line\r\n"));
    struct stat info
    {};
    QVERIFY(::lstat(name.constData(), &info) == 0);
    QVERIFY(S_ISFIFO(info.st_mode));
    QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("pipe")});
}

void TestAtomicWriter::deviceErrorNamesThePath()
{
    // /dev/full (or root's own node like it): every write fails with ENOSPC.
    QTemporaryDir dir;
    const QString path = fullDevice(dir.path());
    QString error;
    QVERIFY(!writeFileAtomically(path, QByteArray(4096, 'x'), &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("No space left on device")),
             qPrintable(error));
    struct stat info
    {};
    QVERIFY(::lstat(QFile::encodeName(path).constData(), &info) == 0);
    QVERIFY(S_ISCHR(info.st_mode));
    if (path != QLatin1String("/dev/full"))
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("full")});
}

void TestAtomicWriter::symlinkStaysALink()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("real")));
    const QString target = dir.filePath(QStringLiteral("real/builds.csv"));
    const QString link = dir.filePath(QStringLiteral("latest.csv"));
    QString error;
    QVERIFY(writeFileAtomically(target, "old", &error));
    QVERIFY(QFile::link(target, link));
    QVERIFY2(writeFileAtomically(link, "new", &error), qPrintable(error));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readAll(target), QByteArray("new"));
    QCOMPARE(folderEntries(dir.filePath(QStringLiteral("real"))),
             QStringList{QStringLiteral("builds.csv")});
}

QTEST_GUILESS_MAIN(TestAtomicWriter)
#include "tst_atomic_writer.moc"
