#include "tests/support/ProbeContainers.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace drydock::test {

namespace {

// Every process traps TERM (busybox sh as PID 1 would ignore it), so a stop takes a moment, not the 10 s
// grace. Each logs its failure as the real program does and exits, so a trial can tell.

// Docker 20.10 sets net.ipv4.ip_unprivileged_port_start to 0 in each container's network namespace, so any
// process may bind port 80. The web server runs with the kernel's own 1024, as on Docker before 20.10,
// rootless set-ups and other runtimes: there binding port 80 takes root with NET_BIND_SERVICE, a real need.
const char* kWebDockerfile = R"(FROM drydock-test/busybox:1
RUN mkdir -p /www && echo '<h1>probe</h1>' > /www/index.html
HEALTHCHECK --interval=2s --timeout=2s --start-period=2s --retries=2 CMD wget -q -O /dev/null http://127.0.0.1:80/ || exit 1
CMD ["sh", "-c", "httpd -f -v -p 80 -h /www & pid=$!; trap 'kill $pid; exit 0' TERM; wait $pid"]
)";

// Its cache directory is world-writable like /tmp (an image made to run under any UID): it needs no root,
// only writable /tmp and /var/cache/app.
const char* kWorkerDockerfile = R"(FROM drydock-test/busybox:1
RUN mkdir -p -m 1777 /var/cache/app
CMD ["sh", "-c", "trap 'exit 0' TERM; echo worker started; while true; do date > /tmp/heartbeat || exit 1; date > /var/cache/app/state || exit 1; sleep 1; done"]
)";

// Starts as root and switches to the image's user app with su (busybox's setpriv cannot change UIDs), as
// gosu-style entrypoints do; it refuses to start as non-root with the words such entrypoints log.
const char* kSwitcherDockerfile = R"(FROM drydock-test/busybox:1
CMD ["sh", "-c", "trap 'exit 0' TERM; [ \"$(id -u)\" = 0 ] || { echo \"entrypoint: switching to app needs root: Operation not permitted\" >&2; exit 1; }; echo switching to app; exec su -s /bin/sh app -c 'trap \"exit 0\" TERM; echo running as $(id -un); while true; do sleep 1; done'"]
)";

// Hands each upload to UID 1000 with chown and takes it back (so root may write it again without
// DAC_OVERRIDE).
const char* kChownerDockerfile = R"(FROM drydock-test/busybox:1
CMD ["sh", "-c", "trap 'exit 0' TERM; while true; do echo upload > /tmp/upload && chown 1000:1000 /tmp/upload && chown 0:0 /tmp/upload || exit 1; sleep 1; done"]
)";

// Reads its configuration, which only root may read (0600, root's), every second.
const char* kRootOnlyDockerfile = R"(FROM drydock-test/busybox:1
RUN mkdir -p /etc/app && echo 'mode=strict' > /etc/app/admin.conf && chmod 600 /etc/app/admin.conf
CMD ["sh", "-c", "trap 'exit 0' TERM; while true; do cat /etc/app/admin.conf > /dev/null || exit 1; sleep 1; done"]
)";

const QStringList kDropAll{QStringLiteral("--cap-drop"), QStringLiteral("ALL")};
const QStringList kNonRoot{QStringLiteral("--user"), QStringLiteral("10001:10001")};
const QStringList kReadOnly{QStringLiteral("--read-only")};
const QStringList kReadOnlyTmp{QStringLiteral("--read-only"), QStringLiteral("--tmpfs"),
                               QStringLiteral("/tmp:rw,noexec,nosuid,size=64m")};
const QStringList kNoNewPrivileges{QStringLiteral("--security-opt"), QStringLiteral("no-new-privileges")};
const QString kLowPorts = QStringLiteral("net.ipv4.ip_unprivileged_port_start=1024");

QStringList capAdd(const QStringList& capabilities)
{
    QStringList flags;
    for (const auto& c : capabilities) {
        flags << QStringLiteral("--cap-add") << c;
    }
    return flags;
}

std::vector<ProbeContainerSpec> makeSpecs()
{
    std::vector<ProbeContainerSpec> specs;
    {
        ProbeContainerSpec s;
        s.key = QStringLiteral("web");
        s.description = QStringLiteral("the web server on port 80");
        s.image = QStringLiteral("drydock-test/probe-web:1");
        s.dockerfile = QString::fromLatin1(kWebDockerfile);
        s.runFlags = {QStringLiteral("--cap-add"), QStringLiteral("SYS_ADMIN"), QStringLiteral("--sysctl"),
                      kLowPorts};
        s.riskChangeId = QStringLiteral("CTR-003:CAP_SYS_ADMIN");
        s.riskRuleIds = {QStringLiteral("CTR-003")};
        s.healthCheck = true;
        s.needsRoot = true;
        s.capabilities = {QStringLiteral("NET_BIND_SERVICE")};
        s.hardenedFlags = QStringList{QStringLiteral("--sysctl"), kLowPorts} + kDropAll +
                          capAdd(s.capabilities) + kReadOnlyTmp + kNoNewPrivileges;
        s.breakingRuns = {{QStringLiteral("without NET_BIND_SERVICE"), kDropAll,
                           QStringLiteral("httpd: bind: Permission denied")},
                          {QStringLiteral("as a non-root user"), kNonRoot,
                           QStringLiteral("httpd: bind: Permission denied")}};
        specs.push_back(std::move(s));
    }
    {
        ProbeContainerSpec s;
        s.key = QStringLiteral("worker");
        s.description = QStringLiteral("the worker writing to /tmp and /var/cache/app");
        s.image = QStringLiteral("drydock-test/probe-worker:1");
        s.dockerfile = QString::fromLatin1(kWorkerDockerfile);
        s.runFlags = {QStringLiteral("--cap-add"), QStringLiteral("NET_ADMIN")};
        s.riskChangeId = QStringLiteral("CTR-003:CAP_NET_ADMIN");
        s.riskRuleIds = {QStringLiteral("CTR-003")};
        s.tmpfsDirectories = {QStringLiteral("/var/cache/app")};
        s.hardenedFlags = kDropAll + kNonRoot + kReadOnlyTmp +
                          QStringList{QStringLiteral("--tmpfs"),
                                      QStringLiteral("/var/cache/app:rw,nosuid,size=64m,mode=1777")} +
                          kNoNewPrivileges;
        s.breakingRuns = {{QStringLiteral("on a read-only root with only /tmp writable"), kReadOnlyTmp,
                           QStringLiteral("can't create /var/cache/app/state: Read-only file system")},
                          {QStringLiteral("on a read-only root"), kReadOnly,
                           QStringLiteral("can't create /tmp/heartbeat: Read-only file system")}};
        specs.push_back(std::move(s));
    }
    {
        ProbeContainerSpec s;
        s.key = QStringLiteral("switcher");
        s.description = QStringLiteral("the process that starts as root and switches to a user");
        s.image = QStringLiteral("drydock-test/probe-switcher:1");
        s.dockerfile = QString::fromLatin1(kSwitcherDockerfile);
        s.runFlags = {QStringLiteral("--cap-add"), QStringLiteral("SYS_PTRACE")};
        s.riskChangeId = QStringLiteral("CTR-003:CAP_SYS_PTRACE");
        s.riskRuleIds = {QStringLiteral("CTR-003")};
        s.needsRoot = true;
        s.capabilities = {QStringLiteral("SETGID"), QStringLiteral("SETUID")};
        s.hardenedFlags = kDropAll + capAdd(s.capabilities) + kReadOnlyTmp + kNoNewPrivileges;
        s.breakingRuns = {
            {QStringLiteral("without SETUID and SETGID"), kDropAll,
             QStringLiteral("su: can't set groups: Operation not permitted")},
            {QStringLiteral("without SETUID"), kDropAll + capAdd({QStringLiteral("SETGID")}),
             QStringLiteral("su: setuid: Operation not permitted")},
            {QStringLiteral("as a non-root user"), kNonRoot,
             QStringLiteral("entrypoint: switching to app needs root: Operation not permitted")}};
        specs.push_back(std::move(s));
    }
    {
        ProbeContainerSpec s;
        s.key = QStringLiteral("chowner");
        s.description = QStringLiteral("the process that changes file ownership");
        s.image = QStringLiteral("drydock-test/probe-chowner:1");
        s.dockerfile = QString::fromLatin1(kChownerDockerfile);
        s.runFlags = {QStringLiteral("--cap-add"), QStringLiteral("SYS_ADMIN")};
        s.riskChangeId = QStringLiteral("CTR-003:CAP_SYS_ADMIN");
        s.riskRuleIds = {QStringLiteral("CTR-003")};
        s.needsRoot = true;
        s.capabilities = {QStringLiteral("CHOWN")};
        s.hardenedFlags = kDropAll + capAdd(s.capabilities) + kReadOnlyTmp + kNoNewPrivileges;
        s.breakingRuns = {{QStringLiteral("without CHOWN"), kDropAll,
                           QStringLiteral("chown: /tmp/upload: Operation not permitted")},
                          {QStringLiteral("as a non-root user"), kNonRoot,
                           QStringLiteral("chown: /tmp/upload: Operation not permitted")}};
        specs.push_back(std::move(s));
    }
    {
        ProbeContainerSpec s;
        s.key = QStringLiteral("rootonly");
        s.description = QStringLiteral("the process that reads a file only root may read");
        s.image = QStringLiteral("drydock-test/probe-rootonly:1");
        s.dockerfile = QString::fromLatin1(kRootOnlyDockerfile);
        s.runFlags = {QStringLiteral("--ipc"), QStringLiteral("host")};
        s.riskChangeId = QStringLiteral("CTR-006");
        s.riskRuleIds = {QStringLiteral("CTR-006")};
        s.needsRoot = true;
        s.hardenedFlags = kDropAll + kReadOnlyTmp + kNoNewPrivileges;
        s.breakingRuns = {{QStringLiteral("as a non-root user"), kNonRoot,
                           QStringLiteral("cat: can't open '/etc/app/admin.conf': Permission denied")}};
        specs.push_back(std::move(s));
    }
    return specs;
}

} // namespace

const std::vector<ProbeContainerSpec>& probeContainers()
{
    static const std::vector<ProbeContainerSpec> specs = makeSpecs();
    return specs;
}

const ProbeContainerSpec& probeContainer(const QString& key)
{
    for (const auto& s : probeContainers()) {
        if (s.key == key) {
            return s;
        }
    }
    qFatal("no probe test container '%s'", qPrintable(key));
}

bool buildProbeImage(const ProbeContainerSpec& spec, QString* error)
{
    if (docker({QStringLiteral("image"), QStringLiteral("inspect"), spec.image}) == 0) {
        return true;
    }
    const QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("Dockerfile")));
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write a Dockerfile under ") + dir.path();
        return false;
    }
    file.write(spec.dockerfile.toUtf8());
    file.close();
    QString out;
    QString err;
    if (docker({QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("-t"), spec.image, dir.path()},
               &out, &err) != 0) {
        *error = QStringLiteral("docker build of ") + spec.image + QStringLiteral(" failed: ") + err;
        return false;
    }
    return true;
}

bool runProbeContainer(const ProbeContainerSpec& spec, const QString& name, const QStringList& extraFlags,
                       QString* error)
{
    QString out;
    QString err;
    const QStringList args =
        QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name} +
        spec.runFlags + extraFlags + QStringList{spec.image};
    if (docker(args, &out, &err) != 0) {
        *error =
            QStringLiteral("docker ") + args.join(QLatin1Char(' ')) + QStringLiteral(": ") + err.trimmed();
        return false;
    }
    return true;
}

QString ProbeContainerState::summary() const
{
    if (!exists) {
        return QStringLiteral("no such container");
    }
    QString s = running ? QStringLiteral("running") : QStringLiteral("exited %1").arg(exitCode);
    if (!health.isEmpty()) {
        s += QStringLiteral(", ") + health;
    }
    if (restartCount > 0) {
        s += QStringLiteral(", restarted %1 times").arg(restartCount);
    }
    return s + QStringLiteral("; log: ") + logs.trimmed().right(400);
}

ProbeContainerState probeContainerState(const QString& name)
{
    ProbeContainerState s;
    QString out;
    if (docker({QStringLiteral("inspect"), name}, &out) != 0) {
        return s;
    }
    const QJsonObject c = QJsonDocument::fromJson(out.toUtf8()).array().at(0).toObject();
    const QJsonObject state = c.value(QStringLiteral("State")).toObject();
    s.exists = true;
    s.running = state.value(QStringLiteral("Running")).toBool();
    s.exitCode = state.value(QStringLiteral("ExitCode")).toInt();
    s.restartCount = c.value(QStringLiteral("RestartCount")).toInt();
    s.health = state.value(QStringLiteral("Health")).toObject().value(QStringLiteral("Status")).toString();
    QString err;
    docker({QStringLiteral("logs"), name}, &out, &err);
    s.logs = out + err;
    return s;
}

ProbeContainerState waitUntilSettled(const QString& name, bool healthCheck, int settleMs, int timeoutMs)
{
    const QDeadlineTimer settled(settleMs);
    const QDeadlineTimer deadline(timeoutMs);
    ProbeContainerState s = probeContainerState(name);
    while (!deadline.hasExpired()) {
        s = probeContainerState(name);
        if (!s.exists || !s.running) {
            return s;
        }
        if (settled.hasExpired() && (!healthCheck || s.health != QStringLiteral("starting"))) {
            return s;
        }
        QThread::msleep(300);
    }
    return s;
}

} // namespace drydock::test
