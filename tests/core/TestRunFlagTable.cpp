#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/remediation/RunFlagTable.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <set>

using namespace drydock;

namespace {

// One flag as `docker run --help` of Debian's docker.io 20.10 lists it.
struct HelpFlag
{
    QString name;
    QString shortName; // "" when none
    bool takesValue = false;
    bool repeated = false; // the value type collects: list, map, ulimit, mount, gpu-request
};

// tests/data/docker-cli/run-help-20.10.txt is that help, saved verbatim; each flag line reads
// "  -c, --cpu-shares int     CPU shares …" (a switch has no type word).
QList<HelpFlag> helpFlags()
{
    QFile file(drydock::test::dataPath(QStringLiteral("docker-cli/run-help-20.10.txt")));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read the saved docker run --help");
    }
    static const QRegularExpression line(
        QStringLiteral(R"(^\s+(?:-([A-Za-z]), )?(--[a-z0-9-]+)( [a-z0-9-]+)?\s{2,})"));
    QList<HelpFlag> flags;
    for (const QString& text : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = line.match(text);
        if (m.hasMatch()) {
            static const QStringList collecting{QStringLiteral("list"), QStringLiteral("map"),
                                                QStringLiteral("ulimit"), QStringLiteral("mount"),
                                                QStringLiteral("gpu-request")};
            const QString type = m.captured(3).trimmed();
            flags.append({m.captured(2), m.captured(1), !type.isEmpty(), collecting.contains(type)});
        }
    }
    return flags;
}

QString q(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// A value each flag accepts in the compose tests (a switch takes none).
std::string sampleValue(const RunFlag& row)
{
    if (row.arity == RunFlagArity::None) {
        return {};
    }
    if (row.name == "--ulimit") {
        return "nofile=1024:2048";
    }
    return "v1";
}

RunCommand commandWith(std::vector<RunArg> options)
{
    RunCommand cmd;
    cmd.image = "nginx";
    cmd.options = std::move(options);
    return cmd;
}

RunArg argFor(const RunFlag& row, std::string value)
{
    return RunArg{std::string(row.name), value, !value.empty()};
}

std::string compose(const RunCommand& cmd)
{
    return ComposeSnippet().render("web", cmd);
}

} // namespace

// The one docker run flag table (RunFlagTable.h): right against the CLI, and read the same way by the
// builder order (RunArgSyntax), the compose writer and the hardener.
class TestRunFlagTable : public QObject
{
    Q_OBJECT

private slots:
    void matchesDockerRunHelp_data();
    void matchesDockerRunHelp();
    void listsOnlyFlagsDockerRunKnows();
    void shortFormsBecomeLongFlags_data();
    void shortFormsBecomeLongFlags();
    void builderOrderRanksEveryWrittenFlag();
    void composeWritesTheTablesKey_data();
    void composeWritesTheTablesKey();
    void composeFollowsTheBuilderOrder();
    void hardenerReadsTheTablesArity_data();
    void hardenerReadsTheTablesArity();
    void cpusetMemsIsOneFlagEverywhere_data();
    void cpusetMemsIsOneFlagEverywhere();
};

void TestRunFlagTable::matchesDockerRunHelp_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("shortName");
    QTest::addColumn<bool>("takesValue");
    QTest::addColumn<bool>("repeated");
    const QList<HelpFlag> flags = helpFlags();
    QVERIFY2(flags.size() > 90, "the saved help lists about 95 flags; the parser found too few");
    for (const HelpFlag& f : flags) {
        const QString sentence =
            f.name +
            (!f.takesValue ? QStringLiteral(" is a switch")
             : f.repeated  ? QStringLiteral(" takes values")
                           : QStringLiteral(" takes one value")) +
            (f.shortName.isEmpty() ? QString() : QStringLiteral(" and is also -") + f.shortName);
        QTest::newRow(qPrintable(sentence)) << f.name << f.shortName << f.takesValue << f.repeated;
    }
}

void TestRunFlagTable::matchesDockerRunHelp()
{
    QFETCH(QString, flag);
    QFETCH(QString, shortName);
    QFETCH(bool, takesValue);
    QFETCH(bool, repeated);
    const RunFlag* row = findRunFlag(flag.toStdString());
    QVERIFY2(row, "the table lacks a flag docker run knows");
    QCOMPARE(row->shortName ? QString(QLatin1Char(row->shortName)) : QString(), shortName);
    QCOMPARE(row->arity != RunFlagArity::None, takesValue);
    // --network's type ("network") is not a collecting one: a 20.10 daemon attaches one network at create.
    QCOMPARE(row->arity == RunFlagArity::Repeated, repeated);
}

void TestRunFlagTable::listsOnlyFlagsDockerRunKnows()
{
    std::set<QString> help;
    for (const HelpFlag& f : helpFlags()) {
        help.insert(f.name);
    }
    std::set<QString> names;
    std::set<char> shortNames;
    for (const RunFlag& row : runFlags()) {
        QVERIFY2(help.count(q(row.name)),
                 qPrintable(q(row.name) + QStringLiteral(" is not a docker run flag")));
        QVERIFY2(names.insert(q(row.name)).second,
                 qPrintable(q(row.name) + QStringLiteral(" is listed twice")));
        if (row.shortName) {
            QVERIFY2(shortNames.insert(row.shortName).second, "a short flag is listed twice");
        }
    }
    QCOMPARE(names.size(), help.size());
    QVERIFY(!findRunFlag("--bogus"));
    QVERIFY(!findRunFlag("-x"));
}

void TestRunFlagTable::shortFormsBecomeLongFlags_data()
{
    QTest::addColumn<QString>("shortFlag");
    QTest::addColumn<QString>("longFlag");
    for (const HelpFlag& f : helpFlags()) {
        if (!f.shortName.isEmpty()) {
            const QString shortFlag = QStringLiteral("-") + f.shortName;
            QTest::newRow(qPrintable(shortFlag + QStringLiteral(" is ") + f.name)) << shortFlag << f.name;
        }
    }
    QTest::newRow("a long flag stays as written") << "--env"
                                                  << "--env";
    QTest::newRow("an unknown short flag stays as written") << "-x"
                                                            << "-x";
}

void TestRunFlagTable::shortFormsBecomeLongFlags()
{
    QFETCH(QString, shortFlag);
    QFETCH(QString, longFlag);
    QCOMPARE(QString::fromStdString(longRunFlag(shortFlag.toStdString())), longFlag);
    // The hardener reads an edit's short flag through the same table.
    const RunEdit edit = normalisedEdit({RunEdit::Op::AddFlag, shortFlag.toStdString(), "1"});
    QCOMPARE(QString::fromStdString(edit.flag), longFlag);
}

void TestRunFlagTable::builderOrderRanksEveryWrittenFlag()
{
    int previous = -1;
    int written = 0;
    for (const RunFlag& row : runFlags()) {
        if (row.builderWrites) {
            const int rank = canonicalFlagRank(row.name);
            QVERIFY2(rank > previous,
                     qPrintable(q(row.name) + QStringLiteral(" is out of the builder's order")));
            previous = rank;
            ++written;
        }
    }
    QCOMPARE(written, 70);
    // Flags the builder never writes, and unknown ones, go after all of them.
    QCOMPARE(canonicalFlagRank("--platform"), written);
    QCOMPARE(canonicalFlagRank("--bogus"), written);
}

void TestRunFlagTable::composeWritesTheTablesKey_data()
{
    QTest::addColumn<QString>("flag");
    for (const RunFlag& row : runFlags()) {
        if (!row.builderWrites) {
            continue;
        }
        QString sentence;
        switch (row.compose) {
        case ComposeForm::NoEquivalent:
            sentence = q(row.name) + QStringLiteral(" is noted as having no compose equivalent");
            break;
        case ComposeForm::Implied:
            sentence = q(row.name) + QStringLiteral(" needs no compose key");
            break;
        default:
            sentence = q(row.name) + QStringLiteral(" is written under ") + q(row.composeKey);
        }
        QTest::newRow(qPrintable(sentence)) << q(row.name);
    }
}

void TestRunFlagTable::composeWritesTheTablesKey()
{
    QFETCH(QString, flag);
    const RunFlag& row = *findRunFlag(flag.toStdString());
    std::vector<RunArg> options{argFor(row, sampleValue(row))};
    if (row.name == "--network-alias") {
        options.insert(options.begin(), RunArg{"--network", "backend", true}); // an alias needs its network
    }
    const std::string yaml = compose(commandWith(options));
    const bool noted = yaml.find("# docker run " + flag.toStdString() + " has no compose equivalent here") !=
                       std::string::npos;
    QCOMPARE(noted, row.compose == ComposeForm::NoEquivalent);
    if (row.compose == ComposeForm::NoEquivalent || row.compose == ComposeForm::Implied) {
        QVERIFY(row.composeKey.empty());
        QCOMPARE(q(yaml).count(QLatin1Char('\n')), noted ? 4 : 3); // services:, the service, image (, note)
    } else {
        QVERIFY2(yaml.find("\n    " + std::string(row.composeKey) + ":") != std::string::npos, yaml.c_str());
    }
}

void TestRunFlagTable::composeFollowsTheBuilderOrder()
{
    // Every flag the builder writes, given in reverse: the compose keys still come in the table's order.
    std::vector<RunArg> options;
    for (const RunFlag& row : runFlags()) {
        if (row.builderWrites && row.name != "--no-healthcheck") { // it would hide the --health-* keys
            options.insert(options.begin(), argFor(row, sampleValue(row)));
        }
    }
    const std::string yaml = compose(commandWith(options));
    std::size_t previous = 0;
    std::string previousKey;
    for (const RunFlag& row : runFlags()) {
        if (!row.builderWrites || row.composeKey.empty() || row.composeKey == previousKey) {
            continue;
        }
        const std::size_t at = yaml.find("\n    " + std::string(row.composeKey) + ":");
        QVERIFY2(at != std::string::npos, qPrintable(q(row.composeKey)));
        QVERIFY2(at > previous, qPrintable(q(row.composeKey) + QStringLiteral(" comes too early")));
        previous = at;
        previousKey = row.composeKey;
    }
}

void TestRunFlagTable::hardenerReadsTheTablesArity_data()
{
    QTest::addColumn<QString>("flag");
    for (const RunFlag& row : runFlags()) {
        // --network joins further networks (follow-ups) and --cap-drop ALL replaces the list: both have
        // their own tests in TestRunCommandHardener.
        if (row.name == "--network") {
            continue;
        }
        const char* how = row.arity == RunFlagArity::None     ? " is added once, without a value"
                          : row.arity == RunFlagArity::Single ? " keeps only the last value"
                                                              : " keeps every value";
        QTest::newRow(qPrintable(q(row.name) + QLatin1String(how))) << q(row.name);
    }
}

void TestRunFlagTable::hardenerReadsTheTablesArity()
{
    QFETCH(QString, flag);
    const RunFlag& row = *findRunFlag(flag.toStdString());
    const std::string f(row.name);
    // Upper case: the hardener spells capability values that way.
    const RunCommand hardened = RunCommandHardener().apply(
        commandWith({}), {{RunEdit::Op::AddFlag, f, "V1"}, {RunEdit::Op::AddFlag, f, "V2"}});
    const auto count = std::count_if(hardened.options.begin(), hardened.options.end(),
                                     [&](const RunArg& a) { return a.flag == f; });
    switch (row.arity) {
    case RunFlagArity::None:
        QCOMPARE(count, 1);
        QVERIFY(std::none_of(hardened.options.begin(), hardened.options.end(),
                             [&](const RunArg& a) { return a.flag == f && a.hasValue; }));
        break;
    case RunFlagArity::Single:
        QCOMPARE(hardened.values(f), StringList{"V2"});
        break;
    case RunFlagArity::Repeated:
        QCOMPARE(hardened.values(f), (StringList{"V1", "V2"}));
        break;
    }
}

void TestRunFlagTable::cpusetMemsIsOneFlagEverywhere_data()
{
    // The two old lists disagreed on --cpuset-mems: the builder order had it, the compose list did not.
    // Both were right about their own question: it is a docker run flag the builder writes after
    // --cpuset-cpus, and the compose specification has no key for it (only "cpuset", for CPUs).
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("hardened");
    QTest::addColumn<QString>("composeLine");

    QTest::newRow("it goes after --cpuset-cpus and compose notes it")
        << "0"
        << "docker run --cpuset-cpus 0-3 --cpuset-mems 0 --blkio-weight 500 nginx"
        << "    # docker run --cpuset-mems has no compose equivalent here";
    QTest::newRow("a NUMA node list is one value")
        << "0,1"
        << "docker run --cpuset-cpus 0-3 --cpuset-mems 0,1 --blkio-weight 500 nginx"
        << "    cpuset: \"0-3\"";
}

void TestRunFlagTable::cpusetMemsIsOneFlagEverywhere()
{
    QFETCH(QString, value);
    QFETCH(QString, hardened);
    QFETCH(QString, composeLine);
    const RunFlag* row = findRunFlag("--cpuset-mems");
    QVERIFY(row);
    QCOMPARE(row->arity, RunFlagArity::Single);
    QVERIFY(row->builderWrites);
    QCOMPARE(row->compose, ComposeForm::NoEquivalent);
    QCOMPARE(canonicalFlagRank("--cpuset-mems"), canonicalFlagRank("--cpuset-cpus") + 1);

    const RunCommand base = commandWith({{"--cpuset-cpus", "0-3", true}, {"--blkio-weight", "500", true}});
    const RunCommand cmd =
        RunCommandHardener().apply(base, {{RunEdit::Op::AddFlag, "--cpuset-mems", "9"},
                                          {RunEdit::Op::AddFlag, "--cpuset-mems", value.toStdString()}});
    QCOMPARE(QString::fromStdString(cmd.renderOneLine()), hardened);
    QVERIFY2(compose(cmd).find(composeLine.toStdString() + "\n") != std::string::npos, compose(cmd).c_str());
}

QTEST_APPLESS_MAIN(TestRunFlagTable)
#include "TestRunFlagTable.moc"
