#include "core/docker/UrlEncoding.h"

#include <QTest>

using namespace drydock;

// urlEncode: ids and names can never add a path segment, a query or a header to a request.
class TestUrlEncoding : public QObject
{
    Q_OBJECT

private slots:
    void encodes_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("a hex container id stays as it is") << "4f1d2c3b"
                                                           << "4f1d2c3b";
        QTest::newRow("unreserved punctuation stays") << "a-b.c_d~e"
                                                      << "a-b.c_d~e";
        QTest::newRow("an image reference encodes slash and colon") << "registry:5000/team/app:1.0"
                                                                    << "registry%3A5000%2Fteam%2Fapp%3A1.0";
        QTest::newRow("a digest encodes the colon") << "sha256:abc"
                                                    << "sha256%3Aabc";
        QTest::newRow("a dot-dot segment cannot climb") << "../../info"
                                                        << "..%2F..%2Finfo";
        QTest::newRow("a query cannot be smuggled in") << "x?all=1&y#z"
                                                       << "x%3Fall%3D1%26y%23z";
        QTest::newRow("spaces and CR LF are encoded") << "a b\r\n"
                                                      << "a%20b%0D%0A";
        QTest::newRow("UTF-8 bytes are encoded one by one") << "é"
                                                            << "%C3%A9";
    }

    void encodes()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(QString::fromStdString(urlEncode(in.toStdString())), out);
    }
};

QTEST_APPLESS_MAIN(TestUrlEncoding)
#include "TestUrlEncoding.moc"
