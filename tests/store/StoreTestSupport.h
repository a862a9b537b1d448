#pragma once

// Small helpers shared by the store tests.

#include "store/Database.h"

#include <QDir>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace bengal::test {

// The first column of the first row of a fixed SQL text (test-only; no values from outside).
inline QVariant scalar(Database& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

inline QStringList column(Database& database, const QString& sql)
{
    QStringList values;
    QSqlQuery query(database.connection());
    if (!query.exec(sql))
        return values;
    while (query.next())
        values << query.value(0).toString();
    return values;
}

// Files in a folder whose names contain ".corrupt-" (moved-aside databases).
inline QStringList movedAsideFiles(const QString& folder)
{
    return QDir(folder).entryList({QStringLiteral("*.corrupt-*")}, QDir::Files, QDir::Name);
}

} // namespace bengal::test
