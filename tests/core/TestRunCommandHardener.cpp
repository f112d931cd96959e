#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/remediation/SecretLikeness.h"

#include <QTest>

using namespace drydock;

using Edits = std::vector<RunEdit>;
Q_DECLARE_METATYPE(Edits)
Q_DECLARE_METATYPE(drydock::StringList)

namespace {

// "--flag value --bool … IMAGE CMD…" as a RunCommand; the test tables read like the command lines they are.
RunCommand parse(const QString& line)
{
    static const StringList booleans{"--read-only",     "--privileged",  "--rm",
                                     "--init",          "--tty",         "--interactive",
                                     "--detach",        "--publish-all", "--oom-kill-disable",
                                     "--no-healthcheck"};
    RunCommand cmd;
    const StringList words = shellSplit(line.toStdString()).value();
    std::size_t i = 0;
    for (; i < words.size() && startsWith(words[i], "--"); ++i) {
        if (std::find(booleans.begin(), booleans.end(), words[i]) != booleans.end()) {
            cmd.options.push_back(RunArg{words[i], {}, false});
        } else {
            cmd.options.push_back(RunArg{words[i], words[i + 1], true});
            ++i;
        }
    }
    cmd.image = words.at(i);
    cmd.command.assign(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end());
    return cmd;
}

QString text(const RunCommand& cmd)
{
    return QString::fromStdString(cmd.renderOneLine()).mid(QStringLiteral("docker run ").size());
}

RunEdit add(const char* flag, const char* value = "")
{
    return RunEdit{RunEdit::Op::AddFlag, flag, value};
}
RunEdit removeFlag(const char* flag)
{
    return RunEdit{RunEdit::Op::RemoveFlag, flag, ""};
}
RunEdit removeValue(const char* flag, const char* value)
{
    return RunEdit{RunEdit::Op::RemoveValue, flag, value};
}
RunEdit op(RunEdit::Op o, const char* value)
{
    return RunEdit{o, "", value};
}

} // namespace

// Applying fixes to a rebuilt command without changing what the container does.
class TestRunCommandHardener : public QObject
{
    Q_OBJECT

private slots:
    void edit_data();
    void edit();
    void imageExposedPortKeepsNetBindService();
    void newNetworkAsksToCreateItFirst();
    void networkFromAFollowUpBecomesPrimary();
    void secretReplacementKeepsTheValueOut();
    void redactionNoteLeavesWithTheLastPlaceholder();
    void dropAllNotesTheUsualStartupCapabilities();
    void anonymousVolumesGetANote();
    void seccompNoteLeavesWithTheProfile();
    void renderedFlags_data();
    void renderedFlags();
};

void TestRunCommandHardener::edit_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<Edits>("edits");
    QTest::addColumn<QString>("after");
    using O = RunEdit::Op;

    QTest::newRow("read-only brings a writable tmpfs for /tmp")
        << "--name web img" << Edits{add("--read-only")}
        << "--name web --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m img";
    QTest::newRow("read-only keeps an existing tmpfs at /tmp")
        << "--tmpfs /tmp:size=1g img" << Edits{add("--read-only")} << "--read-only --tmpfs /tmp:size=1g img";
    QTest::newRow("read-only keeps a volume at /tmp and adds no tmpfs")
        << "--volume scratch:/tmp img" << Edits{add("--read-only")}
        << "--read-only --volume scratch:/tmp img";
    QTest::newRow("read-only keeps a --mount at /tmp/ and adds no tmpfs")
        << "--mount type=volume,dst=/tmp/ img" << Edits{add("--read-only")}
        << "--read-only --mount type=volume,dst=/tmp/ img";
    QTest::newRow("read-only keeps the other volumes and tmpfs mounts")
        << "--volume data:/data --tmpfs /run img" << Edits{add("--read-only")}
        << "--read-only --volume data:/data --tmpfs /run --tmpfs /tmp:rw,noexec,nosuid,size=64m img";
    QTest::newRow("dropping all capabilities keeps NET_BIND_SERVICE for port 80 in the container")
        << "--publish 8080:80 img" << Edits{add("--cap-drop", "ALL")}
        << "--cap-add NET_BIND_SERVICE --cap-drop ALL --publish 8080:80 img";
    QTest::newRow("dropping all capabilities adds nothing for a high container port behind host port 80")
        << "--user 1000 --publish 80:8080 img" << Edits{add("--cap-drop", "ALL")}
        << "--user 1000 --cap-drop ALL --publish 80:8080 img";
    QTest::newRow("dropping all capabilities keeps NET_BIND_SERVICE for an exposed port")
        << "--user 1000 --expose 443 img" << Edits{add("--cap-drop", "ALL")}
        << "--user 1000 --cap-add NET_BIND_SERVICE --cap-drop ALL --expose 443 img";
    QTest::newRow("dropping all capabilities keeps explicit adds and replaces other drops")
        << "--user 1000 --cap-add NET_ADMIN --cap-drop NET_RAW --cap-drop MKNOD img"
        << Edits{add("--cap-drop", "ALL")} << "--user 1000 --cap-add NET_ADMIN --cap-drop ALL img";
    QTest::newRow("dropping all capabilities accepts the flag and value in one string")
        << "--user 1000 img" << Edits{add("--cap-drop ALL")} << "--user 1000 --cap-drop ALL img";
    QTest::newRow("a flag written with an equals sign is understood")
        << "--user 1000 img" << Edits{add("--cap-drop=ALL"), add("--pids-limit=256")}
        << "--user 1000 --cap-drop ALL --pids-limit 256 img";
    QTest::newRow("dropping one capability after all of them adds nothing")
        << "--cap-drop ALL img" << Edits{add("--cap-drop", "NET_RAW")} << "--cap-drop ALL img";
    QTest::newRow("an added capability is not repeated under another spelling")
        << "--cap-add NET_ADMIN img" << Edits{add("--cap-add", "cap_net_admin")} << "--cap-add NET_ADMIN img";
    QTest::newRow("a user replaces the previous one")
        << "--user 0 img" << Edits{add("--user", "10001:10001")} << "--user 10001:10001 img";
    QTest::newRow("limits replace the previous values")
        << "--restart always --memory 4g --memory-swap -1 --cpus 4 --pids-limit 10000 img"
        << Edits{add("--restart", "on-failure:5"), add("--memory", "512m"), add("--memory-swap", "512m"),
                 add("--cpus", "1.0"), add("--pids-limit", "256")}
        << "--restart on-failure:5 --memory 512m --memory-swap 512m --cpus 1.0 --pids-limit 256 img";
    QTest::newRow("limits are added in the builder's order")
        << "--name web --log-driver syslog img" << Edits{add("--pids-limit", "256"), add("--memory", "512m")}
        << "--name web --memory 512m --pids-limit 256 --log-driver syslog img";
    QTest::newRow("a larger memory limit raises a smaller swap limit")
        << "--memory 256m --memory-swap 300m img" << Edits{add("--memory", "512m")}
        << "--memory 512m --memory-swap 512m img";
    QTest::newRow("a repeatable flag is not repeated")
        << "--security-opt no-new-privileges:true img"
        << Edits{add("--security-opt", "no-new-privileges:true")}
        << "--security-opt no-new-privileges:true img";
    QTest::newRow("a security option replaces its opposite")
        << "--security-opt no-new-privileges=false --security-opt label=type:x img"
        << Edits{add("--security-opt", "no-new-privileges:true")}
        << "--security-opt no-new-privileges:true --security-opt label=type:x img";
    QTest::newRow("a seccomp profile replaces unconfined")
        << "--security-opt seccomp:unconfined img"
        << Edits{add("--security-opt", "seccomp=/etc/docker/app.json")}
        << "--security-opt seccomp=/etc/docker/app.json img";
    QTest::newRow("a log option replaces the same key")
        << "--log-opt max-size=1g --log-opt max-file=9 img" << Edits{add("--log-opt", "max-size=10m")}
        << "--log-opt max-size=10m --log-opt max-file=9 img";
    QTest::newRow("a health check replaces its opt-out")
        << "--no-healthcheck img" << Edits{add("--health-cmd", "curl -f localhost || exit 1")}
        << "--health-cmd 'curl -f localhost || exit 1' img";
    QTest::newRow("a user network replaces the default bridge")
        << "--network bridge --publish 8080:80 img" << Edits{add("--network", "appnet")}
        << "--network appnet --publish 8080:80 img";

    QTest::newRow("privileged is removed") << "--privileged --cap-add SYS_ADMIN img"
                                           << Edits{removeFlag("--privileged")} << "--cap-add SYS_ADMIN img";
    QTest::newRow("every occurrence of a flag is removed")
        << "--pid host --name a --pid host img" << Edits{removeFlag("--pid")} << "--name a img";
    QTest::newRow("removing the network drops its aliases too")
        << "--network appnet --network-alias api img" << Edits{removeFlag("--network")} << "img";
    QTest::newRow("a capability is removed whatever its prefix and case")
        << "--cap-add SYS_ADMIN --cap-add NET_ADMIN img" << Edits{removeValue("--cap-add", "cap_sys_admin")}
        << "--cap-add NET_ADMIN img";
    QTest::newRow("a capability given with its prefix removes the bare one")
        << "--cap-add SYS_PTRACE img" << Edits{removeValue("--cap-add", "CAP_SYS_PTRACE")} << "img";
    QTest::newRow("seccomp unconfined is removed whichever separator was used")
        << "--security-opt seccomp:unconfined --security-opt no-new-privileges img"
        << Edits{removeValue("--security-opt", "seccomp=unconfined")}
        << "--security-opt no-new-privileges img";
    QTest::newRow("an inlined seccomp profile quoted from inspect removes the profile file option")
        << "--security-opt seccomp=./seccomp-web.json --security-opt no-new-privileges img"
        << Edits{removeValue("--security-opt", "seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}")}
        << "--security-opt no-new-privileges img";
    QTest::newRow("removing the log driver removes its options")
        << "--log-driver splunk --log-opt 'splunk-token=<redacted>' --name a img"
        << Edits{removeFlag("--log-driver")} << "--name a img";
    QTest::newRow("a device is removed by its host path")
        << "--device /dev/sda:/dev/xvda:rwm --device /dev/ttyUSB0 img"
        << Edits{removeValue("--device", "/dev/sda")} << "--device /dev/ttyUSB0 img";
    QTest::newRow("a sysctl is removed by its key")
        << "--sysctl net.ipv4.ip_forward=1 --sysctl net.core.somaxconn=1024 img"
        << Edits{removeValue("--sysctl", "net.ipv4.ip_forward")} << "--sysctl net.core.somaxconn=1024 img";
    QTest::newRow("a group is removed and the others stay")
        << "--group-add 0 --group-add audio img" << Edits{removeValue("--group-add", "0")}
        << "--group-add audio img";

    QTest::newRow("the docker socket bind is removed by its container path")
        << "--volume /var/run/docker.sock:/var/run/docker.sock --volume data:/data img"
        << Edits{op(O::RemoveMount, "/var/run/docker.sock")} << "--volume data:/data img";
    QTest::newRow("a --mount is removed by its target")
        << "--mount type=bind,src=/run/docker.sock,dst=/sock img" << Edits{op(O::RemoveMount, "/sock/")}
        << "img";
    QTest::newRow("a bind becomes read-only")
        << "--volume /etc:/host/etc img" << Edits{op(O::ReadOnlyMount, "/host/etc")}
        << "--volume /etc:/host/etc:ro img";
    QTest::newRow("rw turns into ro and the other mode words stay")
        << "--volume /srv:/srv:rw,Z img" << Edits{op(O::ReadOnlyMount, "/srv")}
        << "--volume /srv:/srv:ro,Z img";
    QTest::newRow("a --mount gains readonly")
        << "--mount type=bind,src=/a,dst=/b img" << Edits{op(O::ReadOnlyMount, "/b")}
        << "--mount type=bind,src=/a,dst=/b,readonly img";
    QTest::newRow("readonly=false is replaced")
        << "--mount type=bind,src=/a,dst=/b,readonly=false img" << Edits{op(O::ReadOnlyMount, "/b")}
        << "--mount type=bind,src=/a,dst=/b,readonly img";
    QTest::newRow("an anonymous volume stays as it is (the daemon refuses it read-only)")
        << "--volume /data --mount type=volume,dst=/cache img"
        << Edits{op(O::ReadOnlyMount, "/data"), op(O::ReadOnlyMount, "/cache")}
        << "--volume /data --mount type=volume,dst=/cache img";
    QTest::newRow("a named --mount volume becomes read-only")
        << "--mount type=volume,src=cache,dst=/cache img" << Edits{op(O::ReadOnlyMount, "/cache")}
        << "--mount type=volume,src=cache,dst=/cache,readonly img";

    QTest::newRow("a published port moves to loopback")
        << "--publish 8080:80 img" << Edits{op(O::BindPortToLoopback, "80/tcp")}
        << "--publish 127.0.0.1:8080:80 img";
    QTest::newRow("a random host port moves to loopback")
        << "--publish 80 img" << Edits{op(O::BindPortToLoopback, "80")} << "--publish 127.0.0.1::80 img";
    QTest::newRow("IPv4 and IPv6 wildcard bindings merge into one loopback binding")
        << "--publish 0.0.0.0:8080:80 --publish [::]:8080:80 img"
        << Edits{op(O::BindPortToLoopback, "80/tcp")} << "--publish 127.0.0.1:8080:80 img";
    QTest::newRow("an address chosen by the user stays")
        << "--publish 192.168.1.5:8080:80 img" << Edits{op(O::BindPortToLoopback, "80/tcp")}
        << "--publish 192.168.1.5:8080:80 img";
    QTest::newRow("a UDP port moves to loopback and TCP ports stay")
        << "--publish 53:53/udp --publish 53:53 img" << Edits{op(O::BindPortToLoopback, "53/udp")}
        << "--publish 127.0.0.1:53:53/udp --publish 53:53 img";
    QTest::newRow("a port stops being published")
        << "--publish 8080:80 --publish 8443:443 img" << Edits{op(O::RemovePort, "80/tcp")}
        << "--publish 8443:443 img";

    QTest::newRow("an env secret becomes a file")
        << "--env 'DB_PASSWORD=<redacted>' --env MODE=prod img"
        << Edits{op(O::ReplaceEnvSecret, "DB_PASSWORD")}
        << "--env DB_PASSWORD_FILE=/run/secrets/db_password --env MODE=prod "
           "--volume /srv/secrets/db_password:/run/secrets/db_password:ro img";
    QTest::newRow("several edits together")
        << "--privileged --cap-add SYS_ADMIN --publish 8080:80 --volume "
           "/var/run/docker.sock:/var/run/docker.sock img"
        << Edits{removeFlag("--privileged"),
                 removeValue("--cap-add", "SYS_ADMIN"),
                 add("--cap-drop", "ALL"),
                 add("--read-only"),
                 op(O::RemoveMount, "/var/run/docker.sock"),
                 op(O::BindPortToLoopback, "80/tcp"),
                 add("--security-opt", "no-new-privileges:true"),
                 add("--user", "10001:10001")}
        << "--user 10001:10001 --read-only --cap-add NET_BIND_SERVICE --cap-drop ALL "
           "--security-opt no-new-privileges:true --publish 127.0.0.1:8080:80 "
           "--tmpfs /tmp:rw,noexec,nosuid,size=64m img";
}

void TestRunCommandHardener::edit()
{
    QFETCH(QString, before);
    QFETCH(Edits, edits);
    QFETCH(QString, after);
    const RunCommandHardener hardener;
    const RunCommand once = hardener.apply(parse(before), edits);
    QCOMPARE(text(once), after);
    // Idempotence: the walkthrough may apply a finding's edits to an already hardened command.
    const RunCommand twice = hardener.apply(once, edits);
    QCOMPARE(twice.argv(), once.argv());
    QCOMPARE(twice.notes, once.notes);
    QCOMPARE(twice.followUps, once.followUps);
}

void TestRunCommandHardener::imageExposedPortKeepsNetBindService()
{
    RunCommand cmd = parse("--user 1000 nginx");
    cmd.exposedPorts = {"80/tcp"}; // EXPOSE in the image: no flag on the command line
    const RunCommand out = RunCommandHardener().apply(cmd, {add("--cap-drop", "ALL")});
    QCOMPARE(out.values("--cap-add"), StringList{"NET_BIND_SERVICE"});
    QCOMPARE(out.values("--cap-drop"), StringList{"ALL"});
}

void TestRunCommandHardener::newNetworkAsksToCreateItFirst()
{
    RunCommand cmd = parse("--name web img");
    cmd.notes = {"existing note"};
    const RunCommand out = RunCommandHardener().apply(cmd, {add("--network", "app net")});
    QCOMPARE(out.values("--network"), StringList{"app net"});
    QCOMPARE(out.notes.size(), std::size_t(2));
    QCOMPARE(out.notes.front(), std::string("Create the network first: docker network create 'app net'"));
    QVERIFY(startsWith(out.render(), "# Create the network first: docker network create 'app net'\n"));
    QVERIFY(out.followUps.empty());
}

void TestRunCommandHardener::networkFromAFollowUpBecomesPrimary()
{
    RunCommand cmd = parse("--name web img");
    cmd.followUps = {{"backend", {"api"}, "web"}, {"other", {}, "web"}};
    const RunCommand out = RunCommandHardener().apply(cmd, {add("--network", "backend")});
    QCOMPARE(text(out), QStringLiteral("--name web --network backend --network-alias api img && "
                                       "docker network connect other web"));
    QVERIFY(out.notes.empty()); // the network exists: the container was attached to it
}

void TestRunCommandHardener::secretReplacementKeepsTheValueOut()
{
    const RunCommand cmd = parse("--env API_TOKEN=tok_live_abc123 --env API_TOKEN=again img");
    const RunCommand out = RunCommandHardener().apply(cmd, {op(RunEdit::Op::ReplaceEnvSecret, "API_TOKEN")});
    QVERIFY(!contains(out.render(), "tok_live_abc123"));
    QVERIFY(!contains(out.render(), "again"));
    QCOMPARE(out.values("--env"), StringList{"API_TOKEN_FILE=/run/secrets/api_token"});
    QCOMPARE(out.values("--volume"), StringList{"/srv/secrets/api_token:/run/secrets/api_token:ro"});
    QCOMPARE(out.notes,
             StringList{"Put the secret for API_TOKEN in /srv/secrets/api_token (chmod 600, owned by the "
                        "UID the container runs as); the application must read API_TOKEN_FILE."});
}

void TestRunCommandHardener::redactionNoteLeavesWithTheLastPlaceholder()
{
    RunCommand cmd = parse("--env 'A_PASSWORD=<redacted>' --env 'B_TOKEN=<redacted>' img");
    cmd.notes = {std::string(kRedactionNote)};
    const RunCommandHardener hardener;
    const RunCommand partly = hardener.apply(cmd, {op(RunEdit::Op::ReplaceEnvSecret, "A_PASSWORD")});
    QVERIFY(std::find(partly.notes.begin(), partly.notes.end(), std::string(kRedactionNote)) !=
            partly.notes.end());
    const RunCommand fully = hardener.apply(partly, {op(RunEdit::Op::ReplaceEnvSecret, "B_TOKEN")});
    QVERIFY(std::find(fully.notes.begin(), fully.notes.end(), std::string(kRedactionNote)) ==
            fully.notes.end());
}

void TestRunCommandHardener::anonymousVolumesGetANote()
{
    const RunCommandHardener hardener;
    const RunCommand onCommandLine =
        hardener.apply(parse("--volume /data img"), {op(RunEdit::Op::ReadOnlyMount, "/data")});
    QCOMPARE(onCommandLine.notes,
             StringList{"The anonymous volume at /data cannot be mounted read-only; name it "
                        "(--volume NAME:/data:ro) if it must be."});
    const RunCommand fromImage =
        hardener.apply(parse("img"), {op(RunEdit::Op::ReadOnlyMount, "/var/lib/app")});
    QCOMPARE(fromImage.notes.size(), std::size_t(1));
    QCOMPARE(fromImage.argv(), (StringList{"run", "img"}));
    const RunCommand bind =
        hardener.apply(parse("--volume /a:/data img"), {op(RunEdit::Op::ReadOnlyMount, "/data")});
    QVERIFY(bind.notes.empty());
}

void TestRunCommandHardener::seccompNoteLeavesWithTheProfile()
{
    RunCommand cmd = parse("--security-opt seccomp=./seccomp-web.json img");
    cmd.notes = {std::string(kSeccompNotePrefix) + " (…) to ./seccomp-web.json before running this."};
    const RunCommandHardener hardener;
    QCOMPARE(hardener.apply(cmd, {add("--read-only")}).notes.size(), std::size_t(1));
    QVERIFY(hardener.apply(cmd, {removeValue("--security-opt", "seccomp={}")}).notes.empty());
}

void TestRunCommandHardener::dropAllNotesTheUsualStartupCapabilities()
{
    const RunCommandHardener hardener;
    const RunCommand asRoot = hardener.apply(parse("img"), {add("--cap-drop", "ALL")});
    QCOMPARE(asRoot.notes.size(), std::size_t(1));
    QVERIFY(contains(asRoot.notes.front(), "--cap-add SETUID"));
    const RunCommand asUser = hardener.apply(parse("--user 10001 img"), {add("--cap-drop", "ALL")});
    QVERIFY(asUser.notes.empty());
}

void TestRunCommandHardener::renderedFlags_data()
{
    QTest::addColumn<Edits>("edits");
    QTest::addColumn<StringList>("addFlags");
    QTest::addColumn<StringList>("removeFlags");
    using O = RunEdit::Op;
    QTest::newRow("added flags are rendered with their values")
        << Edits{add("--cap-drop", "ALL"), add("--read-only"), add("--cap-drop ALL")}
        << StringList{"--cap-drop ALL", "--read-only"} << StringList{};
    QTest::newRow("removed flags and values are rendered")
        << Edits{removeFlag("--privileged"), removeValue("--cap-add", "cap_sys_admin")} << StringList{}
        << StringList{"--privileged", "--cap-add SYS_ADMIN"};
    QTest::newRow("a removed mount is described by its path")
        << Edits{op(O::RemoveMount, "/var/run/docker.sock")} << StringList{}
        << StringList{"--volume …:/var/run/docker.sock"};
    QTest::newRow("a loopback binding shows both sides")
        << Edits{op(O::BindPortToLoopback, "80/tcp")} << StringList{"--publish 127.0.0.1:…:80"}
        << StringList{"--publish …:80"};
    QTest::newRow("a secret replacement shows the file and its mount")
        << Edits{op(O::ReplaceEnvSecret, "DB_PASSWORD")}
        << StringList{"--env DB_PASSWORD_FILE=/run/secrets/db_password",
                      "--volume /srv/secrets/db_password:/run/secrets/db_password:ro"}
        << StringList{"--env 'DB_PASSWORD=…'"};
    QTest::newRow("values are shell-quoted")
        << Edits{add("--health-cmd", "curl -f localhost")} << StringList{"--health-cmd 'curl -f localhost'"}
        << StringList{};
}

void TestRunCommandHardener::renderedFlags()
{
    QFETCH(Edits, edits);
    QFETCH(StringList, addFlags);
    QFETCH(StringList, removeFlags);
    Remediation r;
    r.edits = edits;
    r.addFlags = {"stale"};
    renderEditFlags(r);
    QCOMPARE(r.addFlags, addFlags);
    QCOMPARE(r.removeFlags, removeFlags);
}

QTEST_APPLESS_MAIN(TestRunCommandHardener)
#include "TestRunCommandHardener.moc"
