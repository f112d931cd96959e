#include "core/common/Strings.h"
#include "core/docker/CurlTransport.h"
#include "core/docker/DockerClient.h"
#include "core/json/ModelParser.h"
#include "tests/core/FakeHttpServer.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <optional>

using namespace drydock;
using drydock::test::FakeConnection;
using drydock::test::FakeHttpServer;
using drydock::test::FakeRequest;

// DockerClient over a real CurlTransport against a scripted daemon: version negotiation, the paths it asks
// for, the read-only guarantee, and HTTP errors. (Typed parsing is covered by the JSON parser tests.)
class TestDockerClientRaw : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    std::string m_apiVersionHeader = "1.51";
    std::string m_versionBody;
    std::map<std::string, std::pair<int, std::string>> m_answers; // unversioned path -> status, body

    std::string socketPath() const { return (m_dir.path() + QStringLiteral("/docker.sock")).toStdString(); }

    std::unique_ptr<DockerClient> makeClient() const
    {
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = socketPath();
        return std::make_unique<DockerClient>(std::make_unique<CurlTransport>(e), e);
    }

    // The path without its "/vX.Y" prefix, and whether the prefix was there.
    static std::string unversioned(const std::string& path, std::string* version = nullptr)
    {
        if (startsWith(path, "/v")) {
            const auto slash = path.find('/', 1);
            if (version) {
                *version = path.substr(2, slash - 2);
            }
            return path.substr(slash);
        }
        return path;
    }

    void handle(const FakeRequest& r, FakeConnection& c)
    {
        if (r.path == "/_ping") {
            std::map<std::string, std::string> headers;
            if (!m_apiVersionHeader.empty()) {
                headers["Api-Version"] = m_apiVersionHeader;
            }
            c.respond(200, "OK", headers);
            return;
        }
        if (r.path == "/version") {
            c.respond(200, m_versionBody);
            return;
        }
        const auto it = m_answers.find(unversioned(r.path.substr(0, r.path.find('?'))));
        if (it == m_answers.end()) {
            c.respond(404, R"({"message":"page not found"})");
            return;
        }
        c.respond(it->second.first, it->second.second);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_apiVersionHeader = "1.51";
        m_versionBody.clear();
        m_answers.clear();
        m_server = FakeHttpServer::onUnixSocket(
            socketPath(), [this](const FakeRequest& r, FakeConnection& c) { handle(r, c); });
        QVERIFY(m_server);
    }

    void cleanup() { m_server.reset(); }

    void negotiation_data()
    {
        QTest::addColumn<QString>("advertised");
        QTest::addColumn<QString>("settled"); // empty: refused
        QTest::newRow("a daemon at 1.41 is spoken to in 1.41") << "1.41"
                                                               << "1.41";
        QTest::newRow("a daemon at 1.45 is spoken to in 1.45") << "1.45"
                                                               << "1.45";
        QTest::newRow("a daemon at 1.51 is spoken to in 1.51") << "1.51"
                                                               << "1.51";
        QTest::newRow("a daemon at 1.60 is spoken to in 1.51") << "1.60"
                                                               << "1.51";
        QTest::newRow("a daemon at 1.40 is refused") << "1.40"
                                                     << "";
    }

    void negotiation()
    {
        QFETCH(QString, advertised);
        QFETCH(QString, settled);
        m_apiVersionHeader = advertised.toStdString();
        m_answers["/info"] = {200, "{}"};
        auto client = makeClient();
        const auto v = client->negotiate();
        if (settled.isEmpty()) {
            QVERIFY(!v.ok());
            QCOMPARE(v.error().code, ErrorCode::UnsupportedApiVersion);
            QVERIFY2(contains(v.error().message,
                              "The daemon at unix://" + socketPath() +
                                  " speaks Docker API 1.40; "
                                  "Drydock needs 1.41 or newer (Docker Engine 20.10+). Upgrade Docker"),
                     v.error().message.c_str());
            return;
        }
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().message.c_str());
        QCOMPARE(QString::fromStdString(v->toString()), settled);
        QCOMPARE(client->apiVersion(), v.value());

        // Every later call carries the settled version.
        QVERIFY(client->get("/info").ok());
        const auto requests = m_server->requests();
        QCOMPARE(requests.front().path, std::string("/_ping"));
        QCOMPARE(QString::fromStdString(requests.back().path), QStringLiteral("/v%1/info").arg(settled));
    }

    void missingApiVersionHeaderFallsBackToVersion()
    {
        m_apiVersionHeader.clear();
        m_versionBody = R"({"Version":"24.0.7","ApiVersion":"1.43","MinAPIVersion":"1.12"})";
        auto client = makeClient();
        const auto v = client->negotiate();
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().message.c_str());
        QCOMPARE(v->toString(), std::string("1.43"));
        QCOMPARE(m_server->requests().back().path, std::string("/version"));
    }

    void noVersionAnywhereIsUnsupported()
    {
        m_apiVersionHeader.clear();
        m_versionBody.clear(); // /version answers 200 with an empty body: not a Docker Engine
        auto client = makeClient();
        const auto v = client->negotiate();
        QVERIFY(!v.ok());
        QVERIFY(v.error().code == ErrorCode::UnsupportedApiVersion ||
                v.error().code == ErrorCode::MalformedResponse || v.error().code == ErrorCode::Internal);
    }

    void unreachableDaemonFailsNegotiation()
    {
        m_server.reset();
        auto client = makeClient();
        const auto v = client->negotiate();
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY(contains(v.error().message, socketPath()));
    }

    void httpErrorCarriesTheDaemonsMessage()
    {
        m_answers["/containers/abc/json"] = {404, R"({"message":"No such container: abc"})"};
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const auto r = client->get("/containers/abc/json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::HttpError);
        QCOMPARE(r.error().httpStatus, 404);
        QVERIFY2(contains(r.error().message, "No such container: abc"), r.error().message.c_str());
        QVERIFY(contains(r.error().message, "unix://" + socketPath()));
        QVERIFY(contains(r.error().message, "404"));
        QVERIFY(contains(r.error().message, "GET /containers/abc/json"));
    }

    void httpErrorWithoutJsonKeepsTheText()
    {
        m_answers["/info"] = {500, "daemon is shutting down\n"};
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const auto r = client->get("/info");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().httpStatus, 500);
        QVERIFY2(endsWith(r.error().message, ": daemon is shutting down"), r.error().message.c_str());
    }

    void getAllKeepsOrderAndPerRequestErrors()
    {
        m_answers["/a"] = {200, "A"};
        m_answers["/c"] = {200, "C"};
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const auto r = client->getAll({"/a", "/b", "/c"});
        QCOMPARE(r.size(), std::size_t(3));
        QCOMPARE(r[0].value(), std::string("A"));
        QVERIFY(!r[1].ok());
        QCOMPARE(r[1].error().httpStatus, 404);
        QCOMPARE(r[2].value(), std::string("C"));
    }

    void everyRequestIsAReadOnlyGet()
    {
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        (void)client->listContainerIds();
        (void)client->inspectContainers({"c1", "c2"});
        (void)client->containerChanges(StringList{"c1"});
        (void)client->inspectExecs({"e1"});
        (void)client->listImageIds();
        (void)client->inspectImages({"sha256:1"});
        (void)client->listNetworks();
        (void)client->listVolumes();
        (void)client->listPlugins();
        (void)client->daemonInfo();
        const auto requests = m_server->requests();
        QVERIFY(requests.size() >= 12);
        for (const auto& r : requests) {
            QCOMPARE(r.method, std::string("GET"));
            QVERIFY(r.body.empty());
        }
    }

    void typedCallsAskForTheRightPaths()
    {
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        (void)client->listContainerIds();
        (void)client->inspectContainers({"c 1", "../../info"});
        (void)client->containerChanges(StringList{"c1"});
        (void)client->inspectExecs({"e1"});
        (void)client->listImageIds();
        (void)client->inspectImages({"registry:5000/app:1", "sha256:2"});
        (void)client->listVolumes();
        (void)client->listPlugins();
        std::vector<std::string> paths;
        for (const auto& r : m_server->requests()) {
            paths.push_back(r.path);
        }
        const std::vector<std::string> expected = {
            "/_ping",
            "/v1.51/containers/json?all=1",
            "/v1.51/containers/c%201/json",
            "/v1.51/containers/..%2F..%2Finfo/json",
            "/v1.51/containers/c1/changes",
            "/v1.51/exec/e1/json",
            "/v1.51/images/json",
            "/v1.51/images/registry%3A5000%2Fapp%3A1/json",
            "/v1.51/images/registry%3A5000%2Fapp%3A1/history",
            "/v1.51/images/sha256%3A2/json",
            "/v1.51/images/sha256%3A2/history",
            "/v1.51/volumes",
            "/v1.51/plugins",
        };
        // Concurrent batches may reach the server in any order within the batch.
        std::vector<std::string> sortedPaths = paths;
        std::vector<std::string> sortedExpected = expected;
        std::sort(sortedPaths.begin(), sortedPaths.end());
        std::sort(sortedExpected.begin(), sortedExpected.end());
        QCOMPARE(sortedPaths, sortedExpected);
    }

    // The single-object inspects that live updates use: the encoded path, the parsed object, and a 404 kept
    // as an HTTP error (ObjectReevaluator reads it as "the object is gone").
    void singleNetworkAndVolumeInspects_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("path");   // what the daemon is asked, unversioned
        QTest::addColumn<QString>("answer"); // the daemon's body; empty: 404
        QTest::addColumn<QString>("name");   // of the parsed object
        QTest::newRow("a network is inspected by id and read with its members")
            << "network" << "net1" << "/networks/net1"
            << R"({"Id":"net1","Name":"appnet","Driver":"bridge","Containers":{"c1":{"Name":"web"}}})"
            << "appnet";
        QTest::newRow("a network name that looks like a path is encoded")
            << "network" << "../../info" << "/networks/..%2F..%2Finfo" << R"({"Id":"n2","Name":"../../info"})"
            << "../../info";
        QTest::newRow("a network that is gone is a 404 error")
            << "network" << "gone" << "/networks/gone" << "" << "";
        QTest::newRow("a volume is inspected by name")
            << "volume" << "data" << "/volumes/data"
            << R"({"Name":"data","Driver":"local","Options":{"type":"nfs"}})" << "data";
        QTest::newRow("a volume name with a space is encoded")
            << "volume" << "my data" << "/volumes/my%20data" << R"({"Name":"my data","Driver":"local"})"
            << "my data";
        QTest::newRow("a volume that is gone is a 404 error")
            << "volume" << "gone" << "/volumes/gone" << "" << "";
    }

    void singleNetworkAndVolumeInspects()
    {
        QFETCH(QString, kind);
        QFETCH(QString, key);
        QFETCH(QString, path);
        QFETCH(QString, answer);
        QFETCH(QString, name);
        if (!answer.isEmpty()) {
            m_answers[path.toStdString()] = {200, answer.toStdString()};
        }
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        std::string parsedName;
        std::optional<Error> error;
        if (kind == QLatin1String("network")) {
            const auto network = client->inspectNetwork(key.toStdString());
            if (network) {
                parsedName = network->name;
                QCOMPARE(network->containers.size(), std::size_t(network->id == "net1" ? 1 : 0));
            } else {
                error = network.error();
            }
        } else {
            const auto volume = client->inspectVolume(key.toStdString());
            if (volume) {
                parsedName = volume->name;
            } else {
                error = volume.error();
            }
        }
        const auto requests = m_server->requests();
        QCOMPARE(requests.back().path, "/v1.51" + path.toStdString());
        QCOMPARE(requests.back().method, std::string("GET"));
        if (answer.isEmpty()) {
            QVERIFY(error.has_value());
            QCOMPARE(error->code, ErrorCode::HttpError);
            QCOMPARE(error->httpStatus, 404);
        } else {
            QVERIFY2(!error, error ? error->message.c_str() : "");
            QCOMPARE(QString::fromStdString(parsedName), name);
        }
    }

    void swarmInactiveAsksNothing()
    {
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const std::size_t before = m_server->requests().size();
        DaemonInfo info;
        info.swarm.localNodeState = "inactive";
        const auto s = client->swarmState(info);
        QVERIFY(s.ok());
        QVERIFY(!s->has_value());
        QCOMPARE(m_server->requests().size(), before);
    }

    void swarmWorkerIsNotAManager()
    {
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const std::size_t before = m_server->requests().size();
        DaemonInfo info;
        info.swarm.localNodeState = "active";
        info.swarm.controlAvailable = false;
        const auto s = client->swarmState(info);
        QVERIFY(s.ok());
        QVERIFY(s->has_value());
        QVERIFY(!s->value().isManager);
        QCOMPARE(m_server->requests().size(), before);
    }

    void swarm503MeansNotAManagerNotAnError()
    {
        m_answers["/swarm"] = {503, R"({"message":"This node is not a swarm manager."})"};
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        DaemonInfo info;
        info.swarm.localNodeState = "active";
        info.swarm.controlAvailable = true;
        const auto s = client->swarmState(info);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
        QVERIFY(s->has_value());
        QVERIFY(!s->value().isManager);
        QCOMPARE(m_server->requests().back().path, std::string("/v1.51/swarm"));
    }

    void swarmOtherErrorsAreErrors()
    {
        m_answers["/swarm"] = {500, R"({"message":"raft is broken"})"};
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        DaemonInfo info;
        info.swarm.localNodeState = "active";
        info.swarm.controlAvailable = true;
        const auto s = client->swarmState(info);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().httpStatus, 500);
    }

    void eventsAskSinceAndEndWhenTheDaemonCloses()
    {
        m_answers["/events"] = {200, "{\"Type\":\"container\",\"Action\":\"start\"}\n"};
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const auto r = client->streamEvents(
            1700000000, [](const DockerEvent&) { return true; }, CancelToken());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const auto last = m_server->requests().back();
        QCOMPARE(last.method, std::string("GET"));
        QCOMPARE(last.path, std::string("/v1.51/events?since=1700000000"));
    }

    void eventsErrorAnswerIsAnError()
    {
        auto client = makeClient();
        QVERIFY(client->negotiate().ok());
        const auto r = client->streamEvents(
            0, [](const DockerEvent&) { return true; }, CancelToken());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::HttpError);
        QCOMPARE(r.error().httpStatus, 404);
        QCOMPARE(m_server->requests().back().path, std::string("/v1.51/events"));
    }
};

QTEST_GUILESS_MAIN(TestDockerClientRaw)
#include "TestDockerClientRaw.moc"
