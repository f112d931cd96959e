#include "core/common/Strings.h"
#include "core/common/VisibleText.h"

#include <QTest>

using namespace drydock;

// Text for people shows every character that could act on a terminal or reorder a line as an escape.
class TestVisibleText : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("plain text and UTF-8 stay as they are")
            << QByteArray("caf\xc3\xa9 $x 'q' \\") << QByteArray("caf\xc3\xa9 $x 'q' \\");
        QTest::newRow("an escape sequence becomes \\u001b")
            << QByteArray("\x1b[31mred") << QByteArray("\\u001b[31mred");
        QTest::newRow("a newline and a tab are shown, not obeyed")
            << QByteArray("a\nb\tc\rd") << QByteArray("a\\u000ab\\u0009c\\u000dd");
        QTest::newRow("DEL is shown") << QByteArray("a\x7f") << QByteArray("a\\u007f");
        QTest::newRow("a C1 control written in UTF-8 is shown") << QByteArray("\xc2\x9b"
                                                                              "2J")
                                                                << QByteArray("\\u009b2J");
        QTest::newRow("a lone 0x9b byte is shown as a byte") << QByteArray("\x9b"
                                                                           "2J")
                                                             << QByteArray("\\x9b2J");
        QTest::newRow("a right-to-left override is shown") << QByteArray("a\xe2\x80\xae"
                                                                         "b")
                                                           << QByteArray("a\\u202eb");
        QTest::newRow("a line separator is shown") << QByteArray("a\xe2\x80\xa8"
                                                                 "b")
                                                   << QByteArray("a\\u2028b");
        QTest::newRow("a cut multi-byte character is shown byte by byte")
            << QByteArray("a\xe2\x80") << QByteArray("a\\xe2\\x80");
    }

    void escapes()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, shown);
        const std::string out = visibleText(text.toStdString());
        QCOMPARE(QByteArray::fromStdString(out), shown);
        QVERIFY(!hasHiddenCharacters(out));
        QCOMPARE(hasHiddenCharacters(text.toStdString()), text != shown);
    }

    void terminalTextUsesTheSameEscapes()
    {
        QCOMPARE(QString::fromStdString(terminalText("name\x1b]0;owned\x07", 100)),
                 QStringLiteral("name\\u001b]0;owned\\u0007"));
        QVERIFY(!hasHiddenCharacters(terminalText(std::string(300, '\x1b'), 100)));
    }
};

QTEST_GUILESS_MAIN(TestVisibleText)
#include "TestVisibleText.moc"
