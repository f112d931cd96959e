#include "core/common/Strings.h"
#include "tests/support/ComposeFiles.h"

#include <QTest>

using namespace drydock;

// Every generated compose snippet is a valid Compose Specification document (the vendored JSON schema) that
// declares the named volumes, networks and secrets it uses.
class TestComposeSchema : public QObject
{
    Q_OBJECT

private slots:
    void snippetsFollowTheSchema_data()
    {
        QTest::addColumn<int>("set");
        QTest::newRow("the hardened snippets of the 34 realistic containers") << 0;
        QTest::newRow("the snippets of the recorded containers as they run") << 1;
    }

    void snippetsFollowTheSchema()
    {
        QFETCH(int, set);
        const auto docs = set == 0 ? test::realisticComposeSnippets() : test::recordedComposeSnippets();
        QCOMPARE(docs.size(), set == 0 ? std::size_t(34) : std::size_t(7));
        for (const auto& d : docs) {
            QVERIFY2(startsWith(d.yaml, "services:") || startsWith(d.yaml, "# "), d.name.c_str());
        }
        QTemporaryDir dir;
        const QStringList files = test::writeComposeFiles(dir, docs);
        const auto [code, output] = test::validateComposeFiles(files);
        QVERIFY2(code == 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("%1 file(s), 0 problem(s)").arg(docs.size())),
                 qPrintable(output));
    }

    // The validator itself finds what it must: an undeclared named volume and a key the schema lacks.
    void theValidatorRejectsAnUndeclaredVolumeAndAnUnknownKey()
    {
        QTemporaryDir dir;
        const QStringList files = test::writeComposeFiles(
            dir, {{"undeclared", "services:\n  web:\n    image: nginx\n    volumes:\n      - data:/data\n"},
                  {"unknown key", "services:\n  web:\n    image: nginx\n    privileges: true\n"}});
        const auto [code, output] = test::validateComposeFiles(files);
        QCOMPARE(code, 1);
        QVERIFY2(output.contains(QStringLiteral("named volume 'data' is not declared")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("'privileges' does not match any of the regexes")),
                 qPrintable(output));
    }
};

QTEST_APPLESS_MAIN(TestComposeSchema)
#include "TestComposeSchema.moc"
