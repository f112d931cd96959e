#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/files/compose/ComposePatcher.h"
#include "tests/support/ComposeFiles.h"

#include <QDirIterator>

#include <QTest>

using namespace drydock;

namespace {

// The service names of a compose file in block style: the keys one indentation below `services:`.
std::vector<std::string> serviceNames(const std::string& text)
{
    std::vector<std::string> names;
    bool in = false;
    std::size_t indent = 0;
    for (std::string line : split(text, '\n')) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line.find_first_not_of(' ') == std::string::npos ||
            line[line.find_first_not_of(' ')] == '#') {
            continue;
        }
        const std::size_t lead = line.find_first_not_of(' ');
        if (lead == 0) {
            in = startsWith(line, "services:") && trim(line.substr(9)).empty();
            indent = 0;
            continue;
        }
        if (!in) {
            continue;
        }
        indent = indent == 0 ? lead : indent;
        if (lead == indent && endsWith(line, ":")) {
            std::string key = line.substr(lead, line.size() - lead - 1);
            if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
                key = key.substr(1, key.size() - 2);
            }
            names.push_back(key);
        }
    }
    return names;
}

} // namespace

// Every generated compose snippet and every patched compose file is a valid Compose Specification document
// (the vendored JSON schema) that declares the named volumes, networks and secrets it uses.
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

    // Every compose key the snippet writes, from commands that use every flag the builder writes.
    void everyKeyTheSnippetWritesFollowsTheSchema()
    {
        const std::vector<std::string> commands{
            "--detach --name web --hostname h --domainname d.example --user 10001:10001 --workdir /srv "
            "--entrypoint /tini --env A=1 --env 'B=two words' --label tier=front --restart on-failure:5 "
            "--read-only --cap-add NET_ADMIN --cap-drop ALL --security-opt no-new-privileges:true --pid host "
            "--ipc shareable --uts host --userns host --cgroupns host img sh -c 'echo $HOME'",
            "--network appnet --network-alias api --publish 127.0.0.1:8080:80 --publish 53:53/udp --expose "
            "9000 "
            "--volume data:/data --volume /srv:/srv:ro --volume /cache --tmpfs /tmp:size=64m "
            "--mount type=bind,src=/a,dst=/b,readonly,bind-propagation=rshared "
            "--mount type=volume,src=vol2,dst=/v,volume-nocopy --mount type=tmpfs,dst=/x,tmpfs-size=1048576 "
            "--volumes-from other --device /dev/ttyUSB0 --device-cgroup-rule 'c 1:3 mr' img",
            "--gpus all --cgroup-parent /docker --memory 512m --memory-swap -1 --memory-reservation 256m "
            "--cpus 1.5 "
            "--cpu-shares 512 --cpu-quota 50000 --cpu-period 100000 --cpuset-cpus 0-1 --blkio-weight 300 "
            "--pids-limit 256 --ulimit nofile=1024:2048 --ulimit nproc=512 --oom-kill-disable "
            "--oom-score-adj -500 "
            "--shm-size 128m --log-driver json-file --log-opt max-size=10m img",
            "--dns 1.1.1.1 --dns-option ndots:2 --dns-search example.com --add-host db:10.0.0.5 --group-add "
            "audio "
            "--sysctl net.core.somaxconn=1024 --init --runtime runc --link db:db --stop-signal SIGINT "
            "--stop-timeout 20 --health-cmd 'curl -f localhost' --health-interval 30s --health-timeout 5s "
            "--health-retries 3 --health-start-period 10s --tty --interactive img",
            "--privileged --network host --no-healthcheck --rm --publish-all --gpus device=0 img",
        };
        static const std::vector<std::string> switches{
            "--detach",           "--read-only", "--privileged", "--rm",          "--publish-all",
            "--oom-kill-disable", "--init",      "--tty",        "--interactive", "--no-healthcheck"};
        std::vector<test::ComposeDocument> docs;
        for (const auto& line : commands) {
            const auto words = shellSplit(line);
            QVERIFY(words);
            RunCommand cmd;
            std::size_t i = 0;
            for (; i < words->size() && startsWith((*words)[i], "--"); ++i) {
                const std::string& w = (*words)[i];
                const bool isSwitch = std::find(switches.begin(), switches.end(), w) != switches.end();
                cmd.options.push_back(RunArg{w, isSwitch ? std::string() : (*words)[i + 1], !isSwitch});
                i += isSwitch ? 0 : 1;
            }
            cmd.image = words->at(i);
            cmd.command.assign(words->begin() + static_cast<std::ptrdiff_t>(i) + 1, words->end());
            cmd.followUps = {{"backend", {"api"}, "web"}};
            docs.push_back(
                {line, ComposeSnippet().render("web", cmd, ComposeSnippetOptions::asOnTheDaemon(cmd))});
        }
        // The commands were read whole: their last flags made it into the documents.
        for (const auto& [i, key] : std::vector<std::pair<std::size_t, std::string>>{
                 {0, "    cgroup: \"host\""},
                 {1, "      - \"c 1:3 mr\""},
                 {2, "        \"max-size\": \"10m\""},
                 {3, "    stdin_open: true"},
                 {4, "              device_ids: [\"0\"]"}}) {
            QVERIFY2(contains(docs[i].yaml, key), docs[i].yaml.c_str());
        }
        QTemporaryDir dir;
        const auto [code, output] = test::validateComposeFiles(test::writeComposeFiles(dir, docs));
        QVERIFY2(code == 0, qPrintable(output));
    }

    // Every service of every compose file under tests/data/files, patched with every kind of edit, is still
    // a valid compose file (when it was one before), and every edit is either applied or skipped with a
    // reason.
    void patchedCorpusFilesFollowTheSchema()
    {
        const std::vector<RunEdit> all{
            {RunEdit::Op::AddFlag, "--read-only", ""},
            {RunEdit::Op::RemoveFlag, "--privileged", ""},
            {RunEdit::Op::RemoveFlag, "--pid", ""},
            {RunEdit::Op::RemoveValue, "--cap-add", "SYS_ADMIN"},
            {RunEdit::Op::AddFlag, "--cap-drop", "ALL"},
            {RunEdit::Op::AddFlag, "--security-opt", "no-new-privileges:true"},
            {RunEdit::Op::RemoveValue, "--security-opt", "seccomp=unconfined"},
            {RunEdit::Op::AddFlag, "--pids-limit", "256"},
            {RunEdit::Op::AddFlag, "--memory", "512m"},
            {RunEdit::Op::RemoveFlag, "--restart", ""},
            {RunEdit::Op::AddFlag, "--restart", "on-failure:5"},
            {RunEdit::Op::RemoveMount, "--volume", "/var/run/docker.sock"},
            {RunEdit::Op::ReadOnlyMount, "--volume", "/data"},
            {RunEdit::Op::BindPortToLoopback, "--publish", "80/tcp"},
            {RunEdit::Op::RemovePort, "--publish", "9000"},
            {RunEdit::Op::ReplaceEnvSecret, "--env", "POSTGRES_PASSWORD"},
            {RunEdit::Op::AddFlag, "--log-opt", "max-size=10m"},
        };
        QTemporaryDir dir;
        QStringList originals;
        QStringList patched;
        QDirIterator it(QString::fromStdString(test::dataDir()) + QStringLiteral("/files"),
                        {QStringLiteral("*.yml"), QStringLiteral("*.yaml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int services = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/broken/"))) {
                continue; // files made to be refused (the patcher's refusals are TestComposePatcher's rows)
            }
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const std::string text = f.readAll().toStdString();
            for (const std::string& service : serviceNames(text)) {
                ComposePatchReport report;
                const auto out = patchComposeService(text, service, all, &report);
                QVERIFY2(out, qPrintable(path + QStringLiteral(": ") +
                                         QString::fromStdString(out ? std::string() : out.error().message)));
                QCOMPARE(report.applied.size() + report.skipped.size(), all.size());
                for (const auto& s : report.skipped) {
                    QVERIFY(!s.description.empty());
                }
                const QString name = QStringLiteral("%1.yml").arg(services++);
                QFile o(dir.filePath(name));
                QVERIFY(o.open(QIODevice::WriteOnly));
                o.write(QByteArray::fromStdString(*out));
                patched << dir.filePath(name);
                originals << path;
            }
        }
        QVERIFY2(services >= 8, "the corpus has fewer services than expected");
        // Only files that were valid before must be valid after (a corpus may keep invalid files on purpose).
        QStringList checked;
        for (int i = 0; i < originals.size(); ++i) {
            if (test::validateComposeFiles({originals[i]}).first == 0) {
                checked << patched[i];
            }
        }
        QVERIFY(!checked.isEmpty());
        const auto [code, output] = test::validateComposeFiles(checked);
        QVERIFY2(code == 0, qPrintable(output));
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
