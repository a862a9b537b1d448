#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace bengal {

class Database;

// One prepared SQL statement on a Database's connection. Values only ever reach SQLite as bound
// parameters (positional `?`), so text from history files or the user is never parsed as SQL.
// A failure is recorded on the Database (errorString()) so callers can just return false.
class Statement
{
public:
    Statement(Database& database, const QString& sql);

    // Binds the next positional parameter. Only an invalid QVariant() binds SQL NULL; a null
    // QString or QByteArray binds as empty text or blob.
    Statement& bind(const QVariant& value);

    bool exec();
    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    int rowsAffected() const { return m_query.numRowsAffected(); }
    QVariant lastInsertId() const { return m_query.lastInsertId(); }
    QSqlQuery& query() { return m_query; }

private:
    Database& m_database;
    QSqlQuery m_query;
    bool m_prepared = false;
};

} // namespace bengal
