// The inventory of the real private dockerd holds the objects a test creates, with the values it set.
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/scan/InventoryLoader.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace drydock;

namespace {

// Counts progress calls so the test can see the loader reports its phases.
class CountingProgress : public ProgressSink
{
public:
    void progress(const std::string&, int, int) override { ++calls; }
    int calls = 0;
};

const Container* byName(const Inventory& inv, const QString& name)
{
    for (const auto& c : inv.containers) {
        if (QString::fromStdString(c.name) == name) {
            return &c;
        }
    }
    return nullptr;
}

} // namespace

class TestInventoryIntegration : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DockerClient> m_client;
    QString m_prefix = test::uniqueName(QStringLiteral("inv"));
    Inventory m_inventory;

    QString n(const char* suffix) const { return m_prefix + QLatin1Char('-') + QLatin1String(suffix); }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY2(m_client, "the private dockerd fixture is not running");
        QCOMPARE(test::docker({"network", "create", "--label", "purpose=test", n("net")}), 0);
        QCOMPARE(test::docker({"volume", "create", "--label", "purpose=test", n("vol")}), 0);
        QCOMPARE(test::docker({"run", "-d", "--name", n("web"), "--network", n("net"), "--network-alias", "www",
                               "-e", "MODE=prod", "--label", "tier=front", "-p", "127.0.0.1:18081:80", "--cap-add",
                               "NET_ADMIN", "--memory", "64m", "--pids-limit", "50", "--read-only", "--tmpfs",
                               "/run", "-v", n("vol") + QStringLiteral(":/data"), "--user", "10001",
                               "--restart", "on-failure:2", "drydock-test/busybox:1", "sleep", "3600"}),
                 0);
        QCOMPARE(test::docker({"create", "--name", n("created"), "drydock-test/busybox:1", "sleep", "1"}), 0);
        QCOMPARE(test::docker({"run", "--name", n("exited"), "drydock-test/busybox:1", "sh", "-c", "exit 3"}), 3);
        CountingProgress progress;
        InventoryLoader loader(*m_client);
        auto inv = loader.load(SystemClock().nowUnix(), progress, CancelToken());
        QVERIFY2(inv, inv ? "" : inv.error().message.c_str());
        m_inventory = std::move(inv.value());
        QVERIFY(progress.calls >= 5);
    }

    void cleanupTestCase()
    {
        test::docker({"rm", "-f", n("web"), n("created"), n("exited")});
        test::docker({"network", "rm", n("net")});
        test::docker({"volume", "rm", n("vol")});
    }

    void theSnapshotNamesItsSource()
    {
        QVERIFY(QString::fromStdString(m_inventory.endpoint).startsWith(QStringLiteral("unix://")));
        QCOMPARE(QString::fromStdString(m_inventory.apiVersion), QStringLiteral("1.41"));
        QVERIFY(!m_inventory.engineVersion.empty());
        QVERIFY(!m_inventory.daemon.securityOptions.empty());
    }

    void containersInEveryStateAreListed()
    {
        const Container* created = byName(m_inventory, n("created"));
        const Container* exited = byName(m_inventory, n("exited"));
        QVERIFY(created && exited);
        QCOMPARE(QString::fromStdString(created->state.status), QStringLiteral("created"));
        QCOMPARE(QString::fromStdString(exited->state.status), QStringLiteral("exited"));
        QCOMPARE(exited->state.exitCode, 3);
    }

    void theRunOptionsAppearWithTheirValues()
    {
        const Container* web = byName(m_inventory, n("web"));
        QVERIFY(web);
        QVERIFY(web->state.running);
        QCOMPARE(QString::fromStdString(web->config.user), QStringLiteral("10001"));
        QVERIFY(web->hostConfig.readonlyRootfs);
        QCOMPARE(web->hostConfig.memory, std::int64_t(64) * 1024 * 1024);
        QCOMPARE(web->hostConfig.pidsLimit.value_or(-1), std::int64_t(50));
        QCOMPARE(web->hostConfig.capAdd, StringList{"CAP_NET_ADMIN"});
        QCOMPARE(QString::fromStdString(web->hostConfig.restartPolicy.name), QStringLiteral("on-failure"));
        QCOMPARE(web->hostConfig.restartPolicy.maximumRetryCount, 2);
        QVERIFY(web->hostConfig.tmpfs.count("/run"));
        QCOMPARE(QString::fromStdString(web->config.labels.at("tier")), QStringLiteral("front"));
        bool env = false;
        for (const auto& e : web->config.env) {
            env = env || e == "MODE=prod";
        }
        QVERIFY(env);
        QCOMPARE(web->hostConfig.portBindings.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(web->hostConfig.portBindings[0].bindings.at(0).hostIp),
                 QStringLiteral("127.0.0.1"));
        bool volume = false;
        for (const auto& m : web->mounts) {
            volume = volume || (m.type == "volume" && QString::fromStdString(m.name) == n("vol"));
        }
        QVERIFY(volume);
        QCOMPARE(web->networks.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(web->networks[0].networkName), n("net"));
        QVERIFY(web->changes.has_value()); // fetched for running containers
    }

    void imagesCarryTheirHistory()
    {
        const Container* web = byName(m_inventory, n("web"));
        QVERIFY(web);
        const Image* image = m_inventory.findImage(web->imageId);
        QVERIFY(image);
        QVERIFY(!image->history.empty());
        QVERIFY(image->createdUnix > 0);
        QCOMPARE(QString::fromStdString(image->displayName()), QStringLiteral("drydock-test/busybox:1"));
    }

    void aRealDebianImageIsInspected()
    {
        const Image* debian = nullptr;
        for (const auto& i : m_inventory.images) {
            for (const auto& t : i.repoTags) {
                debian = t == "drydock-test/debian:bookworm" ? &i : debian;
            }
        }
        if (!debian) {
            QSKIP("drydock-test/debian:bookworm is missing: mmdebstrap could not build it (see the fixture's log)");
        }
        QVERIFY(debian->size > 50 * 1024 * 1024);
        QCOMPARE(QString::fromStdString(debian->os), QStringLiteral("linux"));
        QCOMPARE(debian->config.cmd, StringList{"bash"});
        QVERIFY(!debian->history.empty());
    }

    void networksAndVolumesAreListed()
    {
        bool net = false;
        for (const auto& nw : m_inventory.networks) {
            if (QString::fromStdString(nw.name) == n("net")) {
                net = true;
                QCOMPARE(QString::fromStdString(nw.labels.at("purpose")), QStringLiteral("test"));
                QCOMPARE(nw.containers.size(), std::size_t(1));
            }
        }
        QVERIFY(net);
        bool vol = false;
        for (const auto& v : m_inventory.volumes) {
            vol = vol || QString::fromStdString(v.name) == n("vol");
        }
        QVERIFY(vol);
    }

    void aCancelledLoadStopsWithACancelledError()
    {
        CancelToken cancel;
        cancel.cancel();
        NullProgressSink progress;
        InventoryLoader loader(*m_client);
        auto inv = loader.load(0, progress, cancel);
        QVERIFY(!inv);
        QCOMPARE(inv.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestInventoryIntegration)
#include "TestInventoryIntegration.moc"
