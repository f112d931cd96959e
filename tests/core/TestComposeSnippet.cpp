#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/remediation/ComposeSnippet.h"

#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::StringList)

namespace {

// "--flag value --bool … IMAGE CMD…" as a RunCommand, so rows read like the command lines they come from.
RunCommand parse(const std::string& line)
{
    static const StringList booleans{"--read-only",     "--privileged",  "--rm",
                                     "--init",          "--tty",         "--interactive",
                                     "--detach",        "--publish-all", "--oom-kill-disable",
                                     "--no-healthcheck"};
    RunCommand cmd;
    const StringList words = shellSplit(line).value();
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

StringList lines(const std::string& yaml)
{
    StringList out = split(yaml, '\n');
    if (!out.empty() && out.back().empty()) {
        out.pop_back();
    }
    return out;
}

// Every line of the document is a comment, a top-level key or indented content: nothing a value carried
// can start a line of its own.
bool wellFormedLines(const StringList& ls)
{
    for (const auto& l : ls) {
        if (!(startsWith(l, "# ") || l == "services:" || l == "volumes:" || l == "networks:" ||
              startsWith(l, "  "))) {
            return false;
        }
    }
    return true;
}

} // namespace

// The compose service rendering of a run command.
class TestComposeSnippet : public QObject
{
    Q_OBJECT

private slots:
    void mapping_data();
    void mapping();
    void documentShape();
    void hostileValuesStayOnOneLine_data();
    void hostileValuesStayOnOneLine();
    void followUpNetworksJoinTheService();
    void notesBecomeComments();
    void namedResourcesAreDeclared_data();
    void namedResourcesAreDeclared();
    void newerFeaturesAreNamed_data();
    void newerFeaturesAreNamed();
};

void TestComposeSnippet::mapping_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<StringList>("expected");
    QTest::newRow("image and container name")
        << "--name web nginx:1.25" << StringList{"    image: \"nginx:1.25\"", "    container_name: \"web\""};
    QTest::newRow("command as an exec-form list")
        << "img sh -c 'echo hi'" << StringList{"    command: [\"sh\", \"-c\", \"echo hi\"]"};
    QTest::newRow("an entrypoint and a reset entrypoint")
        << "--entrypoint /tini img" << StringList{"    entrypoint: [\"/tini\"]"};
    QTest::newRow("an empty entrypoint resets the image's")
        << "--entrypoint '' img" << StringList{"    entrypoint: []"};
    QTest::newRow("user and working directory")
        << "--user 10001:10001 --workdir /srv img"
        << StringList{"    user: \"10001:10001\"", "    working_dir: \"/srv\""};
    QTest::newRow("environment as a list")
        << "--env A=1 --env 'B=two words' img"
        << StringList{"    environment:", "      - \"A=1\"", "      - \"B=two words\""};
    QTest::newRow("a dollar is doubled so compose does not interpolate it")
        << "--env 'PASS=a$HOME${X}' img" << StringList{"      - \"PASS=a$$HOME$${X}\""};
    QTest::newRow("ports, volumes and tmpfs")
        << "--publish 127.0.0.1:8080:80 --volume /srv:/srv:ro --tmpfs /tmp:size=64m img"
        << StringList{"    ports:",   "      - \"127.0.0.1:8080:80\"",
                      "    volumes:", "      - \"/srv:/srv:ro\"",
                      "    tmpfs:",   "      - \"/tmp:size=64m\""};
    QTest::newRow("a --mount uses the long volume syntax")
        << "--mount type=bind,src=/a,dst=/b,readonly,bind-propagation=rshared img"
        << StringList{"      - type: \"bind\"", "        source: \"/a\"",
                      "        target: \"/b\"", "        read_only: true",
                      "        bind:",          "          propagation: \"rshared\""};
    QTest::newRow("a tmpfs mount mode is converted from octal")
        << "--mount type=tmpfs,dst=/x,tmpfs-mode=1777,tmpfs-size=1048576 img"
        << StringList{"        tmpfs:", "          size: 1048576", "          mode: 1023"};
    QTest::newRow("confinement flags")
        << "--privileged --read-only --cap-add NET_ADMIN --cap-drop ALL --security-opt "
           "no-new-privileges:true img"
        << StringList{"    privileged: true", "    read_only: true",
                      "    cap_add:",         "      - \"NET_ADMIN\"",
                      "    cap_drop:",        "      - \"ALL\"",
                      "    security_opt:",    "      - \"no-new-privileges:true\""};
    QTest::newRow("namespaces") << "--pid host --ipc shareable --uts host --userns host --cgroupns host img"
                                << StringList{"    pid: \"host\"", "    ipc: \"shareable\"",
                                              "    uts: \"host\"", "    userns_mode: \"host\"",
                                              "    cgroup: \"host\""};
    QTest::newRow("host network becomes network_mode")
        << "--network host img" << StringList{"    network_mode: \"host\""};
    QTest::newRow("a user network is declared external")
        << "--network appnet --network-alias api img"
        << StringList{"    networks:", "      \"appnet\":", "        aliases:",  "          - \"api\"",
                      "networks:",     "  \"appnet\":",     "    external: true"};
    QTest::newRow("resources") << "--memory 512m --memory-swap -1 --memory-reservation 256m --cpus 1.5 "
                                  "--cpu-shares 512 --pids-limit 256 "
                                  "--shm-size 128m --oom-score-adj -500 --oom-kill-disable img"
                               << StringList{"    mem_limit: \"512m\"",       "    memswap_limit: -1",
                                             "    mem_reservation: \"256m\"", "    cpus: 1.5",
                                             "    cpu_shares: 512",           "    pids_limit: 256",
                                             "    shm_size: \"128m\"",        "    oom_score_adj: -500",
                                             "    oom_kill_disable: true"};
    QTest::newRow("restart policy") << "--restart on-failure:5 img"
                                    << StringList{"    restart: \"on-failure:5\""};
    QTest::newRow("ulimits with soft and hard")
        << "--ulimit nofile=1024:2048 --ulimit nproc=512 img"
        << StringList{"    ulimits:",     "      \"nofile\":", "        soft: 1024", "        hard: 2048",
                      "      \"nproc\":", "        soft: 512", "        hard: 512"};
    QTest::newRow("logging") << "--log-driver json-file --log-opt max-size=10m img"
                             << StringList{"    logging:", "      driver: \"json-file\"",
                                           "      options:", "        \"max-size\": \"10m\""};
    QTest::newRow("a health check")
        << "--health-cmd 'curl -f localhost' --health-interval 30s --health-retries 3 img"
        << StringList{"    healthcheck:", "      test: [\"CMD-SHELL\", \"curl -f localhost\"]",
                      "      interval: \"30s\"", "      retries: 3"};
    QTest::newRow("a disabled health check")
        << "--no-healthcheck img" << StringList{"    healthcheck:", "      disable: true"};
    QTest::newRow("devices, sysctls, hosts and dns")
        << "--device /dev/ttyUSB0 --sysctl net.core.somaxconn=1024 --add-host db:10.0.0.5 --dns 1.1.1.1 "
           "--group-add audio img"
        << StringList{"    devices:",     "      - \"/dev/ttyUSB0\"",
                      "    sysctls:",     "      - \"net.core.somaxconn=1024\"",
                      "    extra_hosts:", "      - \"db:10.0.0.5\"",
                      "    dns:",         "      - \"1.1.1.1\"",
                      "    group_add:",   "      - \"audio\""};
    QTest::newRow("process flags") << "--init --tty --interactive --stop-signal SIGINT --stop-timeout 20 img"
                                   << StringList{"    init: true", "    tty: true", "    stdin_open: true",
                                                 "    stop_signal: \"SIGINT\"",
                                                 "    stop_grace_period: \"20s\""};
    QTest::newRow("labels as a list")
        << "--label tier=front img" << StringList{"    labels:", "      - \"tier=front\""};
    QTest::newRow("GPUs become a device reservation")
        << "--gpus all img"
        << StringList{"    deploy:", "            - capabilities: [\"gpu\"]", "              count: all"};
    QTest::newRow("flags without a compose form become comments")
        << "--rm --publish-all img"
        << StringList{"    # docker run --rm has no compose equivalent here",
                      "    # docker run --publish-all has no compose equivalent here"};
    QTest::newRow("a non-numeric value for a numeric key stays quoted")
        << "--pids-limit '1: 2' img" << StringList{"    pids_limit: \"1: 2\""};
}

void TestComposeSnippet::mapping()
{
    QFETCH(QString, command);
    QFETCH(StringList, expected);
    // Every row is the command of a container on a daemon: its named volumes and networks exist.
    const RunCommand cmd = parse(command.toStdString());
    const std::string yaml = ComposeSnippet().render("web", cmd, ComposeSnippetOptions::asOnTheDaemon(cmd));
    const StringList ls = lines(yaml);
    QVERIFY2(wellFormedLines(ls), yaml.c_str());
    for (const auto& e : expected) {
        QVERIFY2(std::find(ls.begin(), ls.end(), e) != ls.end(),
                 ("missing line: " + e + "\n" + yaml).c_str());
    }
    QVERIFY2(std::find(ls.begin(), ls.end(), "    detach: true") == ls.end(), yaml.c_str());
}

void TestComposeSnippet::documentShape()
{
    const std::string yaml = ComposeSnippet().render("web", parse("--detach --name web --env A=1 nginx"));
    QCOMPARE(QString::fromStdString(yaml), QStringLiteral("services:\n"
                                                          "  \"web\":\n"
                                                          "    image: \"nginx\"\n"
                                                          "    container_name: \"web\"\n"
                                                          "    environment:\n"
                                                          "      - \"A=1\"\n"));
}

void TestComposeSnippet::hostileValuesStayOnOneLine_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("expectedLine");
    QTest::newRow("markup and a newline in a label") << "web"
                                                     << "x=\"><script>\nalert(1)</script>"
                                                     << "      - \"x=\\\"><script>\\nalert(1)</script>\"";
    QTest::newRow("YAML syntax in a label") << "web"
                                            << "k=v\n    privileged: true # {[&*!|>'%@`"
                                            << "      - \"k=v\\n    privileged: true # {[&*!|>'%@`\"";
    QTest::newRow("backslashes, tabs and carriage returns") << "web"
                                                            << "p=C:\\x\t\r"
                                                            << "      - \"p=C:\\\\x\\t\\r\"";
    QTest::newRow("Unicode line separators and control bytes") << "web"
                                                               << QString::fromUtf8("u=a\xe2\x80\xa8"
                                                                                    "b\x01\x7f")
                                                               << "      - \"u=a\\u2028b\\u0001\\u007F\"";
    QTest::newRow("a hostile service name") << "web\"\n  evil:\n    privileged: true"
                                            << "a=b"
                                            << "  \"web\\\"\\n  evil:\\n    privileged: true\":";
}

void TestComposeSnippet::hostileValuesStayOnOneLine()
{
    QFETCH(QString, service);
    QFETCH(QString, label);
    QFETCH(QString, expectedLine);
    RunCommand cmd = parse("img");
    cmd.options.push_back(RunArg{"--label", label.toStdString(), true});
    const std::string yaml = ComposeSnippet().render(service.toStdString(), cmd);
    const StringList ls = lines(yaml);
    QVERIFY2(wellFormedLines(ls), yaml.c_str());
    QVERIFY2(std::find(ls.begin(), ls.end(), expectedLine.toStdString()) != ls.end(), yaml.c_str());
    QVERIFY2(std::find(ls.begin(), ls.end(), "    privileged: true") == ls.end(), yaml.c_str());
    // services, the service, image, labels and one label: nothing more.
    QCOMPARE(ls.size(), std::size_t(5));
}

void TestComposeSnippet::followUpNetworksJoinTheService()
{
    RunCommand cmd = parse("--network front img");
    cmd.followUps = {{"back", {"api"}, "web"}};
    const StringList ls =
        lines(ComposeSnippet().render("web", cmd, ComposeSnippetOptions::asOnTheDaemon(cmd)));
    const StringList expected{
        "    networks:",       "      \"front\": {}", "      \"back\":", "        aliases:",
        "          - \"api\"", "networks:",           "  \"front\":",    "    external: true",
        "  \"back\":",         "    external: true"};
    QVERIFY(std::search(ls.begin(), ls.end(), expected.begin(), expected.begin() + 5) != ls.end());
    QVERIFY(std::search(ls.begin(), ls.end(), expected.begin() + 5, expected.end()) != ls.end());

    RunCommand onDefault = parse("img");
    onDefault.followUps = {{"back", {}, "web"}};
    const StringList ls2 = lines(ComposeSnippet().render("web", onDefault));
    QVERIFY(std::find(ls2.begin(), ls2.end(), "      \"default\": {}") != ls2.end());
    QVERIFY(std::find(ls2.begin(), ls2.end(), "  \"default\":") == ls2.end());
}

void TestComposeSnippet::notesBecomeComments()
{
    RunCommand cmd = parse("img");
    cmd.notes = {"write the profile\nservices: {}", "at @p\xff and\xe2\x80\xa8x: 1"};
    const StringList ls = lines(ComposeSnippet().render("web", cmd));
    QCOMPARE(ls.front(), std::string("# write the profile services: {}"));
    QCOMPARE(ls.at(1), std::string("# at @p\xef\xbf\xbd and x: 1"));
    QCOMPARE(ls.at(2), std::string("services:"));
}

void TestComposeSnippet::namedResourcesAreDeclared_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("asItRuns"); // the command the options come from; empty: nothing exists
    QTest::addColumn<QString>("expectedTail");
    QTest::newRow("a named volume of a container is declared external")
        << "--volume pgdata:/var/lib/postgresql/data img"
        << "same"
        << "    volumes:\n"
           "      - \"pgdata:/var/lib/postgresql/data\"\n"
           "volumes:\n"
           "  \"pgdata\":\n"
           "    external: true\n";
    QTest::newRow("a bind mount and an anonymous volume need no declaration")
        << "--volume /srv/app:/app:ro --volume /cache img"
        << "same"
        << "    volumes:\n"
           "      - \"/srv/app:/app:ro\"\n"
           "      - \"/cache\"\n";
    QTest::newRow("a volume named twice is declared once, in first-use order")
        << "--volume b:/b --volume a:/a --mount type=volume,src=b,dst=/c img"
        << "same"
        << "volumes:\n"
           "  \"b\":\n"
           "    external: true\n"
           "  \"a\":\n"
           "    external: true\n";
    QTest::newRow("a --mount of a named volume is declared too")
        << "--mount type=volume,source=cache,target=/cache img"
        << "same"
        << "volumes:\n"
           "  \"cache\":\n"
           "    external: true\n";
    QTest::newRow("a --mount of a bind is not") << "--mount type=bind,source=/etc/app,target=/etc/app img"
                                                << "same"
                                                << "        target: \"/etc/app\"\n";
    QTest::newRow("volumes come before networks") << "--network backend --volume data:/data img"
                                                  << "same"
                                                  << "volumes:\n"
                                                     "  \"data\":\n"
                                                     "    external: true\n"
                                                     "networks:\n"
                                                     "  \"backend\":\n"
                                                     "    external: true\n";
    QTest::newRow("resources that do not exist yet are declared for compose to create")
        << "--network backend --volume data:/data img"
        << ""
        << "volumes:\n"
           "  \"data\": {}\n"
           "networks:\n"
           "  \"backend\": {}\n";
    QTest::newRow(
        "a network the hardening adds is created by compose; the one the container had stays external")
        << "--network new-net --volume data:/data img"
        << "--network host --volume data:/data img"
        << "volumes:\n"
           "  \"data\":\n"
           "    external: true\n"
           "networks:\n"
           "  \"new-net\": {}\n";
    QTest::newRow("a network name the schema cannot take as a key gets a made-up key and its name")
        << "--network 'my net' img"
        << "same"
        << "    networks:\n"
           "      \"_network-1\": {}\n"
           "networks:\n"
           "  \"_network-1\":\n"
           "    external: true\n"
           "    name: \"my net\"\n";
}

void TestComposeSnippet::namedResourcesAreDeclared()
{
    QFETCH(QString, command);
    QFETCH(QString, asItRuns);
    QFETCH(QString, expectedTail);
    const std::string yaml = ComposeSnippet().render(
        "web", parse(command.toStdString()),
        asItRuns.isEmpty() ? ComposeSnippetOptions{}
                           : ComposeSnippetOptions::asOnTheDaemon(
                                 parse((asItRuns == "same" ? command : asItRuns).toStdString())));
    QVERIFY2(wellFormedLines(lines(yaml)), yaml.c_str());
    QVERIFY2(endsWith(yaml, expectedTail.toStdString()), yaml.c_str());
}

void TestComposeSnippet::newerFeaturesAreNamed_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expectedComment");
    QTest::newRow("a cgroup namespace needs a newer implementation")
        << "--cgroupns host img"
        << "# Needs Compose Specification features that docker-compose 1.x lacks (use docker compose v2): "
           "cgroup";
    QTest::newRow("uts and cgroup are named in the order they appear")
        << "--uts host --cgroupns private img"
        << "# Needs Compose Specification features that docker-compose 1.x lacks (use docker compose v2): "
           "uts, "
           "cgroup";
    QTest::newRow("a tmpfs mount mode is named") << "--mount type=tmpfs,dst=/x,tmpfs-mode=1777 img"
                                                 << "# Needs Compose Specification features that "
                                                    "docker-compose 1.x lacks (use docker compose v2): tmpfs "
                                                    "mode of a volume";
    QTest::newRow("unconfined system paths are a docker compose v2 translation")
        << "--security-opt systempaths=unconfined img"
        << "# Needs Compose Specification features that docker-compose 1.x lacks (use docker compose v2): "
           "security_opt systempaths=unconfined";
    QTest::newRow("a plain service needs nothing newer") << "--read-only --pid host img"
                                                         << "";
}

void TestComposeSnippet::newerFeaturesAreNamed()
{
    QFETCH(QString, command);
    QFETCH(QString, expectedComment);
    RunCommand cmd = parse(command.toStdString());
    cmd.notes = {"a note"};
    const StringList ls = lines(ComposeSnippet().render("web", cmd));
    QCOMPARE(ls.front(), std::string("# a note"));
    if (expectedComment.isEmpty()) {
        QCOMPARE(ls.at(1), std::string("services:"));
    } else {
        QCOMPARE(QString::fromStdString(ls.at(1)), expectedComment);
        QCOMPARE(ls.at(2), std::string("services:"));
    }
}

QTEST_APPLESS_MAIN(TestComposeSnippet)
#include "TestComposeSnippet.moc"
