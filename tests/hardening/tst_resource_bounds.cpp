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

struct Load
{
    const char* name;
    QByteArray (*make)();
    qsizetype builds;  // expected, -1: not checked
    double timeFactor; // allowed time relative to the normal file
};

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
    return fill([](int) { return QByteArray("x\n"); });
}
QByteArray deepAndHugeNumbers()
{
    // Nesting to the limit, numbers that force the non-finite rewrite, many keys per line.
    return fill([](int i) {
        QByteArray deep = "1";
        for (int level = 1; level < 64; ++level)
            deep = "{\"n\":" + deep + "}";
        QByteArray keys;
        for (int k = 0; k < 40; ++k)
            keys += ", \"k" + QByteArray::number(k) + "_ms\": 1e400";
        return hardening::recordLine(i, "\"deep\": " + deep + keys);
    });
}

} // namespace

class TestResourceBounds : public QObject
{
    Q_OBJECT
private slots:
    void memoryAndTimeFollowBuildsNotBytes()
    {
        QTemporaryDir dir;
        const QList<Load> loads{
            {"normal records", normalFile, -1, 1.0},
            {"binary garbage lines", binaryGarbage, 0, 4.0},
            {"huge lines", hugeLines, 0, 4.0},
            {"tiny garbage lines", tinyGarbageLines, 0, 4.0},
            {"deep nesting, 1e400", deepAndHugeNumbers, -1, 4.0},
        };
        double normalSeconds = 0;
        long normalRssKb = 0;
        for (const Load& load : loads) {
            const QString path = dir.filePath(QString::fromLatin1(load.name));
            QVERIFY(hardening::writeFile(path, load.make()));
            // Best of two, to keep a busy machine's noise out of the ratio.
            hardening::ChildRun best;
            for (int attempt = 0; attempt < 2; ++attempt) {
                const hardening::ChildRun run = hardening::runInChild([&] {
                    HistoryStore store;
                    const ReadOutcome outcome = loadHistoryInto(path, store);
                    if (outcome.status != ReadOutcome::Status::Ok)
                        return 2;
                    return load.builds < 0 || store.size() == load.builds ? 0 : 1;
                });
                QVERIFY(run.ok);
                QCOMPARE(run.exitCode, 0);
                if (attempt == 0 || run.cpuSeconds < best.cpuSeconds)
                    best = run;
            }
            qInfo("%-22s %6.2f s CPU (%6.2f s wall)  peak RSS %5ld MiB", load.name,
                  best.cpuSeconds, best.seconds, best.peakRssKb / 1024);
            if (load.timeFactor == 1.0) {
                normalSeconds = best.cpuSeconds;
                normalRssKb = best.peakRssKb;
                continue;
            }
            // CPU time, not wall time: other work on the machine does not count.
            QVERIFY2(best.cpuSeconds <= load.timeFactor * normalSeconds + 0.5,
                     qPrintable(QStringLiteral("%1: %2 s against %3 s for normal records")
                                    .arg(QLatin1String(load.name))
                                    .arg(best.cpuSeconds)
                                    .arg(normalSeconds)));
            if (!hardening::kAddressSanitizer && load.builds == 0) {
                // No builds: no more memory than the normal file's builds took, whatever the bytes.
                QVERIFY2(best.peakRssKb <= normalRssKb + 16 * 1024,
                         qPrintable(QStringLiteral("%1: peak RSS %2 KiB against %3 KiB")
                                        .arg(QLatin1String(load.name))
                                        .arg(best.peakRssKb)
                                        .arg(normalRssKb)));
            }
            QFile::remove(path);
        }
    }
};

QTEST_GUILESS_MAIN(TestResourceBounds)
#include "tst_resource_bounds.moc"
