// Unit tests for live re-evaluation of one object (core/scan/ObjectReevaluator) on recorded API 1.41 JSON:
// the findings of one object equal those a full scan of the same snapshot gives it, an object the daemon
// no longer has is removed, a new one is added, and only GETs are ever sent.
#include "core/json/ModelParser.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/ObjectReevaluator.h"
#include "core/scan/RuleEngine.h"
#include "tests/support/TestSupport.h"

#include <QTest>

#include <map>

using namespace drydock;
using drydock::test::readData;

namespace {

constexpr std::int64_t kNow = 1795919400;

template <typename T> T must(Result<T> r, const char* what)
{
    if (!r) {
        qFatal("%s: %s", what, r.error().message.c_str());
    }
    return std::move(r).value();
}

Container containerFrom(const std::string& name)
{
    const std::string file = "api-1.41/container-" + name + ".json";
    return must(json::parseContainer(readData(QString::fromStdString(file))), file.c_str());
}

Image imageFrom(const char* image, const char* history)
{
    Image i = must(json::parseImage(readData(image)), image);
    i.history = must(json::parseHistory(readData(history)), history);
    return i;
}

const char* const kContainers[] = {"plain", "webapp", "priv", "hostns", "noseccomp", "sysunconf", "exited"};

Inventory recordedInventory(const std::string& without = {})
{
    Inventory inv;
    inv.endpoint = "unix:///run/test.sock";
    inv.apiVersion = "1.41";
    inv.capturedAtUnix = kNow;
    if (!json::parseInfo(readData("api-1.41/info.json"), inv.daemon) ||
        !json::parseVersion(readData("api-1.41/version.json"), inv.daemon)) {
        qFatal("recorded info/version do not parse");
    }
    for (const char* name : kContainers) {
        if (name != without) {
            inv.containers.push_back(containerFrom(name));
        }
    }
    inv.images.push_back(imageFrom("api-1.41/image-app.json", "api-1.41/history-app.json"));
    inv.images.push_back(imageFrom("api-1.41/image-busybox.json", "api-1.41/history-busybox.json"));
    inv.networks = must(json::parseNetworks(readData("api-1.41/networks-list.json")), "networks");
    inv.volumes = must(json::parseVolumes(readData("api-1.41/volumes.json")), "volumes");
    Volume cifs;
    cifs.name = "share";
    cifs.driver = "local";
    cifs.options = {{"o", "username=bob,password=s3cretcifs,vers=3.0"}};
    inv.volumes.push_back(cifs);
    return inv;
}

// Answers GET paths (after the version prefix) from a table; records every request it was sent.
class RecordedTransport final : public Transport
{
public:
    std::map<std::string, std::pair<int, std::string>> answers;
    std::optional<Error> failure;
    std::vector<std::string> methods;

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        methods.push_back(request.method);
        if (failure) {
            return *failure;
        }
        const auto slash = request.path.find('/', 1);
        const std::string path = slash == std::string::npos ? request.path : request.path.substr(slash);
        HttpResponse r;
        const auto it = answers.find(path);
        if (it == answers.end()) {
            r.status = 404;
            r.body = "{\"message\":\"No such object\"}";
        } else {
            r.status = it->second.first;
            r.body = it->second.second;
        }
        return r;
    }
    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override
    {
        std::vector<Result<HttpResponse>> out;
        for (const auto& r : requests) {
            out.push_back(send(r));
        }
        return out;
    }
    Result<void> stream(const HttpRequest&, const std::function<bool(std::string_view)>&, const CancelToken&) override
    {
        return success();
    }
    std::string describe() const override { return "recorded daemon"; }
};

QString describe(const Finding& f)
{
    return QString::fromStdString(f.ruleId + "|" + f.discriminator + "|" + toString(f.severity) + "|" + f.evidence +
                                  "|" + f.remediation.runCommand + "|" + f.remediation.compose);
}

QStringList describeAll(const std::vector<Finding>& findings)
{
    QStringList out;
    for (const auto& f : findings) {
        out << describe(f);
    }
    return out;
}

} // namespace

class TestObjectReevaluator : public QObject
{
    Q_OBJECT
private:
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

private slots:
    void oneObjectGetsExactlyTheFindingsOfAFullScan_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("index");
        const Inventory inv = recordedInventory();
        for (std::size_t i = 0; i < inv.containers.size(); ++i) {
            QTest::addRow("container %s is judged as in a full scan", inv.containers[i].name.c_str())
                << int(ObjectType::Container) << int(i);
        }
        for (std::size_t i = 0; i < inv.images.size(); ++i) {
            QTest::addRow("image %s is judged as in a full scan", inv.images[i].displayName().c_str())
                << int(ObjectType::Image) << int(i);
        }
        for (std::size_t i = 0; i < inv.networks.size(); ++i) {
            QTest::addRow("network %s is judged as in a full scan", inv.networks[i].name.c_str())
                << int(ObjectType::Network) << int(i);
        }
        for (std::size_t i = 0; i < inv.volumes.size(); ++i) {
            QTest::addRow("volume %s is judged as in a full scan", inv.volumes[i].name.c_str())
                << int(ObjectType::Volume) << int(i);
        }
    }
    void oneObjectGetsExactlyTheFindingsOfAFullScan()
    {
        QFETCH(int, type);
        QFETCH(int, index);
        const Inventory inv = recordedInventory();
        const auto i = static_cast<std::size_t>(index);
        Reevaluation change;
        switch (static_cast<ObjectType>(type)) {
        case ObjectType::Container: change = ObjectReevaluator::replaceContainer(inv, inv.containers[i]); break;
        case ObjectType::Image: change = ObjectReevaluator::replaceImage(inv, inv.images[i]); break;
        case ObjectType::Network: change = ObjectReevaluator::replaceNetwork(inv, inv.networks[i]); break;
        default: change = ObjectReevaluator::replaceVolume(inv, inv.volumes[i]); break;
        }
        QVERIFY(!change.added);
        QVERIFY(!change.removed);
        const ScanSettings settings;
        RecordedTransport* unused = nullptr;
        DockerClient client(std::unique_ptr<Transport>(unused = new RecordedTransport), DockerEndpoint{});
        ObjectReevaluator(client, m_catalogue).evaluate(change, settings, kNow);

        const FindingSet full = RuleEngine(m_catalogue).evaluate(inv, settings, kNow);
        std::vector<Finding> expected;
        for (const auto& f : full.all()) {
            if (f.object.type == change.object.type && f.object.id == change.object.id) {
                expected.push_back(f);
            }
        }
        QCOMPARE(describeAll(change.findings), describeAll(expected));
        QVERIFY(unused->methods.empty()); // evaluating never talks to the daemon
    }

    void aContainerCreatedAfterTheScanIsReadAndAdded()
    {
        const Inventory before = recordedInventory("priv");
        const Container priv = containerFrom("priv");
        auto* transport = new RecordedTransport;
        transport->answers["/containers/" + priv.id + "/json"] = {200, readData("api-1.41/container-priv.json")};
        DockerClient client(std::unique_ptr<Transport>(transport), DockerEndpoint{});
        auto change = ObjectReevaluator(client, m_catalogue)
                          .reevaluate(before, ObjectType::Container, priv.id, ScanSettings{}, kNow);
        QVERIFY2(change, change ? "" : change.error().message.c_str());
        QVERIFY(change->added);
        QCOMPARE(QString::fromStdString(change->object.name), QStringLiteral("priv"));
        QCOMPARE(change->inventory.containers.size(), before.containers.size() + 1);
        QVERIFY(describeAll(change->findings).join('\n').contains(QStringLiteral("CTR-002|")));
        for (const auto& f : change->findings) {
            QCOMPARE(QString::fromStdString(f.object.id), QString::fromStdString(priv.id));
            QVERIFY2(QString::fromStdString(f.remediation.runCommand).contains(QStringLiteral("docker run")),
                     (f.ruleId + ": " + f.remediation.runCommand).c_str());
        }
        for (const auto& m : transport->methods) {
            QCOMPARE(QString::fromStdString(m), QStringLiteral("GET"));
        }
    }

    void aContainerTheDaemonNoLongerHasIsRemoved()
    {
        const Inventory before = recordedInventory();
        const Container priv = containerFrom("priv");
        DockerClient client(std::make_unique<RecordedTransport>(), DockerEndpoint{});
        auto change = ObjectReevaluator(client, m_catalogue)
                          .reevaluate(before, ObjectType::Container, priv.id, ScanSettings{}, kNow);
        QVERIFY(change);
        QVERIFY(change->removed);
        QVERIFY(change->findings.empty());
        QCOMPARE(QString::fromStdString(change->object.name), QStringLiteral("priv")); // from the old snapshot
        QCOMPARE(change->inventory.containers.size(), before.containers.size() - 1);
        for (const auto& c : change->inventory.containers) {
            QVERIFY(c.id != priv.id);
        }
    }

    void aChangedNetworkIsReadAgain()
    {
        const Inventory before = recordedInventory();
        const Network appnet = must(json::parseNetwork(readData("api-1.41/network-appnet.json")), "appnet");
        auto* transport = new RecordedTransport;
        transport->answers["/networks/" + appnet.id] = {200, readData("api-1.41/network-appnet.json")};
        DockerClient client(std::unique_ptr<Transport>(transport), DockerEndpoint{});
        auto change = ObjectReevaluator(client, m_catalogue)
                          .reevaluate(before, ObjectType::Network, appnet.id, ScanSettings{}, kNow);
        QVERIFY2(change, change ? "" : change.error().message.c_str());
        QVERIFY(!change->removed);
        QCOMPARE(change->inventory.networks.size(), before.networks.size() + (change->added ? 1 : 0));
        const auto it = std::find_if(change->inventory.networks.begin(), change->inventory.networks.end(),
                                     [&](const Network& n) { return n.id == appnet.id; });
        QVERIFY(it != change->inventory.networks.end());
        QCOMPARE(it->containers.size(), appnet.containers.size()); // members come from the inspect
    }

    void anUnreachableDaemonIsAnErrorAndNothingChanges()
    {
        const Inventory before = recordedInventory();
        auto* transport = new RecordedTransport;
        transport->failure = Error::make(ErrorCode::DaemonUnreachable, "gone");
        DockerClient client(std::unique_ptr<Transport>(transport), DockerEndpoint{});
        auto change = ObjectReevaluator(client, m_catalogue)
                          .reevaluate(before, ObjectType::Container, before.containers[0].id, ScanSettings{}, kNow);
        QVERIFY(!change);
        QCOMPARE(change.error().code, ErrorCode::DaemonUnreachable);
    }

    void otherObjectTypesAreRefusedWithAReason()
    {
        DockerClient client(std::make_unique<RecordedTransport>(), DockerEndpoint{});
        auto change = ObjectReevaluator(client, m_catalogue)
                          .reevaluate(recordedInventory(), ObjectType::SwarmService, "x", ScanSettings{}, kNow);
        QVERIFY(!change);
        QCOMPARE(change.error().code, ErrorCode::InvalidArgument);
        QVERIFY(QString::fromStdString(change.error().message).contains(QStringLiteral("rescan")));
    }
};

QTEST_MAIN(TestObjectReevaluator)
#include "TestObjectReevaluator.moc"
