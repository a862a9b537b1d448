// Notes export to / import from the JSON file next to a history.
#include "store/Database.h"
#include "store/NotesExchange.h"
#include "store/NotesRepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

namespace {
QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

class TestNotesExchange : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void defaultPathIsNextToHistory();
    void roundTrip();
    void mergeNewestEditWins();
    void rejectsForeignFiles_data();
    void rejectsForeignFiles();
    void countsRejectedEntries();
    void exportFailureIsReported();

private:
    QTemporaryDir m_dir;
    QString m_history;
    std::unique_ptr<Database> m_source;
    std::unique_ptr<Database> m_target;
};

void TestNotesExchange::init()
{
    static int n = 0;
    ++n;
    m_history = m_dir.filePath(QStringLiteral("site%1/history.jsonl").arg(n));
    QDir().mkpath(QFileInfo(m_history).absolutePath());
    m_source = std::make_unique<Database>(m_dir.filePath(QStringLiteral("source%1.sqlite").arg(n)));
    m_target = std::make_unique<Database>(m_dir.filePath(QStringLiteral("target%1.sqlite").arg(n)));
    QVERIFY(m_source->open());
    QVERIFY(m_target->open());
}

void TestNotesExchange::cleanup()
{
    m_source.reset();
    m_target.reset();
}

void TestNotesExchange::defaultPathIsNextToHistory()
{
    QCOMPARE(NotesExchange::defaultFilePath(QStringLiteral("/s/.bengal/metrics/history.jsonl")),
             QStringLiteral("/s/.bengal/metrics/history.jsonl.notes.json"));
}

void TestNotesExchange::roundTrip()
{
    NotesRepository source(*m_source);
    QVERIFY(source.set(
        m_history,
        {"ffee", QStringLiteral("line 1\nline \"2\" ünï"), {"t1", "t2"}, at(1700000000123)}));
    QVERIFY(source.set(m_history, {"00aa", QString(), {"only-tag"}, at(1700000000456)}));
    QVERIFY(source.set(QStringLiteral("/other/history.jsonl"),
                       {"0bad", QStringLiteral("elsewhere"), {}, {}}));
    NotesExchange exporter(*m_source);
    QVERIFY2(exporter.exportTo(m_history), qPrintable(exporter.errorString()));

    const QString file = NotesExchange::defaultFilePath(m_history);
    QFile json(file);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(root.value("format").toString(), QStringLiteral("bengal-perf-notes"));
    QCOMPARE(root.value("version").toInt(), NotesExchange::FormatVersion);
    const QJsonArray notes = root.value("notes").toArray();
    QCOMPARE(notes.size(), 2); // only this history's notes, sorted by key
    QCOMPARE(notes.at(0).toObject().value("build").toString(), QStringLiteral("00aa"));
    QCOMPARE(notes.at(1).toObject().value("updated").toString(),
             QStringLiteral("2023-11-14T22:13:20.123Z"));

    const NotesImportResult result = NotesExchange(*m_target).importFrom(m_history);
    QVERIFY2(result.ok, qPrintable(result.errorString));
    QCOMPARE(result.added, 2);
    QCOMPARE(result.updated + result.unchanged + result.rejected, 0);
    const QList<BuildNote> original = source.all(m_history);
    const QList<BuildNote> copied = NotesRepository(*m_target).all(m_history);
    QCOMPARE(copied.size(), original.size());
    for (int i = 0; i < copied.size(); ++i) {
        QCOMPARE(copied.at(i).buildKey, original.at(i).buildKey);
        QCOMPARE(copied.at(i).text, original.at(i).text);
        QCOMPARE(copied.at(i).tags, original.at(i).tags);
        QCOMPARE(copied.at(i).updated, original.at(i).updated);
    }
    // Importing the same file again changes nothing.
    const NotesImportResult again = NotesExchange(*m_target).importFrom(m_history);
    QVERIFY(again.ok);
    QCOMPARE(again.unchanged, 2);
    QCOMPARE(again.added + again.updated, 0);
}

void TestNotesExchange::mergeNewestEditWins()
{
    NotesRepository source(*m_source);
    NotesRepository target(*m_target);
    QVERIFY(source.set(m_history, {"a1", QStringLiteral("file newer"), {"f"}, at(2000)}));
    QVERIFY(source.set(m_history, {"b2", QStringLiteral("file older"), {}, at(1000)}));
    QVERIFY(source.set(m_history, {"c3", QStringLiteral("only in file"), {}, at(1000)}));
    QVERIFY(target.set(m_history, {"a1", QStringLiteral("local older"), {"l"}, at(1000)}));
    QVERIFY(target.set(m_history, {"b2", QStringLiteral("local newer"), {}, at(2000)}));
    QVERIFY(target.set(m_history, {"d4", QStringLiteral("only local"), {}, at(1000)}));
    const QString file = m_dir.filePath(QStringLiteral("shared.notes.json"));
    QVERIFY(NotesExchange(*m_source).exportTo(m_history, file));

    const NotesImportResult result = NotesExchange(*m_target).importFrom(m_history, file);
    QVERIFY(result.ok);
    QCOMPARE(result.added, 1);
    QCOMPARE(result.updated, 1);
    QCOMPARE(result.unchanged, 1);
    QCOMPARE(target.get(m_history, "a1")->text, QStringLiteral("file newer"));
    QCOMPARE(target.get(m_history, "a1")->tags, QStringList{"f"});
    QCOMPARE(target.get(m_history, "b2")->text, QStringLiteral("local newer"));
    QCOMPARE(target.get(m_history, "c3")->text, QStringLiteral("only in file"));
    QCOMPARE(target.get(m_history, "d4")->text, QStringLiteral("only local")); // kept
}

void TestNotesExchange::rejectsForeignFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("this is not json");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("other format") << QByteArray(R"({"format":"x","notes":[]})");
    QTest::newRow("notes not list") << QByteArray(R"({"format":"bengal-perf-notes","notes":{}})");
    QTest::newRow("newer version")
        << QByteArray(R"({"format":"bengal-perf-notes","version":99,"notes":[]})");
}

void TestNotesExchange::rejectsForeignFiles()
{
    QFETCH(QByteArray, content);
    const QString file = m_dir.filePath(QStringLiteral("foreign.json"));
    QVERIFY(writeFile(file, content));
    QVERIFY(NotesRepository(*m_target).set(m_history, {"k", QStringLiteral("keep"), {}, {}}));
    const NotesImportResult result = NotesExchange(*m_target).importFrom(m_history, file);
    QVERIFY(!result.ok);
    QVERIFY(result.errorString.contains(file));
    QCOMPARE(NotesRepository(*m_target).all(m_history).size(), 1);
    // A missing file is an error too.
    QVERIFY(!NotesExchange(*m_target).importFrom(m_history, file + QStringLiteral(".missing")).ok);
}

void TestNotesExchange::countsRejectedEntries()
{
    const QString file = m_dir.filePath(QStringLiteral("mixed.json"));
    QVERIFY(writeFile(file, R"({"format":"bengal-perf-notes","version":1,"notes":[
        {"build":"ok1","text":"fine","tags":["a"],"updated":"2024-01-01T00:00:00.000Z"},
        {"text":"no key"},
        {"build":"bad-tags","text":"x","tags":[1,2]},
        {"build":"empty","text":"","tags":[]},
        42,
        {"build":"no-time","text":"undated"}
    ]})"));
    const NotesImportResult result = NotesExchange(*m_target).importFrom(m_history, file);
    QVERIFY(result.ok);
    QCOMPARE(result.added, 2);
    QCOMPARE(result.rejected, 4);
    // An undated entry never overwrites a local edit.
    QVERIFY(NotesRepository(*m_target).set(m_history, {"ok1", QStringLiteral("local"), {}, at(1)}));
    QVERIFY(
        NotesRepository(*m_target).set(m_history, {"no-time", QStringLiteral("local"), {}, at(1)}));
    const NotesImportResult again = NotesExchange(*m_target).importFrom(m_history, file);
    QCOMPARE(again.updated, 1);
    QCOMPARE(NotesRepository(*m_target).get(m_history, "no-time")->text, QStringLiteral("local"));
    QCOMPARE(NotesRepository(*m_target).get(m_history, "ok1")->text, QStringLiteral("fine"));
}

void TestNotesExchange::exportFailureIsReported()
{
    NotesExchange exporter(*m_source);
    const QString file = m_dir.filePath(QStringLiteral("no/such/folder/x.json"));
    QVERIFY(!exporter.exportTo(m_history, file));
    QVERIFY(exporter.errorString().contains(file));
}

QTEST_GUILESS_MAIN(TestNotesExchange)
#include "tst_notes_exchange.moc"
