// A write that the file system refuses (here: the process's file size limit, as on a full disk)
// fails with a clear message; what was committed before stays, and later writes work again.
#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/NotesRepository.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace bengal;

namespace {

const QString history = QStringLiteral("/site/history.jsonl");

// Lowers RLIMIT_FSIZE for the scope; SIGXFSZ is ignored so the write fails with EFBIG instead
// of killing the test.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_ok = getrlimit(RLIMIT_FSIZE, &m_saved) == 0;
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_ok = m_ok && setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

class TestStoreWriteFaults : public QObject
{
    Q_OBJECT

private slots:
    void writeBeyondFileSizeLimitFailsCleanly();

private:
    QTemporaryDir m_dir;
};

void TestStoreWriteFaults::writeBeyondFileSizeLimitFailsCleanly()
{
    const QString path = m_dir.filePath(QStringLiteral("full.sqlite"));
    Database database(path);
    QVERIFY(database.open());
    NotesRepository notes(database);
    for (int i = 0; i < 20; ++i)
        QVERIFY(notes.set(history, {QByteArray::number(i), QStringLiteral("before"), {"t"}, {}}));
    const QString big = QStringLiteral("x").repeated(4 * 1024 * 1024);
    {
        const qint64 largest = std::max(QFileInfo(path).size(), QFileInfo(path + "-wal").size());
        FileSizeLimit limit(static_cast<rlim_t>(largest + 64 * 1024));
        QVERIFY(limit.ok());
        QVERIFY(!notes.set(history, {"big", big, {}, {}}));
        QCOMPARE(database.lastFailure(), SqliteFailure::IoError);
        QVERIFY(database.errorString().contains(path));
        QVERIFY(database.errorString().contains(QStringLiteral("not saved")));
        // Reads keep working while writes fail.
        QCOMPARE(notes.all(history).size(), 20);
    }
    QVERIFY(!notes.get(history, "big"));
    QCOMPARE(test::scalar(database, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    QVERIFY2(notes.set(history, {"after", QStringLiteral("written"), {}, {}}),
             qPrintable(database.errorString()));

    // A fresh connection sees exactly the committed notes.
    database.close();
    Database reopened(path);
    QVERIFY(reopened.open());
    QVERIFY(reopened.recoveryMessage().isEmpty());
    QCOMPARE(NotesRepository(reopened).all(history).size(), 21);
}

QTEST_GUILESS_MAIN(TestStoreWriteFaults)
#include "tst_store_write_faults.moc"
