#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace bengal {

class Database;

// A named view: visible series, filters, range and chart options, as a JSON object whose keys
// belong to the window (the store only keeps it).
struct SavedView
{
    QString name;
    QString historyPath; // empty: a global view, offered for every history
    QByteArray payload;  // compact JSON of one object
    QDateTime updated;   // UTC

    QJsonObject json() const;
};

// Named views per history, or global ones (historyPath empty). Names are unique per history
// and among the global views.
class SavedViewsRepository
{
    Q_DECLARE_TR_FUNCTIONS(SavedViewsRepository)

public:
    explicit SavedViewsRepository(Database& database) : m_database(database) {}

    // Creates or replaces the view `name`. The payload must be a JSON object.
    bool save(const QString& historyPath, const QString& name, const QJsonObject& payload);
    bool save(const QString& historyPath, const QString& name, const QByteArray& payload);
    std::optional<SavedView> get(const QString& historyPath, const QString& name);
    // The history's views by name, then (when includeGlobal) the global ones by name.
    QList<SavedView> list(const QString& historyPath, bool includeGlobal = true);
    bool remove(const QString& historyPath, const QString& name);
    // False when there is no view `oldName` or `newName` is taken (errorString says which).
    bool rename(const QString& historyPath, const QString& oldName, const QString& newName);

private:
    Database& m_database;
};

} // namespace bengal
