// Unit tests for core/common: time parsing, URL password masking, string helpers, severity names.
#include "core/common/SecretMasker.h"
#include "core/common/Severity.h"
#include "core/common/Strings.h"
#include "core/common/Time.h"

#include <QTest>

using namespace drydock;

class TestCommon : public QObject
{
    Q_OBJECT
private slots:
    void parsesTimestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("a UTC timestamp with nanoseconds") << "2026-11-28T10:00:00.123456789Z" << qint64(1795860000);
        QTest::newRow("the Unix epoch") << "1970-01-01T00:00:00Z" << qint64(0);
        QTest::newRow("a positive offset is subtracted") << "2026-11-28T11:00:00+01:00" << qint64(1795860000);
        QTest::newRow("a negative offset is added") << "2026-11-28T05:00:00-05:00" << qint64(1795860000);
        QTest::newRow("a leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800);
    }
    void parsesTimestamps()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto parsed = parseRfc3339(text.toStdString());
        QVERIFY(parsed.has_value());
        QCOMPARE(qint64(*parsed), expected);
        QCOMPARE(parseRfc3339(formatRfc3339(*parsed)).value(), *parsed);
    }

    void rejectsBadTimestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty text") << "";
        QTest::newRow("Go's zero time") << "0001-01-01T00:00:00Z";
        QTest::newRow("no zone") << "2026-11-28T10:00:00";
        QTest::newRow("letters in the year") << "20x6-11-28T10:00:00Z";
        QTest::newRow("month 13") << "2026-13-28T10:00:00Z";
        QTest::newRow("truncated offset") << "2026-11-28T10:00:00+01";
    }
    void rejectsBadTimestamps()
    {
        QFETCH(QString, text);
        QVERIFY(!parseRfc3339(text.toStdString()).has_value());
    }

    void masksUrlCredentials_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a postgres URL") << "postgres://app:s3cretpw@db:5432/x" << "postgres://app:******@db:5432/x";
        QTest::newRow("text around the URL is kept") << "--url=http://u:longpassword@h/ ok"
                                                     << "--url=http://u:******@h/ ok";
        QTest::newRow("a URL without credentials is unchanged") << "http://example/a" << "http://example/a";
        QTest::newRow("a user without password is unchanged") << "ssh://user@host" << "ssh://user@host";
        QTest::newRow("two URLs are both masked") << "a://x:pppppppp@h b://y:qqqqqqqq@h"
                                                  << "a://x:******@h b://y:******@h";
    }
    void masksUrlCredentials()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(maskUrlCredentials(text.toStdString())), expected);
    }

    void truncatesOnUtf8Boundaries()
    {
        const std::string text = "ab\xC3\xA9\xC3\xA9"; // "abéé"
        const std::string cut = truncateUtf8(text, 3);
        QCOMPARE(QString::fromStdString(cut), QString::fromUtf8("ab\xE2\x80\xA6"));
        QCOMPARE(truncateUtf8("short", 10), std::string("short"));
    }

    void severityNamesRoundTrip()
    {
        for (Severity s : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
            QCOMPARE(severityFromString(toString(s)).value(), s);
        }
        QCOMPARE(severityFromString("HIGH").value(), Severity::High);
        QVERIFY(!severityFromString("severe").has_value());
        QVERIFY(Severity::Critical > Severity::High);
    }

    void splitsAndJoins()
    {
        QCOMPARE(split("a,b,,c", ',').size(), std::size_t(4));
        QCOMPARE(join({"a", "b"}, ", "), std::string("a, b"));
        QCOMPARE(trim("  x \n"), std::string("x"));
    }
};

QTEST_APPLESS_MAIN(TestCommon)
#include "TestCommon.moc"
