// The console's ANSI stripper: colours, cursor codes, OSC titles and hyperlinks removed,
// carriage-return redraws resolved, and every split of the input giving the same text.
#include "collector/AnsiText.h"

#include <QtTest>

using namespace bengal;

class TestAnsiText : public QObject
{
    Q_OBJECT
private slots:
    void strips_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("Building site\n") << "Building site\n";
        QTest::newRow("SGR colour")
            << QByteArray("\x1b[1;32m✓\x1b[0m rendering\n") << "✓ rendering\n";
        QTest::newRow("256 and true colour")
            << QByteArray("\x1b[38;5;208ma\x1b[48;2;10;20;30mb\x1b[m\n") << "ab\n";
        QTest::newRow("erase line, cursor up") << QByteArray("\x1b[2K\x1b[1Adone\n") << "done\n";
        QTest::newRow("private mode (cursor hide)") << QByteArray("\x1b[?25lx\x1b[?25h\n") << "x\n";
        QTest::newRow("OSC title with BEL") << QByteArray("\x1b]0;bengal build\x07ok\n") << "ok\n";
        QTest::newRow("OSC 8 hyperlink with ST")
            << QByteArray("see \x1b]8;;https://x.test/\x1b\\docs\x1b]8;;\x1b\\ now\n")
            << "see docs now\n";
        QTest::newRow("charset designation") << QByteArray("\x1b(Bab\x1b)0c\n") << "abc\n";
        QTest::newRow("two-character escape") << QByteArray("\x1b"
                                                            "7a\x1b"
                                                            "8b\x1b=c\n")
                                              << "abc\n";
        QTest::newRow("CRLF") << QByteArray("one\r\ntwo\r\n") << "one\ntwo\n";
        QTest::newRow("progress redraw keeps the last version")
            << QByteArray("10%\r50%\r100% done\n") << "100% done\n";
        QTest::newRow("controls dropped, tab kept") << QByteArray("a\tb\x07\x01\x7f"
                                                                  "c\n")
                                                    << "a\tbc\n";
        QTest::newRow("backspace") << QByteArray("abx\bc\n") << "abc\n";
        QTest::newRow("broken CSI does not eat the line")
            << QByteArray("\x1b[12\nnext\n") << "\nnext\n";
        QTest::newRow("unterminated OSC ends at the newline")
            << QByteArray("\x1b]0;title\nnext\n") << "\nnext\n";
        QTest::newRow("8-bit CSI") << QByteArray("\xc2\x9b"
                                                 "31mred\n")
                                   << "red\n";
        QTest::newRow("unfinished last line kept") << QByteArray("a\nb") << "a\nb";
        QTest::newRow("UTF-8 kept") << QByteArray("Größe → 漢字\n") << "Größe → 漢字\n";
    }

    void strips()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QCOMPARE(stripAnsi(input), expected);
    }

    // The same output cut into pieces at every byte gives the same text: sequences, UTF-8
    // characters and "\r\n" split between reads are held, not broken.
    void anySplitGivesTheSameText()
    {
        const QByteArray input("\x1b[1mBuild\x1b[0m é\r\n\x1b]0;t\x1b\\10%\r100%\n\x1b[32m✓\x1b"
                               "[0m x\n");
        const QString expected = QStringLiteral("Build é\n100%\n✓ x\n");
        QCOMPARE(stripAnsi(input), expected);
        for (int cut = 1; cut < input.size(); ++cut) {
            AnsiStripper stripper;
            QString text = stripper.feed(input.left(cut));
            text += stripper.feed(input.mid(cut));
            text += stripper.flush();
            QVERIFY2(text == expected,
                     qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(text)));
        }
        AnsiStripper byteByByte;
        QString text;
        for (const char byte : input)
            text += byteByByte.feed(QByteArrayView(&byte, 1));
        QCOMPARE(text + byteByByte.flush(), expected);
    }

    void feedReturnsOnlyCompleteLines()
    {
        AnsiStripper stripper;
        QCOMPARE(stripper.feed("Rendering pages"), QString());
        QCOMPARE(stripper.pendingLine(), QStringLiteral("Rendering pages"));
        QCOMPARE(stripper.feed(" \x1b[33m42\x1b[0m\nnext"), QStringLiteral("Rendering pages 42\n"));
        QCOMPARE(stripper.flush(), QStringLiteral("next"));
        QCOMPARE(stripper.flush(), QString()); // the state starts afresh
    }
};

QTEST_GUILESS_MAIN(TestAnsiText)
#include "tst_ansi_text.moc"
