#include "core/common/Strings.h"
#include "core/files/compose/ComposeServiceMapper.h"

#include <QTest>

using namespace drydock;

namespace {

// Loads "proj/compose.yaml" holding `services:\n  web:\n` + body (indented by the caller) and maps web.
ComposeServiceMapping mapWeb(const std::string& body, const std::string& extra = {})
{
    const std::map<std::string, std::string> files{
        {"/srv/proj/compose.yaml",
         "services:\n  web:\n" + body + "  db:\n    image: postgres\n" + extra +
             "secrets:\n  db_pw:\n    file: ./db.txt\n  api_key:\n    file: api.txt\n"
             "configs:\n  nginx_conf:\n    file: ./nginx.conf\n"},
        {"/srv/proj/web.env", "FROM_FILE=1\nAPI_TOKEN=overridden-below\n"}};
    ComposeLoadRequest request;
    request.files = {"/srv/proj/compose.yaml"};
    request.environment = {{"FROM_SHELL", "shell"}};
    request.readFile = [files](const std::string& path) -> Result<std::string> {
        const auto it = files.find(path);
        if (it == files.end()) {
            return Error::make(ErrorCode::NotFound, "no such file");
        }
        return it->second;
    };
    auto project = loadComposeProject(request);
    if (!project.ok()) {
        qWarning("%s", project.error().message.c_str());
        return {};
    }
    return mapComposeService(*project, project->services.front());
}

std::string describe(const Container& c, const std::string& what)
{
    const HostConfig& h = c.hostConfig;
    if (what == "user")
        return c.config.user;
    if (what == "image")
        return c.config.image;
    if (what == "privileged")
        return h.privileged ? "true" : "false";
    if (what == "read_only")
        return h.readonlyRootfs ? "true" : "false";
    if (what == "cap_add")
        return join(h.capAdd, ",");
    if (what == "cap_drop")
        return join(h.capDrop, ",");
    if (what == "namespaces")
        return h.pidMode + "|" + h.ipcMode + "|" + h.utsMode + "|" + h.usernsMode + "|" + h.cgroupnsMode;
    if (what == "network") {
        StringList names;
        for (const auto& n : c.networks)
            names.push_back(n.networkName);
        return h.networkMode + "|" + join(names, ",");
    }
    if (what == "ports") {
        StringList out;
        for (const auto& m : h.portBindings)
            for (const auto& b : m.bindings)
                out.push_back(b.hostIp + ":" + b.hostPort + "->" + m.containerPort);
        return join(out, ";");
    }
    if (what == "mounts") {
        StringList out;
        for (const auto& m : c.mounts)
            out.push_back(m.type + " " + (m.type == "volume" ? m.name : m.source) + "->" + m.destination +
                          (m.rw ? " rw" : " ro") + (m.propagation.empty() ? "" : " " + m.propagation));
        return join(out, ";");
    }
    if (what == "tmpfs") {
        StringList out;
        for (const auto& [k, v] : h.tmpfs)
            out.push_back(k + "=" + v);
        return join(out, ";");
    }
    if (what == "security_opt")
        return join(h.securityOpt, ",") + (h.maskedPaths ? "|unmasked" : "");
    if (what == "devices") {
        StringList out;
        for (const auto& d : h.devices)
            out.push_back(d.pathOnHost + ">" + d.pathInContainer + ":" + d.cgroupPermissions);
        for (const auto& r : h.deviceRequests)
            out.push_back("request " + r.driver + " " + std::to_string(r.count));
        return join(out, ";");
    }
    if (what == "sysctls") {
        StringList out;
        for (const auto& [k, v] : h.sysctls)
            out.push_back(k + "=" + v);
        return join(out, ";");
    }
    if (what == "ulimits") {
        StringList out;
        for (const auto& u : h.ulimits)
            out.push_back(u.name + "=" + std::to_string(u.soft) + "/" + std::to_string(u.hard));
        return join(out, ";");
    }
    if (what == "limits")
        return std::to_string(h.memory) + "|" + std::to_string(h.memorySwap) + "|" +
               std::to_string(h.nanoCpus) + "|" + (h.pidsLimit ? std::to_string(*h.pidsLimit) : "null");
    if (what == "healthcheck") {
        if (!c.config.healthcheck)
            return "absent";
        return join(c.config.healthcheck->test, " ") + "|" +
               std::to_string(c.config.healthcheck->intervalNs / 1000000000) + "s|" +
               std::to_string(c.config.healthcheck->retries);
    }
    if (what == "restart")
        return h.restartPolicy.name + ":" + std::to_string(h.restartPolicy.maximumRetryCount);
    if (what == "logging") {
        StringList out{h.logConfig.type};
        for (const auto& [k, v] : h.logConfig.config)
            out.push_back(k + "=" + v);
        return join(out, ",");
    }
    if (what == "env")
        return join(c.config.env, ";");
    if (what == "labels") {
        StringList out;
        for (const auto& [k, v] : c.config.labels)
            out.push_back(k + "=" + v);
        return join(out, ";");
    }
    if (what == "misc")
        return std::string(h.init.value_or(false) ? "init" : "-") + "|" +
               (h.oomKillDisable.value_or(false) ? "oomoff" : "-") + "|" + join(h.groupAdd, ",") + "|" +
               std::to_string(h.oomScoreAdj);
    if (what == "command")
        return join(c.config.cmd, " ") + "|" +
               (c.config.entrypoint ? join(*c.config.entrypoint, " ") : "null");
    if (what == "id")
        return c.id + "|" + c.name;
    return "?";
}

} // namespace

// Every compose key the rules read, in its short and long syntax, mapped to the container model.
class TestComposeServiceMapper : public QObject
{
    Q_OBJECT

private slots:
    void maps_data();
    void maps();
    void locates_data();
    void locates();
};

void TestComposeServiceMapper::maps_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const char* body, const char* what, const char* expected) {
        QTest::newRow(name) << body << what << expected;
    };
    row("the container id names the file and the service", "    image: nginx\n", "id",
        "/srv/proj/compose.yaml#web|web");
    row("image and user are copied", "    image: nginx:1.25\n    user: \"1000:1000\"\n", "user", "1000:1000");
    row("privileged: true", "    privileged: true\n", "privileged", "true");
    row("read_only: yes is true too", "    read_only: yes\n", "read_only", "true");
    row("cap_add keeps its spelling", "    cap_add: [SYS_ADMIN, cap_net_raw]\n", "cap_add",
        "SYS_ADMIN,cap_net_raw");
    row("cap_drop ALL", "    cap_drop:\n      - ALL\n", "cap_drop", "ALL");
    row("host namespaces",
        "    pid: host\n    ipc: host\n    uts: host\n    userns_mode: host\n    cgroup: host\n",
        "namespaces", "host|host|host|host|host");
    row("pid: service:db points at the other service's container", "    pid: service:db\n", "namespaces",
        "container:/srv/proj/compose.yaml#db||||");
    row("no networks: joins the project's default network", "    image: x\n", "network",
        "proj_default|proj_default");
    row("network_mode: host", "    network_mode: host\n", "network", "host|");
    row("networks by list", "    networks: [front, back]\n", "network", "proj_front|proj_front,proj_back");
    row("a short port publishes on all interfaces", "    ports: [\"8080:80\"]\n", "ports", ":8080->80/tcp");
    row("a short port with an address and udp", "    ports: [\"127.0.0.1:5353:53/udp\"]\n", "ports",
        "127.0.0.1:5353->53/udp");
    row("a container port alone gets a random host port", "    ports: [\"3000\"]\n", "ports", ":->3000/tcp");
    row("a port range maps pairwise", "    ports: [\"9000-9001:80-81\"]\n", "ports",
        ":9000->80/tcp;:9001->81/tcp");
    row("an IPv6 address in brackets", "    ports: [\"[::1]:8443:443\"]\n", "ports", "::1:8443->443/tcp");
    row("a long port entry",
        "    ports:\n      - target: 80\n        published: \"8081\"\n        host_ip: 0.0.0.0\n        "
        "protocol: tcp\n",
        "ports", "0.0.0.0:8081->80/tcp");
    row("a relative bind resolves against the project folder", "    volumes: [\"./data:/data:ro\"]\n",
        "mounts", "bind /srv/proj/data->/data ro rprivate");
    row("a named volume", "    volumes: [\"dbdata:/var/lib/db\"]\n", "mounts",
        "volume dbdata->/var/lib/db rw");
    row("the docker socket bind", "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
        "mounts", "bind /var/run/docker.sock->/var/run/docker.sock rw rprivate");
    row("a bind with shared propagation", "    volumes: [\"/mnt:/mnt:rshared\"]\n", "mounts",
        "bind /mnt->/mnt rw rshared");
    row("a long bind with read_only and propagation",
        "    volumes:\n      - type: bind\n        source: /etc\n        target: /host/etc\n        "
        "read_only: true\n        bind:\n          propagation: rslave\n",
        "mounts", "bind /etc->/host/etc ro rslave");
    row("a file secret and config are read-only binds at their targets",
        "    secrets: [db_pw, {source: api_key, target: key}]\n    configs: [{source: nginx_conf, target: "
        "/etc/nginx/nginx.conf}]\n",
        "mounts",
        "bind /srv/proj/db.txt->/run/secrets/db_pw ro rprivate;bind /srv/proj/api.txt->/run/secrets/key ro "
        "rprivate;"
        "bind /srv/proj/nginx.conf->/etc/nginx/nginx.conf ro rprivate");
    row("tmpfs as a string and with options", "    tmpfs:\n      - /tmp:size=64m\n      - /run\n", "tmpfs",
        "/run=;/tmp=size=64m");
    row("security_opt and systempaths",
        "    security_opt: [\"no-new-privileges:true\", \"systempaths=unconfined\"]\n", "security_opt",
        "no-new-privileges:true,systempaths=unconfined|unmasked");
    row("devices short and long",
        "    devices:\n      - /dev/kvm\n      - source: /dev/sda\n        target: /dev/xvda\n        "
        "permissions: r\n",
        "devices", "/dev/kvm>/dev/kvm:rwm;/dev/sda>/dev/xvda:r");
    row("gpus through deploy reservations",
        "    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: "
        "nvidia\n              count: all\n              capabilities: [gpu]\n",
        "devices", "request nvidia -1");
    row("sysctls as a list", "    sysctls: [\"net.core.somaxconn=1024\"]\n", "sysctls",
        "net.core.somaxconn=1024");
    row("ulimits short and long",
        "    ulimits:\n      nproc: 65535\n      nofile:\n        soft: 1024\n        hard: 2048\n",
        "ulimits", "nproc=65535/65535;nofile=1024/2048");
    row("mem_limit, memswap_limit, cpus and pids_limit",
        "    mem_limit: 512m\n    memswap_limit: -1\n    cpus: \"1.5\"\n    pids_limit: 100\n", "limits",
        "536870912|-1|1500000000|100");
    row("deploy.resources.limits",
        "    deploy:\n      resources:\n        limits:\n          memory: 1g\n          cpus: \"0.5\"\n     "
        "     pids: 50\n",
        "limits", "1073741824|0|500000000|50");
    row("no limits at all", "    image: x\n", "limits", "0|0|0|null");
    row("a healthcheck in shell form",
        "    healthcheck:\n      test: curl -f http://localhost\n      interval: 1m30s\n      retries: 3\n",
        "healthcheck", "CMD-SHELL curl -f http://localhost|90s|3");
    row("healthcheck disable: true", "    healthcheck:\n      disable: true\n", "healthcheck", "NONE|0s|0");
    row("no healthcheck", "    image: x\n", "healthcheck", "absent");
    row("restart: on-failure:5", "    restart: on-failure:5\n", "restart", "on-failure:5");
    row("deploy.restart_policy any", "    deploy:\n      restart_policy:\n        condition: any\n",
        "restart", "always:0");
    row("logging with options",
        "    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n", "logging",
        "json-file,max-size=10m");
    row("environment as a list, bare names from the shell",
        "    environment:\n      - A=1\n      - FROM_SHELL\n      - UNSET_ONE\n", "env",
        "A=1;FROM_SHELL=shell");
    row("env_file first, environment over it",
        "    env_file: web.env\n    environment:\n      API_TOKEN: final\n", "env",
        "FROM_FILE=1;API_TOKEN=final");
    row("labels as a map", "    labels:\n      com.example.team: web\n", "labels", "com.example.team=web");
    row("init, oom_kill_disable, group_add, oom_score_adj",
        "    init: true\n    oom_kill_disable: true\n    group_add: [docker]\n    oom_score_adj: -500\n",
        "misc", "init|oomoff|docker|-500");
    row("command as a string is split like a shell", "    command: sh -c 'echo hi'\n", "command",
        "sh -c echo hi|null");
    row("entrypoint as a list", "    entrypoint: [\"/bin/app\", \"--serve\"]\n", "command",
        "|/bin/app --serve");
}

void TestComposeServiceMapper::maps()
{
    QFETCH(QString, body);
    QFETCH(QString, what);
    QFETCH(QString, expected);
    const ComposeServiceMapping mapping = mapWeb(body.toStdString());
    QCOMPARE(QString::fromStdString(describe(mapping.container, what.toStdString())), expected);
}

void TestComposeServiceMapper::locates_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("discriminator");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");
    QTest::newRow("privileged points at its key") << "    image: x\n    privileged: true\n"
                                                  << "CTR-002"
                                                  << "" << 4 << 5 << "services.web.privileged";
    QTest::newRow("a missing read_only points at the service's name") << "    image: x\n"
                                                                      << "CTR-016"
                                                                      << "" << 2 << 3 << "services.web";
    QTest::newRow("a capability points at its list item")
        << "    cap_add:\n      - NET_ADMIN\n      - SYS_ADMIN\n"
        << "CTR-003"
        << "CAP_SYS_ADMIN" << 5 << 9 << "services.web.cap_add";
    QTest::newRow("a port points at its entry") << "    ports:\n      - \"8080:80\"\n"
                                                << "NET-003"
                                                << "8080->80/tcp" << 4 << 9 << "services.web.ports";
    QTest::newRow("a mount points at its entry")
        << "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"
        << "CTR-013"
        << "/var/run/docker.sock" << 4 << 9 << "services.web.volumes";
    QTest::newRow("an environment secret points at its name")
        << "    environment:\n      DB_PASSWORD: hunter2hunter2\n"
        << "SEC-001"
        << "DB_PASSWORD" << 4 << 7 << "services.web.environment.DB_PASSWORD";
    QTest::newRow("an env_file secret points at the env_file entry")
        << "    env_file:\n      - web.env\n"
        << "SEC-001"
        << "API_TOKEN" << 4 << 9 << "services.web.env_file";
    QTest::newRow("a memory limit in deploy points there")
        << "    deploy:\n      resources:\n        limits:\n          memory: 1g\n"
        << "RUN-006"
        << "" << 6 << 11 << "services.web.deploy.resources.limits.memory";
    QTest::newRow("oom-kill-disable spelt the compose way")
        << "    oom_kill_disable: true\n"
        << "RUN-010"
        << "oom-kill-disable" << 3 << 5 << "services.web.oom_kill_disable";
    QTest::newRow("healthcheck disable points at disable")
        << "    healthcheck:\n      disable: true\n"
        << "RUN-012"
        << "" << 4 << 7 << "services.web.healthcheck.disable";
}

void TestComposeServiceMapper::locates()
{
    QFETCH(QString, body);
    QFETCH(QString, rule);
    QFETCH(QString, discriminator);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, path);
    const ComposeServiceMapping mapping = mapWeb(body.toStdString());
    const ComposeKeyRef key = mapping.locate(rule.toStdString(), discriminator.toStdString());
    QCOMPARE(key.mark.line, line);
    QCOMPARE(key.mark.column, column);
    QCOMPARE(QString::fromStdString(key.path), path);
}

QTEST_APPLESS_MAIN(TestComposeServiceMapper)
#include "TestComposeServiceMapper.moc"
