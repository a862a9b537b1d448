// Offscreen tests of the build detail view and the compare view: the selected build's fields,
// notes saved and read back through the local store, comparisons of 2 and 4 builds, and history
// text shown literally.
#include "AppPalette.h"
#include "DetailTestData.h"
#include "DetailWidgetSupport.h"
#include "demo/DemoHistory.h"
#include "detail/BaselineButton.h"
#include "detail/BuildDetailModel.h"
#include "detail/BuildDetailView.h"
#include "detail/ChangeCard.h"
#include "detail/CompareView.h"
#include "detail/ComparisonModel.h"
#include "detail/DetailColors.h"
#include "detail/NoteEditor.h"
#include "detail/PhaseBarsWidget.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"
#include "store/NotesRepository.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

using namespace bengal;
using namespace bengal::test;

namespace {

const QString kShowcase = QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl");

// Every label showing `needle` shows it as plain text.
void verifyPlainLabels(const QWidget& root, const QString& needle, int* found)
{
    for (const QLabel* label : root.findChildren<QLabel*>()) {
        if (label->text().contains(needle)) {
            ++*found;
            QCOMPARE(label->textFormat(), Qt::PlainText);
        }
    }
}

} // namespace

class TestDetailWidgets : public QObject
{
    Q_OBJECT
private slots:
    void detailViewShowsTheSelectedBuild()
    {
        const auto session = openSession(kShowcase);
        QVERIFY(session);
        const HistoryStore& store = session->store();
        QCOMPARE(store.size(), 38);
        BuildDetailView view;
        view.resize(700, 900);
        view.setSession(session.get());
        QCOMPARE(view.currentRow(), -1);
        view.showBuild(5);
        QCOMPARE(view.currentRow(), 5);
        QVERIFY(view.headerText().startsWith(QLatin1String("Build #6 of 38")));
        QVERIFY(view.sourceMessage().isEmpty()); // read from the file, hash checked
        const QModelIndex build = view.model()->findKey(QStringLiteral("build_time_ms"));
        QCOMPARE(view.model()
                     ->data(build.siblingAtColumn(BuildDetailModel::ValueColumn),
                            BuildDetailModel::NumberRole)
                     .toDouble(),
                 store.value(store.metricIndex("build_time_ms"), 5));
        QVERIFY(view.model()->findKey(QStringLiteral("python_version")).isValid());
        QCOMPARE(view.fieldTree()->model()->rowCount(), view.model()->rowCount());
        QCOMPARE(view.phaseBars()->bars().size(), 1);
        QCOMPARE(view.phaseBars()->bars().first().breakdown.phases.size(), 5);
        QVERIFY(view.cards().size() >= 4);
        QCOMPARE(view.cards().first()->changes().metric, QStringLiteral("build_time_ms"));

        view.showBuild(37);
        QVERIFY(view.headerText().startsWith(QLatin1String("Build #38 of 38")));
        view.showBuild(-1);
        QCOMPARE(view.currentRow(), -1);
        QCOMPARE(view.model()->rowCount(), 0);
    }

    void cardsColourByDirection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, smallRecord("2025-10-05T10:00:00", 100, false) + '\n' +
                                    smallRecord("2025-10-05T11:00:00", 100, false) + '\n' +
                                    smallRecord("2025-10-05T12:00:00", 150, false) + '\n' +
                                    smallRecord("2025-10-05T13:00:00", 60, false) + '\n'));
        const auto session = openSession(path);
        QVERIFY(session);
        BuildDetailView view;
        view.setSession(session.get());
        view.showBuild(2);
        const ChangeCard* card = view.cards().first();
        QCOMPARE(card->rowText(0), QStringLiteral("+50.0 %"));
        QCOMPARE(card->rowColor(0), directionColor(Direction::Worse, card->palette()));
        QCOMPARE(card->percentileText(), QStringLiteral("P100"));
        view.showBuild(3);
        QCOMPARE(view.cards().first()->rowText(0), QStringLiteral("−60.0 %"));
        QCOMPARE(view.cards().first()->rowColor(0),
                 directionColor(Direction::Better, view.cards().first()->palette()));
        // Worse and better differ from each other and from the text in both palettes.
        for (const char* name : {"light", "dark"}) {
            QPalette palette;
            palette.setColor(QPalette::Window, QLatin1String(name) == QLatin1String("dark")
                                                   ? QColor(0x2b, 0x2d, 0x31)
                                                   : QColor(0xf0, 0xf0, 0xf0));
            const QColor bg = palette.color(QPalette::Window);
            for (Direction d : {Direction::Worse, Direction::Better, Direction::Same})
                QVERIFY(std::abs(directionColor(d, palette).lightnessF() - bg.lightnessF()) > 0.25);
        }
    }

    void noteIsSavedAndReadBack()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(database.open());
        const auto session = openSession(kShowcase);
        QVERIFY(session);
        BuildDetailView view;
        view.setSession(session.get());
        QCOMPARE(view.noteEditor()->state(), NoteEditor::State::NoStore);
        view.setDatabase(&database);
        view.showBuild(3);
        NoteEditor* editor = view.noteEditor();
        QCOMPARE(editor->state(), NoteEditor::State::Clean);
        QVERIFY(editor->text().isEmpty());
        editor->setText(QStringLiteral("theme rewrite <b>not bold</b>"));
        editor->setTags({QStringLiteral("theme"), QStringLiteral(" slow ")});
        QCOMPARE(editor->state(), NoteEditor::State::Modified);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QCOMPARE(editor->state(), NoteEditor::State::Saved);
        QVERIFY(editor->stateText().startsWith(QLatin1String("Saved")));

        const QByteArray key = view.detail().buildKey;
        const auto stored = NotesRepository(database).get(session->filePath(), key);
        QVERIFY(stored);
        QCOMPARE(stored->text, QStringLiteral("theme rewrite <b>not bold</b>"));
        QCOMPARE(stored->tags, (QStringList{"slow", "theme"}));

        view.showBuild(4);
        QVERIFY(editor->text().isEmpty());
        editor->setText(QStringLiteral("kept when switching"));
        view.showBuild(3); // the modified note of build 5 is saved on the way
        QCOMPARE(editor->text(), QStringLiteral("theme rewrite <b>not bold</b>"));
        QCOMPARE(editor->tags().join(','), QStringLiteral("slow, theme").remove(' '));
        QCOMPARE(NotesRepository(database)
                     .get(session->filePath(), buildKeyOf(session->store().hash(4)))
                     ->text,
                 QStringLiteral("kept when switching"));

        // A second view on the same store sees the note.
        BuildDetailView other;
        other.setSession(session.get());
        other.setDatabase(&database);
        other.showBuild(3);
        QCOMPARE(other.noteEditor()->text(), QStringLiteral("theme rewrite <b>not bold</b>"));

        // A failed save says so and keeps the text.
        database.close();
        editor->setText(QStringLiteral("lost?"));
        QVERIFY(!editor->save());
        QCOMPARE(editor->state(), NoteEditor::State::Failed);
        QVERIFY(editor->stateText().startsWith(QLatin1String("Not saved")));
        QCOMPARE(editor->text(), QStringLiteral("lost?"));
    }

    // The user picks the baseline in the detail view; it is kept in the store and "vs
    // baseline" follows it: a pinned build, a rolling median of N, back to the default.
    void baselineIsChosenAndKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, smallRecord("2025-10-05T10:00:00", 100, false) + '\n' +
                                    smallRecord("2025-10-05T11:00:00", 200, false) + '\n' +
                                    smallRecord("2025-10-05T12:00:00", 400, false) + '\n' +
                                    smallRecord("2025-10-05T13:00:00", 300, false) + '\n'));
        const auto session = openSession(path);
        QVERIFY(session);
        Database database(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(database.open());
        BuildDetailView view;
        view.setSession(session.get());
        view.setDatabase(&database);
        BaselineButton* button = view.baselineButton();
        const auto vsBaseline = [&view] {
            return view.detail().changes.value(QStringLiteral("build_time_ms")).vsBaseline;
        };
        view.showBuild(3);
        QVERIFY(button->isEnabled());
        QCOMPARE(vsBaseline().reference, 200.0); // default: median of 100, 200, 400
        QCOMPARE(button->text(), QStringLiteral("Baseline: median of 20"));

        view.showBuild(0);
        QVERIFY(button->pinShownBuild());
        const auto stored = BaselinesRepository(database).get(session->filePath(), "*");
        QVERIFY(stored);
        QCOMPARE(stored->mode, BaselineSetting::Mode::PinnedBuild);
        QCOMPARE(stored->buildKey, buildKeyOf(session->store().hash(0)));
        QCOMPARE(button->text(), QStringLiteral("Baseline: this build"));
        view.showBuild(3);
        QCOMPARE(vsBaseline().reference, 100.0);
        QCOMPARE(vsBaseline().percent, 200.0);
        QCOMPARE(button->text(), QStringLiteral("Baseline: a pinned build"));

        QVERIFY(button->useRollingMedian(1));    // any N, not only those the menu lists
        QCOMPARE(vsBaseline().reference, 400.0); // the one comparable build before it
        QCOMPARE(button->text(), QStringLiteral("Baseline: median of 1"));
        int checked = 0;
        for (const QAction* action : button->menu()->actions())
            checked += action->isChecked() ? 1 : 0;
        QCOMPARE(checked, 1); // "last N comparable builds…" stands for it
        QCOMPARE(BaselinesRepository(database).get(session->filePath(), "*")->window, 1);

        // A second view on the same store (another window, the next start) uses it too.
        BuildDetailView other;
        other.setSession(session.get());
        other.setDatabase(&database);
        other.showBuild(3);
        QCOMPARE(other.detail().changes.value(QStringLiteral("build_time_ms")).vsBaseline.reference,
                 400.0);

        QVERIFY(button->useDefault());
        QVERIFY(!BaselinesRepository(database).get(session->filePath(), "*"));
        QCOMPARE(vsBaseline().reference, 200.0);

        // Without a store nothing can be kept: the button is disabled and says why on use.
        BuildDetailView bare;
        bare.setSession(session.get());
        bare.showBuild(3);
        QVERIFY(!bare.baselineButton()->isEnabled());
        QVERIFY(!bare.baselineButton()->pinShownBuild());
    }

    void markupInTheHistoryIsShownLiterally()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, smallRecord("2025-10-05T10:00:00", 100, false) + '\n' +
                                    record("2025-10-05T11:00:00",
                                           "\"platform\": \"<b>x</b>\", \"build_time_ms\": 90, "
                                           "\"<i>key</i>\": \"<a href='y'>z</a>\"") +
                                    '\n'));
        const auto session = openSession(path);
        QVERIFY(session);
        BuildDetailView view;
        view.setSession(session.get());
        view.showBuild(1);
        const QModelIndex platform = view.model()->findKey(QStringLiteral("platform"));
        QCOMPARE(platform.siblingAtColumn(BuildDetailModel::ValueColumn).data().toString(),
                 QStringLiteral("<b>x</b>"));
        const QModelIndex odd = view.model()->findKey(QStringLiteral("<i>key</i>"));
        QCOMPARE(odd.data().toString(), QStringLiteral("<i>key</i>"));
        QCOMPARE(odd.siblingAtColumn(BuildDetailModel::ValueColumn).data().toString(),
                 QStringLiteral("<a href='y'>z</a>"));

        CompareView compare;
        compare.setSession(session.get());
        compare.setBuilds({0, 1});
        QVERIFY(compare.environmentSummary().contains(QLatin1String("darwin | <b>x</b>")));
        int found = 0;
        verifyPlainLabels(compare, QStringLiteral("<b>x</b>"), &found);
        QCOMPARE(found, 1); // the environment differences line
        const ComparisonModel* model = compare.model();
        QCOMPARE(model->index(model->rowOf("platform"), 2).data().toString(),
                 QStringLiteral("<b>x</b>"));
        QVERIFY(compare.markdown().contains(QLatin1String("\\<b\\>x\\</b\\>")));
    }

    void compareTwoAndFourBuilds()
    {
        const auto session = openSession(kShowcase);
        QVERIFY(session);
        CompareView view;
        view.resize(1000, 700);
        view.setSession(session.get());
        QVERIFY(view.builds().isEmpty());
        view.setBuilds({10, 11});
        QCOMPARE(view.builds(), (QList<int>{10, 11}));
        QCOMPARE(view.model()->columnCount(), 5);
        QCOMPARE(view.table()->model()->columnCount(), 5);
        QCOMPARE(view.phaseBars()->bars().size(), 2);
        QVERIFY(view.markdown().contains(QLatin1String("| Metric | A: #11")));

        view.setBuilds({3, 4, 5, 6, 7}); // at most four
        QCOMPARE(view.builds(), (QList<int>{3, 4, 5, 6}));
        QCOMPARE(view.model()->columnCount(), 11);
        QCOMPARE(view.phaseBars()->bars().size(), 4);
        view.setReference(20);
        QCOMPARE(view.builds(), (QList<int>{20, 4, 5, 6}));
        view.addToComparison(21);
        QCOMPARE(view.builds(), (QList<int>{20, 4, 5, 21}));
        view.setReference(5);
        QCOMPARE(view.builds(), (QList<int>{5, 4, 21}));
        view.removeBuild(1);
        QCOMPARE(view.builds(), (QList<int>{5, 21}));

        view.setAgainstMedian(30, 5);
        QCOMPARE(view.builds(), (QList<int>{-1, 30}));
        QVERIFY(view.model()->comparison().columns.first().title().startsWith(
            QLatin1String("median of 5 comparable builds before #31")));
        view.addToComparison(12);
        QCOMPARE(view.builds(), (QList<int>{30, 12}));

        view.copyAsMarkdown();
        QCOMPARE(QGuiApplication::clipboard()->text(), view.markdown());
        view.clear();
        QVERIFY(view.builds().isEmpty());
        QCOMPARE(view.model()->rowCount(), 0);
    }

    void copyShortcut()
    {
        const auto session = openSession(kShowcase);
        QVERIFY(session);
        CompareView view;
        view.setSession(session.get());
        view.setBuilds({0, 37});
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QGuiApplication::clipboard()->clear();
        view.table()->setFocus();
        QTest::keyClick(view.table(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), view.markdown());
    }

    void followsAppendsByBuildIdentity()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(writeFile(path, smallRecord("2025-10-05T10:00:00", 100, false) + '\n' +
                                    smallRecord("2025-10-05T12:00:00", 120, false) + '\n'));
        const auto session = openSession(path);
        QVERIFY(session);
        BuildDetailView detail;
        detail.setSession(session.get());
        detail.showBuild(1);
        CompareView compare;
        compare.setSession(session.get());
        compare.setBuilds({0, 1});
        // A build that belongs between the two lands in the middle: rows move, builds do not.
        QSignalSpy appended(session.get(), &HistorySession::appended);
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(smallRecord("2025-10-05T11:00:00", 500, false) + '\n');
        file.close();
        QVERIFY(appended.wait(10000));
        QCOMPARE(session->store().size(), 3);
        QCOMPARE(detail.currentRow(), 2);
        QCOMPARE(detail.cards().first()->changes().vsPrevious.reference, 500.0);
        QCOMPARE(compare.builds(), (QList<int>{0, 2}));
    }

    void screenshots()
    {
        // Grabs of the showcase history in both palettes, for looking at (docs/screenshots).
        const QString dir = qEnvironmentVariable("BENGAL_TEST_BIN_DIR", QDir::tempPath()) +
                            QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(dir));
        const auto session = openSession(kShowcase);
        QVERIFY(session);
        QTemporaryDir storeDir;
        Database database(storeDir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(database.open());
        QVERIFY(NotesRepository(database).set(
            session->filePath(),
            {buildKeyOf(session->store().hash(24)),
             QStringLiteral("Incremental after the theme change: rendering halved."),
             {QStringLiteral("incremental"), QStringLiteral("theme")},
             QDateTime::currentDateTimeUtc()}));
        DemoOptions demoOptions;
        demoOptions.builds = 60;
        demoOptions.seed = 7;
        const QString demoPath = storeDir.filePath(QStringLiteral("demo.jsonl"));
        QVERIFY(writeDemoHistory(demoPath, demoOptions, nullptr));
        const auto demo = openSession(demoPath);
        QVERIFY(demo);
        for (const QString& palette : {QStringLiteral("light"), QStringLiteral("dark")}) {
            QVERIFY(applyPalette(*qApp, palette));
            BuildDetailView detail;
            detail.setSession(session.get());
            detail.setDatabase(&database);
            detail.resize(760, 1000);
            detail.show();
            QVERIFY(QTest::qWaitForWindowExposed(&detail));
            detail.showBuild(24);
            QCoreApplication::sendPostedEvents();
            const QImage detailImage = detail.grab().toImage();
            QCOMPARE(detailImage.size(), QSize(760, 1000) * detail.devicePixelRatio());
            QVERIFY(detailImage.save(dir + QStringLiteral("/detail-%1.png").arg(palette)));

            // A build of today's schema: the phase ledger, the nested maps opened, caches.
            BuildDetailView modern;
            modern.setSession(demo.get());
            modern.setDatabase(&database);
            modern.resize(760, 1400);
            modern.show();
            QVERIFY(QTest::qWaitForWindowExposed(&modern));
            modern.showBuild(int(demo->store().size()) - 1);
            modern.fieldTree()->expandAll();
            QCoreApplication::sendPostedEvents();
            QVERIFY(modern.grab().save(dir + QStringLiteral("/detail-modern-%1.png").arg(palette)));

            CompareView compare;
            compare.setSession(session.get());
            compare.resize(1400, 760);
            compare.show();
            QVERIFY(QTest::qWaitForWindowExposed(&compare));
            compare.setBuilds({23, 24, 30, 37});
            QCoreApplication::sendPostedEvents();
            QVERIFY(compare.grab().save(dir + QStringLiteral("/compare-%1.png").arg(palette)));
            // Today's schema: the phase ledger's thirteen phases in the bars and the legend.
            const int last = int(demo->store().size()) - 1;
            compare.setSession(demo.get());
            compare.setAgainstMedian(last, 10);
            compare.addToComparison(last - 1);
            QCoreApplication::sendPostedEvents();
            QVERIFY(
                compare.grab().save(dir + QStringLiteral("/compare-modern-%1.png").arg(palette)));
        }
    }
};

QTEST_MAIN(TestDetailWidgets)
#include "tst_detail_widgets.moc"
