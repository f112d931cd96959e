#include "core/remediation/ShellQuote.h"

#include <QProcess>
#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::StringList)

// POSIX quoting of single words, joining and splitting command lines.
class TestShellQuote : public QObject
{
    Q_OBJECT

private slots:
    void quote_data();
    void quote();
    void roundTrip_data();
    void roundTrip();
    void realShellAgrees_data();
    void realShellAgrees();
    void split_data();
    void split();
    void splitRejects_data();
    void splitRejects();
};

void TestShellQuote::quote_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a plain word stays bare") << "nginx"
                                             << "nginx";
    QTest::newRow("flags, paths and key=value stay bare") << "--env=A:b,c/d.e@f%g+h"
                                                          << "--env=A:b,c/d.e@f%g+h";
    QTest::newRow("the empty string becomes two quotes") << ""
                                                         << "''";
    QTest::newRow("a space is quoted") << "hello world"
                                       << "'hello world'";
    QTest::newRow("a single quote leaves and re-enters the quotes") << "it's"
                                                                    << "'it'\\''s'";
    QTest::newRow("a double quote is quoted") << "say \"hi\""
                                              << "'say \"hi\"'";
    QTest::newRow("a dollar is quoted so nothing expands") << "$HOME"
                                                           << "'$HOME'";
    QTest::newRow("a backtick is quoted") << "`id`"
                                          << "'`id`'";
    QTest::newRow("a newline stays inside the quotes") << "a\nb"
                                                       << "'a\nb'";
    QTest::newRow("glob characters are quoted") << "*.txt"
                                                << "'*.txt'";
    QTest::newRow("a semicolon is quoted") << "a;rm -rf /"
                                           << "'a;rm -rf /'";
    QTest::newRow("a tilde is quoted") << "~/x"
                                       << "'~/x'";
    QTest::newRow("unicode is quoted")
        << QString::fromUtf8("caf\xc3\xa9") << QString::fromUtf8("'caf\xc3\xa9'");
    QTest::newRow("a leading hash is quoted") << "#c"
                                              << "'#c'";
}

void TestShellQuote::quote()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(shellQuote(word.toStdString())), expected);
}

void TestShellQuote::roundTrip_data()
{
    QTest::addColumn<StringList>("argv");
    QTest::newRow("plain words") << StringList{"docker", "run", "--rm", "nginx"};
    QTest::newRow("empty words survive") << StringList{"", "a", "", ""};
    QTest::newRow("quotes of both kinds") << StringList{"it's", "\"q\"", "'", "\"", "''"};
    QTest::newRow("shell metacharacters")
        << StringList{"$(id)", "`id`", "a|b", "a&&b", "a;b", "<x>", "!!", "*"};
    QTest::newRow("backslashes") << StringList{"\\", "a\\b", "\\'", "\\\""};
    QTest::newRow("whitespace of every kind") << StringList{" ", "\t", "\n", "a b\tc\nd", "trailing "};
    QTest::newRow("unicode and control bytes")
        << StringList{"caf\xc3\xa9", "\xe2\x80\xa8", "\x1b[31m", "\x7f"};
    QTest::newRow("a NUL byte inside a word") << StringList{std::string("a\0b", 3)};
    QTest::newRow("an env assignment with a URL") << StringList{"--env", "URL=https://u:p@h/x?y=1&z=2"};
}

void TestShellQuote::roundTrip()
{
    QFETCH(StringList, argv);
    const auto split = shellSplit(shellJoin(argv));
    QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
    QCOMPARE(split.value(), argv);
}

void TestShellQuote::realShellAgrees_data()
{
    roundTrip_data();
}

// The quoting is checked against /bin/sh itself: printf prints each word NUL-terminated.
void TestShellQuote::realShellAgrees()
{
    QFETCH(StringList, argv);
    for (const auto& a : argv) {
        if (a.find('\0') != std::string::npos) {
            QSKIP("a NUL byte cannot be passed to a process");
        }
    }
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"), QString::fromStdString("printf '%s\\0' " + shellJoin(argv))});
    QVERIFY(sh.waitForFinished(10000));
    QCOMPARE(sh.exitCode(), 0);
    const QByteArray out = sh.readAllStandardOutput();
    StringList words;
    std::string current;
    for (const char c : out) {
        if (c == '\0') {
            words.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    QCOMPARE(words, argv);
}

void TestShellQuote::split_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<StringList>("words");
    QTest::newRow("blanks separate words") << "a  b\tc\nd" << StringList{"a", "b", "c", "d"};
    QTest::newRow("single quotes keep everything") << "'a \\ \"b\" $c'" << StringList{"a \\ \"b\" $c"};
    QTest::newRow("double quotes honour four escapes")
        << "\"a\\\\b\\\"c\\$d\\`e\"" << StringList{"a\\b\"c$d`e"};
    QTest::newRow("other backslashes inside double quotes stay") << "\"a\\nb\"" << StringList{"a\\nb"};
    QTest::newRow("a backslash outside quotes escapes the next character")
        << "a\\ b \\'" << StringList{"a b", "'"};
    QTest::newRow("a backslash-newline continues the line")
        << "docker run \\\n  --rm x" << StringList{"docker", "run", "--rm", "x"};
    QTest::newRow("adjacent quoted parts form one word") << "a'b'\"c\"d" << StringList{"abcd"};
    QTest::newRow("empty quotes make an empty word") << "'' \"\"" << StringList{"", ""};
    QTest::newRow("an empty line has no words") << "   " << StringList{};
}

void TestShellQuote::split()
{
    QFETCH(QString, line);
    QFETCH(StringList, words);
    const auto split = shellSplit(line.toStdString());
    QVERIFY(split.ok());
    QCOMPARE(split.value(), words);
}

void TestShellQuote::splitRejects_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("an unterminated single quote") << "echo 'abc"
                                                  << "single quote";
    QTest::newRow("an unterminated double quote") << "echo \"abc"
                                                  << "double quote";
    QTest::newRow("a double quote ending in an escaped quote") << "echo \"abc\\\""
                                                               << "double quote";
    QTest::newRow("a lone trailing backslash") << "echo abc\\"
                                               << "backslash";
}

void TestShellQuote::splitRejects()
{
    QFETCH(QString, line);
    QFETCH(QString, message);
    const auto split = shellSplit(line.toStdString());
    QVERIFY(!split.ok());
    QCOMPARE(split.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(QString::fromStdString(split.error().message).contains(message), split.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestShellQuote)
#include "TestShellQuote.moc"
