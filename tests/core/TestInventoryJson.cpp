// Unit tests for core/json/InventoryJson: the export keeps the documented shape (read back with Qt's own
// JSON parser) and never carries a secret value in clear text, while the names stay readable.
#include "core/json/ModelParser.h"
#include "core/report/InventoryJson.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace drydock;
using drydock::test::readData;

namespace {

template <typename T> T must(Result<T> r, const char* what)
{
    if (!r) {
        qFatal("%s: %s", what, r.error().message.c_str());
    }
    return std::move(r).value();
}

Container containerFrom(const char* file)
{
    return must(json::parseContainer(readData(file)), file);
}

Image imageWithHistory(const char* image, const char* history)
{
    Image i = must(json::parseImage(readData(image)), image);
    i.history = must(json::parseHistory(readData(history)), history);
    return i;
}

// Everything the recorded zoo showed, plus hand-made values the sandbox daemon could not produce.
Inventory recordedInventory()
{
    Inventory inv;
    inv.endpoint = "tcp://admin:endpointpw99@127.0.0.1:2376";
    inv.engineVersion = "20.10.24+dfsg1";
    inv.apiVersion = "1.41";
    inv.capturedAtUnix = 1795919400;
    if (!json::parseInfo(readData("api-1.41/info-swarm.json"), inv.daemon) ||
        !json::parseVersion(readData("api-1.41/version.json"), inv.daemon)) {
        qFatal("recorded info/version do not parse");
    }
    inv.daemon.httpProxy = "http://proxyuser:proxypass99@127.0.0.1:3128";
    inv.daemon.registryMirrors = {"https://mirroruser:mirrorpass77@mirror.example/"};

    for (const char* name : {"plain", "webapp", "priv", "hostns", "noseccomp", "sysunconf", "exited"}) {
        const std::string file = std::string("api-1.41/container-") + name + ".json";
        inv.containers.push_back(containerFrom(file.c_str()));
    }
    inv.containers.push_back(containerFrom("hostile/container-1.51.json"));
    inv.containers[6].changes = must(json::parseChanges(readData("api-1.41/changes.json")), "changes");
    ExecSession exec = must(json::parseExec(readData("api-1.41/exec-plain.json")), "exec");
    exec.arguments = {"--token", "execflagtoken42", "--url=https://u:execurlpw55@host/"};
    inv.containers[0].execSessions.push_back(exec);

    inv.images.push_back(imageWithHistory("api-1.41/image-app.json", "api-1.41/history-app.json"));
    inv.images.push_back(imageWithHistory("api-1.41/image-busybox.json", "api-1.41/history-busybox.json"));
    inv.networks = must(json::parseNetworks(readData("api-1.41/networks-list.json")), "networks");
    inv.volumes = must(json::parseVolumes(readData("api-1.41/volumes.json")), "volumes");
    Volume cifs;
    cifs.name = "share";
    cifs.driver = "local";
    cifs.options = {{"type", "cifs"},
                    {"device", "//fs.example/share"},
                    {"o", "username=bob,password=s3cretcifs,vers=3.0"}};
    inv.volumes.push_back(cifs);

    SwarmState swarm;
    swarm.isManager = true;
    swarm.cluster = must(json::parseSwarm(readData("api-1.41/swarm.json")), "swarm");
    swarm.unlockKeySet = must(json::parseUnlockKeySet(readData("api-1.41/unlockkey.json")), "unlock key");
    swarm.nodes = must(json::parseNodes(readData("api-1.41/nodes.json")), "nodes");
    swarm.services = must(json::parseServices(readData("api-1.41/services.json")), "services");
    swarm.secrets = must(json::parseSecrets(readData("api-1.41/secrets.json")), "secrets");
    swarm.configs = must(json::parseConfigs(readData("api-1.41/configs.json")), "configs");
    inv.swarm = swarm;

    inv.problems.push_back({"container", "gone", "GET http://u:problempw1@host/containers/gone/json failed"});
    return inv;
}

QJsonObject readBack(const std::string& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("export is not a JSON object: %s", qPrintable(error.errorString()));
        return {};
    }
    return doc.object();
}

QJsonObject containerNamed(const QJsonObject& root, const QString& name)
{
    for (const auto& c : root["containers"].toArray()) {
        if (c.toObject()["name"].toString() == name) {
            return c.toObject();
        }
    }
    return {};
}

QStringList sortedKeys(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestInventoryJson : public QObject
{
    Q_OBJECT
private:
    std::string m_output;
    QJsonObject m_root;

private slots:
    void initTestCase()
    {
        m_output = json::inventoryToJson(recordedInventory());
        m_root = readBack(m_output);
        QVERIFY(!m_root.isEmpty());
    }

    void topLevelShape()
    {
        QStringList expected{"formatVersion", "endpoint",   "engineVersion", "apiVersion", "capturedAt",
                             "daemon",        "containers", "images",        "networks",   "volumes",
                             "plugins",       "swarm",      "problems"};
        expected.sort();
        QCOMPARE(sortedKeys(m_root), expected);
        QCOMPARE(m_root["formatVersion"].toInt(), 1);
        QCOMPARE(m_root["apiVersion"].toString(), QString("1.41"));
        QCOMPARE(m_root["capturedAt"].toString(), QString("2026-11-29T02:30:00Z"));
        QCOMPARE(m_root["containers"].toArray().size(), 8);
        QCOMPARE(m_root["images"].toArray().size(), 2);
        QCOMPARE(m_root["networks"].toArray().size(), 5);
        QCOMPARE(m_root["volumes"].toArray().size(), 4);
        QCOMPARE(m_root["plugins"].toArray().size(), 0);
        QCOMPARE(m_root["problems"].toArray().size(), 1);
        const QJsonObject swarm = m_root["swarm"].toObject();
        QCOMPARE(swarm["services"].toArray().size(), 2);
        QCOMPARE(swarm["secrets"].toArray().size(), 1);
        QCOMPARE(swarm["configs"].toArray().size(), 1);
        QCOMPARE(swarm["nodes"].toArray().size(), 1);
        QVERIFY(swarm["isManager"].toBool());
        QVERIFY(!swarm["unlockKeySet"].toBool());
        // Keys come out in the documented order (the model's), not sorted: people read this file.
        QVERIFY(m_output.find("\"formatVersion\"") < m_output.find("\"endpoint\""));
        QVERIFY(m_output.find("\"daemon\"") < m_output.find("\"containers\""));
    }

    void containerShape()
    {
        const QJsonObject web = containerNamed(m_root, "webapp");
        QVERIFY(!web.isEmpty());
        const QJsonObject host = web["hostConfig"].toObject();
        QCOMPARE(host["capAdd"].toArray(), QJsonArray{"CAP_NET_ADMIN"});
        QCOMPARE(host["pidsLimit"].toInteger(), 100);
        QCOMPARE(host["networkMode"].toString(), QString("appnet"));
        QCOMPARE(host["tmpfs"].toObject()["/run"].toString(), QString("rw,size=16m"));
        QCOMPARE(host["logConfig"].toObject()["config"].toObject()["max-size"].toString(), QString("10m"));
        QCOMPARE(host["portBindings"].toArray().size(), 2);
        QCOMPARE(web["config"].toObject()["healthcheck"].toObject()["retries"].toInt(), 3);
        QCOMPARE(web["state"].toObject()["health"].toObject()["status"].toString(), QString("healthy"));
        QCOMPARE(web["networks"].toArray().at(0).toObject()["networkName"].toString(), QString("appnet"));
        QCOMPARE(web["mounts"].toArray().size(), 2);
        QCOMPARE(containerNamed(m_root, "exited")["changes"].toArray().size(), 2);
        QCOMPARE(containerNamed(m_root, "plain")["execSessions"].toArray().size(), 1);

        const QJsonObject image = m_root["images"].toArray().at(0).toObject();
        QCOMPARE(image["history"].toArray().size(), 11);
        QCOMPARE(image["rootfsLayers"].toArray().size(), 2);
        QVERIFY(image["createdUnix"].toInteger() > 1700000000);
    }

    void nullAndEmptyStayDifferent_data()
    {
        QTest::addColumn<QString>("container");
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected"); // "null", "empty" or "value"
        QTest::newRow("a privileged container's masked paths are null") << "priv"
                                                                        << "hostConfig"
                                                                        << "maskedPaths"
                                                                        << "null";
        QTest::newRow("systempaths=unconfined masked paths are an empty list") << "sysunconf"
                                                                               << "hostConfig"
                                                                               << "maskedPaths"
                                                                               << "empty";
        QTest::newRow("default masked paths are listed") << "plain"
                                                         << "hostConfig"
                                                         << "maskedPaths"
                                                         << "value";
        QTest::newRow("an unlimited pids limit is null") << "plain"
                                                         << "hostConfig"
                                                         << "pidsLimit"
                                                         << "null";
        QTest::newRow("a null entrypoint stays null") << "webapp"
                                                      << "config"
                                                      << "entrypoint"
                                                      << "null";
        QTest::newRow("an empty entrypoint stays an empty list") << "api-151"
                                                                 << "config"
                                                                 << "entrypoint"
                                                                 << "empty";
        QTest::newRow("no health check is null") << "plain"
                                                 << "config"
                                                 << "healthcheck"
                                                 << "null";
        QTest::newRow("changes not fetched are null") << "plain"
                                                      << ""
                                                      << "changes"
                                                      << "null";
    }
    void nullAndEmptyStayDifferent()
    {
        QFETCH(QString, container);
        QFETCH(QString, section);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const QJsonObject c = containerNamed(m_root, container);
        QVERIFY(!c.isEmpty());
        const QJsonObject owner = section.isEmpty() ? c : c[section].toObject();
        QVERIFY2(owner.contains(key), qPrintable(key));
        const QJsonValue v = owner[key];
        const QString actual = v.isNull()                               ? "null"
                               : (v.isArray() && v.toArray().isEmpty()) ? "empty"
                                                                        : "value";
        QCOMPARE(actual, expected);
    }

    void secretValuesNeverAppear_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::newRow("the database password from a container's env") << "hunter2";
        QTest::newRow("the API token from a service's env") << "abc123";
        QTest::newRow("the swarm config's data") << "config-data-xyzzy";
        QTest::newRow("the swarm config's data as base64") << "Y29uZmlnLWRhdGEteHl6enk6IHZhbHVlCg==";
        QTest::newRow("a label whose key names a token") << "lbltok999";
        QTest::newRow("the password in a proxy URL in a container's env") << "proxypass";
        QTest::newRow("the password in the daemon's proxy") << "proxypass99";
        QTest::newRow("the password in a registry mirror") << "mirrorpass77";
        QTest::newRow("the password in the endpoint") << "endpointpw99";
        QTest::newRow("a build-arg value in the image history") << "buildsecret123";
        QTest::newRow("a password in a command-line URL") << "pgsecret77";
        QTest::newRow("a password inside mount driver options") << "nfspass99";
        QTest::newRow("a password inside volume options") << "s3cretcifs";
        QTest::newRow("a log driver token") << "00000000-1111-2222-3333-444444444444";
        QTest::newRow("a live API key value") << "sk_live_abcdefghijklmnop";
        QTest::newRow("a JWT under a harmless name") << "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0";
        QTest::newRow("a token given as the next exec argument") << "execflagtoken42";
        QTest::newRow("a password in an exec argument URL") << "execurlpw55";
        QTest::newRow("a password in a problem message") << "problempw1";
        QTest::newRow("a swarm join token") << "SWMTKN";
    }
    void secretValuesNeverAppear()
    {
        QFETCH(QString, secret);
        QVERIFY2(m_output.find(secret.toStdString()) == std::string::npos, qPrintable(secret));
    }

    void secretNamesStayReadable_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("the env name of the database password") << "\"DB_PASSWORD=****** (under 8 chars, password)\"";
        QTest::newRow("the env name of the service token") << "\"API_TOKEN=****** (under 8 chars, token)\"";
        QTest::newRow("a harmless env value is left alone") << "\"APP_MODE=prod\"";
        QTest::newRow("a proxy URL keeps its user and host") << "http://proxyuser:******@127.0.0.1:3128";
        QTest::newRow("the label key that names a token") << "\"com.example.api_token\"";
        QTest::newRow("the log option key") << "\"splunk-token\"";
        QTest::newRow("a non-secret log option") << "\"https://splunk.example:8088\"";
        QTest::newRow("the build arg name") << "BUILD_TOKEN=";
        QTest::newRow("volume options keep the user and the other options")
            << "username=bob,password=******,vers=3.0";
        QTest::newRow("the config name") << "\"app_config\"";
        QTest::newRow("the secret name") << "\"db_password\"";
    }
    void secretNamesStayReadable()
    {
        QFETCH(QString, text);
        QVERIFY2(m_output.find(text.toStdString()) != std::string::npos, qPrintable(text));
    }

    void configDataIsOnlyItsLength()
    {
        const QJsonObject config = m_root["swarm"].toObject()["configs"].toArray().at(0).toObject();
        QVERIFY(!config.contains("data"));
        QCOMPARE(config["dataLength"].toInteger(), 25);
        QCOMPARE(config["name"].toString(), QString("app_config"));
    }

    void emptyInventory()
    {
        const QJsonObject root = readBack(json::inventoryToJson(Inventory{}));
        QVERIFY(root.contains("daemon"));
        QVERIFY(root["swarm"].isNull());
        QVERIFY(root["containers"].toArray().isEmpty());
        QCOMPARE(root["capturedAt"].toString(), QString());
    }

    void compactOutputIsOneLine()
    {
        const std::string compact = json::inventoryToJson(recordedInventory(), -1);
        QCOMPARE(std::count(compact.begin(), compact.end(), '\n'), std::ptrdiff_t(1)); // the trailing newline
        QCOMPARE(sortedKeys(readBack(compact)), sortedKeys(m_root));
    }

    void invalidUtf8InTheModelStillGivesValidJson()
    {
        Inventory inv;
        Container c;
        c.name = "bad\xff\xfe";
        c.config.env = {"X=\xc3"};
        inv.containers.push_back(c);
        const QJsonObject root = readBack(json::inventoryToJson(inv));
        QCOMPARE(root["containers"].toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInventoryJson)
#include "TestInventoryJson.moc"
