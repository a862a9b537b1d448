// Damaged, unreadable, read-only and locked database files: recovered or refused clearly,
// never a crash, never lost data.
#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/DatabaseFile.h"
#include "store/NotesRepository.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace bengal;

namespace {

const QString history = QStringLiteral("/site/history.jsonl");

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A database with `count` notes, closed (checkpointed) again.
void createDatabase(const QString& path, int count)
{
    Database database(path);
    QVERIFY(database.open());
    NotesRepository notes(database);
    for (int i = 0; i < count; ++i) {
        QVERIFY(notes.set(history, {QByteArray::number(i, 16),
                                    QStringLiteral("note %1 ").arg(i).repeated(20),
                                    {"t"},
                                    {}}));
    }
}

// Root ignores file permissions; read-only checks run as "nobody" then (saved uid stays 0 so
// the test can switch back).
class RunAsNobody
{
public:
    RunAsNobody()
    {
        if (geteuid() == 0)
            m_switched = setresgid(65534, 65534, 0) == 0 && setresuid(65534, 65534, 0) == 0;
    }
    ~RunAsNobody()
    {
        if (m_switched && (setresuid(0, 0, 0) != 0 || setresgid(0, 0, 0) != 0))
            qFatal("could not switch back to root");
    }

private:
    bool m_switched = false;
};

} // namespace

class TestDatabaseRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void garbageIsMovedAside_data();
    void garbageIsMovedAside();
    void truncatedDatabaseIsMovedAside();
    void emptyFileIsAFreshDatabase();
    void readOnlyFileOpensReadOnly();
    void readOnlyFolderOpensReadOnly();
    void readOnlyFolderWithoutDatabaseFails();
    void damagedInReadOnlyFolderIsLeftAlone();
    void folderInsteadOfFileFails();

private:
    QString freshFolder();
    QTemporaryDir m_dir;
    int m_folders = 0;
};

QString TestDatabaseRecovery::freshFolder()
{
    const QString folder = m_dir.filePath(QString::number(++m_folders));
    QDir().mkpath(folder);
    return folder;
}

void TestDatabaseRecovery::initTestCase()
{
    // The read-only cases run as another user, who must be able to reach the files.
    QVERIFY(QFile::setPermissions(m_dir.path(), QFileDevice::Permissions(0x7755)));
}

void TestDatabaseRecovery::garbageIsMovedAside_data()
{
    QTest::addColumn<QByteArray>("garbage");
    QByteArray random(64 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(4);
    for (char& byte : random)
        byte = static_cast<char>(generator.bounded(256));
    QTest::newRow("random 64 KiB") << random;
    QTest::newRow("short text") << QByteArray("hello");
    QTest::newRow("json lines") << readAll(QStringLiteral(BENGAL_TEST_DATA "/root-history.jsonl"));
    QTest::newRow("almost header") << QByteArray("SQLite format 2\0 and then some more bytes", 40);
}

void TestDatabaseRecovery::garbageIsMovedAside()
{
    QFETCH(QByteArray, garbage);
    QVERIFY(!garbage.isEmpty());
    const QString folder = freshFolder();
    const QString path = folder + QStringLiteral("/bengal-perf.sqlite");
    QVERIFY(writeFile(path, garbage));
    QVERIFY(writeFile(DatabaseFile::walPath(path), "stale wal bytes"));

    Database database(path);
    QVERIFY2(database.open(), qPrintable(database.errorString()));
    const QString aside = database.movedAsidePath();
    QVERIFY(aside.startsWith(path + QStringLiteral(".corrupt-")));
    QCOMPARE(readAll(aside), garbage); // nothing destroyed: the bytes are all there
    QCOMPARE(readAll(DatabaseFile::walPath(aside)), QByteArray("stale wal bytes"));
    QVERIFY(database.recoveryMessage().contains(path));
    QVERIFY(database.recoveryMessage().contains(aside));
    QCOMPARE(database.schemaVersion(), database.userVersion());
    QVERIFY(NotesRepository(database).set(history, {"k", QStringLiteral("fresh"), {}, {}}));
    QCOMPARE(test::movedAsideFiles(folder).size(), 2); // the file and its -wal
}

void TestDatabaseRecovery::truncatedDatabaseIsMovedAside()
{
    const QString folder = freshFolder();
    const QString path = folder + QStringLiteral("/store.sqlite");
    createDatabase(path, 400);
    const qint64 size = QFileInfo(path).size();
    QVERIFY2(size > 64 * 1024, "the database should span many pages");
    QVERIFY(QFile::resize(path, size / 2));

    Database database(path);
    QVERIFY2(database.open(), qPrintable(database.errorString()));
    QVERIFY(!database.recoveryMessage().isEmpty());
    QCOMPARE(QFileInfo(database.movedAsidePath()).size(), size / 2);
    QVERIFY(NotesRepository(database).all(history).isEmpty());
    QCOMPARE(test::scalar(database, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

void TestDatabaseRecovery::emptyFileIsAFreshDatabase()
{
    const QString path = freshFolder() + QStringLiteral("/empty.sqlite");
    QVERIFY(writeFile(path, {}));
    Database database(path);
    QVERIFY(database.open());
    QVERIFY(database.recoveryMessage().isEmpty());
    QVERIFY(database.movedAsidePath().isEmpty());
}

void TestDatabaseRecovery::readOnlyFileOpensReadOnly()
{
    const QString folder = freshFolder();
    const QString path = folder + QStringLiteral("/ro.sqlite");
    createDatabase(path, 3);
    QVERIFY(QFile::setPermissions(folder, QFileDevice::Permissions(0x7777)));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ReadOther));
    {
        RunAsNobody nobody;
        if (QFileInfo(path).isWritable())
            QSKIP("cannot make a file read-only for this user");
        Database database(path);
        QVERIFY2(database.open(), qPrintable(database.errorString()));
        QVERIFY(database.isReadOnly());
        QVERIFY(database.recoveryMessage().isEmpty());
        NotesRepository notes(database);
        QCOMPARE(notes.all(history).size(), 3);
        QVERIFY(!notes.set(history, {"new", QStringLiteral("x"), {}, {}}));
        QVERIFY(database.errorString().contains(QStringLiteral("read-only")));
        QVERIFY(database.errorString().contains(path));
    }
    QVERIFY(test::movedAsideFiles(folder).isEmpty());
}

void TestDatabaseRecovery::readOnlyFolderOpensReadOnly()
{
    const QString folder = freshFolder();
    const QString path = folder + QStringLiteral("/ro.sqlite");
    createDatabase(path, 5);
    QVERIFY(!QFileInfo::exists(DatabaseFile::shmPath(path))); // WAL file without -shm
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                              QFileDevice::ReadOther | QFileDevice::ExeOther));
    {
        RunAsNobody nobody;
        if (QFileInfo(folder).isWritable())
            QSKIP("cannot make a folder read-only for this user");
        Database database(path);
        QVERIFY2(database.open(), qPrintable(database.errorString()));
        QVERIFY(database.isReadOnly());
        QCOMPARE(NotesRepository(database).all(history).size(), 5);
        QVERIFY(!NotesRepository(database).set(history, {"n", QStringLiteral("x"), {}, {}}));
        QVERIFY(!database.errorString().isEmpty());
    }
    QVERIFY(QFile::setPermissions(folder, QFileDevice::Permissions(0x7700)));
    Database database(path); // writable again: nothing was lost
    QVERIFY(database.open());
    QCOMPARE(NotesRepository(database).all(history).size(), 5);
}

void TestDatabaseRecovery::readOnlyFolderWithoutDatabaseFails()
{
    const QString folder = freshFolder();
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                              QFileDevice::ReadOther | QFileDevice::ExeOther));
    RunAsNobody nobody;
    if (QFileInfo(folder).isWritable())
        QSKIP("cannot make a folder read-only for this user");
    const QString path = folder + QStringLiteral("/sub/new.sqlite");
    Database database(path);
    QVERIFY(!database.open());
    QVERIFY(database.errorString().contains(path));
    QVERIFY(database.errorString().contains(QStringLiteral("not writable")));
}

void TestDatabaseRecovery::damagedInReadOnlyFolderIsLeftAlone()
{
    const QString folder = freshFolder();
    const QString path = folder + QStringLiteral("/bad.sqlite");
    QVERIFY(writeFile(path, "definitely not sqlite"));
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                              QFileDevice::ReadOther | QFileDevice::ExeOther));
    {
        RunAsNobody nobody;
        if (QFileInfo(folder).isWritable())
            QSKIP("cannot make a folder read-only for this user");
        Database database(path);
        QVERIFY(!database.open());
        QVERIFY(database.errorString().contains(path));
        QVERIFY(database.errorString().contains(QStringLiteral("damaged")));
    }
    QCOMPARE(readAll(path), QByteArray("definitely not sqlite"));
    QVERIFY(test::movedAsideFiles(folder).isEmpty());
}

void TestDatabaseRecovery::folderInsteadOfFileFails()
{
    const QString path = freshFolder() + QStringLiteral("/a-folder.sqlite");
    QVERIFY(QDir().mkpath(path));
    Database database(path);
    QVERIFY(!database.open());
    QVERIFY(database.errorString().contains(path));
    QVERIFY(QFileInfo(path).isDir());
}

QTEST_GUILESS_MAIN(TestDatabaseRecovery)
#include "tst_database_recovery.moc"
