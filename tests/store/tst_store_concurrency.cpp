// Several writers on one database file, a writer killed with SIGKILL mid-write, and locks held
// by others: waited for up to the busy timeout, then refused clearly with nothing lost.
#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/NotesRepository.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace bengal;

namespace {

const QString history = QStringLiteral("/site/history.jsonl");

QStringList writerArguments(const QString& path, const QString& prefix, int count)
{
    return {QStringLiteral("write"), path, history, prefix, QString::number(count)};
}

// The numbers a writer reported as committed: whole lines only (a kill may cut the last one).
QList<int> committedNumbers(const QByteArray& output)
{
    QList<int> numbers;
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) // the last piece has no newline
        numbers.append(lines.at(i).toInt());
    return numbers;
}

// Every note with the prefix, by number, checking each note's content is whole.
QSet<int> storedNumbers(Database& database, const QString& prefix)
{
    QSet<int> numbers;
    for (const BuildNote& note : NotesRepository(database).all(history)) {
        const QString key = QString::fromLatin1(note.buildKey);
        if (!key.startsWith(prefix))
            continue;
        const int n = key.mid(prefix.size()).toInt();
        if (note.text == QStringLiteral("note ") + QString::number(n) && note.tags.contains(prefix))
            numbers.insert(n);
    }
    return numbers;
}

} // namespace

class TestStoreConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void twoDatabasesInTwoThreads();
    void twoProcessesAndThisOne();
    void killedWriterLosesNothingCommitted();
    void lockedByAnotherProcess();
    void busyWriterFailsClearly();

private:
    QTemporaryDir m_dir;
};

void TestStoreConcurrency::twoDatabasesInTwoThreads()
{
    const QString path = m_dir.filePath(QStringLiteral("threads.sqlite"));
    constexpr int perThread = 150;
    QStringList errors(2);
    QList<QThread*> threads;
    for (int t = 0; t < 2; ++t) {
        threads << QThread::create([&, t] {
            Database database(path); // each thread its own connection
            if (!database.open()) {
                errors[t] = database.errorString();
                return;
            }
            NotesRepository notes(database);
            const QString prefix = QStringLiteral("t%1-").arg(t);
            for (int i = 1; i <= perThread && errors[t].isEmpty(); ++i) {
                BuildNote note{(prefix + QString::number(i)).toLatin1(),
                               QStringLiteral("note ") + QString::number(i),
                               {prefix},
                               {}};
                if (!notes.set(history, note))
                    errors[t] = database.errorString();
            }
        });
    }
    for (QThread* thread : threads)
        thread->start();
    for (QThread* thread : threads) {
        QVERIFY(thread->wait(120000));
        delete thread;
    }
    QCOMPARE(errors, QStringList(2));
    Database database(path);
    QVERIFY(database.open());
    QCOMPARE(storedNumbers(database, QStringLiteral("t0-")).size(), perThread);
    QCOMPARE(storedNumbers(database, QStringLiteral("t1-")).size(), perThread);
}

void TestStoreConcurrency::twoProcessesAndThisOne()
{
    const QString path = m_dir.filePath(QStringLiteral("processes.sqlite"));
    constexpr int count = 200;
    Database database(path);
    QVERIFY(database.open());
    QProcess first;
    QProcess second;
    first.start(QStringLiteral(STORE_WRITER), writerArguments(path, QStringLiteral("p1-"), count));
    second.start(QStringLiteral(STORE_WRITER), writerArguments(path, QStringLiteral("p2-"), count));
    QVERIFY(first.waitForStarted());
    QVERIFY(second.waitForStarted());
    // This process writes at the same time as the two others.
    NotesRepository notes(database);
    for (int i = 1; i <= count; ++i) {
        BuildNote note{"me-" + QByteArray::number(i),
                       QStringLiteral("note ") + QString::number(i),
                       {QStringLiteral("me-")},
                       {}};
        QVERIFY2(notes.set(history, note), qPrintable(database.errorString()));
    }
    for (QProcess* process : {&first, &second}) {
        QVERIFY(process->waitForFinished(120000));
        const QByteArray errors = process->readAllStandardError();
        QVERIFY2(!errors.contains("locked"), errors.constData());
        QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                 errors.constData());
        QCOMPARE(committedNumbers(process->readAllStandardOutput()).size(), count);
    }
    for (const QString& prefix :
         {QStringLiteral("p1-"), QStringLiteral("p2-"), QStringLiteral("me-")})
        QCOMPARE(storedNumbers(database, prefix).size(), count);
}

void TestStoreConcurrency::killedWriterLosesNothingCommitted()
{
    const QString path = m_dir.filePath(QStringLiteral("killed.sqlite"));
    // Several rounds on the same file: each round also opens a file a killed writer left.
    const QList<int> killAfter{1, 60, 250};
    for (int round = 0; round < killAfter.size(); ++round) {
        const QString prefix = QStringLiteral("r%1-").arg(round);
        QProcess writer;
        writer.start(QStringLiteral(STORE_WRITER), writerArguments(path, prefix, 0));
        QVERIFY(writer.waitForStarted());
        QByteArray output;
        while (output.count('\n') < killAfter.at(round)) {
            QVERIFY2(writer.waitForReadyRead(30000), writer.readAllStandardError().constData());
            output += writer.readAllStandardOutput();
        }
        writer.kill(); // SIGKILL: no destructor, no COMMIT of anything in flight
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        output += writer.readAllStandardOutput();

        const QList<int> committed = committedNumbers(output);
        QVERIFY(committed.size() >= killAfter.at(round));
        Database database(path);
        QVERIFY2(database.open(), qPrintable(database.errorString()));
        QVERIFY(database.recoveryMessage().isEmpty());
        QCOMPARE(test::scalar(database, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        const QSet<int> stored = storedNumbers(database, prefix);
        for (int n : committed)
            QVERIFY2(stored.contains(n), qPrintable(QStringLiteral("committed %1 lost").arg(n)));
        // At most the one transaction in flight at the kill may be there unreported.
        QVERIFY(stored.size() <= committed.size() + 1);
        for (int earlier = 0; earlier < round; ++earlier) {
            QVERIFY(storedNumbers(database, QStringLiteral("r%1-").arg(earlier)).size() >=
                    killAfter.at(earlier));
        }
    }
}

void TestStoreConcurrency::lockedByAnotherProcess()
{
    const QString folder = m_dir.filePath(QStringLiteral("locked"));
    const QString path = folder + QStringLiteral("/locked.sqlite");
    {
        Database database(path);
        QVERIFY(database.open());
        QVERIFY(NotesRepository(database).set(history, {"a", QStringLiteral("kept"), {}, {}}));
        QVERIFY(NotesRepository(database).set(history, {"b", QStringLiteral("kept"), {}, {}}));
    }
    QProcess holder;
    holder.start(QStringLiteral(STORE_WRITER),
                 {QStringLiteral("hold-lock"), path, QStringLiteral("1500")});
    QVERIFY(holder.waitForStarted());
    QVERIFY(holder.waitForReadyRead(10000));
    QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));

    Database database(path);
    database.setBusyTimeout(300);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!database.open());
    QVERIFY(timer.elapsed() >= 250); // it waited for the lock before giving up
    QCOMPARE(database.lastFailure(), SqliteFailure::Busy);
    QVERIFY(database.errorString().contains(path));
    QVERIFY(database.recoveryMessage().isEmpty());
    QVERIFY(test::movedAsideFiles(folder).isEmpty()); // locked is not damaged

    QVERIFY(holder.waitForFinished(15000));
    QCOMPARE(holder.exitCode(), 0);
    QVERIFY2(database.open(), qPrintable(database.errorString()));
    QCOMPARE(NotesRepository(database).all(history).size(), 2);
}

void TestStoreConcurrency::busyWriterFailsClearly()
{
    const QString path = m_dir.filePath(QStringLiteral("busy.sqlite"));
    Database database(path);
    database.setBusyTimeout(200);
    QVERIFY(database.open());
    NotesRepository notes(database);
    QVERIFY(notes.set(history, {"before", QStringLiteral("kept"), {}, {}}));

    Database other(path);
    QVERIFY(other.open());
    QSqlQuery hold(other.connection());
    QVERIFY(hold.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QVERIFY(!notes.set(history, {"during", QStringLiteral("lost?"), {}, {}}));
    QCOMPARE(database.lastFailure(), SqliteFailure::Busy);
    QVERIFY(database.errorString().contains(QStringLiteral("another program")));
    QCOMPARE(notes.all(history).size(), 1); // reads still work while another writes
    QVERIFY(hold.exec(QStringLiteral("ROLLBACK")));

    QVERIFY(notes.set(history, {"after", QStringLiteral("saved"), {}, {}}));
    QCOMPARE(notes.all(history).size(), 2);
}

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "tst_store_concurrency.moc"
