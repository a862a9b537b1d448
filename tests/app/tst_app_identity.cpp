// How bengal-perf presents itself to the desktop: the names that put settings and the local
// store in the usual per-user folders, the desktop entry and icon, the About dialog, the window
// state kept across runs, and a history passed on the command line as "Open with" does.
// Runs with XDG_CONFIG_HOME / XDG_DATA_HOME pointed at a scratch folder (set in main(), before
// the application exists), not in QStandardPaths test mode: the real locations are the point.
#include "AppIdentity.h"
#include "AppPalette.h"
#include "MainWindow.h"
#include "MainWindowAbout.h"
#include "store/Database.h"
#include "store/HistoriesRepository.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

namespace {

QTemporaryDir* scratch()
{
    static QTemporaryDir dir;
    return &dir;
}

QString scratchPath(const QString& relative)
{
    return scratch()->filePath(relative);
}

// Where screenshots go when BENGAL_SCREENSHOT_DIR is set (to look at them), else nowhere.
void saveShot(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("BENGAL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name));
}

} // namespace

class TestAppIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        describeApplication();
        describeDesktopApplication();
    }

    void settingsAndStoreLandInTheUsualFolders()
    {
        QCOMPARE(QSettings().fileName(),
                 scratchPath(QStringLiteral("config/bengal/bengal-perf.conf")));
        QCOMPARE(Database::defaultPath(),
                 scratchPath(QStringLiteral("data/bengal/bengal-perf/bengal-perf.sqlite")));
        QCOMPARE(QCoreApplication::applicationVersion(), QStringLiteral(BENGAL_PERF_VERSION));
    }

    void desktopEntryAndIconMatchThePackage()
    {
        // The window's app id (Wayland) must name the installed .desktop file.
        QCOMPARE(QGuiApplication::desktopFileName(), QString::fromLatin1(DesktopId));
        QVERIFY(QFile::exists(QStringLiteral(BENGAL_SOURCE_DIR "/packaging/") +
                              QString::fromLatin1(DesktopId) + QStringLiteral(".desktop")));
        const QPixmap icon = QGuiApplication::windowIcon().pixmap(64, 64);
        QVERIFY(!icon.isNull());
        QCOMPARE(icon.width(), 64);
    }

    void aboutNamesVersionQtAndLicence_data()
    {
        QTest::addColumn<QString>("palette");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }

    void aboutNamesVersionQtAndLicence()
    {
        QFETCH(QString, palette);
        QVERIFY(applyPalette(*qApp, palette));
        std::unique_ptr<QMessageBox> box(createAboutBox(nullptr));
        const QString text = box->text();
        QVERIFY2(text.contains(QStringLiteral(BENGAL_PERF_VERSION)), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("MIT")), qPrintable(text));
        QVERIFY(!box->iconPixmap().isNull());
        box->show();
        QVERIFY(QTest::qWaitForWindowExposed(box.get()));
        saveShot(*box, QStringLiteral("about-%1.png").arg(palette));
        QVERIFY(applyPalette(*qApp, QStringLiteral("light")));
    }

    void windowRemembersGeometryAndDocks()
    {
        {
            MainWindow window(nullptr);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1111, 777);
            auto* builds = window.findChild<QDockWidget*>(QStringLiteral("buildsDock"));
            auto* problems = window.findChild<QDockWidget*>(QStringLiteral("problemsDock"));
            QVERIFY(builds && problems);
            builds->hide();
            problems->show();
            QCoreApplication::processEvents();
            window.close(); // what quitting does: closeEvent saves the state
        }
        QVERIFY(QFile::exists(QSettings().fileName()));
        MainWindow again(nullptr);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1111, 777));
        QVERIFY(again.findChild<QDockWidget*>(QStringLiteral("buildsDock"))->isHidden());
        QVERIFY(!again.findChild<QDockWidget*>(QStringLiteral("problemsDock"))->isHidden());
    }

    // A file manager runs "bengal-perf %f" (packaging/*.desktop): the real program, one path,
    // spaces and all. It must open that file (recorded as recent in the store) and nothing else.
    void commandLinePathIsOpened()
    {
        const QString history = scratchPath(QStringLiteral("my site/history copy.jsonl"));
        QVERIFY(QDir().mkpath(QFileInfo(history).path()));
        QFile::remove(history);
        QVERIFY(QFile::copy(QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl"), history));

        QProcess program;
        program.setWorkingDirectory(scratch()->path()); // no history here: only PATH can be opened
        program.start(QStringLiteral(BENGAL_PERF_EXE),
                      {QStringLiteral("--startup-probe"), history});
        QVERIFY(program.waitForFinished(60000));
        const QByteArray out = program.readAllStandardOutput();
        QVERIFY2(program.exitStatus() == QProcess::NormalExit && program.exitCode() == 0,
                 program.readAllStandardError().constData());
        QVERIFY2(out.contains("history shown"), out.constData());

        Database store(Database::defaultPath()); // where the program keeps it, as checked above
        QVERIFY2(store.open(), qPrintable(store.errorString()));
        const QList<HistoryEntry> recent = HistoriesRepository(store).recent();
        QCOMPARE(recent.size(), 1);
        QCOMPARE(recent.first().path, history);
    }
};

int main(int argc, char** argv)
{
    if (!scratch()->isValid())
        return 1;
    // Before QApplication: QSettings and QStandardPaths read these; the child process inherits
    // them.
    qputenv("XDG_CONFIG_HOME", scratchPath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", scratchPath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", scratchPath(QStringLiteral("cache")).toLocal8Bit());
    QApplication app(argc, argv);
    TestAppIdentity test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_app_identity.moc"
