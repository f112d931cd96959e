#include "core/common/Strings.h"
#include "core/docker/ApiVersion.h"

#include <QTest>

using namespace drydock;

// ApiVersion: reading "major.minor" strictly, and settling on the version both sides speak.
class TestApiVersion : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("minor");
        QTest::newRow("1.41 is the oldest version Drydock speaks") << "1.41" << true << 1 << 41;
        QTest::newRow("1.51 reads as major 1 minor 51") << "1.51" << true << 1 << 51;
        QTest::newRow("surrounding whitespace from a header is ignored") << " 1.45\r\n" << true << 1 << 45;
        QTest::newRow("a two-digit major is fine") << "10.0" << true << 10 << 0;
        QTest::newRow("no minor is junk") << "1" << false << 0 << 0;
        QTest::newRow("an empty minor is junk") << "1." << false << 0 << 0;
        QTest::newRow("an empty major is junk") << ".41" << false << 0 << 0;
        QTest::newRow("a third component is junk") << "1.41.2" << false << 0 << 0;
        QTest::newRow("a v prefix is junk") << "v1.41" << false << 0 << 0;
        QTest::newRow("a sign is junk") << "-1.41" << false << 0 << 0;
        QTest::newRow("a plus sign is junk") << "1.+41" << false << 0 << 0;
        QTest::newRow("letters are junk") << "one.two" << false << 0 << 0;
        QTest::newRow("a number too long to be a version is junk")
            << "1.99999999999999999999" << false << 0 << 0;
        QTest::newRow("an empty string is junk") << "" << false << 0 << 0;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, major);
        QFETCH(int, minor);
        const auto v = ApiVersion::parse(text.toStdString());
        QCOMPARE(v.ok(), valid);
        if (valid) {
            QCOMPARE(v->major(), major);
            QCOMPARE(v->minor(), minor);
        } else {
            QCOMPARE(v.error().code, ErrorCode::InvalidArgument);
            QVERIFY(contains(v.error().message, "major.minor"));
        }
    }

    void ordersNumericallyNotAlphabetically()
    {
        QVERIFY(ApiVersion(1, 9) < ApiVersion(1, 41));
        QVERIFY(ApiVersion(1, 51) > ApiVersion(1, 41));
        QVERIFY(ApiVersion(2, 0) > ApiVersion(1, 51));
        QCOMPARE(ApiVersion(1, 41).toString(), std::string("1.41"));
    }

    void negotiate_data()
    {
        QTest::addColumn<QString>("daemon");
        QTest::addColumn<QString>("settled"); // empty: refused
        QTest::newRow("a 1.41 daemon is spoken to in 1.41") << "1.41"
                                                            << "1.41";
        QTest::newRow("a 1.45 daemon is spoken to in 1.45") << "1.45"
                                                            << "1.45";
        QTest::newRow("a 1.51 daemon is spoken to in 1.51") << "1.51"
                                                            << "1.51";
        QTest::newRow("a newer 1.60 daemon is spoken to in our newest, 1.51") << "1.60"
                                                                              << "1.51";
        QTest::newRow("a 2.0 daemon is spoken to in 1.51") << "2.0"
                                                           << "1.51";
        QTest::newRow("a 1.40 daemon is refused") << "1.40"
                                                  << "";
        QTest::newRow("a 1.12 daemon is refused") << "1.12"
                                                  << "";
    }

    void negotiate()
    {
        QFETCH(QString, daemon);
        QFETCH(QString, settled);
        const auto v = ApiVersion::negotiate(daemon.toStdString(), ApiVersion::minimumSupported(),
                                             ApiVersion::maximumSupported());
        if (settled.isEmpty()) {
            QVERIFY(!v.ok());
            QCOMPARE(v.error().code, ErrorCode::UnsupportedApiVersion);
        } else {
            QVERIFY(v.ok());
            QCOMPARE(QString::fromStdString(v->toString()), settled);
        }
    }

    void refusalSaysWhatToUpgrade()
    {
        const auto v =
            ApiVersion::negotiate("1.40", ApiVersion::minimumSupported(), ApiVersion::maximumSupported());
        QVERIFY(!v.ok());
        QCOMPARE(
            QString::fromStdString(v.error().message),
            QStringLiteral("The daemon speaks Docker API 1.40; Drydock needs 1.41 or newer (Docker Engine "
                           "20.10+). Upgrade Docker on that host, or connect to a newer daemon."));
    }

    void junkFromTheDaemonIsUnsupportedNotAcrash()
    {
        const auto v =
            ApiVersion::negotiate("<html>", ApiVersion::minimumSupported(), ApiVersion::maximumSupported());
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, ErrorCode::UnsupportedApiVersion);
        QVERIFY(contains(v.error().message, "\"<html>\""));
    }
};

QTEST_APPLESS_MAIN(TestApiVersion)
#include "TestApiVersion.moc"
