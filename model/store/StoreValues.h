#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVariant>

// How C++ values are written to and read from the store's columns, in one place so every
// repository agrees: times are INTEGER milliseconds since the epoch (UTC, NULL when unset) and
// build keys (hex hashes of a build's line bytes) are TEXT.
namespace bengal::StoreValues {

inline QVariant fromTime(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

inline QDateTime toTime(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// The time to store for an edit: the given one, or now when none was given.
inline QDateTime orNow(const QDateTime& time)
{
    return time.isValid() ? time.toUTC() : QDateTime::currentDateTimeUtc();
}

inline QVariant fromKey(const QByteArray& buildKey)
{
    return QString::fromLatin1(buildKey);
}

inline QByteArray toKey(const QVariant& value)
{
    return value.toString().toLatin1();
}

} // namespace bengal::StoreValues
