#include "core/docker/DockerWriter.h"
#include "tests/support/SequentialTransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace drydock;

namespace {

// A transport that answers every request 200 and keeps what it was sent.
class RecordingTransport final : public test::SequentialTransport
{
public:
    std::vector<HttpRequest> sent;

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        sent.push_back(request);
        return HttpResponse{200, {}, R"({"Warnings":null})"};
    }
};

} // namespace

// The writer's docker update: only resource keys ever leave, anything else is refused before sending.
class TestDockerWriterUpdate : public QObject
{
    Q_OBJECT

private slots:
    void anUpdateBodyMayHoldOnlyResourceKeys_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("memory, swap, CPUs and PIDs")
            << R"({"Memory":1,"MemorySwap":1,"NanoCpus":1,"PidsLimit":64})" << true;
        QTest::newRow("CPU shares") << R"({"CpuShares":512})" << true;
        QTest::newRow("a restart policy")
            << R"({"RestartPolicy":{"Name":"no","MaximumRetryCount":0}})" << true;
        QTest::newRow("another key beside the limits is refused")
            << R"({"Memory":1,"Privileged":true})" << false;
        QTest::newRow("a device cgroup rule is refused") << R"({"DeviceCgroupRules":["a *:* rwm"]})" << false;
        QTest::newRow("an empty body is refused (nothing to change)") << "{}" << false;
        QTest::newRow("a body that is not an object is refused") << R"(["Memory"])" << false;
        QTest::newRow("a body that is not JSON is refused") << "Memory=1" << false;
        QTest::newRow("keys are spelled exactly (memory is not Memory)") << R"({"memory":1})" << false;
    }
    void anUpdateBodyMayHoldOnlyResourceKeys()
    {
        QFETCH(QString, body);
        QFETCH(bool, allowed);
        QCOMPARE(DockerWriter::isAllowedUpdateBody(body.toStdString()), allowed);
    }

    void anUpdateSendsOnlyTheFieldsSet()
    {
        RecordingTransport transport;
        std::vector<WriteRecord> log;
        DockerWriter writer(transport, ApiVersion(1, 41), [&](const WriteRecord& r) { log.push_back(r); });
        ResourceUpdate u;
        u.memory = 64 << 20;
        u.memorySwap = 64 << 20;
        u.pidsLimit = 64;
        QVERIFY(writer.updateResources("abc", u));
        QCOMPARE(transport.sent.size(), std::size_t{1});
        QCOMPARE(transport.sent[0].method, std::string("POST"));
        QCOMPARE(transport.sent[0].path, std::string("/v1.41/containers/abc/update"));
        const QJsonObject body =
            QJsonDocument::fromJson(QByteArray::fromStdString(transport.sent[0].body)).object();
        QCOMPARE(body.keys(), (QStringList{"Memory", "MemorySwap", "PidsLimit"}));
        QCOMPARE(body.value("Memory").toInteger(), qint64(64 << 20));
        QCOMPARE(log.size(), std::size_t{1});
        QVERIFY(log[0].ok);
    }

    void anEmptyUpdateIsRefusedAndNothingIsSent()
    {
        RecordingTransport transport;
        std::vector<WriteRecord> log;
        DockerWriter writer(transport, ApiVersion(1, 41), [&](const WriteRecord& r) { log.push_back(r); });
        auto r = writer.updateResources("abc", ResourceUpdate{});
        QVERIFY(!r);
        QVERIFY(r.error().message.find("refused") != std::string::npos);
        QVERIFY(transport.sent.empty());
        QCOMPARE(log.size(), std::size_t{1});
        QVERIFY(!log[0].ok);
        QCOMPARE(log[0].status, 0);
    }

    void theRestartPolicyUpdateStillPasses()
    {
        RecordingTransport transport;
        DockerWriter writer(transport, ApiVersion(1, 41), {});
        QVERIFY(writer.setRestartPolicy("abc", "no", 0));
        QCOMPARE(transport.sent.size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestDockerWriterUpdate)
#include "TestDockerWriterUpdate.moc"
