// Daemon and Swarm checks on a real single-node swarm of the private dockerd (advertised on 127.0.0.1):
// autolock, services that carry secrets in env, configs that hold secrets — and join tokens never leak.
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/report/ScanJson.h"
#include "core/scan/Scanner.h"
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QTest>

using namespace drydock;

class TestSwarmIntegration : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DockerClient> m_client;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QString m_prefix = test::uniqueName(QStringLiteral("swarm"));
    ScanResult m_scan;
    QString m_workerToken;
    const char* m_secret = "Sw4rmS3cretValue991";

    bool has(const char* rule, const QString& objectName = {}) const
    {
        for (const auto& f : m_scan.findings.all()) {
            if (f.ruleId == rule && (objectName.isEmpty() || QString::fromStdString(f.object.name) == objectName)) {
                return true;
            }
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY2(m_client, "the private dockerd fixture is not running");
        QString err;
        QVERIFY2(test::docker({"swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:0"}, nullptr,
                              &err) == 0,
                 qPrintable(err));
        QVERIFY(test::docker({"swarm", "join-token", "-q", "worker"}, &m_workerToken) == 0);
        m_workerToken = m_workerToken.trimmed();
        QVERIFY(!m_workerToken.isEmpty());
        // Secrets and configs come from standard input so no value lands in a file.
        const auto create = [&](const QString& kind, const QString& name, const QByteArray& value) {
            QStringList args{kind, QStringLiteral("create"), name, QStringLiteral("-")};
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + test::privateDaemonSocket());
            p.setProcessEnvironment(env);
            p.start(QStringLiteral("/usr/bin/docker"), args);
            p.write(value);
            p.closeWriteChannel();
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        QVERIFY(create(QStringLiteral("secret"), m_prefix + QStringLiteral("-db"), "not-shown"));
        QVERIFY(create(QStringLiteral("config"), m_prefix + QStringLiteral("-cfg"),
                       QByteArray("DB_PASSWORD=") + m_secret + "\n"));
        QVERIFY2(test::docker({"service", "create", "--detach", "--name", m_prefix + QStringLiteral("-web"), "--env",
                               QStringLiteral("API_TOKEN=") + m_secret, "--secret", m_prefix + QStringLiteral("-db"),
                               "drydock-test/busybox:1", "sleep", "3600"},
                              nullptr, &err) == 0,
                 qPrintable(err));
        // The same secret handed over the right way (a Docker secret, no env), with a host path bind.
        QVERIFY2(test::docker({"service", "create", "--detach", "--name", m_prefix + QStringLiteral("-files"),
                               "--secret", m_prefix + QStringLiteral("-db"), "--mount",
                               "type=bind,source=/etc,target=/host-etc,readonly", "drydock-test/busybox:1", "sleep",
                               "3600"},
                              nullptr, &err) == 0,
                 qPrintable(err));
        const SystemClock clock;
        Scanner scanner(*m_client, m_catalogue, clock);
        NullProgressSink progress;
        auto result = scanner.scan(ScanSettings{}, progress, CancelToken());
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        m_scan = std::move(result.value());
    }

    void cleanupTestCase() { test::docker({"swarm", "leave", "--force"}); }

    void theSwarmIsInTheInventory()
    {
        QVERIFY(m_scan.inventory.swarm.has_value());
        QVERIFY(m_scan.inventory.swarm->isManager);
        QCOMPARE(m_scan.inventory.swarm->nodes.size(), std::size_t(1));
        bool service = false;
        for (const auto& s : m_scan.inventory.swarm->services) {
            service = service || QString::fromStdString(s.name) == m_prefix + QStringLiteral("-web");
        }
        QVERIFY(service);
    }

    void swarmAndSecretFindingsArePresent()
    {
        QVERIFY2(has("SWM-003"), "autolock is off");
        QVERIFY2(has("SEC-009", m_prefix + QStringLiteral("-web")), "env secret in a service");
        QVERIFY2(has("SEC-010", m_prefix + QStringLiteral("-cfg")), "a config that holds a password");
        QVERIFY2(has("SWM-008", m_prefix + QStringLiteral("-web")), "service hardening gaps");
        QVERIFY2(has("DMN-006"), "no user namespace remapping on this daemon");
    }

    void taskTemplatesAreCheckedWithTheContainerRules()
    {
        const std::string files = (m_prefix + QStringLiteral("-files")).toStdString();
        bool hostPath = false;
        for (const auto& f : m_scan.findings.all()) {
            hostPath |= f.ruleId == "SWM-008" && f.object.name == files && f.discriminator == "CTR-012" &&
                        f.evidence.find("/etc -> /host-etc (ro)") != std::string::npos;
            QVERIFY2(!(f.ruleId == "SEC-009" && f.object.name == files), "a Docker secret is not an env secret");
        }
        QVERIFY2(hostPath, "the /etc bind in the task template is a CTR-012 gap");
    }

    void neitherSecretsNorJoinTokensLeak()
    {
        const std::string json = json::scanToJson(m_scan);
        QVERIFY(json.find(m_secret) == std::string::npos);
        QVERIFY(json.find(m_workerToken.toStdString()) == std::string::npos);
        QVERIFY(json.find("SWMTKN") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSwarmIntegration)
#include "TestSwarmIntegration.moc"
