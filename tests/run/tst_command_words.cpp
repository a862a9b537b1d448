// The Run dialog's and Confirm's command line: quoted as in a shell, never run by one.
#include "collector/CommandWords.h"

#include <QTest>

using namespace bengal;

class TestCommandWords : public QObject
{
    Q_OBJECT
private slots:
    void splits_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << "bengal build --profile theme-dev"
                               << QStringList{"bengal", "build", "--profile", "theme-dev"};
        QTest::newRow("runs of blanks") << "  a \t b  " << QStringList{"a", "b"};
        QTest::newRow("single quotes")
            << "bengal build --config 'my site.toml'"
            << QStringList{"bengal", "build", "--config", "my site.toml"};
        QTest::newRow("single quotes keep backslashes")
            << "echo 'a\\\"b'" << QStringList{"echo", "a\\\"b"};
        QTest::newRow("double quotes")
            << "sh -c \"echo 'a b'\"" << QStringList{"sh", "-c", "echo 'a b'"};
        QTest::newRow("escapes in double quotes")
            << "x \"a\\\"b\\\\c\\$d\\e\"" << QStringList{"x", "a\"b\\c$d\\e"};
        QTest::newRow("backslash outside quotes") << "a\\ b c\\'d" << QStringList{"a b", "c'd"};
        QTest::newRow("parts make one word") << "--x='a b'\"c d\"e" << QStringList{"--x=a bc de"};
        QTest::newRow("empty quotes are a word") << "prog '' \"\"" << QStringList{"prog", "", ""};
        QTest::newRow("nothing is expanded")
            << "echo $HOME ~ * `date`" << QStringList{"echo", "$HOME", "~", "*", "`date`"};
        QTest::newRow("empty") << "   " << QStringList{};
    }
    void splits()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        QString error = QStringLiteral("stale");
        QCOMPARE(splitCommandWords(line, &error), words);
        QVERIFY(error.isEmpty());
    }

    void unclosedQuoteIsAnError_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("single") << "bengal build --config 'my site.toml"
                                << "unclosed ' quote (opened at character 23)";
        QTest::newRow("double") << "a \"b"
                                << "unclosed \" quote (opened at character 3)";
        QTest::newRow("escaped quote does not close")
            << "a \"b\\\""
            << "unclosed \" quote (opened at character 3)";
    }
    void unclosedQuoteIsAnError()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        QString error;
        QVERIFY(splitCommandWords(line, &error).isEmpty());
        QVERIFY2(error.contains(message), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCommandWords)
#include "tst_command_words.moc"
