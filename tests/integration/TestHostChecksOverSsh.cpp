#include "core/common/Strings.h"
#include "core/docker/ContextResolver.h"
#include "core/docker/SshDialer.h"
#include "core/host/HostInspector.h"
#include "core/host/HostView.h"
#include "core/host/SshHostReader.h"
#include "core/host/SshRemoteShell.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace drydock;
using namespace drydock::test;

namespace {

QString readLine(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readLine()).trimmed() : QString();
}

// Every fact as one line of text, so two HostFacts compare with a readable difference.
QStringList describe(const HostFacts& f)
{
    QStringList out;
    out << QString("pid %1 socket %2 rootless %3 (%4)")
               .arg(f.daemonPid)
               .arg(QString::fromStdString(f.socketPath))
               .arg(f.rootless)
               .arg(QString::fromStdString(f.rootlessBecause));
    out << "config " + QString::fromStdString(f.configFile);
    for (const auto& [key, s] : f.settings) {
        out << QString::fromStdString("setting " + key + " = " + s.value + " from " + s.source);
    }
    for (const auto& p : f.problems) {
        out << "problem " + QString::fromStdString(p);
    }
    out << "data root " + QString::fromStdString(f.dataRoot) + " own mount " +
               (f.dataRootOwnMount ? QString::number(*f.dataRootOwnMount) : QString("unknown"));
    out << "docker group " + (f.dockerGroupMembers ? QString::fromStdString(join(*f.dockerGroupMembers, ","))
                                                   : QString("unknown"));
    out << QString("audit read %1").arg(f.auditRulesRead);
    for (const auto& t : f.auditTargets) {
        out << QString::fromStdString("audit " + t.cisId + " " + t.path + (t.watched ? " watched" : ""));
    }
    for (const auto& file : f.files) {
        out << QString::fromStdString("file " + file.kind + " " + file.path + " " + file.owner + ":" + file.group +
                                      " " + std::to_string(file.uid) + ":" + std::to_string(file.gid) + " " +
                                      std::to_string(file.mode));
    }
    for (const auto& [id, why] : f.notChecked) {
        out << QString::fromStdString("not checked " + id + ": " + why);
    }
    return out;
}

// rule id + evidence of every HST finding, and the benchmark's host reasons, from a scan JSON.
struct HostScan
{
    QStringList findings;
    QStringList notCheckedReasons; // of the section 1–3 benchmark items
    int exitCode = -1;
    QString err;
};

HostScan scanJson(const QString& host, const QStringList& env, const QStringList& extra = {})
{
    HostScan scan;
    QString out;
    scan.exitCode = test::drydock(QStringList{"scan", "--host", host, "--no-history", "--format", "json"} + extra,
                                  &out, &scan.err, env);
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    for (const auto& f : doc.value("findings").toArray()) {
        const QString id = f.toObject().value("ruleId").toString();
        if (id.startsWith("HST-")) {
            scan.findings << id + " " + f.toObject().value("evidence").toString();
        }
    }
    for (const auto& i : doc.value("benchmark").toObject().value("items").toArray()) {
        const QJsonObject item = i.toObject();
        if (item.value("verdict").toString() == "not-checked" && QString("123").contains(item.value("id").toString().left(1))) {
            scan.notCheckedReasons << item.value("id").toString() + " " + item.value("reason").toString();
        }
    }
    scan.findings.sort();
    return scan;
}

} // namespace

// The host checks over ssh:// through the private sshd, which runs on this machine: the facts read over ssh of
// the fixture daemon (the one the sshd's DOCKER_HOST names) are the facts read locally, and the HST findings
// of `drydock scan` over ssh:// are those of the same scan over the unix socket.
class TestHostChecksOverSsh : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void factsOverSshEqualTheLocalOnes();
    void findingsOverSshEqualTheLocalOnes();
    void noHostChecksSkipsTheRemoteHost();
    void anUnreachableHostIsNotCheckedWithTheReason();

private:
    QString m_sshDir;
    QString m_sshHost;
    DockerEndpoint m_endpoint;
    DaemonInfo m_info;
};

void TestHostChecksOverSsh::initTestCase()
{
    m_sshDir = qEnvironmentVariable("DRYDOCK_TEST_SSHD_DIR");
    m_sshHost = readLine(m_sshDir + "/host");
    QVERIFY2(!m_sshHost.isEmpty(), "the private sshd is not running: run through ctest (fixture sshd)");
    QVERIFY2(!privateDaemonSocket().isEmpty(), "the private dockerd is not running");
    auto endpoint = ContextResolver::parseHost(m_sshHost.toStdString());
    QVERIFY(endpoint.ok());
    m_endpoint = endpoint.value();
    auto client = connectPrivateDaemon();
    QVERIFY(client);
    auto info = client->daemonInfo();
    QVERIFY(info.ok());
    m_info = info.value();
}

void TestHostChecksOverSsh::factsOverSshEqualTheLocalOnes()
{
    SshDialer::Options options;
    options.extraArguments = {"-F", (m_sshDir + "/ssh_config").toStdString()};
    SshRemoteShell shell(m_endpoint, options);
    const auto remote = inspectOverSsh(shell, m_info);
    QVERIFY2(remote.ok(), remote.ok() ? "" : remote.error().message.c_str());

    const HostView view("/");
    const auto local = HostInspector(view).inspect(privateDaemonSocket().toStdString(), m_info);
    QVERIFY(local.ok());
    QVERIFY(local.value().daemonPid > 0);
    QCOMPARE(remote.value().socketPath, privateDaemonSocket().toStdString()); // from the sshd's DOCKER_HOST
    QCOMPARE(describe(remote.value()), describe(local.value()));
}

void TestHostChecksOverSsh::findingsOverSshEqualTheLocalOnes()
{
    const HostScan local = scanJson("unix://" + privateDaemonSocket(), {});
    const HostScan remote = scanJson(m_sshHost, {"DRYDOCK_SSH_OPTIONS=-F " + m_sshDir + "/ssh_config"});
    QVERIFY2(remote.exitCode == 0 || remote.exitCode == 1, qPrintable(remote.err));
    QVERIFY2(!remote.err.contains("host checks skipped"), qPrintable(remote.err));
    QVERIFY(!local.findings.isEmpty());
    QCOMPARE(remote.findings, local.findings);
    for (const auto& reason : remote.notCheckedReasons) {
        QVERIFY2(!reason.contains("needs local or ssh access") && !reason.contains("over ssh"), qPrintable(reason));
    }
}

void TestHostChecksOverSsh::noHostChecksSkipsTheRemoteHost()
{
    const HostScan remote =
        scanJson(m_sshHost, {"DRYDOCK_SSH_OPTIONS=-F " + m_sshDir + "/ssh_config"}, {"--no-host-checks"});
    QVERIFY2(remote.exitCode == 0 || remote.exitCode == 1, qPrintable(remote.err));
    QVERIFY(remote.findings.isEmpty());
    QVERIFY(!remote.notCheckedReasons.filter("needs the daemon's host over ssh: not read in this scan").isEmpty());
}

void TestHostChecksOverSsh::anUnreachableHostIsNotCheckedWithTheReason()
{
    // The API works (its own ssh connections), the host session does not: a forced command for this key
    // answers every session with a docker that is not there. Here a short timeout stands in for a host that
    // never answers.
    DockerEndpoint wrong = m_endpoint;
    SshDialer::Options options;
    options.extraArguments = {"-F", (m_sshDir + "/ssh_config_nodocker").toStdString()};
    SshRemoteShell::Limits limits;
    limits.timeoutSeconds = 10;
    SshRemoteShell shell(wrong, options, limits);
    const auto facts = inspectOverSsh(shell, m_info);
    QVERIFY(!facts.ok());
    QVERIFY2(QString::fromStdString(facts.error().message).contains("ssh"), facts.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestHostChecksOverSsh)
#include "TestHostChecksOverSsh.moc"
