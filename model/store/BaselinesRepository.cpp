#include "store/BaselinesRepository.h"

#include "store/Database.h"
#include "store/HistoriesRepository.h"
#include "store/Statement.h"
#include "store/StoreValues.h"

namespace bengal {
namespace {

// Stored names of the modes; v1 files know "rolling" and "pinned".
QString modeName(BaselineSetting::Mode mode)
{
    switch (mode) {
    case BaselineSetting::Mode::PinnedBuild:
        return QStringLiteral("pinned");
    case BaselineSetting::Mode::SinceDate:
        return QStringLiteral("date");
    case BaselineSetting::Mode::RollingMedian:
        break;
    }
    return QStringLiteral("rolling");
}

BaselineSetting readSetting(const Statement& row, int first)
{
    BaselineSetting setting;
    const QString mode = row.value(first).toString();
    if (mode == QLatin1String("pinned"))
        setting.mode = BaselineSetting::Mode::PinnedBuild;
    else if (mode == QLatin1String("date"))
        setting.mode = BaselineSetting::Mode::SinceDate;
    if (!row.value(first + 1).isNull())
        setting.window = row.value(first + 1).toInt();
    setting.buildKey = StoreValues::toKey(row.value(first + 2));
    setting.since = StoreValues::toTime(row.value(first + 3));
    return setting;
}

const QString pathCondition =
    QStringLiteral("history_id = (SELECT id FROM histories WHERE path = ?)");

} // namespace

std::optional<BaselineSetting> BaselinesRepository::get(const QString& historyPath,
                                                        const QString& metricGroup)
{
    Statement select(m_database,
                     QStringLiteral("SELECT mode, window_size, build_key, since_ms FROM baselines"
                                    " WHERE metric_group = ? AND ") +
                         pathCondition);
    if (!select.bind(metricGroup).bind(HistoriesRepository::normalizedPath(historyPath)).exec() ||
        !select.next())
        return std::nullopt;
    return readSetting(select, 0);
}

BaselineSetting BaselinesRepository::effective(const QString& historyPath,
                                               const QString& metricGroup)
{
    return get(historyPath, metricGroup).value_or(BaselineSetting{});
}

QMap<QString, BaselineSetting> BaselinesRepository::all(const QString& historyPath)
{
    QMap<QString, BaselineSetting> settings;
    Statement select(m_database, QStringLiteral("SELECT metric_group, mode, window_size,"
                                                " build_key, since_ms FROM baselines WHERE ") +
                                     pathCondition);
    if (!select.bind(HistoriesRepository::normalizedPath(historyPath)).exec())
        return settings;
    while (select.next())
        settings.insert(select.value(0).toString(), readSetting(select, 1));
    return settings;
}

bool BaselinesRepository::set(const QString& historyPath, const QString& metricGroup,
                              const BaselineSetting& setting)
{
    using Mode = BaselineSetting::Mode;
    if ((setting.mode == Mode::PinnedBuild && setting.buildKey.isEmpty()) ||
        (setting.mode == Mode::SinceDate && !setting.since.isValid()) ||
        (setting.mode == Mode::RollingMedian && setting.window < 1)) {
        m_database.setErrorString(tr("The baseline for %1 is incomplete.").arg(metricGroup));
        return false;
    }
    return m_database.writeTransaction([&] {
        const auto historyId = HistoriesRepository(m_database).ensureId(historyPath);
        return historyId &&
               Statement(m_database,
                         QStringLiteral("INSERT OR REPLACE INTO baselines (history_id,"
                                        " metric_group, mode, window_size, build_key, since_ms)"
                                        " VALUES (?, ?, ?, ?, ?, ?)"))
                   .bind(*historyId)
                   .bind(metricGroup)
                   .bind(modeName(setting.mode))
                   .bind(setting.window)
                   .bind(setting.buildKey.isEmpty() ? QVariant()
                                                    : StoreValues::fromKey(setting.buildKey))
                   .bind(StoreValues::fromTime(setting.since))
                   .exec();
    });
}

bool BaselinesRepository::reset(const QString& historyPath, const QString& metricGroup)
{
    return Statement(m_database,
                     QStringLiteral("DELETE FROM baselines WHERE metric_group = ? AND ") +
                         pathCondition)
        .bind(metricGroup)
        .bind(HistoriesRepository::normalizedPath(historyPath))
        .exec();
}

bool BaselinesRepository::markIntendedChange(const QString& historyPath, const QString& metric,
                                             const QByteArray& buildKey,
                                             const QDateTime& buildTimestamp,
                                             const QDateTime& markedAt)
{
    return m_database.writeTransaction([&] {
        const auto historyId = HistoriesRepository(m_database).ensureId(historyPath);
        return historyId &&
               Statement(m_database,
                         QStringLiteral("INSERT OR REPLACE INTO intended_changes (history_id,"
                                        " metric, build_key, build_ms, marked_ms)"
                                        " VALUES (?, ?, ?, ?, ?)"))
                   .bind(*historyId)
                   .bind(metric)
                   .bind(StoreValues::fromKey(buildKey))
                   .bind(StoreValues::fromTime(buildTimestamp))
                   .bind(StoreValues::fromTime(StoreValues::orNow(markedAt)))
                   .exec();
    });
}

bool BaselinesRepository::unmarkIntendedChange(const QString& historyPath, const QString& metric,
                                               const QByteArray& buildKey)
{
    return Statement(m_database, QStringLiteral("DELETE FROM intended_changes"
                                                " WHERE metric = ? AND build_key = ? AND ") +
                                     pathCondition)
        .bind(metric)
        .bind(StoreValues::fromKey(buildKey))
        .bind(HistoriesRepository::normalizedPath(historyPath))
        .exec();
}

QList<IntendedChange> BaselinesRepository::intendedChanges(const QString& historyPath,
                                                           const QString& metric)
{
    QList<IntendedChange> marks;
    Statement select(m_database,
                     QStringLiteral("SELECT metric, build_key, build_ms, marked_ms"
                                    " FROM intended_changes WHERE (? = '' OR metric = ?) AND ") +
                         pathCondition + QStringLiteral(" ORDER BY build_ms, marked_ms"));
    if (!select.bind(metric)
             .bind(metric)
             .bind(HistoriesRepository::normalizedPath(historyPath))
             .exec())
        return marks;
    while (select.next())
        marks.append({select.value(0).toString(), StoreValues::toKey(select.value(1)),
                      StoreValues::toTime(select.value(2)), StoreValues::toTime(select.value(3))});
    return marks;
}

} // namespace bengal
