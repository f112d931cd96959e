// A whole scan against a daemon that misbehaves on purpose. The real daemon cannot be made to send truncated
// bodies, lie about Content-Length, stall, or answer 500s, so a scripted server on a unix socket plays a
// small but complete Engine API from the recorded 1.41 answers and breaks exactly one answer per row. Every
// row must end, within its timeout, in either a clear error or a scan that keeps what it could read and
// names what it could not — never a crash or a hang — and every output of that scan must stay well formed.
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/common/Strings.h"
#include "core/docker/CurlTransport.h"
#include "core/docker/DockerClient.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/ReportData.h"
#include "core/report/ScanJson.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/Scanner.h"
#include "tests/core/FakeHttpServer.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using drydock::test::FakeConnection;
using drydock::test::FakeHttpServer;
using drydock::test::FakeRequest;

namespace {

enum class Fault
{
    None,
    TruncatedBody,      // Content-Length promises more than is sent, then the connection closes
    ShortContentLength, // Content-Length says half of what follows: the JSON arrives cut
    InvalidUtf8,        // a container name and label that are not UTF-8
    HugeLabel,          // a 50 MB label value
    DeepNesting,        // JSON nested far deeper than any real answer
    Stall,              // headers never come
    Error500WithJson,
    Error500WithText,
    OldApiVersion, // /_ping advertises 1.24
};

// Caps every request's timeout so a stalled answer ends in seconds, not the production 30 s.
class TimeoutCappingTransport final : public Transport
{
public:
    TimeoutCappingTransport(std::unique_ptr<Transport> inner, long capMs) : m_inner(std::move(inner)), m_capMs(capMs)
    {
    }
    Result<HttpResponse> send(const HttpRequest& request) override { return m_inner->send(capped(request)); }
    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override
    {
        std::vector<HttpRequest> out;
        for (const auto& r : requests) {
            out.push_back(capped(r));
        }
        return m_inner->sendAll(out);
    }
    Result<void> stream(const HttpRequest& request, const std::function<bool(std::string_view)>& onChunk,
                        const CancelToken& cancel) override
    {
        return m_inner->stream(capped(request), onChunk, cancel);
    }
    std::string describe() const override { return m_inner->describe(); }

private:
    HttpRequest capped(HttpRequest r) const
    {
        r.timeoutMs = std::min(r.timeoutMs, m_capMs);
        return r;
    }
    std::unique_ptr<Transport> m_inner;
    long m_capMs;
};

const std::string kGood = "c1";
const std::string kBroken = "c2";

} // namespace

Q_DECLARE_METATYPE(Fault)

class TestMisbehavingDaemon : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    Fault m_fault = Fault::None;
    std::string m_faultPath; // unversioned path the fault applies to

    std::string socketPath() const { return (m_dir.path() + QStringLiteral("/docker.sock")).toStdString(); }

    static std::string unversioned(const std::string& path)
    {
        std::string p = path.substr(0, path.find('?'));
        if (startsWith(p, "/v")) {
            p = p.substr(p.find('/', 1));
        }
        return p;
    }

    static std::string withContainerId(std::string body, const std::string& id, const std::string& name)
    {
        const auto idAt = body.find("\"Id\":\"");
        if (idAt != std::string::npos) {
            const auto end = body.find('"', idAt + 6);
            body.replace(idAt + 6, end - idAt - 6, id);
        }
        const auto nameAt = body.find("\"Name\":\"/");
        if (nameAt != std::string::npos) {
            const auto end = body.find('"', nameAt + 9);
            body.replace(nameAt + 9, end - nameAt - 9, name);
        }
        return body;
    }

    // Adds one "key":"value" member to the container's Config.Labels object.
    static std::string withLabel(std::string body, const std::string& member)
    {
        const auto at = body.find("\"Labels\":{");
        if (at == std::string::npos) {
            return body;
        }
        const bool empty = body[at + 10] == '}';
        body.insert(at + 10, empty ? member : member + ",");
        return body;
    }

    std::string normalBody(const std::string& path) const
    {
        if (path == "/version") {
            return test::readData(QStringLiteral("api-1.41/version.json"));
        }
        if (path == "/info") {
            return test::readData(QStringLiteral("api-1.41/info.json"));
        }
        if (path == "/containers/json") {
            return R"([{"Id":"c1","Names":["/good"]},{"Id":"c2","Names":["/broken"]}])";
        }
        if (path == "/containers/c1/json") {
            return withContainerId(test::readData(QStringLiteral("api-1.41/container-webapp.json")), kGood, "good");
        }
        if (path == "/containers/c2/json") {
            return withContainerId(test::readData(QStringLiteral("api-1.41/container-priv.json")), kBroken, "broken");
        }
        if (endsWith(path, "/changes")) {
            return test::readData(QStringLiteral("api-1.41/changes.json"));
        }
        if (path == "/images/json") {
            return test::readData(QStringLiteral("api-1.41/images-list.json"));
        }
        if (startsWith(path, "/images/") && endsWith(path, "/history")) {
            return test::readData(QStringLiteral("api-1.41/history-busybox.json"));
        }
        if (startsWith(path, "/images/")) {
            return test::readData(QStringLiteral("api-1.41/image-busybox.json"));
        }
        if (path == "/networks") {
            return test::readData(QStringLiteral("api-1.41/networks-list.json"));
        }
        if (startsWith(path, "/networks/")) {
            return test::readData(QStringLiteral("api-1.41/network-appnet.json"));
        }
        if (path == "/volumes") {
            return test::readData(QStringLiteral("api-1.41/volumes.json"));
        }
        if (path == "/plugins") {
            return "[]";
        }
        return {};
    }

    void handle(const FakeRequest& r, FakeConnection& c)
    {
        const std::string path = unversioned(r.path);
        const bool faulty = m_fault != Fault::None && path == m_faultPath;
        if (path == "/_ping") {
            c.respond(200, "OK", {{"Api-Version", m_fault == Fault::OldApiVersion ? "1.24" : "1.41"}});
            return;
        }
        std::string body = normalBody(path);
        if (body.empty()) {
            c.respond(404, R"({"message":"page not found"})");
            return;
        }
        if (!faulty) {
            c.respond(200, body);
            return;
        }
        switch (m_fault) {
        case Fault::TruncatedBody:
            c.write(FakeConnection::head(200, {{"Content-Length", std::to_string(body.size() + 1000)},
                                               {"Content-Type", "application/json"}}) +
                    "\r\n" + body);
            c.closeAfter();
            return;
        case Fault::ShortContentLength:
            c.write(FakeConnection::head(200, {{"Content-Length", std::to_string(body.size() / 2)},
                                               {"Content-Type", "application/json"}}) +
                    "\r\n" + body);
            c.closeAfter();
            return;
        case Fault::InvalidUtf8:
            body = withContainerId(body, kBroken, "bro\xff\xfeken\xc3");
            body = withLabel(body, "\"note\xff\":\"caf\xe9 \xed\xa0\x80\"");
            c.respond(200, body);
            return;
        case Fault::HugeLabel:
            body = withLabel(body, "\"huge\":\"" + std::string(50u * 1024u * 1024u, 'A') + "\"");
            c.respond(200, body);
            return;
        case Fault::DeepNesting:
            c.respond(200, test::readData(QStringLiteral("hostile/deep-nesting.json")));
            return;
        case Fault::Stall:
            c.waitFor(20000);
            c.closeAfter();
            return;
        case Fault::Error500WithJson:
            c.respond(500, R"({"message":"containerd is not running: rpc error"})");
            return;
        case Fault::Error500WithText:
            c.respond(500, "upstream exploded", {{"Content-Type", "text/plain"}});
            return;
        case Fault::None:
        case Fault::OldApiVersion:
            break;
        }
        c.respond(200, body);
    }

    // capMs bounds every request: short where a stall is expected, roomy where 50 MB must get through a busy CI box.
    Result<ScanResult> scan(long capMs = 1500)
    {
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = socketPath();
        DockerClient client(std::make_unique<TimeoutCappingTransport>(std::make_unique<CurlTransport>(e), capMs), e);
        if (auto v = client.negotiate(); !v) {
            return v.error();
        }
        const FixedClock clock(1795000000);
        Scanner scanner(client, m_catalogue, clock);
        NullProgressSink progress;
        return scanner.scan(ScanSettings{}, progress, CancelToken());
    }

    static bool validUtf8(const std::string& s)
    {
        return truncateUtf8(s, s.size()).size() == s.size() && s.find('\xff') == std::string::npos;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_fault = Fault::None;
        m_server = FakeHttpServer::onUnixSocket(socketPath(),
                                                [this](const FakeRequest& r, FakeConnection& c) { handle(r, c); });
        QVERIFY(m_server);
    }

    void cleanup() { m_server.reset(); }

    void theScriptedDaemonScansCleanly()
    {
        const auto result = scan();
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(result.value().inventory.containers.size(), std::size_t(2));
        QVERIFY(result.value().inventory.problems.empty());
        QVERIFY(!result.value().findings.empty());
    }

    void oneBrokenAnswer_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QString>("path");
        // Empty: the scan completes, keeps the good container, and names the broken one as a problem.
        // Otherwise: the scan fails with this error code and a message containing the text.
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<QString>("messageContains");

        // A connection that dies mid-answer looks like a daemon restart: the scan stops rather than go on with
        // a daemon in an unknown state, and says so.
        QTest::newRow("a container inspect cut short by a closed connection stops the scan with the reason")
            << Fault::TruncatedBody << "/containers/c2/json" << "daemon-unreachable" << "closed the connection";
        QTest::newRow("a Content-Length shorter than the JSON leaves a problem for that container")
            << Fault::ShortContentLength << "/containers/c2/json" << "" << "";
        QTest::newRow("deeply nested JSON instead of an inspect leaves a problem for that container")
            << Fault::DeepNesting << "/containers/c2/json" << "" << "";
        QTest::newRow("a 500 with a JSON message on one inspect is a problem for that container")
            << Fault::Error500WithJson << "/containers/c2/json" << "" << "";
        QTest::newRow("a 500 with a JSON message on /info fails the scan with the daemon's words")
            << Fault::Error500WithJson << "/info" << "http-error" << "containerd is not running";
        QTest::newRow("a 500 with plain text on the container list fails the scan with that text")
            << Fault::Error500WithText << "/containers/json" << "http-error" << "upstream exploded";
        QTest::newRow("a truncated container list fails the scan clearly")
            << Fault::TruncatedBody << "/containers/json" << "" << "";
        QTest::newRow("a stalled inspect ends in a timeout that names the request")
            << Fault::Stall << "/containers/c2/json" << "timeout" << "within";
        QTest::newRow("a stalled /info ends in a timeout")
            << Fault::Stall << "/info" << "timeout" << "within";
        QTest::newRow("a daemon speaking only API 1.24 is refused with the versions named")
            << Fault::OldApiVersion << "" << "unsupported-api-version" << "1.41";
    }

    void oneBrokenAnswer()
    {
        QFETCH(Fault, fault);
        QFETCH(QString, path);
        QFETCH(QString, errorCode);
        QFETCH(QString, messageContains);
        m_fault = fault;
        m_faultPath = path.toStdString();

        QElapsedTimer timer;
        timer.start();
        const auto result = scan();
        // Generous bound: the capped timeout is 1.5 s per request; a hang would be the 20 s stall or forever.
        QVERIFY2(timer.elapsed() < 15000, "the scan did not end within its timeouts");

        if (path == "/containers/json" && fault == Fault::TruncatedBody) {
            // Either outcome is acceptable for a broken list, as long as it is explained.
            if (!result.ok()) {
                QVERIFY(!result.error().message.empty());
            }
            return;
        }
        if (!errorCode.isEmpty()) {
            QVERIFY2(!result.ok(), "the scan should have failed");
            QCOMPARE(QString::fromLatin1(toString(result.error().code)), errorCode);
            QVERIFY2(contains(result.error().message, messageContains.toStdString()),
                     result.error().message.c_str());
            return;
        }
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        const auto& inv = result.value().inventory;
        QCOMPARE(inv.containers.size(), std::size_t(1));
        QCOMPARE(inv.containers.front().id, kGood);
        QCOMPARE(inv.problems.size(), std::size_t(1));
        QCOMPARE(inv.problems.front().objectId, kBroken);
        QVERIFY(!inv.problems.front().message.empty());
    }

    void hostileButWellFormedAnswers_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::newRow("a name and labels that are not UTF-8") << Fault::InvalidUtf8;
        QTest::newRow("a 50 MB label") << Fault::HugeLabel;
    }

    // These answers are valid HTTP and JSON: the container is scanned, and every output stays valid UTF-8 and
    // bounded in size whatever the daemon put in the strings.
    void hostileButWellFormedAnswers()
    {
        QFETCH(Fault, fault);
        m_fault = fault;
        m_faultPath = "/containers/c2/json";
        const auto result = scan(30000);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        for (const auto& p : result.value().inventory.problems) {
            qWarning("problem: %s %s", p.objectId.c_str(), p.message.c_str());
        }
        QCOMPARE(result.value().inventory.containers.size(), std::size_t(2));

        const std::string json = json::scanToJson(result.value());
        QVERIFY(validUtf8(json));
        QVERIFY2(json.size() < 8u * 1024u * 1024u, "the scan JSON carries the 50 MB label");
        ReportData report;
        report.scan = &result.value();
        report.catalogue = &m_catalogue;
        const std::string html = HtmlReportWriter::write(report);
        QVERIFY(validUtf8(html));
        QVERIFY2(html.size() < 8u * 1024u * 1024u, "the HTML report carries the 50 MB label");
    }

    // The event stream dies in the middle of a line: the whole events before it arrive, the half line does
    // not become an event, and the call returns instead of waiting forever.
    void eventStreamClosedMidLine()
    {
        m_server.reset();
        m_server = FakeHttpServer::onUnixSocket(socketPath(), [](const FakeRequest& r, FakeConnection& c) {
            if (r.path == "/_ping") {
                c.respond(200, "OK", {{"Api-Version", "1.41"}});
                return;
            }
            c.startChunked(200);
            c.chunk(R"({"Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{}},"time":1})"
                    "\n");
            c.chunk("{\"Type\":\"container\",\"Action\":\"de");
            c.closeAfter();
        });
        QVERIFY(m_server);
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = socketPath();
        DockerClient client(std::make_unique<CurlTransport>(e), e);
        QVERIFY(client.negotiate().ok());
        std::vector<DockerEvent> events;
        QElapsedTimer timer;
        timer.start();
        const auto r = client.streamEvents(
            0,
            [&](const DockerEvent& ev) {
                events.push_back(ev);
                return true;
            },
            CancelToken());
        QVERIFY(timer.elapsed() < 10000);
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events.front().action, std::string("start"));
        if (!r.ok()) {
            QVERIFY(!r.error().message.empty());
        }
    }
};

QTEST_GUILESS_MAIN(TestMisbehavingDaemon)
#include "TestMisbehavingDaemon.moc"
