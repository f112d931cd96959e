#include "core/common/Strings.h"
#include "core/common/Utf8.h"
#include "core/common/VisibleText.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/json/ModelParser.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/report/CsvReportWriter.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/ReportData.h"
#include "core/report/ScanJson.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/contents/ContentRuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/scan/ObjectRemediation.h"
#include "core/scan/RuleEngine.h"
#include "tests/support/StubDocker.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <set>

using namespace drydock;

namespace {

// Values an attacker controls through a container's configuration, its file system or a hostile daemon; each
// breaks one way of assembling shell, Dockerfile or Markdown text by hand.
void addHostileRows()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("a newline followed by a hash") << QByteArray("x\n#");
    QTest::newRow("a command between semicolons") << QByteArray(";touch PWNED;");
    QTest::newRow("a quote that closes, runs and reopens") << QByteArray("'; touch PWNED; '");
    QTest::newRow("a command substitution and backticks") << QByteArray("$(touch PWNED)`touch PWNED`");
    QTest::newRow("double quotes and a trailing backslash") << QByteArray("say \"hi\"\\");
    QTest::newRow("an escape sequence that retitles the terminal") << QByteArray("\x1b]0;owned\x07\x1b[2J");
    QTest::newRow("a C1 control sequence introducer") << QByteArray("\xc2\x9b"
                                                                    "31m");
    QTest::newRow("a lone 0x9b byte and other invalid UTF-8") << QByteArray("\x9b"
                                                                            "31m\xff\xfe");
    QTest::newRow("a right-to-left override") << QByteArray("abc\xe2\x80\xae"
                                                            "fed");
    QTest::newRow("a carriage return that hides what follows") << QByteArray("safe\r;touch PWNED;");
    QTest::newRow("an option") << QByteArray("--privileged");
    QTest::newRow("the words that end the script's if") << QByteArray("\nthen\nfi\ntouch PWNED\n");
    QTest::newRow("markdown fences, html and a table cell") << QByteArray("```\n<img src=x>|~~~\n    code");
    QTest::newRow("printf escapes and formats") << QByteArray("\\033%s%n\\c");
}

std::string bytes(const QByteArray& value)
{
    return value.toStdString();
}

bool linesVisible(const std::string& text)
{
    for (const auto& line : split(text, '\n')) {
        if (hasHiddenCharacters(line)) {
            return false;
        }
    }
    return true;
}

Container baseContainer()
{
    auto c = json::parseContainer(test::readData(QStringLiteral("api-1.41/container-webapp.json")));
    return c ? c.value() : Container{};
}

// The webapp container with the hostile value in its name, env (keys and values), labels, command and an
// extra network with an alias; writable, so that the plan makes the root read-only with tmpfs directories.
Container hostileContainer(const std::string& v)
{
    Container c = baseContainer();
    c.name = v + "-app";
    c.hostConfig.readonlyRootfs = false;
    c.config.env = {"A=x\n#", "B=" + v, "C=y\n#", "PATH=/bin"};
    if (!v.empty() && v.find('=') == std::string::npos) {
        c.config.env.push_back(v + "=1");
    }
    c.config.labels = {{"com.example.team", "core"}, {"com.example." + v, v}};
    c.config.cmd = {"sleep", v};
    EndpointSettings extra;
    extra.networkName = v;
    extra.aliases = {v};
    c.networks.push_back(extra);
    return c;
}

std::vector<StringList> callsOf(const RunCommand& command)
{
    std::vector<StringList> calls{command.argv()};
    for (const auto& f : command.followUps) {
        calls.push_back(f.argv());
    }
    return calls;
}

bool hasWord(const StringList& argv, const std::string& word)
{
    return std::find(argv.begin(), argv.end(), word) != argv.end();
}

std::vector<Finding> findingsOf(const Inventory& inventory)
{
    static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    return RuleEngine(catalogue).evaluate(inventory, ScanSettings{}, 1'700'000'000).all();
}

// The plan a person gets from `drydock harden`: findings from every rule, and directories the container
// created (as GET /containers/{id}/changes reports them) that must stay writable under a read-only root.
HardeningPlan planFor(const Container& c, const std::string& v)
{
    Inventory inventory;
    inventory.containers.push_back(c);
    const std::vector<FileChange> changes{{"/a\n#", 1}, {"/b;touch PWNED;", 1}, {"/c\n#", 1}, {"/" + v, 1}};
    HardeningPlan plan = HardeningPlanner().planContainer(c, nullptr, findingsOf(inventory), changes, {});
    plan.chooseAll(ChangeChoice::Apply);
    return plan;
}

RunCommand afterOf(const HardeningPlan& plan)
{
    return RunCommandHardener().apply(plan.before, plan.chosenEdits());
}

QString why(const test::StubShellRun& run, const std::string& text)
{
    return QStringLiteral("exit %1, stderr: %2\n--- text ---\n%3")
        .arg(run.exitCode)
        .arg(run.errors, QString::fromStdString(visibleText(text.substr(0, 6000))));
}

// What a run of shell text did must be exactly these calls and nothing else.
void checkRun(const test::StubShellRun& run, const std::string& text, const std::vector<StringList>& calls,
              int exitCode = 0)
{
    QVERIFY(run.started);
    QVERIFY2(run.leftovers.isEmpty(), qPrintable(run.leftovers.join(' ') + "\n" + why(run, text)));
    QVERIFY2(run.exitCode == exitCode, qPrintable(why(run, text)));
    QVERIFY2(run.calls.size() == calls.size(), qPrintable(why(run, text)));
    for (std::size_t i = 0; i < calls.size(); ++i) {
        QVERIFY2(run.calls[i] == calls[i],
                 qPrintable(QStringLiteral("call %1 differs: got %2\nwant %3\n")
                                .arg(i)
                                .arg(QString::fromStdString(visibleText(join(run.calls[i], " | "))),
                                     QString::fromStdString(visibleText(join(calls[i], " | ")))) +
                            why(run, text)));
    }
}

// Each copied or saved text runs under the given shell against the stub docker.
void expectRun(const QStringList& shell, const std::string& text, const std::vector<StringList>& calls,
               int exitCode = 0, const QString& inspectAnswer = QStringLiteral("true"))
{
    checkRun(test::runWithStubDocker(shell, text, inspectAnswer), text, calls, exitCode);
}

// The calls the plan script makes for a container that stays up: stop, keep as backup, run hardened, join
// the other networks, check it runs. The backup's timestamp comes from the clock, so it is taken from the
// run.
// The original's restart policy other than "no", which the script takes from the backup and gives back.
std::string restartOf(const HardeningPlan& plan)
{
    for (const auto& o : plan.before.options) {
        if (o.flag == "--restart" && o.value != "no") {
            return o.value;
        }
    }
    return {};
}

std::vector<StringList> scriptCalls(const std::string& name, const RunCommand& after,
                                    const std::string& backup, const std::string& restart = {})
{
    std::vector<StringList> calls{
        {"stop", "--", name}, {"inspect", "-f", "{{.Id}}", "--", name}, {"rename", "--", name, backup}};
    if (!restart.empty()) {
        calls.push_back({"update", "--restart", "no", "--", backup});
    }
    for (const auto& c : callsOf(after)) {
        calls.push_back(c);
    }
    calls.push_back({"inspect", "-f", "{{.State.Running}}", "--", name});
    return calls;
}

std::string backupOf(const test::StubShellRun& run, const std::string& name)
{
    for (const auto& call : run.calls) {
        if (call.size() == 4 && call[0] == "rename" && call[2] == name &&
            startsWith(call[3], name + "-drydock-backup-")) {
            return call[3];
        }
    }
    return {};
}

QString python()
{
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

// Every line of a Dockerfile text is empty, a comment or one instruction (a continuation only after a line
// ending in a backslash); exec-form RUN lines are decoded by python3's json module, returned in order.
bool checkDockerfile(const std::string& text, std::vector<StringList>& execRuns, QString& problem)
{
    static const std::set<std::string> instructions{
        "FROM",   "RUN",  "CMD",     "LABEL", "EXPOSE",  "ENV",        "ADD",         "COPY", "ENTRYPOINT",
        "VOLUME", "USER", "WORKDIR", "ARG",   "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"};
    StringList jsonLines;
    bool continued = false;
    for (const auto& line : split(text, '\n')) {
        if (hasHiddenCharacters(line)) {
            problem = "a line holds a hidden character: " + QString::fromStdString(visibleText(line));
            return false;
        }
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') {
            continue;
        }
        if (!continued) {
            const std::string word = t.substr(0, t.find(' '));
            if (!instructions.count(word)) {
                problem = "not an instruction: " + QString::fromStdString(line);
                return false;
            }
            if (startsWith(t, "RUN [")) {
                jsonLines.push_back(t.substr(4));
            }
        }
        continued = endsWith(t, "\\");
    }
    if (jsonLines.empty()) {
        return true;
    }
    QProcess py;
    py.start(
        python(),
        {QStringLiteral("-c"),
         QStringLiteral(
             "import json,sys\n"
             "for line in sys.stdin.buffer.read().decode('utf-8').split('\\n'):\n"
             "    words = json.loads(line)\n"
             "    assert isinstance(words, list) and all(isinstance(w, str) for w in words)\n"
             "    sys.stdout.buffer.write(b''.join(w.encode('utf-8') + b'\\0' for w in words) + b'\\1')\n")});
    py.write(QByteArray::fromStdString(join(jsonLines, "\n")));
    py.closeWriteChannel();
    if (!py.waitForFinished(30000) || py.exitCode() != 0) {
        problem = "python3 cannot parse an exec-form RUN: " + QString::fromUtf8(py.readAllStandardError());
        return false;
    }
    StringList words;
    std::string current;
    for (const char c : py.readAllStandardOutput()) {
        if (c == '\0') {
            words.push_back(current);
            current.clear();
        } else if (c == '\1') {
            execRuns.push_back(words);
            words.clear();
        } else {
            current += c;
        }
    }
    return true;
}

struct Markdown
{
    QStringList elements;                                    // every element name, in document order
    QStringList headings;                                    // their text
    std::vector<std::pair<QString, std::string>> codeBlocks; // info, literal
};

// cmark's XML form of a Markdown text: where every value ended up after a CommonMark parser read it.
bool parseMarkdown(const std::string& text, Markdown& out, QString& problem)
{
    const QString cmark = QStandardPaths::findExecutable(QStringLiteral("cmark"));
    if (cmark.isEmpty()) {
        problem = QStringLiteral("cmark is not installed (apt-get install cmark)");
        return false;
    }
    QProcess p;
    p.start(cmark, {QStringLiteral("--to"), QStringLiteral("xml")});
    p.write(QByteArray::fromStdString(text));
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        problem = QStringLiteral("cmark failed");
        return false;
    }
    QXmlStreamReader xml(p.readAllStandardOutput());
    QString heading;
    int headingDepth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            out.elements << xml.name().toString();
            if (xml.name() == QLatin1String("heading")) {
                headingDepth = 1;
                heading.clear();
            } else if (headingDepth > 0) {
                ++headingDepth;
            }
            if (xml.name() == QLatin1String("code_block")) {
                const QString info = xml.attributes().value(QLatin1String("info")).toString();
                out.codeBlocks.emplace_back(info, xml.readElementText().toStdString());
            }
        } else if (xml.isCharacters() && headingDepth > 1) {
            heading += xml.text();
        } else if (xml.isEndElement() && headingDepth > 0) {
            if (--headingDepth == 0) {
                out.headings << heading;
            }
        }
    }
    if (xml.hasError()) {
        problem = xml.errorString();
        return false;
    }
    return true;
}

std::string htmlUnescape(std::string text)
{
    text = replaceAll(std::move(text), "&lt;", "<");
    text = replaceAll(std::move(text), "&gt;", ">");
    text = replaceAll(std::move(text), "&quot;", "\"");
    text = replaceAll(std::move(text), "&#39;", "'");
    return replaceAll(std::move(text), "&amp;", "&");
}

// The text of every <pre> after a "Remediated command" heading in the browser report.
StringList htmlCommands(const std::string& html)
{
    StringList out;
    // Since #20 one hardened command per object: its label, a note on what it holds, then the command.
    const std::string marker = "<b>Hardened command</b>";
    for (std::size_t at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
        const std::size_t begin = html.find("<pre>", at) + 5;
        out.push_back(htmlUnescape(html.substr(begin, html.find("</pre>", begin) - begin)));
    }
    return out;
}

} // namespace

// Everything Drydock prints for a person to copy or run, checked by running it: shell text goes to sh, bash
// and BusyBox with a stub docker that records its argv, Dockerfile lines to a strict checker and python3's
// json module, Markdown to cmark. Hostile values come from every place an attacker controls.
class TestHostileOutputs : public QObject
{
    Q_OBJECT

private slots:
    void copiedCommandsRunExactly_data() { addHostileRows(); }
    void copiedCommandsRunExactly()
    {
        QFETCH(QByteArray, value);
        const Container c = hostileContainer(bytes(value));
        const RunCommand before = RunCommandBuilder().build(c, nullptr);
        QVERIFY(hasWord(before.argv(), "B=" + bytes(value)));
        QVERIFY(hasWord(before.argv(), "A=x\n#"));
        QCOMPARE(before.followUps.size(), std::size_t(1));
        const RunCommand after = afterOf(planFor(c, bytes(value)));
        for (const RunCommand* command : {&before, &after}) {
            for (const std::string& text : {command->render(), command->renderOneLine()}) {
                QVERIFY2(!hasHiddenCharacters(replaceAll(text, "\n", " ")), visibleText(text).c_str());
                for (const QStringList& shell : test::interactiveShells()) {
                    expectRun(shell, text + "\n", callsOf(*command));
                }
            }
        }
    }

    void planScriptRunsExactlyUnderShAndBash_data() { addHostileRows(); }
    void planScriptRunsExactlyUnderShAndBash()
    {
        QFETCH(QByteArray, value);
        const Container c = hostileContainer(bytes(value));
        const HardeningPlan plan = planFor(c, bytes(value));
        const RunCommand after = afterOf(plan);
        for (const char* dir : {"/a\n#", "/b;touch PWNED;", "/c\n#"}) {
            QVERIFY2(hasWord(after.argv(), std::string(dir) + ":rw,nosuid,size=64m,mode=1777"), dir);
        }
        const std::string script = renderPlanScript(plan);
        QVERIFY2(linesVisible(script), visibleText(script).c_str());
        QVERIFY(linesVisible(renderPlanText(plan)));
        for (const QStringList& shell :
             {QStringList{QStringLiteral("/bin/sh")}, QStringList{QStringLiteral("/bin/bash")}}) {
            const test::StubShellRun run = test::runWithStubDocker(shell, script);
            const std::string backup = backupOf(run, c.name);
            QVERIFY2(!backup.empty(), qPrintable(why(run, script)));
            checkRun(run, script, scriptCalls(c.name, after, backup, restartOf(plan)));
            QVERIFY(!hasHiddenCharacters(replaceAll(run.errors.toStdString(), "\n", " ")));
        }
    }

    void planScriptRollsBackExactly()
    {
        const std::string v = "\x1b]0;x\x07;touch PWNED;\n#";
        const Container c = hostileContainer(v);
        const HardeningPlan plan = planFor(c, v);
        const std::string script = renderPlanScript(plan);
        const test::StubShellRun run =
            test::runWithStubDocker({QStringLiteral("/bin/sh")}, script, QStringLiteral("false"));
        const std::string backup = backupOf(run, c.name);
        QVERIFY(!backup.empty());
        const std::string restart = restartOf(plan);
        std::vector<StringList> calls = scriptCalls(c.name, afterOf(plan), backup, restart);
        calls.push_back({"rm", "-f", "--", c.name});
        calls.push_back({"rename", "--", backup, c.name});
        if (!restart.empty()) {
            calls.push_back({"update", "--restart", restart, "--", c.name});
        }
        calls.push_back({"start", "--", c.name});
        checkRun(run, script, calls, 1);
        QVERIFY2(run.errors.contains(QStringLiteral("\\u001b]0;x\\u0007")), qPrintable(run.errors));
    }

    // The script keeps the apply path's promises: the backup of a container with a restart policy gets "no"
    // while it is kept and its policy back on rollback; a --rm container is refused before any docker call.
    void planScriptKeepsTheBackupFromRestarting_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("inspectAnswer");
        QTest::newRow("always, hardened container stays up") << "always" << "true";
        QTest::newRow("unless-stopped, rolled back") << "unless-stopped" << "false";
        QTest::newRow("on-failure with retries, rolled back") << "on-failure:3" << "false";
    }
    void planScriptKeepsTheBackupFromRestarting()
    {
        QFETCH(QString, policy);
        QFETCH(QString, inspectAnswer);
        Container c = hostileContainer("x;touch PWNED;");
        const std::string p = policy.toStdString();
        const auto colon = p.find(':');
        c.hostConfig.restartPolicy.name = p.substr(0, colon);
        c.hostConfig.restartPolicy.maximumRetryCount = colon == std::string::npos ? 0 : std::stoi(p.substr(colon + 1));
        const HardeningPlan plan = planFor(c, "x;touch PWNED;");
        QCOMPARE(QString::fromStdString(restartOf(plan)), policy);
        const std::string script = renderPlanScript(plan);
        const test::StubShellRun run = test::runWithStubDocker({QStringLiteral("/bin/sh")}, script, inspectAnswer);
        const std::string backup = backupOf(run, c.name);
        QVERIFY2(!backup.empty(), qPrintable(why(run, script)));
        std::vector<StringList> calls = scriptCalls(c.name, afterOf(plan), backup, p);
        const bool stays = inspectAnswer == QStringLiteral("true");
        if (!stays) {
            calls.push_back({"rm", "-f", "--", c.name});
            calls.push_back({"rename", "--", backup, c.name});
            calls.push_back({"update", "--restart", p, "--", c.name});
            calls.push_back({"start", "--", c.name});
        }
        checkRun(run, script, calls, stays ? 0 : 1);
    }

    void planScriptRefusesAContainerStartedWithRm()
    {
        Container c = hostileContainer("y");
        c.hostConfig.autoRemove = true;
        const HardeningPlan plan = planFor(c, "y");
        const std::string script = renderPlanScript(plan);
        const test::StubShellRun run = test::runWithStubDocker({QStringLiteral("/bin/sh")}, script);
        checkRun(run, script, {}, 1);
        QVERIFY2(run.errors.contains(QStringLiteral("--rm")), qPrintable(run.errors));
    }

    void optionLikeImageIsNeverRun_data()
    {
        QTest::addColumn<QByteArray>("image");
        QTest::addColumn<QByteArray>("imageId");
        QTest::addColumn<bool>("usesId");
        QTest::newRow("an option as the reference, with a usable id")
            << QByteArray("--privileged") << QByteArray("sha256:f26b") << true;
        QTest::newRow("a short option, with a usable id")
            << QByteArray("-v/:/host") << QByteArray("sha256:f26b") << true;
        QTest::newRow("a newline then an option, with a usable id")
            << QByteArray("busybox\n-x") << QByteArray("sha256:f26b") << true;
        QTest::newRow("an option as the reference and as the id")
            << QByteArray("--privileged") << QByteArray("--rm") << false;
        QTest::newRow("a space and an option, and no id")
            << QByteArray(" --privileged") << QByteArray("") << false;
    }
    void optionLikeImageIsNeverRun()
    {
        QFETCH(QByteArray, image);
        QFETCH(QByteArray, imageId);
        QFETCH(bool, usesId);
        Container c = hostileContainer("x");
        c.config.image = bytes(image);
        c.imageId = bytes(imageId);
        const HardeningPlan plan = planFor(c, "x");
        const RunCommand before = RunCommandBuilder().build(c, nullptr);
        if (usesId) {
            QCOMPARE(before.image, bytes(imageId));
            QVERIFY(before.unrenderableReason().empty());
            expectRun({QStringLiteral("/bin/bash")}, before.render(), callsOf(before));
            return;
        }
        for (const std::string& text : {before.render(), before.renderOneLine(), afterOf(plan).render()}) {
            QVERIFY2(!contains(text, "docker run"), text.c_str());
            QVERIFY(contains(text, "not one the docker CLI accepts"));
            expectRun({QStringLiteral("/bin/bash")}, text, {});
        }
        const std::string script = renderPlanScript(plan);
        expectRun({QStringLiteral("/bin/sh")}, script, {}, 1);
    }

    void dockerfileSnippetsAreOneInstructionEach_data()
    {
        addHostileRows();
        QTest::newRow("a path that closes the JSON array")
            << QByteArray("x\", \"; touch PWNED\"]\nRUN [\"touch\", \"PWNED");
        QTest::newRow("a path that looks like a parser directive") << QByteArray("syntax=evil/frontend");
    }
    void dockerfileSnippetsAreOneInstructionEach()
    {
        QFETCH(QByteArray, value);
        const std::string path = "srv/" + bytes(value);
        Image image;
        image.id = "sha256:abc";
        image.repoTags = {"app:1"};
        image.config.labels = {{"DB_PASSWORD" + bytes(value), "Hx9vQ2kLp7Zr4TsWq8"}};
        ImageContents contents;
        contents.imageId = image.id;
        contents.layers = {{"l0/layer.tar", "sha256:0", "ADD rootfs.tar /", 1000, 10}};
        FileEntry dir;
        dir.type = FileEntry::Type::Directory;
        dir.mode = 0777;
        contents.files[path] = dir;
        FileEntry capable;
        capable.mode = 0755;
        capable.hasCapabilities = true;
        contents.files[path + "-tool"] = capable;

        static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        std::vector<Finding> findings = evaluateContentRules(catalogue, ScanSettings{}, image, contents);
        Inventory inventory;
        inventory.images.push_back(image);
        for (auto& f : findingsOf(inventory)) {
            findings.push_back(std::move(f));
        }
        std::map<std::string, StringList> wanted{{"IMG-111", {"chmod", "o-w", "/" + path}},
                                                 {"IMG-102", {"setcap", "-r", "/" + path + "-tool"}}};
        const bool utf8 = isValidUtf8(path);
        std::set<std::string> seen;
        for (const auto& f : findings) {
            std::vector<StringList> runs;
            QString problem;
            QVERIFY2(checkDockerfile(f.remediation.dockerfile, runs, problem),
                     qPrintable(QString::fromStdString(f.ruleId + ": ") + problem));
            const auto it = wanted.find(f.ruleId);
            if (it != wanted.end()) {
                seen.insert(f.ruleId);
                QCOMPARE(runs.size(), std::size_t(utf8 ? 1 : 0));
                if (utf8) {
                    QCOMPARE(runs.front(), it->second);
                }
            }
        }
        for (const char* rule : {"IMG-111", "IMG-102"}) {
            QVERIFY2(seen.count(rule), rule);
        }
        // The secrets rules name the label key or variable in comments, whichever the classifier flags.
        for (const char* instruction : {"LABEL", "ENV", "ARG"}) {
            std::vector<StringList> none;
            QString problem;
            const std::string text = secretfacts::secretDockerfile(instruction, "DB_PASSWORD" + bytes(value));
            QVERIFY2(checkDockerfile(text, none, problem), qPrintable(problem));
            QVERIFY(none.empty());
        }

        // The plan of the image shows the same lines under a comment naming each change.
        const HardeningPlan plan = HardeningPlanner().planImage(image, findings);
        std::vector<StringList> runs;
        QString problem;
        QVERIFY2(checkDockerfile(makePreview(plan).dockerfile, runs, problem), qPrintable(problem));
        QVERIFY(linesVisible(renderPlanScript(plan)));
        expectRun({QStringLiteral("/bin/sh")}, renderPlanScript(plan), {});
    }

    void dockerfileCommentsNeverBecomeDirectives()
    {
        QCOMPARE(DockerfileSnippet::comment("syntax=evil/frontend"),
                 std::string("# note: syntax=evil/frontend\n"));
        QCOMPARE(DockerfileSnippet::comment(" escape = `"), std::string("# note:  escape = ` (end)\n"));
        QCOMPARE(DockerfileSnippet::comment("a\nRUN x"), std::string("# a\\u000aRUN x\n"));
    }

    void markdownKeepsEveryValueInItsPlace_data() { addHostileRows(); }
    void markdownKeepsEveryValueInItsPlace()
    {
        QFETCH(QByteArray, value);
        const Container c = hostileContainer(bytes(value));
        const HardeningPlan plan = planFor(c, bytes(value));
        const std::string md = renderPlanMarkdown(plan);
        QVERIFY(linesVisible(md));
        Markdown doc;
        QString problem;
        QVERIFY2(parseMarkdown(md, doc, problem), qPrintable(problem));
        for (const char* forbidden :
             {"html_block", "html_inline", "link", "image", "code", "emph", "thematic_break"}) {
            QVERIFY2(!doc.elements.contains(QLatin1String(forbidden)), forbidden);
        }
        QVERIFY(!doc.headings.isEmpty());
        QCOMPARE(doc.headings.front(),
                 QString::fromStdString("Hardening plan for container " + visibleText(c.name)));
        const QStringList expectedHeadings{QStringLiteral("Today"), QStringLiteral("Changes"),
                                           QStringLiteral("Run command"), QStringLiteral("Compose")};
        QCOMPARE(doc.headings.mid(1, 4), expectedHeadings);
        for (const QString& h : doc.headings.mid(5)) {
            QVERIFY2(h == QLatin1String("Dockerfile changes") || h == QLatin1String("By hand"),
                     qPrintable(h));
        }
        QVERIFY(doc.codeBlocks.size() == 3 ||
                (doc.codeBlocks.size() == 4 && doc.codeBlocks[3].first == "dockerfile"));
        QCOMPARE(doc.codeBlocks[0].first, QStringLiteral("diff"));
        QCOMPARE(doc.codeBlocks[1].first, QStringLiteral("sh"));
        QCOMPARE(doc.codeBlocks[2].first, QStringLiteral("yaml"));
        const HardeningPreview preview = makePreview(plan);
        QCOMPARE(doc.codeBlocks[1].second, preview.afterCommand + "\n");
        QCOMPARE(doc.codeBlocks[2].second, preview.compose);
        // The command copied out of the rendered Markdown runs exactly.
        expectRun({QStringLiteral("/bin/bash")}, doc.codeBlocks[1].second, callsOf(afterOf(plan)));
    }

    void reportsShowCommandsWholeOrNotAtAll_data()
    {
        QTest::addColumn<int>("valueBytes");
        QTest::addColumn<int>("values");
        QTest::newRow("values just under the old 400-byte line cut") << 380 << 3;
        QTest::newRow("values across the old 400-byte line cut") << 420 << 3;
        QTest::newRow("values just under the builder's inline limit") << 4000 << 2;
        QTest::newRow("a command under the report limit") << 4000 << 3;
        QTest::newRow("a command over the report limit") << 4000 << 5;
    }
    void reportsShowCommandsWholeOrNotAtAll()
    {
        QFETCH(int, valueBytes);
        QFETCH(int, values);
        Container c = hostileContainer(";touch PWNED;");
        c.config.env.clear();
        for (int i = 0; i < values; ++i) {
            c.config.env.push_back("L" + std::to_string(i) + "=" +
                                   std::string(static_cast<std::size_t>(valueBytes) / 2, 'a') +
                                   "';touch PWNED;'\"$(touch PWNED)\"" +
                                   std::string(static_cast<std::size_t>(valueBytes) / 2, 'b'));
            c.config.env.push_back("B" + std::to_string(i) + "=';touch PWNED;'");
        }
        ScanResult scan;
        scan.inventory.endpoint = "unix:///test.sock";
        scan.inventory.containers.push_back(c);
        static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        scan.findings = RuleEngine(catalogue).evaluate(scan.inventory, ScanSettings{}, 1'700'000'000);
        ReportData data;
        data.scan = &scan;
        data.catalogue = &catalogue;

        const RunCommand before = RunCommandBuilder().build(c, nullptr);
        // The container's one command carries the edits of its findings applied by default (since #20; the
        // others are named in a comment line, which a shell ignores).
        std::vector<RunEdit> edits;
        for (const auto& f : scan.findings.all()) {
            if (ObjectRemediation::inDefaultCommand(f)) {
                edits.insert(edits.end(), f.remediation.edits.begin(), f.remediation.edits.end());
            }
        }
        std::map<std::string, std::vector<StringList>> expected; // rendered command -> its calls
        for (const auto& f : scan.findings.all()) {
            if (!f.remediation.runCommand.empty()) {
                expected[f.remediation.runCommand] = callsOf(RunCommandHardener().apply(before, edits));
            }
        }
        QCOMPARE(expected.size(), std::size_t(1));
        QVERIFY(!expected.empty());
        const bool tooLong = expected.begin()->first.size() > kReportCommandBytes;
        QCOMPARE(tooLong, values == 5);

        // Every place a report shows a command: the text is whole, or one comment line in its place.
        StringList shown;
        const QJsonDocument json = QJsonDocument::fromJson(QByteArray::fromStdString(json::scanToJson(data)));
        for (const auto& o : json.object().value(QLatin1String("objects")).toArray()) {
            const std::string command = o.toObject()
                                            .value(QLatin1String("remediation"))
                                            .toObject()
                                            .value(QLatin1String("runCommand"))
                                            .toString()
                                            .toStdString();
            if (!command.empty()) {
                shown.push_back(command);
            }
        }
        for (const auto& s : htmlCommands(HtmlReportWriter::write(data))) {
            shown.push_back(s);
        }
        QVERIFY(!shown.empty());
        const std::string csv = CsvReportWriter::write(data);
        const std::string print = HtmlReportWriter::write(data, HtmlReportWriter::Variant::Print);
        QVERIFY(!contains(print, "more bytes left out"));
        std::set<std::string> run;
        for (const auto& s : shown) {
            if (tooLong) {
                QVERIFY2(startsWith(s, "# Left out: ") && !contains(s, "\n"), s.substr(0, 200).c_str());
                continue;
            }
            QVERIFY2(expected.count(s), "a report shows a command that is not one of the findings' commands");
            QVERIFY(contains(csv, replaceAll(s, "\"", "\"\"")));
            if (run.insert(s).second) {
                for (const QStringList& shell : test::interactiveShells()) {
                    expectRun(shell, s + "\n", expected[s]);
                }
            }
        }
    }

    void reportCommandIsWholeUpToTheLimitExactly()
    {
        const std::string atLimit =
            "docker run --env 'A=" + std::string(kReportCommandBytes - 23, 'x') + "' i";
        QCOMPARE(atLimit.size(), kReportCommandBytes);
        QCOMPARE(reportCommand(atLimit), atLimit);
        const std::string over = atLimit + "x";
        QVERIFY(startsWith(reportCommand(over), "# Left out: this text is 17 KiB"));
        QVERIFY(!contains(reportCommand(over), "\n"));
        QVERIFY(startsWith(reportCommand("docker run --env 'A=\x1b[2J' i"),
                           "# Left out: this text holds control"));
    }
};

QTEST_GUILESS_MAIN(TestHostileOutputs)
#include "TestHostileOutputs.moc"
