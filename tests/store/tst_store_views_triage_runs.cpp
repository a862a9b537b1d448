// Round trips of the saved views, triage and collector runs repositories.
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"
#include "store/SavedViewsRepository.h"
#include "store/TriageRepository.h"

#include <QJsonArray>
#include <QJsonObject>
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

class TestStoreViewsTriageRuns : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_database.reset(); }
    void savedViews();
    void triage();
    void collectorRuns();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
};

void TestStoreViewsTriageRuns::init()
{
    static int n = 0;
    m_database =
        std::make_unique<Database>(m_dir.filePath(QStringLiteral("repo-%1.sqlite").arg(++n)));
    QVERIFY2(m_database->open(), qPrintable(m_database->errorString()));
}

void TestStoreViewsTriageRuns::savedViews()
{
    SavedViewsRepository views(*m_database);
    const QJsonObject phases{{"series", QJsonArray{"rendering_time_ms", "discovery_time_ms"}},
                             {"range", QJsonObject{{"last", 50}}},
                             {"log_scale", true}};
    QVERIFY(views.save(historyA, QStringLiteral("Phases"), phases));
    QVERIFY(views.save({}, QStringLiteral("Everything"), QByteArray(R"({"series":"all"})")));
    QVERIFY(views.save(historyB, QStringLiteral("Phases"), QJsonObject{{"other", 1}}));
    QCOMPARE(views.get(historyA, QStringLiteral("Phases"))->json(), phases);
    QCOMPARE(views.get({}, QStringLiteral("Everything"))->historyPath, QString());

    QList<SavedView> list = views.list(historyA);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).name, QStringLiteral("Phases"));
    QCOMPARE(list.at(0).historyPath, historyA);
    QCOMPARE(list.at(1).name, QStringLiteral("Everything"));
    QCOMPARE(views.list(historyA, false).size(), 1);
    QCOMPARE(views.list(QStringLiteral("/unknown")).size(), 1); // only the global one

    // Saving under an existing name replaces; global names are unique too.
    QVERIFY(views.save({}, QStringLiteral("Everything"), QJsonObject{{"v", 2}}));
    QCOMPARE(views.list({}, true).size(), 1);
    QCOMPARE(views.get({}, QStringLiteral("Everything"))->json().value("v").toInt(), 2);

    QVERIFY(!views.save(historyA, QStringLiteral("Bad"), QByteArray("[1,2]")));
    QVERIFY(!views.save(historyA, QStringLiteral("Bad"), QByteArray("{nope")));
    QVERIFY(!views.get(historyA, QStringLiteral("Bad")));

    QVERIFY(views.rename(historyA, QStringLiteral("Phases"), QStringLiteral("Phase split")));
    QVERIFY(!views.get(historyA, QStringLiteral("Phases")));
    QCOMPARE(views.get(historyA, QStringLiteral("Phase split"))->json(), phases);
    QVERIFY(views.get(historyB, QStringLiteral("Phases"))); // other history untouched
    QVERIFY(views.save(historyA, QStringLiteral("Taken"), QJsonObject{}));
    QVERIFY(!views.rename(historyA, QStringLiteral("Phase split"), QStringLiteral("Taken")));
    QVERIFY(m_database->errorString().contains(QStringLiteral("Taken")));
    QVERIFY(!views.rename(historyA, QStringLiteral("Missing"), QStringLiteral("X")));

    QVERIFY(views.remove(historyA, QStringLiteral("Taken")));
    QVERIFY(!views.get(historyA, QStringLiteral("Taken")));
}

void TestStoreViewsTriageRuns::triage()
{
    TriageRepository triage(*m_database);
    const FindingKey step{QStringLiteral("build_time_ms"), QStringLiteral("step"), "abcd"};
    const FindingKey alert{QStringLiteral("build_time_ms"), QStringLiteral("alert"), "abcd"};
    QCOMPARE(triage.state(historyA, step), TriageState::New);
    QVERIFY(
        triage.set(historyA, step, TriageState::Acknowledged, QStringLiteral("looking"), at(100)));
    QVERIFY(triage.set(historyA, alert, TriageState::Ignored, {}, at(200)));
    QCOMPARE(triage.state(historyA, step), TriageState::Acknowledged);
    QCOMPARE(triage.get(historyA, step)->note, QStringLiteral("looking"));
    QCOMPARE(triage.state(historyA, alert), TriageState::Ignored);
    QCOMPARE(triage.state(historyB, step), TriageState::New);
    QVERIFY(
        triage.set(historyA, step, TriageState::Expected, QStringLiteral("theme change"), at(300)));
    const QList<TriageRecord> all = triage.all(historyA);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).finding, step); // most recently changed first
    QCOMPARE(all.at(0).state, TriageState::Expected);
    QCOMPARE(all.at(0).note, QStringLiteral("theme change"));
    QCOMPARE(all.at(0).updated, at(300));
    QVERIFY(triage.remove(historyA, step));
    QCOMPARE(triage.state(historyA, step), TriageState::New);
    QCOMPARE(triage.state(historyA, alert), TriageState::Ignored);
    for (TriageState s : {TriageState::New, TriageState::Acknowledged, TriageState::Ignored,
                          TriageState::Expected}) {
        QCOMPARE(TriageRepository::stateFromId(TriageRepository::stateId(s)), s);
        QVERIFY(!TriageRepository::stateLabel(s).isEmpty());
    }
    QVERIFY(!TriageRepository::stateFromId(QStringLiteral("bogus")));
}

void TestStoreViewsTriageRuns::collectorRuns()
{
    CollectorRunsRepository runs(*m_database);
    const QByteArray written = R"({"timestamp":"2025-01-01T00:00:00+00:00","exit_code":0})";
    const QByteArray later = R"({"timestamp":"2025-01-01T00:05:00+00:00","exit_code":1})";
    const auto first = runs.add(historyA, written, at(1000), false);
    const auto second = runs.add(historyA, later, at(3000), true);
    const auto third = runs.add(historyA, "{\"build_time_ms\":1}", at(2000), true,
                                CollectorLineTarget::HistoryLog);
    const auto other = runs.add(historyB, "{}", at(500), true);
    QVERIFY(first && second && third && other);
    QCOMPARE(runs.pendingCount(), 3);
    QCOMPARE(runs.pendingCount(historyA), 2);

    const QList<CollectorRun> pendingA = runs.pending(historyA);
    QCOMPARE(pendingA.size(), 2);
    QCOMPARE(pendingA.at(0).id, *third); // in the order produced
    QCOMPARE(pendingA.at(0).target, CollectorLineTarget::HistoryLog);
    QCOMPARE(pendingA.at(1).line, later);
    QVERIFY(!pendingA.at(1).writtenAt.isValid());
    QCOMPARE(runs.pending().constFirst().historyPath, historyB);

    QVERIFY(runs.markWritten(*second, at(4000)));
    QVERIFY(!runs.markWritten(999999));
    QCOMPARE(runs.pendingCount(historyA), 1);
    const QList<CollectorRun> all = runs.runs(historyA);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).id, *second); // newest first
    QVERIFY(!all.at(0).pending);
    QCOMPARE(all.at(0).writtenAt, at(4000));
    QCOMPARE(all.at(2).line, written);
    QCOMPARE(all.at(2).runAt, at(1000));
    QVERIFY(all.at(2).writtenAt.isValid());
    QCOMPARE(runs.runs(historyA, 1).size(), 1);
}

QTEST_GUILESS_MAIN(TestStoreViewsTriageRuns)
#include "tst_store_views_triage_runs.moc"
