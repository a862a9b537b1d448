#include "core/Hash64.h"
#include "core/Timestamp.h"

#include <QTest>

using namespace bengal;

class TestTimestamp : public QObject
{
    Q_OBJECT
private slots:
    void accepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("utc");
        QTest::newRow("naive UTC (Bengal <= v0.1.8)") << "2025-10-05T14:52:52.575025"
                                                      << "2025-10-05T14:52:52.575025Z";
        QTest::newRow("+00:00 (Bengal >= v0.1.9)") << "2026-06-17T15:04:05.123456+00:00"
                                                   << "2026-06-17T15:04:05.123456Z";
        QTest::newRow("no fraction") << "2026-06-17T15:04:05+00:00"
                                     << "2026-06-17T15:04:05Z";
        QTest::newRow("Z") << "2026-06-17T15:04:05Z"
                           << "2026-06-17T15:04:05Z";
        QTest::newRow("one fraction digit") << "2026-06-17T15:04:05.5"
                                            << "2026-06-17T15:04:05.500000Z";
        QTest::newRow("positive offset") << "2026-01-01T01:30:00+02:00"
                                         << "2025-12-31T23:30:00Z";
        QTest::newRow("negative offset") << "2025-12-31T23:00:00-05:30"
                                         << "2026-01-01T04:30:00Z";
        QTest::newRow("leap day") << "2024-02-29T00:00:00"
                                  << "2024-02-29T00:00:00Z";
        QTest::newRow("year 0001") << "0001-01-01T00:00:00"
                                   << "0001-01-01T00:00:00Z";
        QTest::newRow("year 9999") << "9999-12-31T23:59:59.999999"
                                   << "9999-12-31T23:59:59.999999Z";
    }
    void accepts()
    {
        QFETCH(QString, text);
        QFETCH(QString, utc);
        const QByteArray bytes = text.toUtf8();
        const auto parsed =
            parseTimestamp(std::string_view(bytes.constData(), size_t(bytes.size())));
        QVERIFY(parsed.has_value());
        QCOMPARE(formatTimestampUtc(*parsed), utc);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("error");
        const int form = int(TimestampError::BadForm);
        const int date = int(TimestampError::BadDate);
        QTest::newRow("space for T") << "2025-10-05 14:52:52" << form;
        QTest::newRow("seven fraction digits") << "2025-10-05T14:52:52.1234567" << form;
        QTest::newRow("empty fraction") << "2025-10-05T14:52:52." << form;
        QTest::newRow("date only") << "2025-10-05" << form;
        QTest::newRow("offset without colon") << "2025-10-05T14:52:52+0000" << form;
        QTest::newRow("lowercase z") << "2025-10-05T14:52:52z" << form;
        QTest::newRow("trailing text") << "2025-10-05T14:52:52Zjunk" << form;
        QTest::newRow("not leap year") << "2025-02-29T00:00:00" << date;
        QTest::newRow("month 13") << "2025-13-01T00:00:00" << date;
        QTest::newRow("day 0") << "2025-01-00T00:00:00" << date;
        QTest::newRow("hour 24") << "2025-01-01T24:00:00" << date;
        QTest::newRow("second 60") << "2025-01-01T23:59:60" << date;
        QTest::newRow("year 0000") << "0000-01-01T00:00:00" << date;
        QTest::newRow("offset hour 24") << "2025-01-01T00:00:00+24:00" << date;
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(int, error);
        const QByteArray bytes = text.toUtf8();
        TimestampError why = TimestampError::None;
        QVERIFY(!parseTimestamp(std::string_view(bytes.constData(), size_t(bytes.size())), &why));
        QCOMPARE(int(why), error);
    }

    // The date part of the last timestamp is remembered: a repeated date must give the same
    // answers as a fresh one, whatever the rest of the text.
    void sameDateInARowIsParsedAlike()
    {
        const int form = int(TimestampError::BadForm);
        const int date = int(TimestampError::BadDate);
        const struct
        {
            const char* text;
            const char* utc; // nullptr: rejected with `error`
            int error;
        } cases[] = {
            {"2024-02-29T10:00:00", "2024-02-29T10:00:00Z", 0},
            {"2024-02-29T24:00:00", nullptr, date},
            {"2024-02-29 10:00:00", nullptr, form},
            {"2024-02-29T10:00:00.5+01:00", "2024-02-29T09:00:00.500000Z", 0},
            {"2023-02-29T10:00:00", nullptr, date},
            {"2023-02-29T10:00:0x", nullptr, form}, // the form is judged before the date
            {"2023-02-29T10:00:00", nullptr, date},
            {"2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z", 0},
            {"2024-02-2", nullptr, form},
            {"2024-02-29T00:00:00-00:30", "2024-02-29T00:30:00Z", 0},
        };
        for (const auto& c : cases) {
            TimestampError why = TimestampError::None;
            const auto parsed = parseTimestamp(c.text, &why);
            if (c.utc) {
                QVERIFY2(parsed.has_value(), c.text);
                QCOMPARE(formatTimestampUtc(*parsed), QString::fromLatin1(c.utc));
            } else {
                QVERIFY2(!parsed.has_value(), c.text);
                QCOMPARE(int(why), c.error);
            }
        }
    }

    void ordersAcrossOffsets()
    {
        const auto a = parseTimestamp("2026-01-01T01:00:00+02:00");
        const auto b = parseTimestamp("2025-12-31T23:30:00");
        QVERIFY(a && b);
        QVERIFY(*a < *b);
    }

    void hashIsStableAndSensitive()
    {
        // The hash is persisted (notes are keyed by it): these values must never change.
        QCOMPARE(hashLine(""), hashLine(""));
        QVERIFY(hashLine("{\"a\": 1}") != hashLine("{\"a\": 2}"));
        QVERIFY(hashLine(std::string(100, 'x')) != hashLine(std::string(101, 'x')));
        QCOMPARE(hashLine("bengal"), Q_UINT64_C(11780494143203149963));
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
