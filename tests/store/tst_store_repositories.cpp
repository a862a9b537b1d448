// Round trips of the histories, notes and baselines repositories, removal of a history with
// its data, and hostile text stored verbatim by every repository.
#include "StoreTestSupport.h"
#include "store/BaselinesRepository.h"
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"
#include "store/HistoriesRepository.h"
#include "store/NotesRepository.h"
#include "store/SavedViewsRepository.h"
#include "store/TriageRepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

namespace {
const QString historyA = QStringLiteral("/sites/a/.bengal/metrics/history.jsonl");
const QString historyB = QStringLiteral("/sites/b/history.jsonl");
QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}
} // namespace

class TestStoreRepositories : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_database.reset(); }
    void histories();
    void notes();
    void baselines();
    void intendedChanges();
    void removingHistoryRemovesItsData();
    void injectionStringsStoredVerbatim_data();
    void injectionStringsStoredVerbatim();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
};

void TestStoreRepositories::init()
{
    static int n = 0;
    m_database =
        std::make_unique<Database>(m_dir.filePath(QStringLiteral("repo-%1.sqlite").arg(++n)));
    QVERIFY2(m_database->open(), qPrintable(m_database->errorString()));
}

void TestStoreRepositories::histories()
{
    HistoriesRepository histories(*m_database);
    QVERIFY(histories.recent().isEmpty());
    QVERIFY(histories.touch(historyA, {}, at(1000)));
    QVERIFY(histories.touch(historyB, QStringLiteral("Blog"), at(2000)));
    QList<HistoryEntry> recent = histories.recent();
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent.at(0).path, historyB);
    QCOMPARE(recent.at(0).displayName, QStringLiteral("Blog"));
    QCOMPARE(recent.at(1).displayName, QStringLiteral("a")); // the site folder
    QCOMPARE(recent.at(1).lastOpened, at(1000));

    // Touching again moves it to the front and keeps the name; path spelling is normalised.
    QVERIFY(
        histories.touch(QStringLiteral("/sites/a/./.bengal/metrics//history.jsonl"), {}, at(3000)));
    recent = histories.recent();
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent.at(0).path, historyA);
    QCOMPARE(recent.at(0).displayName, QStringLiteral("a"));
    QCOMPARE(histories.recent(1).size(), 1);

    QVERIFY(histories.rename(historyA, QStringLiteral("Docs")));
    QCOMPARE(histories.find(historyA)->displayName, QStringLiteral("Docs"));
    QVERIFY(!histories.rename(QStringLiteral("/nowhere"), QStringLiteral("x")));

    // Data attached to a never-opened history does not put it in the recent list.
    QVERIFY(histories.ensureId(QStringLiteral("/sites/c/history.jsonl")));
    QCOMPARE(histories.recent().size(), 2);
    QCOMPARE(histories.id(historyA), histories.ensureId(historyA));
    QCOMPARE(HistoriesRepository::defaultDisplayName(
                 QStringLiteral("/x/site/.bengal-metrics/history.jsonl")),
             QStringLiteral("site"));
}

void TestStoreRepositories::notes()
{
    NotesRepository notes(*m_database);
    QVERIFY(!notes.get(historyA, "00ff"));
    QVERIFY(
        notes.set(historyA, {"00ff", QStringLiteral("first"), {" b ", "a", "b", ""}, at(5000)}));
    auto note = notes.get(historyA, "00ff");
    QVERIFY(note);
    QCOMPARE(note->text, QStringLiteral("first"));
    QCOMPARE(note->tags, (QStringList{"a", "b"}));
    QCOMPARE(note->updated, at(5000));

    // Replace text and tags; tags-only note (empty text) is kept.
    QVERIFY(notes.set(historyA, {"00ff", QString(), {"c"}, at(6000)}));
    note = notes.get(historyA, "00ff");
    QCOMPARE(note->text, QString());
    QCOMPARE(note->tags, QStringList{"c"});

    QVERIFY(notes.set(historyA, {"11aa", QStringLiteral("second"), {}, {}}));
    QVERIFY(notes.set(historyB, {"00ff", QStringLiteral("other history"), {}, {}}));
    QVERIFY(notes.get(historyA, "11aa")->updated.isValid()); // now, when not given
    const QList<BuildNote> all = notes.all(historyA);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).buildKey, QByteArray("00ff"));
    QCOMPARE(all.at(1).buildKey, QByteArray("11aa"));
    QCOMPARE(notes.get(historyB, "00ff")->text, QStringLiteral("other history"));

    QVERIFY(notes.remove(historyA, "00ff"));
    QVERIFY(!notes.get(historyA, "00ff"));
    QCOMPARE(
        test::scalar(*m_database, QStringLiteral("SELECT count(*) FROM note_tags WHERE tag = 'c'"))
            .toInt(),
        0);
    // An empty note is a removal.
    QVERIFY(notes.set(historyA, {"11aa", QString(), {}, {}}));
    QVERIFY(notes.all(historyA).isEmpty());

    // merge: newest edit wins.
    QVERIFY(notes.set(historyA, {"22bb", QStringLiteral("local"), {}, at(2000)}));
    QCOMPARE(notes.merge(historyA, {"22bb", QStringLiteral("older"), {}, at(1000)}),
             NotesRepository::MergeOutcome::Unchanged);
    QCOMPARE(notes.get(historyA, "22bb")->text, QStringLiteral("local"));
    QCOMPARE(notes.merge(historyA, {"22bb", QStringLiteral("newer"), {}, at(3000)}),
             NotesRepository::MergeOutcome::Updated);
    QCOMPARE(notes.get(historyA, "22bb")->text, QStringLiteral("newer"));
    QCOMPARE(notes.merge(historyA, {"33cc", QStringLiteral("new"), {}, at(1)}),
             NotesRepository::MergeOutcome::Added);
}

void TestStoreRepositories::baselines()
{
    BaselinesRepository baselines(*m_database);
    QVERIFY(!baselines.get(historyA, QStringLiteral("timings")));
    QCOMPARE(baselines.effective(historyA, QStringLiteral("timings")), BaselineSetting{});
    QCOMPARE(BaselineSetting{}.mode, BaselineSetting::Mode::RollingMedian);

    const BaselineSetting pinned{BaselineSetting::Mode::PinnedBuild, 20, "beef", {}};
    const BaselineSetting dated{BaselineSetting::Mode::SinceDate, 20, {}, at(1700000000123)};
    const BaselineSetting rolling{BaselineSetting::Mode::RollingMedian, 7, {}, {}};
    QVERIFY(baselines.set(historyA, QStringLiteral("timings"), pinned));
    QVERIFY(baselines.set(historyA, QStringLiteral("memory"), dated));
    QVERIFY(baselines.set(historyB, QStringLiteral("timings"), rolling));
    QCOMPARE(*baselines.get(historyA, QStringLiteral("timings")), pinned);
    QCOMPARE(*baselines.get(historyA, QStringLiteral("memory")), dated);
    QCOMPARE(baselines.effective(historyB, QStringLiteral("timings")), rolling);
    QCOMPARE(baselines.all(historyA).keys(), (QStringList{"memory", "timings"}));

    QVERIFY(baselines.set(historyA, QStringLiteral("timings"), rolling)); // replaces
    QCOMPARE(*baselines.get(historyA, QStringLiteral("timings")), rolling);
    QVERIFY(baselines.reset(historyA, QStringLiteral("timings")));
    QVERIFY(!baselines.get(historyA, QStringLiteral("timings")));

    // Incomplete settings are refused with a message.
    QVERIFY(!baselines.set(historyA, QStringLiteral("x"),
                           {BaselineSetting::Mode::PinnedBuild, 20, {}, {}}));
    QVERIFY(!m_database->errorString().isEmpty());
    QVERIFY(!baselines.set(historyA, QStringLiteral("x"),
                           {BaselineSetting::Mode::RollingMedian, 0, {}, {}}));
    QVERIFY(!baselines.get(historyA, QStringLiteral("x")));
}

void TestStoreRepositories::intendedChanges()
{
    BaselinesRepository baselines(*m_database);
    QVERIFY(baselines.markIntendedChange(historyA, QStringLiteral("build_time_ms"), "b2", at(2000),
                                         at(9000)));
    QVERIFY(
        baselines.markIntendedChange(historyA, QStringLiteral("build_time_ms"), "b1", at(1000)));
    QVERIFY(
        baselines.markIntendedChange(historyA, QStringLiteral("memory_rss_mb"), "b3", at(3000)));
    QList<IntendedChange> marks =
        baselines.intendedChanges(historyA, QStringLiteral("build_time_ms"));
    QCOMPARE(marks.size(), 2);
    QCOMPARE(marks.at(0).buildKey, QByteArray("b1")); // oldest build first
    QCOMPARE(marks.at(1).buildTimestamp, at(2000));
    QCOMPARE(marks.at(1).markedAt, at(9000));
    QCOMPARE(baselines.intendedChanges(historyA).size(), 3);
    QVERIFY(baselines.intendedChanges(historyB).isEmpty());
    QVERIFY(baselines.unmarkIntendedChange(historyA, QStringLiteral("build_time_ms"), "b1"));
    marks = baselines.intendedChanges(historyA, QStringLiteral("build_time_ms"));
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.at(0).buildKey, QByteArray("b2"));
}

void TestStoreRepositories::removingHistoryRemovesItsData()
{
    QVERIFY(NotesRepository(*m_database).set(historyA, {"k", QStringLiteral("t"), {"x"}, {}}));
    QVERIFY(SavedViewsRepository(*m_database).save(historyA, QStringLiteral("v"), QJsonObject{}));
    QVERIFY(CollectorRunsRepository(*m_database).add(historyA, "{}", {}, true));
    QVERIFY(NotesRepository(*m_database).set(historyB, {"k", QStringLiteral("t"), {}, {}}));
    QVERIFY(HistoriesRepository(*m_database).remove(historyA));
    QVERIFY(NotesRepository(*m_database).all(historyA).isEmpty());
    QCOMPARE(test::scalar(*m_database, QStringLiteral("SELECT count(*) FROM note_tags")).toInt(),
             0);
    QCOMPARE(test::scalar(*m_database, QStringLiteral("SELECT count(*) FROM saved_views")).toInt(),
             0);
    QCOMPARE(CollectorRunsRepository(*m_database).pendingCount(), 0);
    QCOMPARE(NotesRepository(*m_database).all(historyB).size(), 1);
}

void TestStoreRepositories::injectionStringsStoredVerbatim_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("drop") << QStringLiteral("x'); DROP TABLE notes; --");
    QTest::newRow("or") << QStringLiteral("' OR '1'='1");
    QTest::newRow("quotes") << QStringLiteral("\"\"''\\\\%_ ;; /* */ --");
    QTest::newRow("params") << QStringLiteral("? ?1 :name @x $y");
    QTest::newRow("pragma") << QStringLiteral(
        "'; PRAGMA user_version = 0; ATTACH '/tmp/x' AS y; --");
    QTest::newRow("unicode") << QStringLiteral("Ünïcødé \u2028 \U0001F600 \t\r\n end");
    QTest::newRow("nul") << QString(QStringLiteral("before")) + QChar(0) + QStringLiteral("after");
    QTest::newRow("markup") << QStringLiteral("<b>bold</b> %1 %n {0}");
}

void TestStoreRepositories::injectionStringsStoredVerbatim()
{
    QFETCH(QString, text);
    const QByteArray key = text.toLatin1();
    NotesRepository notes(*m_database);
    QVERIFY(notes.set(historyA, {key, text, {text}, {}}));
    const auto note = notes.get(historyA, key);
    QVERIFY(note);
    QCOMPARE(note->text, text);
    QCOMPARE(note->tags, QStringList{text.trimmed()});

    QVERIFY(HistoriesRepository(*m_database).touch(historyA, text));
    QCOMPARE(HistoriesRepository(*m_database).find(historyA)->displayName, text);

    SavedViewsRepository views(*m_database);
    QVERIFY(views.save(historyA, text, QJsonObject{{"filter", text}}));
    QCOMPARE(views.get(historyA, text)->json().value("filter").toString(), text);

    TriageRepository triage(*m_database);
    const FindingKey finding{text, text, key};
    QVERIFY(triage.set(historyA, finding, TriageState::Ignored, text));
    QCOMPARE(triage.get(historyA, finding)->note, text);

    BaselinesRepository baselines(*m_database);
    QVERIFY(baselines.set(historyA, text, {BaselineSetting::Mode::PinnedBuild, 20, key, {}}));
    QCOMPARE(baselines.get(historyA, text)->buildKey, key);

    // The schema is intact and nothing else was touched.
    QCOMPARE(m_database->userVersion(), m_database->schemaVersion());
    QCOMPARE(notes.all(historyA).size(), 1);
    QCOMPARE(test::scalar(*m_database, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestStoreRepositories)
#include "tst_store_repositories.moc"
