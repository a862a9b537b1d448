#include "AppIdentity.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QIcon>

namespace bengal {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("bengal"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("bengal.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("bengal-perf"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BENGAL_PERF_VERSION));
}

void describeDesktopApplication()
{
    const QString id = QString::fromLatin1(DesktopId);
    QGuiApplication::setDesktopFileName(id);
    QGuiApplication::setWindowIcon(
        QIcon::fromTheme(id, QIcon(QStringLiteral(":/icons/bengal-perf.svg"))));
}

} // namespace bengal
