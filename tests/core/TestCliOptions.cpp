// The command line's option tables (app/cli/Help.cpp) and the parser and help lines made from them: an
// option cannot be parsed but missing from its command's --help, nor named in a help text but refused.
#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"

#include <QRegularExpression>
#include <QTest>

#include <functional>
#include <set>

using namespace drydock::app;

namespace {

// A command's table and its help text, as the test rows name them.
struct Command
{
    const CommandSpec& spec;
    std::string help;
};

Command command(const QString& name)
{
    static const std::map<QString, std::function<Command()>> commands{
        {"drydock",
         [] {
             return Command{guiSpec(), mainHelp()};
         }},
        {"inventory",
         [] {
             return Command{inventorySpec(), inventoryHelp()};
         }},
        {"scan",
         [] {
             return Command{scanSpec(), scanHelp()};
         }},
        {"history",
         [] {
             return Command{historySpec(), historyHelp()};
         }},
        {"report",
         [] {
             return Command{reportSpec(), reportHelp()};
         }},
        {"harden",
         [] {
             return Command{hardenSpec(), hardenHelp()};
         }},
        {"demo",
         [] {
             return Command{demoSpec(), demoHelp()};
         }},
        {"endpoints",
         [] {
             return Command{endpointsSpec(), endpointsHelp()};
         }},
        {"benchmark",
         [] {
             return Command{benchmarkSpec(), benchmarkHelp()};
         }},
        {"watch",
         [] {
             return Command{watchSpec(), watchHelp()};
         }},
    };
    return commands.at(name)();
}

const QStringList kCommands{"inventory", "scan",      "history",   "report", "harden",
                            "demo",      "endpoints", "benchmark", "watch"};

// "positionals: a b | --format=json --verbose=" : what a parse produced, in one comparable line.
QString describe(const ParsedArgs& args)
{
    QStringList words;
    for (const auto& p : args.positionals) {
        words << QString::fromStdString(p);
    }
    QStringList options;
    for (const auto& [name, value] : args.options) {
        options << QString::fromStdString(name + "=" + value);
    }
    return QStringLiteral("positionals: ") + words.join(' ') + QStringLiteral(" | ") + options.join(' ');
}

// The options a help text names ("--fail-on"), up to its exit codes (which speak of scan's options).
std::set<QString> optionsNamedIn(const std::string& help)
{
    QString text = QString::fromStdString(help);
    if (const auto exitCodes = text.indexOf(QStringLiteral("Exit codes")); exitCodes >= 0) {
        text.truncate(exitCodes);
    }
    std::set<QString> names;
    static const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z][a-z-]*[a-z]"));
    for (auto it = option.globalMatch(text); it.hasNext();) {
        names.insert(it.next().captured());
    }
    return names;
}

CommandSpec sample()
{
    return {"sample",
            {{"--format", OptionKind::Value, "F", "text or json"},
             {"--only", OptionKind::Repeatable, "AREA,…", "only these areas:\nimage or container"},
             {"--a-very-long-option", OptionKind::Value, "VALUE", "one space after it"},
             {"--quiet", OptionKind::Flag, "", "say less"},
             {"--db", OptionKind::Value, "FILE"},
             {"--fleet", OptionKind::Flag, "", "every saved endpoint", "fleet"}},
            1};
}

} // namespace

// Parsing and help lines from one table per command.
class TestCliOptions : public QObject
{
    Q_OBJECT
private slots:
    void parsesWhatTheTableDeclares_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a value option takes the next word")
            << QStringList{"--format", "json"} << "positionals:  | --format=json";
        QTest::newRow("a value option takes what follows =")
            << QStringList{"--format=a=b"} << "positionals:  | --format=a=b";
        QTest::newRow("a repeated option keeps every value in order")
            << QStringList{"--only", "image", "--only=container"}
            << "positionals:  | --only=image --only=container";
        QTest::newRow("a flag is recorded without a value")
            << QStringList{"--quiet"} << "positionals:  | --quiet=";
        QTest::newRow("--help and -h are accepted without a table entry")
            << QStringList{"--help", "-h"} << "positionals:  | --help= -h=";
        QTest::newRow("after -- an option-looking word is a positional")
            << QStringList{"--", "--quiet"} << "positionals: --quiet | ";
        QTest::newRow("a lone dash is a positional") << QStringList{"-"} << "positionals: - | ";
    }
    void parsesWhatTheTableDeclares()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, expected);
        std::vector<std::string> w;
        for (const auto& word : words) {
            w.push_back(word.toStdString());
        }
        std::string error;
        const auto args = ArgParser::parse(sample(), w, error);
        QVERIFY2(args, error.c_str());
        QCOMPARE(describe(*args), expected);
        QCOMPARE(QString::fromStdString(args->command), QStringLiteral("sample"));
        QCOMPARE(args->wantsHelp(),
                 words.contains(QStringLiteral("--help")) || words.contains(QStringLiteral("-h")));
    }

    void refusesWhatTheTableDoesNotDeclare_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("an unknown option names the command and its help")
            << "scan" << QStringList{"--frob"}
            << "unknown option --frob for 'scan' (see drydock scan --help)";
        QTest::newRow("an unknown option of the desktop application points to drydock --help")
            << "drydock" << QStringList{"--frob"}
            << "unknown option --frob for 'drydock' (see drydock --help)";
        QTest::newRow("another command's option is unknown here")
            << "report" << QStringList{"--fail-on", "high"}
            << "unknown option --fail-on for 'report' (see drydock report --help)";
        QTest::newRow("a value option as the last word says it needs a value")
            << "inventory" << QStringList{"--format"} << "option --format needs a value";
        QTest::newRow("a flag given a value is refused")
            << "scan" << QStringList{"--verbose=yes"}
            << "unknown option --verbose for 'scan' (see drydock scan --help)";
        QTest::newRow("a positional beyond the command's count is refused")
            << "report" << QStringList{"1", "2"} << "unexpected argument '2' for 'report'";
        QTest::newRow("a command without positionals refuses one")
            << "scan" << QStringList{"nginx"} << "unexpected argument 'nginx' for 'scan'";
    }
    void refusesWhatTheTableDoesNotDeclare()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        std::vector<std::string> w;
        for (const auto& word : words) {
            w.push_back(word.toStdString());
        }
        std::string message;
        QVERIFY(!ArgParser::parse(::command(command).spec, w, message));
        QCOMPARE(QString::fromStdString(message), error);
    }

    void everyTableIsWellFormed_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("drydock without a command") << "drydock";
        for (const auto& c : kCommands) {
            QTest::newRow(qPrintable(c + QStringLiteral("'s table"))) << c;
        }
    }
    void everyTableIsWellFormed()
    {
        QFETCH(QString, command);
        std::set<std::string> seen;
        for (const auto& option : ::command(command).spec.options) {
            const QString name = QString::fromStdString(option.name);
            QVERIFY2(name.startsWith(QStringLiteral("--")), qPrintable(name));
            QVERIFY2(seen.insert(option.name).second, qPrintable(name + QStringLiteral(" is listed twice")));
            QVERIFY2(name != QStringLiteral("--help"), "--help is every command's; no table lists it");
            QVERIFY2(option.help.find("(repeatable)") == std::string::npos ||
                         option.kind == OptionKind::Repeatable,
                     qPrintable(name + QStringLiteral(" says it is repeatable but is not declared so")));
            QVERIFY2(option.kind == OptionKind::Flag || !option.valueName.empty(),
                     qPrintable(name + QStringLiteral(" takes a value but names none")));
        }
    }

    void everyOptionIsNamedInItsHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("drydock --help names the desktop application's options") << "drydock";
        for (const auto& c : kCommands) {
            QTest::newRow(qPrintable(QStringLiteral("drydock ") + c +
                                     QStringLiteral(" --help names every option it parses")))
                << c;
        }
    }
    void everyOptionIsNamedInItsHelp()
    {
        QFETCH(QString, command);
        const Command c = ::command(command);
        const std::set<QString> named = optionsNamedIn(c.help);
        for (const auto& option : c.spec.options) {
            QVERIFY2(named.count(QString::fromStdString(option.name)),
                     qPrintable(QString::fromStdString(option.name) +
                                QStringLiteral(" is parsed but not in the help")));
        }
    }

    void everyOptionTheHelpNamesIsParsed_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("otherCommands"); // options of other commands the text refers to
        QTest::newRow("inventory") << "inventory" << QStringList{};
        QTest::newRow("scan") << "scan" << QStringList{};
        QTest::newRow("history") << "history" << QStringList{};
        QTest::newRow("report") << "report" << QStringList{};
        QTest::newRow("harden") << "harden" << QStringList{};
        QTest::newRow("demo") << "demo" << QStringList{};
        QTest::newRow("watch") << "watch" << QStringList{};
        QTest::newRow("endpoints, which names scan's --fleet") << "endpoints" << QStringList{"--fleet"};
    }
    void everyOptionTheHelpNamesIsParsed()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, otherCommands);
        const Command c = ::command(command);
        for (const auto& name : optionsNamedIn(c.help)) {
            if (otherCommands.contains(name)) {
                QVERIFY2(!c.spec.find(name.toStdString()),
                         qPrintable(name + QStringLiteral(" is parsed now")));
                continue;
            }
            QVERIFY2(c.spec.find(name.toStdString()),
                     qPrintable(name + QStringLiteral(" is in the help but ") + command +
                                QStringLiteral(" refuses it")));
        }
    }

    void helpLinesComeFromTheTable_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("expected");
        QTest::newRow(
            "the main list: labels padded to the column, continuation lines indented, no line for an "
            "option the usage names")
            << ""
            << "  --format F          text or json\n"
               "  --only AREA,…       only these areas:\n"
               "                      image or container\n"
               "  --a-very-long-option VALUE one space after it\n"
               "  --quiet             say less\n";
        QTest::newRow("another list shows only its own options")
            << "fleet"
            << "  --fleet             every saved endpoint\n";
    }
    void helpLinesComeFromTheTable()
    {
        QFETCH(QString, list);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(optionHelp(sample(), 22, list.toStdString())), expected);
    }
};

QTEST_APPLESS_MAIN(TestCliOptions)
#include "TestCliOptions.moc"
