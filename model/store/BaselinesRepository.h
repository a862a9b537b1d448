#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace bengal {

class Database;

// What a metric group is judged against (issue 6).
struct BaselineSetting
{
    enum class Mode
    {
        RollingMedian, // median of the last `window` comparable builds (the default)
        PinnedBuild,   // one chosen build, `buildKey`
        SinceDate      // the builds from `since` on
    };
    static constexpr int DefaultWindow = 20;

    Mode mode = Mode::RollingMedian;
    int window = DefaultWindow;
    QByteArray buildKey;
    QDateTime since;

    friend bool operator==(const BaselineSetting&, const BaselineSetting&) = default;
};

// "This step was intended": the detector starts a new baseline at this build for the metric.
struct IntendedChange
{
    QString metric;
    QByteArray buildKey;
    QDateTime buildTimestamp; // the build's own timestamp, so marks order without the history
    QDateTime markedAt;       // when the user marked it
};

// Baseline choice per history and metric group, and the intended-change marks.
class BaselinesRepository
{
    Q_DECLARE_TR_FUNCTIONS(BaselinesRepository)

public:
    explicit BaselinesRepository(Database& database) : m_database(database) {}

    // The stored setting; nullopt when the group uses the default (rolling median).
    std::optional<BaselineSetting> get(const QString& historyPath, const QString& metricGroup);
    // get(), or the default setting.
    BaselineSetting effective(const QString& historyPath, const QString& metricGroup);
    // Every stored setting of the history by metric group.
    QMap<QString, BaselineSetting> all(const QString& historyPath);
    // Rejects a pinned build without key, a date baseline without date and a window below 1.
    bool set(const QString& historyPath, const QString& metricGroup,
             const BaselineSetting& setting);
    // Back to the default.
    bool reset(const QString& historyPath, const QString& metricGroup);

    bool markIntendedChange(const QString& historyPath, const QString& metric,
                            const QByteArray& buildKey, const QDateTime& buildTimestamp,
                            const QDateTime& markedAt = {});
    bool unmarkIntendedChange(const QString& historyPath, const QString& metric,
                              const QByteArray& buildKey);
    // Oldest build first; all metrics when `metric` is empty.
    QList<IntendedChange> intendedChanges(const QString& historyPath, const QString& metric = {});

private:
    Database& m_database;
};

} // namespace bengal
