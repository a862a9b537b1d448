#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QThread>

#include "store/SqliteError.h"

#include <functional>

namespace bengal {

// The local SQLite store: one database file, opened once per instance on the thread that
// creates it. open() creates the file on first start, brings the schema to the latest version,
// and survives a damaged file by moving it aside (recoveryMessage() tells the user).
//
// Settings: WAL journal (readers never wait for the writer; a committed transaction survives a
// kill of the process), synchronous=NORMAL, foreign keys on, and a busy timeout so two running
// instances wait for each other instead of failing with "database is locked".
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    static constexpr int DefaultBusyTimeoutMs = 5000;

    // <AppDataLocation>/bengal-perf.sqlite
    static QString defaultPath();

    explicit Database(QString path = defaultPath());
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // How long a statement waits for another connection's lock. Set before open().
    void setBusyTimeout(int milliseconds) { m_busyTimeoutMs = milliseconds; }
    int busyTimeout() const { return m_busyTimeoutMs; }

    // Opens (creating, migrating or recovering as needed). False with errorString() when the
    // store cannot be used at all: locked past the timeout, folder not creatable, a damaged
    // file that cannot be moved, a schema newer than this program, ...
    bool open();
    // Opens an existing store for reading only: nothing is created, migrated or recovered
    // (a command-line reader must leave the user's store as it is). False when the file is
    // missing, damaged, locked past the timeout, older or newer than this program.
    bool openForReading();
    void close();

    bool isOpen() const { return m_open; }
    // True when the file or its folder cannot be written: reads work, every write fails.
    bool isReadOnly() const { return m_readOnly; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    // Translated text of the most recent failure (open or statement); empty when none.
    QString errorString() const { return m_errorString; }
    // Translated text naming the damaged file's new name and the fresh file; empty when open()
    // found nothing to recover. Shown by the window.
    QString recoveryMessage() const { return m_recoveryMessage; }
    // Where the damaged file went; empty when nothing was recovered.
    QString movedAsidePath() const { return m_movedAsidePath; }

    // The connection, for Statement. Only valid on the thread that opened the database.
    QSqlDatabase connection() const;
    QString connectionName() const { return m_connectionName; }

    // Runs `work` inside BEGIN IMMEDIATE ... COMMIT (the write lock is taken up front, so the
    // busy timeout applies and two writers never deadlock). Rolls back when `work` returns
    // false or COMMIT fails. Nested calls join the outermost transaction.
    bool writeTransaction(const std::function<bool()>& work);

    // PRAGMA user_version of the open file, -1 on failure.
    int userVersion();

    // What kind of failure errorString() describes (busy, read-only, disk full, ...).
    SqliteFailure lastFailure() const { return classifySqliteError(m_lastError); }

    // Records a failed statement as errorString() (used by Statement).
    void recordFailure(const QSqlError& error);
    // Records a failure found before SQLite was asked (a repository's validation).
    void setErrorString(const QString& message)
    {
        m_errorString = message;
        m_lastError = QSqlError();
    }

private:
    enum class OpenResult
    {
        Ok,
        Corrupt,
        Failed
    };
    OpenResult openConnection(bool readOnly, bool immutable);
    OpenResult checkAndPrepare();
    bool recoverFromCorruption();
    void startOpening();
    bool finishOpen();
    void dropConnection();
    bool runPragma(const QString& pragma, QString* result = nullptr);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_connection;
    QSqlError m_lastError;
    QThread* m_thread = nullptr;
    int m_busyTimeoutMs = DefaultBusyTimeoutMs;
    int m_schemaVersion = 0;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false;
    bool m_open = false;
    bool m_readOnly = false;
    QString m_errorString;
    QString m_recoveryMessage;
    QString m_movedAsidePath;
};

} // namespace bengal
