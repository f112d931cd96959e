#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/common/VisibleText.h"
#include "tests/support/StubDocker.h"

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
    void portableQuotingAgreesWithSh_data();
    void portableQuotingAgreesWithSh();
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
    QTest::newRow("a newline is spelt as an escape") << "a\nb"
                                                     << "'a'$'\\n''b'";
    QTest::newRow("an escape character is spelt, never raw") << "\x1b[31m"
                                                             << "$'\\x1b''[31m'";
    QTest::newRow("a word of control characters is one ANSI-C quote") << "\t\r\x07"
                                                                      << "$'\\t\\r\\x07'";
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
    QTest::newRow("a right-to-left override is spelt byte by byte")
        << QString::fromUtf8("a\xe2\x80\xae") << "'a'$'\\xe2\\x80\\xae'";
    QTest::newRow("a C1 control is spelt byte by byte") << QString::fromUtf8("\xc2\x9b") << "$'\\xc2\\x9b'";
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
    QTest::newRow("C1 controls, bidi overrides and invalid UTF-8") << StringList{"\xc2\x9b"
                                                                                 "2J",
                                                                                 "\x9b",
                                                                                 "a\xe2\x80\xae"
                                                                                 "b",
                                                                                 "\xff\xfe", "\xe2\x80"};
    QTest::newRow("a newline before a hash and a command between semicolons")
        << StringList{"x\n#", ";touch PWNED;", "y\n#", "'\n#'"};
    QTest::newRow("hex digits right after an escaped byte") << StringList{"\x1b"
                                                                          "1b",
                                                                          "\x07"
                                                                          "ff",
                                                                          "\n0"};
    QTest::newRow("text that looks like the escapes themselves")
        << StringList{"$'\\x41'", "\\x1b", "$(printf '\\033')"};
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

// The quoting is checked against the shells a copied command is pasted into (bash, BusyBox ash): a stub
// docker records the words it receives.
void TestShellQuote::realShellAgrees()
{
    QFETCH(StringList, argv);
    for (const auto& a : argv) {
        if (a.find('\0') != std::string::npos) {
            QSKIP("a NUL byte cannot be passed to a process");
        }
    }
    const QList<QStringList> shells = test::interactiveShells();
    QVERIFY2(!shells.isEmpty(), "neither bash nor busybox is installed");
    const std::string line = "docker " + shellJoin(argv);
    QVERIFY(!hasHiddenCharacters(line));
    for (const QStringList& shell : shells) {
        const test::StubShellRun run = test::runWithStubDocker(shell, line + "\n");
        QVERIFY2(run.started, qPrintable(shell.join(' ')));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.calls, std::vector<StringList>{argv});
        QCOMPARE(run.leftovers, QStringList());
    }
}

void TestShellQuote::portableQuotingAgreesWithSh_data()
{
    roundTrip_data();
}

// Scripts run under any POSIX sh; dash (Debian's /bin/sh) has no $'…', so shellQuotePortable must hold there.
void TestShellQuote::portableQuotingAgreesWithSh()
{
    QFETCH(StringList, argv);
    for (const auto& a : argv) {
        if (a.find('\0') != std::string::npos) {
            QSKIP("a NUL byte cannot be passed to a process");
        }
    }
    const std::string line = "docker " + shellJoinPortable(argv);
    for (const auto& l : drydock::split(line, '\n')) {
        QVERIFY2(!hasHiddenCharacters(l), l.c_str());
    }
    const auto words = shellSplit(line);
    QVERIFY(words.ok());
    QCOMPARE(StringList(words->begin() + 1, words->end()), argv);
    const test::StubShellRun run = test::runWithStubDocker({QStringLiteral("/bin/sh")}, line + "\n");
    QVERIFY(run.started);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.calls, std::vector<StringList>{argv});
    QCOMPARE(run.leftovers, QStringList());
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
    QTest::newRow("ANSI-C quotes decode their escapes") << "$'a\\x1bb\\n\\t\\'\\\\' $'\\e\\101'"
                                                        << StringList{"a\x1b"
                                                                      "b\n\t'\\",
                                                                      "\x1b"
                                                                      "A"};
    QTest::newRow("a printf substitution in double quotes decodes octal escapes")
        << "a\"$(printf '\\033\\012')\"b" << StringList{"a\x1b\nb"};
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
    QTest::newRow("an unterminated ANSI-C quote") << "echo $'abc"
                                                  << "$' quote";
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
