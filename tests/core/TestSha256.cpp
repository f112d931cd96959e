#include "core/common/Sha256.h"

#include <QTest>

using namespace drydock;

// Sha256 against the FIPS 180-4 / NIST test vectors, and the docker context store's naming.
class TestSha256 : public QObject
{
    Q_OBJECT

private slots:
    void knownDigests_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("hex");
        QTest::newRow("the empty string")
            << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc (one block)")
            << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("the 448-bit message (padding spills into a second block)")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("the 896-bit message")
            << QByteArray(
                   "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
                   "lmnopqrsmnopqrstnopqrstu")
            << "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";
        QTest::newRow("exactly 55 bytes (the longest single-block message)")
            << QByteArray(55, 'a') << "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318";
        QTest::newRow("exactly 64 bytes (one full block plus padding)")
            << QByteArray(64, 'a') << "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb";
        QTest::newRow("a million a's")
            << QByteArray(1000000, 'a') << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
        QTest::newRow("a docker context name hashes like `docker context create` stores it")
            << QByteArray("remote") << "b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a";
    }

    void knownDigests()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, hex);
        QCOMPARE(QString::fromStdString(
                     Sha256::hex(std::string_view(input.constData(), std::size_t(input.size())))),
                 hex);
    }

    void updatingInPiecesGivesTheSameDigest()
    {
        const std::string text(1000, 'x');
        Sha256 pieces;
        for (std::size_t i = 0; i < text.size(); i += 7) {
            pieces.update(std::string_view(text).substr(i, 7));
        }
        QVERIFY(pieces.finish() == Sha256::digest(text));
    }
};

QTEST_APPLESS_MAIN(TestSha256)
#include "TestSha256.moc"
