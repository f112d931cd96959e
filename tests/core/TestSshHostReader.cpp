#include "core/common/ShellQuote.h"
#include "core/host/HostView.h"
#include "core/host/SshHostReader.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

using namespace drydock;

namespace {

constexpr const char* kNonce = "drydock-0123456789abcdef";

// A remote shell that answers with whatever the test says, keeping the scripts it was given.
class FakeShell final : public RemoteShell
{
public:
    std::function<Result<std::string>(const std::string& script)> answer;
    std::vector<std::string> scripts;
    Result<std::string> run(const std::string& script, const std::string& endLine) override
    {
        scripts.push_back(script);
        lastEnd = endLine;
        return answer ? answer(script) : Result<std::string>(std::string());
    }
    std::string lastEnd;
};

// A remote shell that is this machine's sh: the script really runs (the test's files stand for the host's).
class LocalShell final : public RemoteShell
{
public:
    int runs = 0;
    Result<std::string> run(const std::string& script, const std::string& /*endLine*/) override
    {
        ++runs;
        QProcess sh;
        sh.start("sh", {"-s"});
        if (!sh.waitForStarted(10000)) {
            return Error::make(ErrorCode::Io, "sh did not start");
        }
        sh.write(QByteArray::fromStdString(script));
        sh.closeWriteChannel();
        sh.waitForFinished(30000);
        return sh.readAllStandardOutput().toStdString();
    }
};

// The framed answer to request index with output and status, as the remote script prints it.
std::string frame(int index, const std::string& output, int status)
{
    return std::string(kNonce) + " " + std::to_string(index) + " begin\n" + output + "\n" + kNonce + " " +
           std::to_string(index) + " end " + std::to_string(status) + "\n";
}

std::string done()
{
    return std::string(kNonce) + " done\n";
}

void write(const std::string& path, const std::string& text, mode_t mode)
{
    std::ofstream(path, std::ios::binary) << text;
    ::chmod(path.c_str(), mode);
}

} // namespace

// The ssh view of a host: the allow-listed commands, the paths it refuses, how it quotes and frames, and what
// a cut or garbled answer becomes — a "not checked" reason, never a crash or a guess.
class TestSshHostReader : public QObject
{
    Q_OBJECT

private slots:
    void everyReadIsOneAllowListedCommand_data();
    void everyReadIsOneAllowListedCommand();
    void hostilePathsNeverReachTheShell_data();
    void hostilePathsNeverReachTheShell();
    void theScriptQuotesEveryWordAndReadsNothingFromStdin();
    void framedAnswersBecomeReads();
    void cutOrGarbledAnswersAreNotChecked_data();
    void cutOrGarbledAnswersAreNotChecked();
    void aFileCannotForgeAFrameWithoutTheNonce();
    void theRealShellAnswersAsTheLocalViewDoes();
    void dockerHostNamesTheSocket_data();
    void dockerHostNamesTheSocket();
    void anSshFailureIsAnErrorAndRoundsAreBounded();
};

void TestSshHostReader::everyReadIsOneAllowListedCommand_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("argv");
    QTest::newRow("a file is read with head, at most the limit")
        << int(RemoteRead::File) << "/etc/docker/daemon.json"
        << QStringList{"head", "-c", "1048576", "--", "/etc/docker/daemon.json"};
    QTest::newRow("stat follows links and prints uid, gid and the raw mode")
        << int(RemoteRead::Stat) << "/run/docker.sock"
        << QStringList{"stat", "-L", "-c", "%u %g %f", "--", "/run/docker.sock"};
    QTest::newRow("a directory is listed with ls -1A")
        << int(RemoteRead::List) << "/etc/audit/rules.d" << QStringList{"ls", "-1A", "--", "/etc/audit/rules.d"};
    QTest::newRow("a link is read with readlink")
        << int(RemoteRead::Link) << "/proc/12/exe" << QStringList{"readlink", "--", "/proc/12/exe"};
    QTest::newRow("processes are listed by id and name, never by command line")
        << int(RemoteRead::Processes) << "" << QStringList{"ps", "-e", "-o", "pid=", "-o", "comm="};
    QTest::newRow("the remote docker's DOCKER_HOST is printed")
        << int(RemoteRead::DockerHost) << "" << QStringList{"printenv", "DOCKER_HOST"};
}

void TestSshHostReader::everyReadIsOneAllowListedCommand()
{
    QFETCH(int, what);
    QFETCH(QString, path);
    QFETCH(QStringList, argv);
    auto got = remoteArgv({static_cast<RemoteRead>(what), path.toStdString()}, 1u << 20);
    QVERIFY(got.ok());
    QStringList words;
    for (const auto& w : got.value()) {
        words << QString::fromStdString(w);
    }
    QCOMPARE(words, argv);
}

void TestSshHostReader::hostilePathsNeverReachTheShell_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("why");
    QTest::newRow("a relative --config-file") << QByteArray("daemon.json") << "not absolute";
    QTest::newRow("a command substitution") << QByteArray("/etc/$(reboot)") << "never sends";
    QTest::newRow("backquotes") << QByteArray("/etc/`id`") << "never sends";
    QTest::newRow("a quote that would end the quoting") << QByteArray("/etc/a'; reboot; '") << "never sends";
    QTest::newRow("a semicolon") << QByteArray("/etc/a;reboot") << "never sends";
    QTest::newRow("a space") << QByteArray("/etc/my docker/daemon.json") << "never sends";
    QTest::newRow("a newline") << QByteArray("/etc/a\nreboot") << "never sends";
    QTest::newRow("a glob") << QByteArray("/etc/*") << "never sends";
    QTest::newRow("a redirection") << QByteArray("/etc/a>/etc/passwd") << "never sends";
    QTest::newRow("a terminal escape") << QByteArray("/etc/\x1b]0;x\x07") << "never sends";
    QTest::newRow("non-ASCII") << QByteArray("/etc/d\xc3\xa9mon.json") << "never sends";
    QTest::newRow("climbing with ..") << QByteArray("/etc/docker/../shadow") << "climbs";
    QTest::newRow("empty") << QByteArray("") << "not absolute";
}

void TestSshHostReader::hostilePathsNeverReachTheShell()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, why);
    const std::string p = path.toStdString();
    const auto checked = checkRemotePath(p);
    QVERIFY(!checked.ok());
    QVERIFY2(QString::fromStdString(checked.error().message).contains(why),
             checked.error().message.c_str());
    QVERIFY(QString::fromStdString(checked.error().message).indexOf('\x1b') < 0); // shown escaped

    FakeShell shell;
    SshHostReader reader(shell, {}, kNonce);
    for (const HostReadStatus status :
         {reader.readFile(p).status, reader.stat(p).status, reader.list(p).status, reader.readLink(p).status}) {
        QCOMPARE(int(status), int(HostReadStatus::Unreadable));
    }
    QVERIFY(QString::fromStdString(reader.readFile(p).problem).contains(why));
    QVERIFY(!reader.hasPending()); // nothing to send
    QVERIFY(reader.fetch().ok());
    QVERIFY(shell.scripts.empty()); // and nothing was sent
}

void TestSshHostReader::theScriptQuotesEveryWordAndReadsNothingFromStdin()
{
    FakeShell shell;
    SshHostReader reader(shell, {}, kNonce);
    reader.readFile("/etc/docker/certs.d/reg:5000/ca.crt");
    reader.stat("/run/docker.sock");
    reader.processIds("dockerd");
    const std::string script = reader.script();
    const auto lines = QString::fromStdString(script).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3 + 3 + 1); // prologue, one line per read, the end line
    QVERIFY(lines.first().startsWith("LC_ALL=C; export LC_ALL;"));
    QCOMPARE(lines.last(), QString("printf '%s done\\n' ") + kNonce);
    const std::vector<std::vector<std::string>> expected{
        {"head", "-c", "1048576", "--", "/etc/docker/certs.d/reg:5000/ca.crt"},
        {"stat", "-L", "-c", "%u %g %f", "--", "/run/docker.sock"},
        {"ps", "-e", "-o", "pid=", "-o", "comm="}};
    for (int i = 0; i < 3; ++i) {
        // "b I; <command> </dev/null 2>&1; e I $?": the command's words split back exactly.
        const QString line = lines[3 + i];
        const QString prefix = QString("b %1; ").arg(i);
        const QString suffix = QString(" </dev/null 2>&1; e %1 $?").arg(i);
        QVERIFY2(line.startsWith(prefix) && line.endsWith(suffix), qPrintable(line));
        const auto words =
            shellSplit(line.mid(prefix.size(), line.size() - prefix.size() - suffix.size()).toStdString());
        QVERIFY(words.ok());
        QCOMPARE(words.value(), expected[static_cast<std::size_t>(i)]);
    }
    QVERIFY(reader.fetch().ok());
    QCOMPARE(shell.lastEnd, std::string(kNonce) + " done");
}

void TestSshHostReader::framedAnswersBecomeReads()
{
    FakeShell shell;
    shell.answer = [](const std::string&) {
        return Result<std::string>("a login banner the shell printed\n" + frame(0, "{\"debug\": true}", 0) +
                                   frame(1, "0 994 c1b0", 0) + frame(2, "ca.crt\nclient.key\n", 0) +
                                   frame(3, "/usr/bin/dockerd", 0) +
                                   frame(4, "head: cannot open '/etc/audit/audit.rules' for reading: "
                                            "Permission denied",
                                         1) +
                                   frame(5, "stat: cannot statx '/etc/sysconfig/docker': No such file or "
                                            "directory",
                                         1) +
                                   frame(6, "    1 systemd\n  812 dockerd\n  900 containerd\n 1200 dockerd\n", 0) +
                                   done());
    };
    SshHostReader reader(shell, {}, kNonce);
    const auto ask = [&reader] {
        reader.readFile("/etc/docker/daemon.json");
        reader.stat("/run/docker.sock");
        reader.list("/etc/docker/certs.d/reg");
        reader.readLink("/proc/812/exe");
        reader.readFile("/etc/audit/audit.rules");
        reader.stat("/etc/sysconfig/docker");
        reader.processIds("dockerd");
    };
    ask();
    QVERIFY(reader.hasPending());
    QVERIFY(reader.fetch().ok());
    ask();
    QVERIFY(!reader.hasPending()); // all answered in one round
    QCOMPARE(shell.scripts.size(), std::size_t(1));

    QCOMPARE(reader.readFile("/etc/docker/daemon.json").text, std::string("{\"debug\": true}"));
    const HostStat socket = reader.stat("/run/docker.sock");
    QCOMPARE(int(socket.status), int(HostReadStatus::Ok));
    QCOMPARE(socket.gid, 994u);
    QCOMPARE(socket.mode, 0660u);
    QVERIFY(socket.socket && !socket.regular && !socket.directory);
    QCOMPARE(reader.list("/etc/docker/certs.d/reg").names, (std::vector<std::string>{"ca.crt", "client.key"}));
    QCOMPARE(reader.readLink("/proc/812/exe").text, std::string("/usr/bin/dockerd"));
    const HostText audit = reader.readFile("/etc/audit/audit.rules");
    QCOMPARE(int(audit.status), int(HostReadStatus::Unreadable));
    QCOMPARE(audit.problem, std::string("needs root: /etc/audit/audit.rules is not readable")); // as HostView
    QCOMPARE(int(reader.stat("/etc/sysconfig/docker").status), int(HostReadStatus::Absent));
    QCOMPARE(reader.processIds("dockerd").names, (std::vector<std::string>{"812", "1200"}));
    QVERIFY(reader.firstProblem().empty());
}

void TestSshHostReader::cutOrGarbledAnswersAreNotChecked_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<int>("answered"); // of the 3 reads, how many keep their answer
    const QString f0 = QString::fromStdString(frame(0, "root:x:0:", 0));
    const QString f1 = QString::fromStdString(frame(1, "0 0 41ed", 0));
    const QString f2 = QString::fromStdString(frame(2, "a\nb\n", 0));
    QTest::newRow("nothing at all") << "" << 0;
    QTest::newRow("only noise") << "Welcome!\n\x1b[31mred\n" << 0;
    QTest::newRow("cut inside the second answer") << f0 + f1.left(20) << 1;
    QTest::newRow("cut before the last status") << f0 + f1 + f2.left(f2.size() - 3) << 2;
    QTest::newRow("a status that is not a number")
        << f0 + QString(kNonce) + " 1 begin\n0 0 41ed\n" + kNonce + " 1 end x\n" + f2 << 1;
    QTest::newRow("answers out of order keep only what comes in order") << f1 + f0 + f2 << 1;
    QTest::newRow("everything, then the end line") << f0 + f1 + f2 + QString::fromStdString(done()) << 3;
}

void TestSshHostReader::cutOrGarbledAnswersAreNotChecked()
{
    QFETCH(QString, output);
    QFETCH(int, answered);
    FakeShell shell;
    shell.answer = [output](const std::string&) { return Result<std::string>(output.toStdString()); };
    SshHostReader reader(shell, {}, kNonce);
    const auto ask = [&reader] {
        return std::vector<HostReadStatus>{reader.readFile("/etc/group").status,
                                           reader.stat("/etc/docker").status,
                                           reader.list("/etc/audit/rules.d").status};
    };
    ask();
    QVERIFY(reader.fetch().ok()); // a garbled answer is not an error of the session
    const auto statuses = ask();
    QVERIFY(!reader.hasPending()); // never asked again: a garbled host does not loop
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(int(statuses[static_cast<std::size_t>(i)]),
                 int(i < answered ? HostReadStatus::Ok : HostReadStatus::Unreadable));
    }
    if (answered < 3) {
        QVERIFY2(QString::fromStdString(reader.firstProblem())
                     .startsWith("the answer over ssh was cut off or garbled (reading /"),
                 reader.firstProblem().c_str());
        QVERIFY(QString::fromStdString(reader.list("/etc/audit/rules.d").problem).startsWith("the answer over ssh"));
    } else {
        QCOMPARE(reader.list("/etc/audit/rules.d").names, (std::vector<std::string>{"a", "b"}));
    }
}

void TestSshHostReader::aFileCannotForgeAFrameWithoutTheNonce()
{
    // A hostile daemon.json that carries frame lines with a guessed nonce and a fake end line.
    const std::string forged = "{}\ndrydock-ffff 0 end 0\ndrydock-ffff 1 begin\n0 0 8000\n" + done();
    FakeShell shell;
    shell.answer = [&forged](const std::string&) {
        return Result<std::string>(frame(0, forged, 0) + frame(1, "0 0 81a4", 0) + done());
    };
    SshHostReader reader(shell, {}, kNonce);
    reader.readFile("/etc/docker/daemon.json");
    reader.stat("/etc/docker/daemon.json");
    QVERIFY(reader.fetch().ok());
    QCOMPARE(reader.readFile("/etc/docker/daemon.json").text, forged); // the whole text, nothing taken as frame
    QCOMPARE(reader.stat("/etc/docker/daemon.json").mode, 0644u);
}

void TestSshHostReader::theRealShellAnswersAsTheLocalViewDoes()
{
    QTemporaryDir dir("/tmp/dd-sshview-XXXXXX");
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    write(root + "/daemon.json", "{\"log-level\": \"debug\"}\n", 0640);
    write(root + "/no-newline", "last line without newline", 0600);
    write(root + "/empty", "", 0644);
    QDir().mkpath(dir.path() + "/rules.d");
    write(root + "/rules.d/docker.rules", "-w /usr/bin/dockerd -k docker\n", 0640);
    write(root + "/rules.d/.hidden", "", 0600);
    QVERIFY(::symlink("/usr/bin/dockerd", (root + "/exe").c_str()) == 0);
    QVERIFY(::chmod(root.c_str(), 0711) == 0);

    LocalShell shell;
    SshHostReader reader(shell, {}, {});
    const HostView local("/");
    const std::vector<std::string> files{root + "/daemon.json", root + "/no-newline", root + "/empty",
                                         root + "/missing", root + "/rules.d"};
    const auto askAll = [&] {
        for (const auto& f : files) {
            reader.readFile(f);
            reader.stat(f);
        }
        reader.list(root + "/rules.d");
        reader.list(root + "/missing");
        reader.readLink(root + "/exe");
        reader.readLink(root + "/daemon.json");
    };
    askAll();
    QVERIFY(reader.fetch().ok());
    askAll();
    QVERIFY(!reader.hasPending());
    QCOMPARE(shell.runs, 1);
    for (const auto& f : files) {
        const HostText a = reader.readFile(f);
        const HostText b = local.readFile(f);
        QCOMPARE(int(a.status), int(b.status));
        if (b.status == HostReadStatus::Ok) {
            QCOMPARE(a.text, b.text);
        }
        const HostStat s = reader.stat(f);
        const HostStat t = local.stat(f);
        QCOMPARE(int(s.status), int(t.status));
        QCOMPARE(s.uid, t.uid);
        QCOMPARE(s.gid, t.gid);
        QCOMPARE(s.mode, t.mode);
        QCOMPARE(s.directory, t.directory);
        QCOMPARE(s.regular, t.regular);
    }
    QCOMPARE(int(reader.readFile(root + "/missing").status), int(HostReadStatus::Absent));
    QCOMPARE(reader.list(root + "/rules.d").names, local.list(root + "/rules.d").names);
    QCOMPARE(int(reader.list(root + "/missing").status), int(HostReadStatus::Absent));
    QCOMPARE(reader.readLink(root + "/exe").text, std::string("/usr/bin/dockerd"));
    QCOMPARE(int(reader.readLink(root + "/daemon.json").status), int(local.readLink(root + "/daemon.json").status));
    // This test's own process is visible to ps by its name, as a dockerd would be.
    reader.processIds("TestSshHostRead");
    QVERIFY(reader.fetch().ok());
    const auto pids = reader.processIds("TestSshHostRead").names;
    QVERIFY(std::find(pids.begin(), pids.end(), std::to_string(::getpid())) != pids.end());
}

void TestSshHostReader::dockerHostNamesTheSocket_data()
{
    QTest::addColumn<QString>("dockerHost");
    QTest::addColumn<QString>("socket"); // empty: not a socket on that host
    QTest::newRow("unset means the default socket") << "" << "/var/run/docker.sock";
    QTest::newRow("a unix DOCKER_HOST names its socket")
        << "unix:///run/user/1000/docker.sock" << "/run/user/1000/docker.sock";
    QTest::newRow("a tcp DOCKER_HOST is no socket on that host") << "tcp://10.0.0.5:2376" << "";
    QTest::newRow("an ssh DOCKER_HOST points further away") << "ssh://other" << "";
}

void TestSshHostReader::dockerHostNamesTheSocket()
{
    QFETCH(QString, dockerHost);
    QFETCH(QString, socket);
    const auto got = remoteDockerSocket(dockerHost.toStdString());
    QCOMPARE(got.ok(), !socket.isEmpty());
    if (got.ok()) {
        QCOMPARE(QString::fromStdString(got.value()), socket);
    } else {
        QVERIFY(QString::fromStdString(got.error().message).startsWith("not checked: "));
    }
}

void TestSshHostReader::anSshFailureIsAnErrorAndRoundsAreBounded()
{
    FakeShell failing;
    failing.answer = [](const std::string&) {
        return Result<std::string>(Error::make(ErrorCode::DaemonUnreachable, "Host checks over ssh: refused"));
    };
    const auto e = inspectOverSsh(failing, DaemonInfo{});
    QVERIFY(!e.ok());
    QCOMPARE(e.error().message, std::string("Host checks over ssh: refused"));
    QCOMPARE(failing.scripts.size(), std::size_t(1));

    // A host that answers every round with garbage: a clear reason after one round, no loop.
    FakeShell garbage;
    garbage.answer = [](const std::string&) { return Result<std::string>(std::string("\x01\x02 nonsense")); };
    const auto g = inspectOverSsh(garbage, DaemonInfo{});
    QVERIFY(!g.ok());
    QVERIFY2(QString::fromStdString(g.error().message).startsWith("not checked: the answer over ssh was cut off"),
             g.error().message.c_str());
    QVERIFY(garbage.scripts.size() <= 2u);

    // A host that needs more rounds than allowed: what could be read, the rest "not checked", no more runs.
    FakeShell slow;
    slow.answer = [](const std::string& script) {
        const std::string nonce = script.substr(script.find("drydock-"), std::string("drydock-").size() + 32);
        std::string out;
        int i = 0;
        for (const auto& line : QString::fromStdString(script).split('\n')) {
            if (!line.startsWith("b ")) {
                continue;
            }
            std::string body;
            int status = 0;
            if (line.contains("printenv")) {
                status = 1; // DOCKER_HOST unset
            } else if (line.contains(" ps ")) {
                body = "    7 dockerd\n";
            } else if (line.contains("/proc/7/comm")) {
                body = "dockerd\n";
            } else if (line.contains("/proc/7/cmdline")) {
                body = std::string("dockerd\0--iptables=false\0", 25);
            } else if (line.contains("/proc/7/status")) {
                body = "PPid:\t1\nUid:\t0\t0\t0\t0\n";
            } else {
                status = 1;
                body = "No such file or directory";
            }
            out += nonce + " " + std::to_string(i) + " begin\n" + body + "\n" + nonce + " " + std::to_string(i) +
                   " end " + std::to_string(status) + "\n";
            ++i;
        }
        return Result<std::string>(out + nonce + " done\n");
    };
    SshHostReader::Limits limits;
    limits.rounds = 2;
    const auto f = inspectOverSsh(slow, DaemonInfo{}, limits);
    QCOMPARE(slow.scripts.size(), std::size_t(2)); // DOCKER_HOST and ps, then the dockerd's /proc files
    QVERIFY2(f.ok(), f.ok() ? "" : f.error().message.c_str());
    QCOMPARE(f.value().daemonPid, 7);
    QCOMPARE(f.value().setting("iptables")->value, std::string("false"));
    QVERIFY(!f.value().notChecked.empty());
    for (const auto& [id, why] : f.value().notChecked) {
        QVERIFY2(QString::fromStdString(why).startsWith("the host's answers over ssh needed more "
                                                        "than 2 rounds"),
                 why.c_str());
    }
}

QTEST_GUILESS_MAIN(TestSshHostReader)
#include "TestSshHostReader.moc"
