#include "store/Statement.h"

#include "store/Database.h"

namespace bengal {

Statement::Statement(Database& database, const QString& sql)
    : m_database(database), m_query(database.connection())
{
    m_query.setForwardOnly(true); // rows are read once; no client-side cache
    m_prepared = m_query.prepare(sql);
    if (!m_prepared)
        m_database.recordFailure(m_query.lastError());
}

Statement& Statement::bind(const QVariant& value)
{
    // Qt binds a null QString/QByteArray as SQL NULL; an empty text is not "no value" here
    // (and would break NOT NULL columns). SQL NULL is bound with an invalid QVariant only.
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query.addBindValue(QString(QLatin1String("")));
    else if (value.typeId() == QMetaType::QByteArray && value.toByteArray().isNull())
        m_query.addBindValue(QByteArray(""));
    else
        m_query.addBindValue(value);
    return *this;
}

bool Statement::exec()
{
    if (!m_prepared)
        return false;
    if (m_query.exec())
        return true;
    m_database.recordFailure(m_query.lastError());
    return false;
}

} // namespace bengal
