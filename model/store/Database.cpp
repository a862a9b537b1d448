#include "store/Database.h"

#include "store/DatabaseFile.h"
#include "store/SchemaMigrations.h"
#include "store/SqliteError.h"
#include "store/SqliteErrorText.h"
#include "store/Statement.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

#include <atomic>

namespace bengal {

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/bengal-perf.sqlite");
}

Database::Database(QString path) : m_path(QDir::cleanPath(QFileInfo(path).absoluteFilePath()))
{
    // QSqlDatabase connections are global by name; each Database needs its own.
    static std::atomic<quint64> counter{0};
    m_connectionName = QStringLiteral("bengal-store-") + QString::number(++counter);
}

Database::~Database()
{
    close();
}

// Closed, with no error or recovery of an earlier attempt, owned by this thread.
void Database::startOpening()
{
    close();
    m_errorString.clear();
    m_lastError = QSqlError();
    m_recoveryMessage.clear();
    m_movedAsidePath.clear();
    m_thread = QThread::currentThread();
}

bool Database::open()
{
    startOpening();
    const QString shown = QDir::toNativeSeparators(m_path);
    const QFileInfo info(m_path);
    if (info.isDir()) {
        setErrorString(tr("The local database %1 is a folder, not a file.").arg(shown));
        return false;
    }
    const bool writable = DatabaseFile::isWritable(m_path);
    if (!writable && !info.exists()) {
        setErrorString(
            tr("Cannot create the local database %1: the folder is not writable.").arg(shown));
        return false;
    }
    if (writable && !QDir().mkpath(info.absolutePath())) {
        setErrorString(tr("Cannot create the folder for the local database %1.").arg(shown));
        return false;
    }

    OpenResult result = OpenResult::Corrupt;
    if (DatabaseFile::hasSqliteHeader(m_path)) {
        result = openConnection(!writable, false);
        if (result == OpenResult::Ok)
            result = checkAndPrepare();
        // A read-only WAL database whose folder does not allow creating the -shm file can
        // still be read when SQLite is told the file will not change.
        if (result == OpenResult::Failed && !writable && lastFailure() != SqliteFailure::Busy) {
            result = openConnection(true, true);
            if (result == OpenResult::Ok)
                result = checkAndPrepare();
        }
    }
    if (result == OpenResult::Corrupt) {
        if (!writable) {
            dropConnection();
            setErrorString(
                tr("The local database %1 is damaged and cannot be replaced, because it or "
                   "its folder is read-only.")
                    .arg(shown));
            return false;
        }
        if (!recoverFromCorruption())
            return false;
        result = openConnection(false, false);
        if (result == OpenResult::Ok)
            result = checkAndPrepare();
    }
    if (result != OpenResult::Ok || !finishOpen()) {
        dropConnection();
        return false;
    }
    // Failures of attempts that were then recovered from are not the state of the store.
    m_errorString.clear();
    m_lastError = QSqlError();
    return true;
}

void Database::close()
{
    dropConnection();
}

QSqlDatabase Database::connection() const
{
    Q_ASSERT_X(!m_thread || QThread::currentThread() == m_thread, "bengal::Database",
               "used from a thread other than the one that opened it");
    return m_connection;
}

bool Database::openForReading()
{
    startOpening();
    if (!QFileInfo(m_path).isFile() || !DatabaseFile::hasSqliteHeader(m_path)) {
        setErrorString(
            tr("There is no readable local database at %1.").arg(QDir::toNativeSeparators(m_path)));
        return false;
    }
    OpenResult result = openConnection(true, false);
    if (result == OpenResult::Ok &&
        !runPragma(QStringLiteral("busy_timeout = ") + QString::number(m_busyTimeoutMs)))
        result = OpenResult::Failed;
    // As in open(): a WAL file whose -shm cannot be made by a reader is read as unchanging.
    if (result != OpenResult::Ok && lastFailure() != SqliteFailure::Busy) {
        result = openConnection(true, true);
        if (result == OpenResult::Ok &&
            !runPragma(QStringLiteral("busy_timeout = ") + QString::number(m_busyTimeoutMs)))
            result = OpenResult::Failed;
    }
    if (result != OpenResult::Ok || !finishOpen()) {
        dropConnection();
        return false;
    }
    return true;
}

Database::OpenResult Database::openConnection(bool readOnly, bool immutable)
{
    dropConnection();
    m_connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_connection.isValid()) {
        setErrorString(tr("The SQLite driver for Qt (QSQLITE) is not available."));
        return OpenResult::Failed;
    }
    QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=") + QString::number(m_busyTimeoutMs)};
    if (readOnly)
        options << QStringLiteral("QSQLITE_OPEN_READONLY");
    if (immutable) {
        options << QStringLiteral("QSQLITE_OPEN_URI");
        m_connection.setDatabaseName(QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded) +
                                     QStringLiteral("?immutable=1"));
    } else {
        m_connection.setDatabaseName(m_path);
    }
    m_connection.setConnectOptions(options.join(QLatin1Char(';')));
    m_readOnly = readOnly;
    if (m_connection.open())
        return OpenResult::Ok;
    recordFailure(m_connection.lastError());
    return classifySqliteError(m_connection.lastError()) == SqliteFailure::Corrupt
               ? OpenResult::Corrupt
               : OpenResult::Failed;
}

// Settings first (busy_timeout before anything that takes a lock), then the health check, then
// the journal mode, which needs a healthy file.
Database::OpenResult Database::checkAndPrepare()
{
    QString health;
    if (!runPragma(QStringLiteral("busy_timeout = ") + QString::number(m_busyTimeoutMs)) ||
        !runPragma(QStringLiteral("foreign_keys = ON")) ||
        !runPragma(QStringLiteral("quick_check"), &health)) {
        const SqliteFailure failure = lastFailure();
        // An existing file SQLite cannot open at all is handled like a damaged one when we may
        // replace it: it is moved aside (not deleted) and the user is told where.
        if (failure == SqliteFailure::Corrupt ||
            (failure == SqliteFailure::CantOpen && !m_readOnly && QFileInfo::exists(m_path)))
            return OpenResult::Corrupt;
        return OpenResult::Failed;
    }
    if (health != QLatin1String("ok"))
        return OpenResult::Corrupt;
    if (!m_readOnly && (!runPragma(QStringLiteral("journal_mode = WAL")) ||
                        !runPragma(QStringLiteral("synchronous = NORMAL"))))
        return OpenResult::Failed;
    return OpenResult::Ok;
}

bool Database::recoverFromCorruption()
{
    dropConnection();
    QString error;
    const QString aside = DatabaseFile::moveAside(m_path, QDateTime::currentDateTime(), &error);
    if (aside.isEmpty()) {
        setErrorString(tr("The local database %1 is damaged and could not be moved aside: %2")
                           .arg(QDir::toNativeSeparators(m_path), error));
        return false;
    }
    m_movedAsidePath = aside;
    m_recoveryMessage = tr("The local database %1 was damaged or unreadable. It was moved aside "
                           "to %2 and a new, empty database was created in its place.")
                            .arg(QDir::toNativeSeparators(m_path), QDir::toNativeSeparators(aside));
    return true;
}

bool Database::finishOpen()
{
    const QString shown = QDir::toNativeSeparators(m_path);
    const int version = userVersion();
    if (version < 0)
        return false;
    const int latest = latestSchemaVersion();
    if (version > latest) {
        setErrorString(tr("The local database %1 was written by a newer version of this program "
                          "(schema %2, this one knows up to %3).")
                           .arg(shown)
                           .arg(version)
                           .arg(latest));
        return false;
    }
    if (version < latest) {
        if (m_readOnly) {
            setErrorString(
                tr("The local database %1 needs an upgrade, but it is read-only.").arg(shown));
            return false;
        }
        if (!migrateSchema(*this)) {
            setErrorString(
                tr("Could not upgrade the local database %1: %2").arg(shown, m_errorString));
            return false;
        }
    }
    m_schemaVersion = userVersion();
    m_open = m_schemaVersion == latest;
    return m_open;
}

void Database::dropConnection()
{
    m_open = false;
    if (!m_connection.isValid() && !QSqlDatabase::contains(m_connectionName))
        return;
    m_connection.close();
    m_connection = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::runPragma(const QString& pragma, QString* result)
{
    Statement statement(*this, QStringLiteral("PRAGMA ") + pragma);
    if (!statement.exec())
        return false;
    if (result)
        *result = statement.next() ? statement.value(0).toString() : QString();
    return true;
}

int Database::userVersion()
{
    Statement statement(*this, QStringLiteral("PRAGMA user_version"));
    if (!statement.exec() || !statement.next())
        return -1;
    return statement.value(0).toInt();
}

void Database::recordFailure(const QSqlError& error)
{
    m_lastError = error;
    m_errorString = describeSqliteFailure(m_path, error, m_busyTimeoutMs);
}

bool Database::writeTransaction(const std::function<bool()>& work)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const bool ok = work();
        --m_transactionDepth;
        m_rollbackOnly = m_rollbackOnly || !ok;
        return ok;
    }
    if (!Statement(*this, QStringLiteral("BEGIN IMMEDIATE")).exec())
        return false;
    m_transactionDepth = 1;
    m_rollbackOnly = false;
    const bool ok = work();
    m_transactionDepth = 0;
    if (ok && !m_rollbackOnly && Statement(*this, QStringLiteral("COMMIT")).exec())
        return true;
    // Keep the error of the step that failed; ROLLBACK's own complaint would hide it.
    const QString error = m_errorString;
    QSqlQuery rollback(m_connection); // prepared like every statement, but its error unrecorded
    if (rollback.prepare(QStringLiteral("ROLLBACK")))
        rollback.exec();
    m_errorString = error;
    return false;
}

} // namespace bengal
