// IgnoreRules: .gitignore semantics for `drydock check` discovery, and a glob matcher that stays linear.
#include "core/files/IgnoreRules.h"

#include <QElapsedTimer>
#include <QTest>

using namespace drydock;

class TestIgnoreRules : public QObject
{
    Q_OBJECT

private slots:
    void globMatch_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("a star matches a name") << "*.yml" << "compose.yml" << true;
        QTest::newRow("a star stops at a slash") << "*.yml" << "a/compose.yml" << false;
        QTest::newRow("a question mark is one character") << "compose.ym?" << "compose.yml" << true;
        QTest::newRow("a question mark never matches a slash") << "a?b" << "a/b" << false;
        QTest::newRow("a class matches its range") << "file[0-9].txt" << "file7.txt" << true;
        QTest::newRow("a negated class refuses its range") << "file[!0-9].txt" << "file7.txt" << false;
        QTest::newRow("leading double star matches at the top") << "**/Dockerfile" << "Dockerfile" << true;
        QTest::newRow("leading double star matches deep") << "**/Dockerfile" << "a/b/c/Dockerfile" << true;
        QTest::newRow("trailing double star matches everything inside") << "vendor/**" << "vendor/x/y.yml" << true;
        QTest::newRow("trailing double star needs something inside") << "vendor/**" << "vendor" << false;
        QTest::newRow("inner double star matches no folder") << "a/**/b" << "a/b" << true;
        QTest::newRow("inner double star matches several folders") << "a/**/b" << "a/x/y/b" << true;
        QTest::newRow("an escaped star is a star") << "a\\*b" << "a*b" << true;
        QTest::newRow("an escaped star is not a wildcard") << "a\\*b" << "axb" << false;
        QTest::newRow("an unclosed bracket is itself") << "a[b" << "a[b" << true;
    }
    void globMatch()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(IgnoreRules::globMatch(pattern.toStdString(), text.toStdString()), matches);
    }

    void hostilePatternsStayFast()
    {
        const std::string pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
        const std::string text(4000, 'a');
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!IgnoreRules::globMatch(pattern, text));
        QVERIFY2(timer.elapsed() < 2000, "the matcher backtracked exponentially");
    }

    void ignored_data()
    {
        QTest::addColumn<QString>("gitignore");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDirectory");
        QTest::addColumn<bool>("expected");
        QTest::newRow("a name pattern matches at any depth") << "*.bak" << "" << "a/b/x.bak" << false << true;
        QTest::newRow("a leading slash anchors to the folder") << "/build" << "" << "a/build" << true << false;
        QTest::newRow("an anchored pattern matches at the top") << "/build" << "" << "build" << true << true;
        QTest::newRow("a trailing slash matches folders only") << "out/" << "" << "out" << false << false;
        QTest::newRow("a trailing slash matches a folder") << "out/" << "" << "x/out" << true << true;
        QTest::newRow("a negation re-includes") << "*.yml\n!compose.yml" << "" << "compose.yml" << false << false;
        QTest::newRow("the last matching line wins") << "!compose.yml\n*.yml" << "" << "compose.yml" << false
                                                     << true;
        QTest::newRow("comments and blank lines are nothing") << "# *.yml\n\n" << "" << "compose.yml" << false
                                                              << false;
        QTest::newRow("a nested file applies below its folder") << "*.yml" << "sub" << "sub/a.yml" << false << true;
        QTest::newRow("a nested file does not apply beside it") << "*.yml" << "sub" << "subway/a.yml" << false
                                                                << false;
        QTest::newRow("a pattern with an inner slash is anchored") << "deploy/*.yml" << "" << "x/deploy/a.yml"
                                                                   << false << false;
        QTest::newRow("CRLF lines are read as lines") << "*.bak\r\n" << "" << "x.bak" << false << true;
    }
    void ignored()
    {
        QFETCH(QString, gitignore);
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(bool, isDirectory);
        QFETCH(bool, expected);
        IgnoreRules rules;
        rules.addFile(base.toStdString(), gitignore.toStdString());
        QCOMPARE(rules.ignored(path.toStdString(), isDirectory), expected);
    }
};

QTEST_GUILESS_MAIN(TestIgnoreRules)
#include "TestIgnoreRules.moc"
