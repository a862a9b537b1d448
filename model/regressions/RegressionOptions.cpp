#include "regressions/RegressionOptions.h"

#include "store/HistoriesRepository.h"

#include <QCryptographicHash>
#include <QSettings>

namespace bengal {

namespace {

// One QSettings group per history; the path is hashed because QSettings keys cannot hold
// arbitrary paths (slashes make subgroups, and Windows paths have colons).
QString groupOf(const QString& historyPath)
{
    const QByteArray path = HistoriesRepository::normalizedPath(historyPath).toUtf8();
    return QStringLiteral("regressions/") +
           QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex());
}

} // namespace

RegressionOptions RegressionOptions::load(const QString& historyPath)
{
    RegressionOptions options;
    if (historyPath.isEmpty())
        return options;
    QSettings settings;
    settings.beginGroup(groupOf(historyPath));
    options.metrics = settings.value(QStringLiteral("metrics")).toStringList();
    BuildGrouping grouping;
    if (parseBuildGrouping(settings.value(QStringLiteral("group")).toString(), &grouping))
        options.grouping = grouping;
    return options;
}

void RegressionOptions::save(const QString& historyPath) const
{
    if (historyPath.isEmpty())
        return;
    QSettings settings;
    if (*this == RegressionOptions{}) {
        settings.remove(groupOf(historyPath));
        return;
    }
    settings.beginGroup(groupOf(historyPath));
    settings.setValue(QStringLiteral("path"), HistoriesRepository::normalizedPath(historyPath));
    settings.setValue(QStringLiteral("metrics"), metrics);
    settings.setValue(QStringLiteral("group"), buildGroupingName(grouping));
}

} // namespace bengal
