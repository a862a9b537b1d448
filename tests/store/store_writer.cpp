// Helper process for the store tests: a second program using the same database file.
//
//   store_writer write DB HISTORY PREFIX COUNT   commits notes PREFIX1..PREFIXCOUNT (COUNT 0:
//                                                until killed), printing each number after its
//                                                commit returned; exit 1 on the first failure
//   store_writer hold-lock DB MS                 takes an exclusive lock on DB, prints "locked",
//                                                holds it for MS milliseconds
#include "store/Database.h"
#include "store/NotesRepository.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

using namespace bengal;

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "store_writer: %s\n", qPrintable(message));
    return 1;
}

int writeNotes(const QStringList& args)
{
    if (args.size() != 6)
        return fail(QStringLiteral("usage: write DB HISTORY PREFIX COUNT"));
    Database database(args.at(2));
    if (!database.open())
        return fail(database.errorString());
    NotesRepository notes(database);
    const QString history = args.at(3);
    const QString prefix = args.at(4);
    const qint64 count = args.at(5).toLongLong();
    for (qint64 i = 1; count == 0 || i <= count; ++i) {
        BuildNote note;
        note.buildKey = (prefix + QString::number(i)).toLatin1();
        note.text = QStringLiteral("note ") + QString::number(i);
        note.tags = {prefix, QStringLiteral("n") + QString::number(i % 7)};
        if (!notes.set(history, note))
            return fail(database.errorString());
        // Only after set() returned (COMMIT done) is the number reported as committed.
        std::printf("%lld\n", static_cast<long long>(i));
        std::fflush(stdout);
    }
    return 0;
}

int holdLock(const QStringList& args)
{
    if (args.size() != 4)
        return fail(QStringLiteral("usage: hold-lock DB MS"));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("lock"));
    db.setDatabaseName(args.at(2));
    if (!db.open())
        return fail(db.lastError().text());
    QSqlQuery query(db);
    // Exclusive locking mode keeps the lock after the write until the connection closes.
    for (const char* sql : {"PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE",
                            "UPDATE histories SET display_name = display_name", "COMMIT"}) {
        if (!query.exec(QString::fromLatin1(sql)))
            return fail(query.lastError().text());
    }
    std::printf("locked\n");
    std::fflush(stdout);
    QThread::msleep(args.at(3).toULong());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("write"))
        return writeNotes(args);
    if (mode == QLatin1String("hold-lock"))
        return holdLock(args);
    return fail(QStringLiteral("unknown mode; see the comment at the top of store_writer.cpp"));
}
