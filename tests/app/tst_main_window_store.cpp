// The window tells the user how the local store opened: a damaged file moved aside (and where),
// or a store that cannot be used. Never a crash, never a blocking dialog.
#include "MainWindow.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

class TestMainWindowStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void damagedStoreIsMovedAsideAndTheUserTold()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bengal-perf.sqlite"));
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, '\x5a'));
        garbage.close();

        Database database(path);
        QVERIFY2(database.open(), qPrintable(database.errorString()));
        const QString aside = database.movedAsidePath();
        QVERIFY(QRegularExpression(QStringLiteral("\\.corrupt-\\d{8}-\\d{6}(-\\d+)?$"))
                    .match(aside)
                    .hasMatch());
        QVERIFY(aside.startsWith(path));
        QCOMPARE(QFile(aside).size(), 8192); // kept, not deleted
        MainWindow window(&database);
        window.show();
        QMessageBox* box = window.reportStoreState(database, true);
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal() || box->windowModality() == Qt::WindowModal); // never blocks
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QVERIFY2(box->text().contains(QDir::toNativeSeparators(aside)), qPrintable(box->text()));
        box->close();
    }

    void unusableStoreIsSaid()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("a-folder.sqlite"));
        QVERIFY(QDir().mkpath(folder));
        Database database(folder);
        QVERIFY(!database.open());
        MainWindow window(nullptr);
        window.show();
        QMessageBox* box = window.reportStoreState(database, false);
        QVERIFY(box);
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QVERIFY2(box->text().contains(QDir::toNativeSeparators(folder)), qPrintable(box->text()));
    }

    void healthyStoreSaysNothing()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(QStringLiteral("fine.sqlite")));
        QVERIFY(database.open());
        MainWindow window(&database);
        QVERIFY(!window.reportStoreState(database, true));
    }
};

QTEST_MAIN(TestMainWindowStore)
#include "tst_main_window_store.moc"
