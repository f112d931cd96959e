#include "core/files/compose/YamlTree.h"

#include <QTest>

using namespace drydock;

namespace {

std::string billionLaughs()
{
    std::string text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; ++c) {
        text += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 9; ++i) {
            text += std::string(i ? "," : "") + "*" + previous;
        }
        text += "]\n";
        previous = c;
    }
    return text;
}

} // namespace

// Loading YAML into our bounded tree: order, marks, aliases, merge keys, and every hostile shape.
class TestYamlTree : public QObject
{
    Q_OBJECT

private slots:
    void keepsOrderAndMarks();
    void expandsAnchorsAndMergeKeys();
    void keepsLocalTagsAndQuoting();
    void rejects_data();
    void rejects();
    void aBombStopsQuickly();
};

void TestYamlTree::keepsOrderAndMarks()
{
    const auto doc =
        loadYaml("services:\n  web:\n    image: nginx\n    privileged: true\n  db:\n    image: x\n", {}, 3);
    QVERIFY(doc.ok());
    const YamlNode* services = doc->find("services");
    QVERIFY(services && services->isMap());
    QCOMPARE(services->entries.size(), std::size_t(2));
    QCOMPARE(services->entries[0].key.value, std::string("web"));
    QCOMPARE(services->entries[1].key.value, std::string("db"));
    const YamlEntry* privileged = services->find("web")->entry("privileged");
    QVERIFY(privileged);
    QCOMPARE(privileged->key.mark, (YamlMark{4, 5, 3}));
    QCOMPARE(privileged->value.mark, (YamlMark{4, 17, 3}));
    QVERIFY(privileged->value.isTrue());
}

void TestYamlTree::expandsAnchorsAndMergeKeys()
{
    const auto doc = loadYaml("x-base: &base\n  restart: always\n  read_only: true\n"
                              "services:\n  web:\n    <<: *base\n    read_only: false\n");
    QVERIFY(doc.ok());
    const YamlNode* web = doc->find("services")->find("web");
    QVERIFY(web);
    QVERIFY(!web->find("<<"));
    QCOMPARE(web->find("read_only")->text(), std::string("false")); // the explicit key wins
    QCOMPARE(web->find("restart")->text(), std::string("always"));
    QCOMPARE(web->find("restart")->mark.line, 2); // the value's mark is where the anchor wrote it
}

void TestYamlTree::keepsLocalTagsAndQuoting()
{
    const auto doc = loadYaml("a: !reset []\nb: \"true\"\nc: true\n");
    QVERIFY(doc.ok());
    QCOMPARE(doc->find("a")->tag, std::string("!reset"));
    QVERIFY(doc->find("b")->quoted);
    QVERIFY(!doc->find("c")->quoted);
}

void TestYamlTree::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a billion laughs stops at the node budget")
        << QByteArray::fromStdString(billionLaughs()) << "more than 200000 nodes";
    // yaml-cpp gives up on these itself, with "bad file": the error says what is wrong instead.
    QTest::newRow("10,000 nested flow sequences are refused as too deep, where they get too deep")
        << QByteArray(10000, '[') + QByteArray(10000, ']') << "line 1, column 64: nesting deeper than 64";
    QTest::newRow("a compose label nested 5,000 flow levels deep is refused as too deep")
        << QByteArray("services:\n  a:\n    image: x\n    labels:\n      x: ") + QByteArray(5000, '[') +
               QByteArray(5000, ']') + QByteArray("\n")
        << "nesting deeper than 64";
    std::string deepBlock;
    for (int i = 0; i < 100; ++i) {
        deepBlock += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
    }
    QTest::newRow("block nesting deeper than 64 levels is refused")
        << QByteArray::fromStdString(deepBlock) << "nesting deeper than 64";
    QTest::newRow("a file over the size limit is refused before parsing")
        << QByteArray(5 * 1024 * 1024, '#') << "more than the 4194304";
    QTest::newRow("invalid UTF-8 names its line and column")
        << QByteArray("services:\n  web:\n    image: \xff\xfe\n") << "line 3, column 12: invalid UTF-8";
    QTest::newRow("a NUL byte names its line and column")
        << QByteArray("a: b\nc: d", 9).insert(6, '\0') << "line 2, column 2: a NUL byte";
    QTest::newRow("a syntax error names its line and column")
        << QByteArray("services:\n  web: [a, b\n") << "YAML syntax error";
    QTest::newRow("a duplicate key is refused as Compose refuses it")
        << QByteArray("services:\n  web:\n    image: a\n    image: b\n")
        << "line 4, column 5: the key \"image\" is already defined at line 3, column 5";
    QTest::newRow("a merge key of a scalar is refused") << QByteArray("a:\n  <<: 3\n") << "merge key";
}

void TestYamlTree::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const auto doc = loadYaml(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    QVERIFY(!doc.ok());
    const QString message = QString::fromStdString(doc.error().message);
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TestYamlTree::aBombStopsQuickly()
{
    // Not a timing assertion: a bomb that were expanded would take minutes and gigabytes, so a result at all
    // within the test's timeout shows the budget cut the walk short. The node count is the real check.
    FileReviewLimits limits;
    limits.maxYamlNodes = 1000;
    const auto doc = loadYaml(billionLaughs(), limits);
    QVERIFY(!doc.ok());
    QCOMPARE(doc.error().code, ErrorCode::TooLarge);
    QVERIFY(QString::fromStdString(doc.error().message).contains("more than 1000 nodes"));
}

QTEST_APPLESS_MAIN(TestYamlTree)
#include "TestYamlTree.moc"
