#include "core/common/ShellQuote.h"
#include "core/docker/SshDialer.h"
#include "core/docker/SshTransport.h"
#include "tests/core/FakeHttpServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

using namespace drydock;
using drydock::test::FakeConnection;
using drydock::test::FakeHttpServer;
using drydock::test::FakeRequest;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::vector<std::string>)

// SshDialer and SshTransport with a stand-in for ssh (a shell script) in front of a scripted daemon: the
// argument vector, the relay in both directions, clean shutdown, and the sentences ssh failures become.
class TestSshDialer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string path(const char* name) const
    {
        return (m_dir.path() + QLatin1Char('/') + name).toStdString();
    }

    // A fake ssh: records its arguments, then runs body.
    std::string fakeSsh(const char* name, const std::string& body) const
    {
        const std::string file = path(name);
        QFile f(QString::fromStdString(file));
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        const std::string script = "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + file + ".args\"\n" + body + "\n";
        f.write(script.c_str());
        f.close();
        ::chmod(file.c_str(), 0755);
        return file;
    }

    static DockerEndpoint sshEndpoint(const std::string& user, const std::string& host, int port)
    {
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Ssh;
        e.sshUser = user;
        e.host = host;
        e.port = port;
        return e;
    }

    static HttpRequest get(const std::string& p, long timeoutMs = 10000)
    {
        HttpRequest r;
        r.path = p;
        r.timeoutMs = timeoutMs;
        return r;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void commandLine_data()
    {
        QTest::addColumn<std::string>("user");
        QTest::addColumn<int>("port");
        QTest::addColumn<std::vector<std::string>>("extra");
        QTest::addColumn<std::vector<std::string>>("expected");
        const std::vector<std::string> head{"ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-T"};
        const std::vector<std::string> tail{"--", "build.example", "docker", "system", "dial-stdio"};
        auto with = [&](std::vector<std::string> middle) {
            std::vector<std::string> all = head;
            all.insert(all.end(), middle.begin(), middle.end());
            all.insert(all.end(), tail.begin(), tail.end());
            return all;
        };
        QTest::newRow("a bare host runs ssh in batch mode with the host after --")
            << std::string() << 0 << std::vector<std::string>{} << with({});
        QTest::newRow("user and port become -l and -p")
            << std::string("deploy") << 2222 << std::vector<std::string>{}
            << with({"-l", "deploy", "-p", "2222"});
        QTest::newRow("extra options come before the login")
            << std::string("me") << 0 << std::vector<std::string>{"-F", "/cfg"}
            << with({"-F", "/cfg", "-l", "me"});
    }

    void commandLine()
    {
        QFETCH(std::string, user);
        QFETCH(int, port);
        QFETCH(std::vector<std::string>, extra);
        QFETCH(std::vector<std::string>, expected);
        SshDialer::Options options;
        options.extraArguments = extra;
        const SshDialer dialer(sshEndpoint(user, "build.example", port), options);
        QCOMPARE(dialer.commandLine(), expected);
    }

    void splitsOptionsOnWhitespace()
    {
        QCOMPARE(SshDialer::splitOptions("  -F /a/config\t-o  IdentitiesOnly=yes\n"),
                 (std::vector<std::string>{"-F", "/a/config", "-o", "IdentitiesOnly=yes"}));
        QVERIFY(SshDialer::splitOptions("   ").empty());
    }

    void explain_data()
    {
        QTest::addColumn<std::string>("said");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<std::string>("advice");
        QTest::newRow("a refused key says to load it into the agent")
            << std::string("root@10.0.0.5: Permission denied (publickey).") << 255
            << int(ErrorCode::PermissionDenied) << std::string("ssh-add");
        QTest::newRow("an unknown host key says to accept it with ssh once")
            << std::string("Host key verification failed.") << 255 << int(ErrorCode::TlsFailure)
            << std::string("run `ssh deploy@10.0.0.5` once");
        QTest::newRow("docker missing remotely says to install it there")
            << std::string("bash: line 1: docker: command not found") << 127
            << int(ErrorCode::DaemonUnreachable) << std::string("docker CLI is not available");
        QTest::newRow("a remote daemon that is down is told apart from ssh")
            << std::string(
                   "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker "
                   "daemon running?")
            << 1 << int(ErrorCode::DaemonUnreachable) << std::string("ssh login to 10.0.0.5 worked");
        QTest::newRow("no sshd listening says to check host and port")
            << std::string("ssh: connect to host 10.0.0.5 port 22: Connection refused") << 255
            << int(ErrorCode::DaemonUnreachable) << std::string("sshd runs there");
        QTest::newRow("anything else quotes ssh and its exit status")
            << std::string("kex_exchange_identification: read: Connection reset by peer") << 255
            << int(ErrorCode::DaemonUnreachable) << std::string("exit status 255");
    }

    void explain()
    {
        QFETCH(std::string, said);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(std::string, advice);
        const Error e = SshDialer::explain({said, status}, sshEndpoint("deploy", "10.0.0.5", 0));
        QCOMPARE(int(e.code), code);
        QVERIFY2(e.message.find(advice) != std::string::npos, e.message.c_str());
        QVERIFY2(e.message.find("ssh://deploy@10.0.0.5") != std::string::npos ||
                     e.message.find("10.0.0.5") != std::string::npos,
                 e.message.c_str());
    }

    void relaysHttpBothWaysAndCleansUp()
    {
        const auto daemon = path("daemon.sock");
        auto server = FakeHttpServer::onUnixSocket(daemon, [](const FakeRequest& r, FakeConnection& c) {
            c.respond(200, "{\"path\":\"" + r.path + "\"}", {{"Api-Version", "1.45"}});
        });
        QVERIFY(server);
        SshDialer::Options options;
        options.sshProgram = fakeSsh("relay-ssh", "exec socat - UNIX-CONNECT:" + daemon);
        auto transport = SshTransport::open(sshEndpoint("deploy", "build.example", 2222), options);
        QVERIFY2(transport.ok(), transport.ok() ? "" : transport.error().message.c_str());
        const std::string socket = transport.value()->dialer().socketPath();
        struct stat st
        {
        };
        QCOMPARE(::stat(QFileInfo(QString::fromStdString(socket)).path().toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u);
        QCOMPARE(transport.value()->describe(), std::string("ssh://deploy@build.example:2222"));

        auto one = transport.value()->send(get("/v1.45/info"));
        QVERIFY2(one.ok(), one.ok() ? "" : one.error().message.c_str());
        QCOMPARE(one->status, 200);
        QCOMPARE(one->body, std::string("{\"path\":\"/v1.45/info\"}"));

        std::vector<HttpRequest> many;
        for (int i = 0; i < 40; ++i) {
            many.push_back(get("/v1.45/containers/c" + std::to_string(i) + "/json"));
        }
        const auto results = transport.value()->sendAll(many);
        for (int i = 0; i < 40; ++i) {
            QVERIFY2(results[i].ok(), results[i].ok() ? "" : results[i].error().message.c_str());
            QCOMPARE(results[i]->body, "{\"path\":\"/v1.45/containers/c" + std::to_string(i) + "/json\"}");
        }
        QFile args(QString::fromStdString(options.sshProgram + ".args"));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QVERIFY(args.readAll().contains("--\nbuild.example\ndocker\nsystem\ndial-stdio\n"));

        transport.value().reset(); // the destructor stops every ssh and removes socket and directory
        QVERIFY(!QFileInfo::exists(QString::fromStdString(socket)));
        QVERIFY(!QFileInfo::exists(QFileInfo(QString::fromStdString(socket)).path()));
    }

    void sshFailureBecomesTheErrorInsteadOfAClosedConnection()
    {
        SshDialer::Options options;
        options.sshProgram = fakeSsh(
            "refusing-ssh", "echo \"Warning: Permanently added '[h]:22' (ED25519) to the list of known "
                            "hosts.\" >&2\necho 'deploy@h: Permission denied (publickey).' >&2\nexit 255");
        auto transport = SshTransport::open(sshEndpoint("deploy", "h", 0), options);
        QVERIFY(transport.ok());
        const auto r = transport.value()->send(get("/_ping"));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), int(ErrorCode::PermissionDenied));
        QVERIFY2(r.error().message.find("Permission denied (publickey)") != std::string::npos,
                 r.error().message.c_str());
        QVERIFY2(r.error().message.find("ssh://deploy@h") != std::string::npos, r.error().message.c_str());
    }

    void sshThatStopsReadingStillGetsItsReasonHeard()
    {
        // ssh that fails before reading its input: the relay's write fails once ssh is gone, and what ssh
        // said must still become the error (a large body makes sure the write happens after that).
        SshDialer::Options options;
        options.sshProgram =
            fakeSsh("deaf-ssh", "exec 0<&- 1>&-\nsleep 0.2\n"
                                "echo 'deploy@h: Permission denied (publickey).' >&2\nexit 255");
        auto transport = SshTransport::open(sshEndpoint("deploy", "h", 0), options);
        QVERIFY(transport.ok());
        HttpRequest post = get("/v1.45/build");
        post.method = "POST";
        post.contentType = "application/octet-stream";
        post.body.assign(4 * 1024 * 1024, 'x');
        const auto r = transport.value()->send(post);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("Permission denied (publickey)") != std::string::npos,
                 r.error().message.c_str());
    }

    void aForkedChildHoldingStderrDoesNotDelayTheError()
    {
        // Like a ControlMaster that ssh forks for ControlPersist: it keeps ssh's stderr open after ssh exits.
        SshDialer::Options options;
        options.sshProgram =
            fakeSsh("forking-ssh", "echo 'deploy@h: Permission denied (publickey).' >&2\n"
                                   "sleep 30 >/dev/null </dev/null &\necho $! > \"$0.holder\"\nexit 255");
        auto transport = SshTransport::open(sshEndpoint("deploy", "h", 0), options);
        QVERIFY(transport.ok());
        const auto r = transport.value()->send(get("/_ping", 8000));
        QFile holder(QString::fromStdString(options.sshProgram + ".holder"));
        if (holder.open(QIODevice::ReadOnly)) {
            ::kill(pid_t(holder.readAll().trimmed().toInt()), SIGKILL);
        }
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code),
                 int(ErrorCode::PermissionDenied)); // not a timeout while stderr stayed open
    }

    void missingSshClientIsSaidPlainly()
    {
        SshDialer::Options options;
        options.sshProgram = path("no-such-ssh");
        auto transport = SshTransport::open(sshEndpoint("", "h", 0), options);
        QVERIFY(transport.ok());
        const auto r = transport.value()->send(get("/_ping"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("ssh client is not installed") != std::string::npos,
                 r.error().message.c_str());
    }

    void aHangingSshIsKilledOnTimeoutAndShutdown()
    {
        SshDialer::Options options;
        options.sshProgram = fakeSsh("hanging-ssh", "echo $$ > \"$0.pid\"\nexec sleep 300");
        auto transport = SshTransport::open(sshEndpoint("", "h", 0), options);
        QVERIFY(transport.ok());
        const auto r = transport.value()->send(get("/_ping", 300));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), int(ErrorCode::Timeout));
        QVERIFY2(r.error().message.find("ssh://h") != std::string::npos, r.error().message.c_str());
        QVERIFY2(r.error().message.find("drydock-ssh-") == std::string::npos, r.error().message.c_str());
        QFile pidFile(QString::fromStdString(options.sshProgram + ".pid"));
        QTRY_VERIFY(pidFile.exists());
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t pid = pid_t(pidFile.readAll().trimmed().toInt());
        QVERIFY(pid > 0);
        transport.value().reset();
        QCOMPARE(::kill(pid, 0), -1); // reaped: no such process any more
        QCOMPARE(errno, ESRCH);
    }

    void removesOnlyStaleDirectoriesOfKilledRuns()
    {
        // A killed run's directory (socket file, nobody listening) goes; a live dialer's stays.
        const std::string root = path("tmproot");
        QVERIFY(QDir().mkpath(QString::fromStdString(root)));
        SshDialer::Options options;
        options.tempRoot = root;
        SshDialer live(sshEndpoint("", "h", 0), options);
        QVERIFY(live.start().ok());
        const std::string stale = root + "/drydock-ssh-dead01";
        QVERIFY(QDir().mkpath(QString::fromStdString(stale)));
        {
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            const std::string sock = stale + "/docker.sock";
            std::memcpy(address.sun_path, sock.c_str(), sock.size() + 1);
            QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
            ::close(fd); // bound, never listened: what a killed process leaves
        }
        const std::string unrelated = root + "/other-dir";
        QVERIFY(QDir().mkpath(QString::fromStdString(unrelated)));

        SshDialer next(sshEndpoint("", "h", 0), options);
        QVERIFY(next.start().ok());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(stale)));
        QVERIFY(QFileInfo::exists(QString::fromStdString(live.socketPath())));
        QVERIFY(QFileInfo::exists(QString::fromStdString(unrelated)));
    }

    void refusesAHostOrUserThatIsNotAPlainName_data()
    {
        QTest::addColumn<std::string>("user");
        QTest::addColumn<std::string>("host");
        QTest::newRow("a host that looks like an option")
            << std::string() << std::string("-oProxyCommand=evil");
        QTest::newRow("a user that looks like an option")
            << std::string("-oProxyCommand=evil") << std::string("h");
        QTest::newRow("a command substitution in the user")
            << std::string("ops$(touch PWNED)") << std::string("h");
        QTest::newRow("a semicolon in the host") << std::string("ops") << std::string("h;touch PWNED");
        QTest::newRow("an escape sequence in the host") << std::string("ops") << std::string("h\x1b]0;x\a");
    }

    // The dialer checks again whoever built the endpoint (a context, a saved list, a test): ssh never starts.
    void refusesAHostOrUserThatIsNotAPlainName()
    {
        QFETCH(std::string, user);
        QFETCH(std::string, host);
        SshDialer::Options options;
        options.sshProgram = fakeSsh("ssh-never", "exit 0");
        SshDialer dialer(sshEndpoint(user, host, 0), options);
        const auto started = dialer.start();
        QVERIFY(!started.ok());
        QCOMPARE(int(started.error().code), int(ErrorCode::InvalidArgument));
        QVERIFY2(started.error().message.find("not a plain name") != std::string::npos,
                 started.error().message.c_str());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(options.sshProgram + ".args")));
    }

    void hintCommandsRunExactlyTheSshTheyName_data()
    {
        QTest::addColumn<std::string>("user");
        QTest::addColumn<std::string>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<std::string>("said");
        QTest::addColumn<std::vector<std::string>>("argv");
        QTest::newRow("a host key hint with user and port")
            << std::string("ops") << std::string("build.example") << 2222
            << std::string("Host key verification failed.")
            << std::vector<std::string>{"-p", "2222", "ops@build.example"};
        QTest::newRow("a refused login hint names docker version")
            << std::string("deploy") << std::string("10.0.0.5") << 0
            << std::string("deploy@10.0.0.5: Permission denied (publickey).")
            << std::vector<std::string>{"deploy@10.0.0.5", "docker", "version"};
        QTest::newRow("the catch-all hint names dial-stdio, with an IPv6 zone")
            << std::string() << std::string("fe80::1%eth0") << 0 << std::string("something odd")
            << std::vector<std::string>{"fe80::1%eth0", "docker", "system", "dial-stdio"};
    }

    // The command between backquotes is pasted into a shell: run it with a stand-in ssh on PATH and compare
    // the argv it received with the one intended.
    void hintCommandsRunExactlyTheSshTheyName()
    {
        QFETCH(std::string, user);
        QFETCH(std::string, host);
        QFETCH(int, port);
        QFETCH(std::string, said);
        QFETCH(std::vector<std::string>, argv);
        const Error e = SshDialer::explain({said, 255}, sshEndpoint(user, host, port));
        const auto start = e.message.rfind("`ssh ");
        QVERIFY2(start != std::string::npos, e.message.c_str());
        const auto end = e.message.find('`', start + 1);
        QVERIFY(end != std::string::npos);
        const std::string command = e.message.substr(start + 1, end - start - 1);
        QTemporaryDir bin;
        const std::string record = (bin.path() + "/argv").toStdString();
        {
            QFile stub(bin.path() + "/ssh");
            QVERIFY(stub.open(QIODevice::WriteOnly));
            stub.write(("#!/bin/sh\nprintf '%s\\n' \"$@\" > " + shellQuote(record) + "\n").c_str());
        }
        ::chmod((bin.path() + "/ssh").toLocal8Bit().constData(), 0755);
        QProcess sh;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PATH", bin.path() + ":/usr/bin:/bin");
        sh.setProcessEnvironment(env);
        sh.setWorkingDirectory(bin.path());
        sh.start("/bin/sh", {"-c", QString::fromStdString(command)});
        QVERIFY(sh.waitForFinished(10000));
        QFile got(QString::fromStdString(record));
        QVERIFY2(got.open(QIODevice::ReadOnly), command.c_str());
        std::string expected;
        for (const auto& word : argv) {
            expected += word + "\n";
        }
        QCOMPARE(got.readAll().toStdString(), expected);
        QCOMPARE(QDir(bin.path()).entryList(QDir::Files).size(), 2); // nothing else was created
    }

    // explain() may meet an endpoint nobody checked: a hostile name is never printed as a command to run.
    void hintsNeverPrintAHostileNameAsACommand()
    {
        const Error e = SshDialer::explain({"Host key verification failed.", 255},
                                           sshEndpoint("ops$(touch PWNED)", "h;touch PWNED", 0));
        QVERIFY2(e.message.find("`ssh HOST`") != std::string::npos, e.message.c_str());
        QVERIFY(e.message.find("`ssh ops") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSshDialer)
#include "TestSshDialer.moc"
