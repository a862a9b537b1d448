// bengal-perf export and report end to end, on the offscreen platform the commands pick.
#include "ExportTestSupport.h"
#include "ImageChecks.h"
#include "cli/CliTestUtils.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace bengal::test;

namespace {

const QString kShowcase = QStringLiteral(BENGAL_TEST_DATA "/showcase-history.jsonl");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs bengal-perf without a display, as CI does.
CliResult runHeadless(const QStringList& args, const std::function<void()>& childSetup = {},
                      const QString& program = bengalPerfPath())
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    if (childSetup)
        process.setChildProcessModifier(childSetup);
    process.start(program, args);
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT
private slots:
    void imageFormats_data();
    void imageFormats();
    void dataFormats();
    void themes();
    void filtersSelectBuilds();
    void usageErrors_data();
    void usageErrors();
    void writeFailures();
    void diskFullInAChild();
    void noPermission();
    void deviceAsOut();
    void emptySelectionWritesNothing();
    void reportHtml();
    void reportMarkdown();

private:
    QTemporaryDir m_dir;
};

void TestExportCli::imageFormats_data()
{
    QTest::addColumn<QString>("chart");
    QTest::addColumn<QString>("format");
    for (const char* chart : {"phases", "memory", "total", "dashboard"}) {
        for (const char* format : {"png", "svg", "pdf"})
            QTest::addRow("%s %s", chart, format) << chart << format;
    }
}

void TestExportCli::imageFormats()
{
    QFETCH(QString, chart);
    QFETCH(QString, format);
    const QString out = m_dir.filePath(chart + QLatin1Char('.') + format);
    const CliResult r =
        runHeadless({QStringLiteral("export"), QStringLiteral("--chart"), chart,
                     QStringLiteral("--format"), format, QStringLiteral("--out"), out,
                     QStringLiteral("--size"), QStringLiteral("1000x640"), kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    if (format == QLatin1String("png")) {
        const QImage image(out);
        QCOMPARE(image.size(), QSize(1000, 640));
        QVERIFY(drawnPixels(image) > 2000);
    } else if (format == QLatin1String("svg")) {
        QSvgRenderer svg(out);
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBox().size(), QSize(1000, 640));
    } else {
        QVERIFY(readAll(out).startsWith("%PDF-"));
        const ToolResult info = runTool(QStringLiteral("pdfinfo"), {out});
        if (info.found)
            QVERIFY2(info.output.contains("750 x 480 pts"), info.output.constData());
    }
}

void TestExportCli::dataFormats()
{
    const QString csv = m_dir.filePath(QStringLiteral("builds.csv"));
    CliResult r = runHeadless({QStringLiteral("export"), QStringLiteral("--out"), csv, kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData()); // the format follows the suffix
    const QList<QList<QByteArray>> rows = parseCsv(readAll(csv));
    QCOMPARE(rows.size(), 39);
    QCOMPARE(rows[0].value(0), QByteArray("timestamp"));
    QCOMPARE(rows[1].value(0), QByteArray("2025-10-05T14:55:16.688509Z"));
    QVERIFY(rows[0].contains("build_time_ms"));
    QCOMPARE(rows[1][rows[0].indexOf("build_time_ms")], QByteArray("6102.586984634399"));

    const QString json = m_dir.filePath(QStringLiteral("builds.data"));
    r = runHeadless({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                     QStringLiteral("--out"), json, kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject root = QJsonDocument::fromJson(readAll(json)).object();
    QCOMPARE(root.value(QStringLiteral("builds")).toArray().size(), 38);
    QCOMPARE(root.value(QStringLiteral("source")).toString(), kShowcase);
}

void TestExportCli::themes()
{
    // --theme light (the default) is white paper; dark is the dashboard's dark palette.
    int grey[2] = {};
    for (int i = 0; i < 2; ++i) {
        const QString out = m_dir.filePath(QStringLiteral("theme%1.png").arg(i));
        QStringList args{QStringLiteral("export")};
        if (i == 1)
            args << QStringLiteral("--theme") << QStringLiteral("dark");
        args << QStringLiteral("--size") << QStringLiteral("800x500") << QStringLiteral("--out")
             << out << kShowcase;
        const CliResult r = runHeadless(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage image(out);
        QCOMPARE(image.size(), QSize(800, 500));
        QVERIFY(drawnPixels(image) > 2000);
        grey[i] = qGray(image.pixel(2, 2));
    }
    QCOMPARE(grey[0], 255);
    QVERIFY2(grey[1] < 80, qPrintable(QString::number(grey[1])));
}

void TestExportCli::filtersSelectBuilds()
{
    const QString out = m_dir.filePath(QStringLiteral("filtered.csv"));
    CliResult r = runHeadless({QStringLiteral("export"), QStringLiteral("--last"),
                               QStringLiteral("5"), QStringLiteral("--out"), out, kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(parseCsv(readAll(out)).size(), 6);
    // The showcase history starts on 2025-10-05; a day bound covers the whole day.
    r = runHeadless({QStringLiteral("export"), QStringLiteral("--from"),
                     QStringLiteral("2025-10-05"), QStringLiteral("--to"),
                     QStringLiteral("2025-10-05"), QStringLiteral("--out"), out, kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QList<QByteArray>> rows = parseCsv(readAll(out));
    QVERIFY(rows.size() > 1);
    QVERIFY(rows.size() < 39);
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY(rows[i][0].startsWith("2025-10-05T"));
}

void TestExportCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString out = QStringLiteral("/tmp/bengal-export-never-written.png");
    QTest::newRow("no out") << QStringList{kShowcase} << "--out";
    QTest::newRow("bad format") << QStringList{"--format", "gif", "--out", out, kShowcase}
                                << "--format";
    QTest::newRow("bad chart") << QStringList{"--chart", "pie", "--out", out, kShowcase}
                               << "--chart";
    QTest::newRow("bad size") << QStringList{"--size", "big", "--out", out, kShowcase} << "--size";
    QTest::newRow("huge size") << QStringList{"--size", "90000x10", "--out", out, kShowcase}
                               << "size";
    QTest::newRow("bad theme") << QStringList{"--theme", "pink", "--out", out, kShowcase}
                               << "--theme";
    QTest::newRow("bad from") << QStringList{"--from", "yesterday", "--out", out, kShowcase}
                              << "--from";
    QTest::newRow("bad last") << QStringList{"--last", "-3", "--out", out, kShowcase} << "--last";
    QTest::newRow("last zero") << QStringList{"--last", "0", "--out", out, kShowcase} << "--last";
    QTest::newRow("half a size") << QStringList{"--size", "1600x", "--out", out, kShowcase}
                                 << "--size";
    QTest::newRow("bad ratio") << QStringList{"--pixel-ratio", "9", "--out", out, kShowcase}
                               << "pixel ratio";
    QTest::newRow("no path") << QStringList{"--out", out} << "PATH";
    QTest::newRow("unknown option") << QStringList{"--colour", "--out", out, kShowcase} << "colour";
}

void TestExportCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliResult r = runHeadless(QStringList{QStringLiteral("export")} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/bengal-export-never-written.png")));
}

void TestExportCli::writeFailures()
{
    for (const QString& out :
         {QStringLiteral("/dev/null/x.svg"), QStringLiteral("/nonexistent-bengal-dir/x.csv")}) {
        const CliResult r =
            runHeadless({QStringLiteral("export"), QStringLiteral("--out"), out, kShowcase});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(out), r.err.constData());
    }
    const CliResult missing = runHeadless({QStringLiteral("export"), QStringLiteral("--out"),
                                           m_dir.filePath(QStringLiteral("m.png")),
                                           QStringLiteral("/nonexistent-bengal-dir/history")});
    QCOMPARE(missing.exitCode, 2); // unreadable input, as for every command
    QVERIFY(missing.err.contains("/nonexistent-bengal-dir/history"));
}

void TestExportCli::diskFullInAChild()
{
    QTemporaryDir dir;
    const auto limitFileSize = [] {
        // In the child: writes past 64 KiB fail with EFBIG, as on a full disk.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 64 * 1024;
        setrlimit(RLIMIT_FSIZE, &limit);
    };
    for (const char* name : {"full.png", "full.pdf", "full.json", "full.html"}) {
        const QString out = dir.filePath(QString::fromLatin1(name));
        const bool report = out.endsWith(QLatin1String(".html"));
        const QStringList args =
            report ? QStringList{QStringLiteral("report"), QStringLiteral("--out"), out, kShowcase}
                   : QStringList{QStringLiteral("export"),
                                 QStringLiteral("--size"),
                                 QStringLiteral("3000x2000"),
                                 QStringLiteral("--out"),
                                 out,
                                 kShowcase};
        const CliResult r = runHeadless(args, limitFileSize);
        if (QByteArray(name) == "full.json" && r.exitCode == 0) {
            QFile::remove(out); // 38 builds fit in 64 KiB; the PNG, PDF and report do not
            continue;
        }
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(out) && r.err.contains("File too large"),
                 r.err.constData());
        QVERIFY2(folderEntries(dir.path()).isEmpty(),
                 qPrintable(folderEntries(dir.path()).join(QLatin1Char(' '))));
    }
}

void TestExportCli::noPermission()
{
    // A folder nobody may write into. Root may write anywhere, so as root the command runs as
    // the unprivileged user "nobody" (65534): a copy of the program and of the history in an
    // open folder, as the checkout may lie where nobody cannot reach (/root).
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(
        dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                        QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
    QString program = bengalPerfPath(), history = kShowcase;
    if (::geteuid() == 0) {
        program = dir.filePath(QStringLiteral("bengal-perf"));
        history = dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(QFile::copy(bengalPerfPath(), program));
        QVERIFY(QFile::copy(kShowcase, history));
        QVERIFY(QFile::setPermissions(program, QFile::ReadOwner | QFile::ExeOwner |
                                                   QFile::ReadOther | QFile::ExeOther));
        QVERIFY(QFile::setPermissions(history, QFile::ReadOwner | QFile::ReadOther));
    }
    const QString locked = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkdir(locked));
    QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther |
                                              QFile::ExeOther | QFile::ReadGroup |
                                              QFile::ExeGroup));
    const auto asNobody = [] {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(99);
        // A process that changed its user is not dumpable, which LeakSanitizer (the asan
        // preset) needs to be to inspect itself at exit.
        ::prctl(PR_SET_DUMPABLE, 1);
    };
    for (const char* name : {"dash.svg", "builds.csv", "report.html"}) {
        const QString out = locked + QLatin1Char('/') + QString::fromLatin1(name);
        const bool report = out.endsWith(QLatin1String(".html"));
        const CliResult r =
            runHeadless({report ? QStringLiteral("report") : QStringLiteral("export"),
                         QStringLiteral("--out"), out, history},
                        asNobody, program);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(out) && r.err.contains("Permission denied"),
                 r.err.constData());
        QVERIFY(folderEntries(locked).isEmpty());
    }
}

void TestExportCli::deviceAsOut()
{
    // /dev/full takes no byte: the message names it and the reason, and the device stays a
    // device (a file renamed over it would replace it). As root, a node of its own if it can.
    QTemporaryDir dir;
    const QString out = fullDevice(dir.path());
    for (const char* format : {"png", "csv"}) {
        const CliResult r =
            runHeadless({QStringLiteral("export"), QStringLiteral("--format"),
                         QString::fromLatin1(format), QStringLiteral("--out"), out, kShowcase});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(out) &&
                     r.err.contains("No space left on device"),
                 r.err.constData());
        struct stat info
        {};
        QVERIFY(::lstat(QFile::encodeName(out).constData(), &info) == 0);
        QVERIFY(S_ISCHR(info.st_mode));
    }
}

void TestExportCli::emptySelectionWritesNothing()
{
    QTemporaryDir dir;
    const QString empty = dir.filePath(QStringLiteral("history.jsonl"));
    QFile file(empty);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString out = dir.filePath(QStringLiteral("out.svg"));
    CliResult r = runHeadless({QStringLiteral("export"), QStringLiteral("--out"), out, empty});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(empty) && r.err.contains("no builds"),
             r.err.constData());
    r = runHeadless({QStringLiteral("report"), QStringLiteral("--out"),
                     dir.filePath(QStringLiteral("r.html")), empty});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(empty) && r.err.contains("no builds"),
             r.err.constData());
    // Every build of the showcase history (October 2025) is outside the dates.
    for (const char* name : {"late.svg", "late.csv"}) {
        r = runHeadless({QStringLiteral("export"), QStringLiteral("--from"),
                         QStringLiteral("2030-01-01"), QStringLiteral("--out"),
                         dir.filePath(QString::fromLatin1(name)), kShowcase});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(kShowcase) &&
                     r.err.contains("none of the 38 builds") && r.err.contains("2030-01-01"),
                 r.err.constData());
    }
    QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("history.jsonl")});
}

void TestExportCli::reportHtml()
{
    const QString out = m_dir.filePath(QStringLiteral("report.html"));
    const CliResult r =
        runHeadless({QStringLiteral("report"), QStringLiteral("--out"), out, kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray html = readAll(out);
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QCOMPARE(html.count("<svg"), 2);
    for (const char* heading : {"Summary", "Phase timings", "Memory",
                                "Latest build against its baseline", "Regressions found"})
        QVERIFY2(html.contains(QByteArray(QByteArray("<h2>") + heading + "</h2>")), heading);
    QVERIFY(html.contains("<td>build_time_ms</td>"));
    QVERIFY(!html.contains("<script"));
    QVERIFY(!html.contains("src=\"http")); // self-contained
    // The inline charts are valid SVG documents of their own.
    const qsizetype start = html.indexOf("<svg");
    const qsizetype end = html.indexOf("</svg>", start);
    QVERIFY(QSvgRenderer(html.mid(start, end + 6 - start)).isValid());

    const CliResult last =
        runHeadless({QStringLiteral("report"), QStringLiteral("--last"), QStringLiteral("10"),
                     QStringLiteral("--out"), out, kShowcase});
    QVERIFY2(last.exitCode == 0, last.err.constData());
    QVERIFY(readAll(out).contains("Builds covered: 10 of 38"));
}

void TestExportCli::reportMarkdown()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("perf report.md"));
    const CliResult r =
        runHeadless({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("md"),
                     QStringLiteral("--out"), out, kShowcase});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QStringList expected{QStringLiteral("perf report-memory.png"),
                         QStringLiteral("perf report-phases.png"),
                         QStringLiteral("perf report.md")};
    QCOMPARE(folderEntries(dir.path()), expected);
    const QByteArray md = readAll(out);
    QVERIFY(md.contains("![Phase timings](perf%20report-phases.png)"));
    QVERIFY(md.contains("## Latest build against its baseline"));
    QVERIFY(md.contains("## Regressions found"));
    const QImage phases(dir.filePath(QStringLiteral("perf report-phases.png")));
    QCOMPARE(phases.size(), QSize(2400, 1120));
    QVERIFY(drawnPixels(phases) > 2000);

    const CliResult bad =
        runHeadless({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("docx"),
                     QStringLiteral("--out"), out, kShowcase});
    QCOMPARE(bad.exitCode, 2);
}

QTEST_MAIN(TestExportCli)
#include "tst_export_cli.moc"
