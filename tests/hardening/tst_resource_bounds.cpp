// Resource bounds of a load (issue 9): peak memory grows with the number of builds, not with
// line lengths or garbage, and a pathological file takes at most a few times as long as a normal
// file of the same size. Each load runs in a forked child, so its peak RSS is its own.
#include "HardeningSupport.h"
#include "history/HistoryLoader.h"
#include "history/HistoryStore.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace bengal;

namespace {

constexpr qsizetype kFileBytes = 48 * 1024 * 1024;

// Repeats `line()` until the file has kFileBytes.
template <typename Line>
QByteArray fill(Line&& line)
{
    QByteArray out;
    out.reserve(kFileBytes + 4 * 1024 * 1024);
    for (int i = 0; out.size() < kFileBytes; ++i)
        out += line(i);
    return out;
}

QByteArray garbageLine(QRandomGenerator& random)
{
    QByteArray line(80 + int(random.bounded(120)), Qt::Uninitialized);
    for (char& c : line) {
        c = char(random.bounded(256));
        if (c == '\n')
            c = '{';
    }
    return line + "\n";
}

QByteArray normalFile()
{
    return fill([](int i) { return hardening::recordLine(i); });
}
QByteArray binaryGarbage()
{
    QRandomGenerator random(42);
    return fill([&](int) { return garbageLine(random); });
}
QByteArray hugeLines()
{
    // Lines past the 1 MiB limit (skipped, never held) and just under it (held and parsed).
    return fill([](int i) {
        if (i % 2)
            return QByteArray("{\"x\": \"" + QByteArray(3 * 1024 * 1024, 'a') + "\"}\n");
        return QByteArray("{\"timestamp\": \"2026-01-01T00:00:00\", \"x\": [" +
                          QByteArray(1000 * 1024, '1') + "\n");
    });
}
QByteArray tinyGarbageLines()
{
    return QByteArray("x\n").repeated(kFileBytes / 2);
}
QByteArray deepAndHugeNumbers()
{
    // Nesting to the limit, numbers that force the non-finite rewrite, many keys per line.
    QByteArray deep = "1";
    for (int level = 1; level < 64; ++level)
        deep = "{\"n\":" + deep + "}";
    QByteArray extra = "\"deep\": " + deep;
    for (int k = 0; k < 40; ++k)
        extra += ", \"k" + QByteArray::number(k) + "_ms\": 1e400";
    return fill([&](int i) { return hardening::recordLine(i, extra); });
}

// Best of two loads of `path` in a child; exits 1 when the store does not have `builds`
// builds (-1: any number).
hardening::ChildRun measure(const QString& path, qsizetype builds)
{
    hardening::ChildRun best;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const hardening::ChildRun run = hardening::runInChild([&] {
            HistoryStore store;
            const ReadOutcome outcome = loadHistoryInto(path, store);
            if (outcome.status != ReadOutcome::Status::Ok)
                return 2;
            return builds < 0 || store.size() == builds ? 0 : 1;
        });
        if (!run.ok || run.exitCode != 0)
            return run;
        if (attempt == 0 || run.cpuSeconds < best.cpuSeconds)
            best = run;
    }
    return best;
}

} // namespace

class TestResourceBounds : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("normal"));
        QVERIFY(hardening::writeFile(path, normalFile()));
        m_normal = measure(path, -1);
        QVERIFY(m_normal.ok);
        QCOMPARE(m_normal.exitCode, 0);
        qInfo("%-22s %6.2f s CPU (%6.2f s wall)  peak RSS %5ld MiB", "normal records",
              m_normal.cpuSeconds, m_normal.seconds, m_normal.peakRssKb / 1024);
    }

    void pathologicalFile_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qsizetype>("builds"); // -1: not checked
        QTest::newRow("binary garbage lines") << 0 << qsizetype(0);
        QTest::newRow("huge lines") << 1 << qsizetype(0);
        QTest::newRow("tiny garbage lines") << 2 << qsizetype(0);
        QTest::newRow("deep nesting, 1e400") << 3 << qsizetype(-1);
    }
    void pathologicalFile()
    {
        QFETCH(int, kind);
        QFETCH(qsizetype, builds);
        QByteArray (*const makers[])() = {binaryGarbage, hugeLines, tinyGarbageLines,
                                          deepAndHugeNumbers};
        const QString path = m_dir.filePath(QString::number(kind));
        QVERIFY(hardening::writeFile(path, makers[kind]()));
        const hardening::ChildRun run = measure(path, builds);
        QFile::remove(path);
        QVERIFY(run.ok);
        QCOMPARE(run.exitCode, 0);
        qInfo("%-22s %6.2f s CPU (%6.2f s wall)  peak RSS %5ld MiB", QTest::currentDataTag(),
              run.cpuSeconds, run.seconds, run.peakRssKb / 1024);
        // CPU time, not wall time: other work on the machine does not count.
        QVERIFY2(run.cpuSeconds <= 4 * m_normal.cpuSeconds + 0.5,
                 qPrintable(QStringLiteral("%1 s against %2 s for normal records")
                                .arg(run.cpuSeconds)
                                .arg(m_normal.cpuSeconds)));
        if (!hardening::kAddressSanitizer && builds == 0) {
            // No builds: no more memory than the normal file's builds took, whatever the bytes.
            QVERIFY2(run.peakRssKb <= m_normal.peakRssKb + 16 * 1024,
                     qPrintable(QStringLiteral("peak RSS %1 KiB against %2 KiB")
                                    .arg(run.peakRssKb)
                                    .arg(m_normal.peakRssKb)));
        }
    }

private:
    QTemporaryDir m_dir;
    hardening::ChildRun m_normal;
};

QTEST_GUILESS_MAIN(TestResourceBounds)
#include "tst_resource_bounds.moc"
