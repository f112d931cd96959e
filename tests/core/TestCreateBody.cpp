#include "core/hardening/CreateBody.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(std::vector<drydock::RunEdit>)

namespace {

QJsonObject bodyOfInspect(const std::string& inspect, const std::vector<RunEdit>& edits)
{
    auto body = json::buildCreateBody(inspect, edits, CreateBodyOptions{});
    if (!body) {
        qWarning("%s", body.error().message.c_str());
        return {};
    }
    return QJsonDocument::fromJson(QByteArray::fromStdString(body->json)).object();
}

QJsonObject bodyOf(const std::vector<RunEdit>& edits, bool trial = false, CreateBody* out = nullptr)
{
    const std::string inspect = test::readData(QStringLiteral("api-1.41/container-webapp.json"));
    CreateBodyOptions options;
    options.trial = trial;
    auto body = json::buildCreateBody(inspect, edits, options);
    if (!body) {
        qWarning("%s", body.error().message.c_str());
        return {};
    }
    if (out != nullptr) {
        *out = body.value();
    }
    return QJsonDocument::fromJson(QByteArray::fromStdString(body->json)).object();
}

} // namespace

// The create body of the hardened container: the original's inspect with the chosen edits on top.
class TestCreateBody : public QObject
{
    Q_OBJECT

private slots:
    void editsReachTheBody_data()
    {
        QTest::addColumn<std::vector<RunEdit>>("edits");
        QTest::addColumn<QString>("path");     // "HostConfig.CapDrop" or "User"
        QTest::addColumn<QString>("expected"); // compact JSON of the value

        using Op = RunEdit::Op;
        QTest::newRow("a non-root user becomes Config.User")
            << std::vector<RunEdit>{{Op::AddFlag, "--user", "10001:10001"}} << "User"
            << "\"10001:10001\"";
        QTest::newRow("dropping all capabilities replaces CapDrop")
            << std::vector<RunEdit>{{Op::AddFlag, "--cap-drop", "ALL"}} << "HostConfig.CapDrop"
            << "[\"ALL\"]";
        QTest::newRow("removing an added capability takes it out of CapAdd")
            << std::vector<RunEdit>{{Op::RemoveValue, "--cap-add", "CAP_NET_ADMIN"}} << "HostConfig.CapAdd"
            << "[]";
        QTest::newRow("a read-only root keeps /tmp writable")
            << std::vector<RunEdit>{{Op::AddFlag, "--read-only", ""}} << "HostConfig.Tmpfs"
            << "{\"/run\":\"rw,size=16m\",\"/tmp\":\"rw,noexec,nosuid,size=64m\"}";
        QTest::newRow("a memory limit is written in bytes")
            << std::vector<RunEdit>{{Op::AddFlag, "--memory", "512m"}} << "HostConfig.Memory"
            << "536870912";
        QTest::newRow("a CPU limit is written in nano CPUs")
            << std::vector<RunEdit>{{Op::AddFlag, "--cpus", "1.5"}} << "HostConfig.NanoCpus"
            << "1500000000";
        QTest::newRow("a pids limit is a number")
            << std::vector<RunEdit>{{Op::AddFlag, "--pids-limit", "256"}} << "HostConfig.PidsLimit"
            << "256";
        QTest::newRow("no-new-privileges is written in its canonical form")
            << std::vector<RunEdit>{{Op::AddFlag, "--security-opt", "no-new-privileges:true"}}
            << "HostConfig.SecurityOpt"
            << "[\"no-new-privileges=true\"]";
        QTest::newRow("a published port moves to loopback")
            << std::vector<RunEdit>{{Op::BindPortToLoopback, "--publish", "80/tcp"}}
            << "HostConfig.PortBindings"
            << "{\"5432/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5432\"}],\"80/"
               "tcp\":[{\"HostIp\":\"127.0.0.1\","
               "\"HostPort\":\"8080\"}]}";
        QTest::newRow("a writable bind mount becomes read-only")
            << std::vector<RunEdit>{{Op::ReadOnlyMount, "--volume", "/data"}} << "HostConfig.Binds"
            << "[\"appdata:/data:ro\",\"/etc:/host/etc:ro\"]";
        QTest::newRow("a restart policy with a retry count")
            << std::vector<RunEdit>{{Op::AddFlag, "--restart", "on-failure:5"}} << "HostConfig.RestartPolicy"
            << "{\"MaximumRetryCount\":5,\"Name\":\"on-failure\"}";
    }

    void editsReachTheBody()
    {
        QFETCH(std::vector<RunEdit>, edits);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const QJsonObject body = bodyOf(edits);
        QVERIFY(!body.isEmpty());
        QJsonValue value = body;
        for (const auto& part : path.split(QLatin1Char('.'))) {
            value = value.toObject().value(part);
        }
        const QJsonDocument doc =
            value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        const QString actual =
            value.isArray() || value.isObject()
                ? QString::fromUtf8(doc.toJson(QJsonDocument::Compact))
                : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1);
        QCOMPARE(actual, expected);
    }

    void whatThePersonDidNotChooseStays()
    {
        const QJsonObject body = bodyOf({});
        const QJsonObject host = body.value(QStringLiteral("HostConfig")).toObject();
        QCOMPARE(body.value(QStringLiteral("Image")).toString(), QStringLiteral("drydock-test/busybox:1"));
        QCOMPARE(
            host.value(QStringLiteral("RestartPolicy")).toObject().value(QStringLiteral("Name")).toString(),
            QStringLiteral("on-failure"));
        QCOMPARE(host.value(QStringLiteral("Binds")).toArray().size(), 2);
        // The default hostname was the old container's id: the new container gets its own.
        QVERIFY(!body.contains(QStringLiteral("Hostname")));
        const QJsonObject endpoint = body.value(QStringLiteral("NetworkingConfig"))
                                         .toObject()
                                         .value(QStringLiteral("EndpointsConfig"))
                                         .toObject()
                                         .value(QStringLiteral("appnet"))
                                         .toObject();
        QCOMPARE(endpoint.value(QStringLiteral("Aliases")).toArray(),
                 QJsonArray{QStringLiteral("web-alias")});
    }

    void aSecretLeavesTheEnvironmentForAFile()
    {
        CreateBody out;
        const QJsonObject body =
            bodyOf({{RunEdit::Op::ReplaceEnvSecret, "--env", "DB_PASSWORD"}}, false, &out);
        const QJsonArray env = body.value(QStringLiteral("Env")).toArray();
        QVERIFY(env.contains(QStringLiteral("DB_PASSWORD_FILE=/run/secrets/db_password")));
        for (const auto& e : env) {
            QVERIFY2(!e.toString().startsWith(QStringLiteral("DB_PASSWORD=")), qPrintable(e.toString()));
        }
        QVERIFY(!QString::fromStdString(out.json).contains(QStringLiteral("hunter2")));
        QCOMPARE(out.secretFiles.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(out.secretFiles[0].content), QStringLiteral("hunter2"));
        QCOMPARE(QString::fromStdString(out.secretFiles[0].fileName), QStringLiteral("db_password"));
        // The recorded container already has a read-only root: the file goes into a volume.
        QVERIFY(out.secretFiles[0].intoVolume);
    }

    void withAReadOnlyRootTheSecretGoesIntoAVolume()
    {
        CreateBody out;
        const QJsonObject body = bodyOf({{RunEdit::Op::AddFlag, "--read-only", ""},
                                         {RunEdit::Op::ReplaceEnvSecret, "--env", "DB_PASSWORD"}},
                                        false, &out);
        QVERIFY(out.secretFiles.at(0).intoVolume);
        const QJsonArray mounts =
            body.value(QStringLiteral("HostConfig")).toObject().value(QStringLiteral("Mounts")).toArray();
        bool found = false;
        for (const auto& m : mounts) {
            found = found ||
                    m.toObject().value(QStringLiteral("Target")).toString() == QStringLiteral("/run/secrets");
        }
        QVERIFY(found);
    }

    void aTrialCannotClashWithOrChangeTheOriginal()
    {
        const QJsonObject body = bodyOf({}, true);
        const QJsonObject host = body.value(QStringLiteral("HostConfig")).toObject();
        QVERIFY(host.value(QStringLiteral("PortBindings")).toObject().isEmpty());
        QCOMPARE(
            host.value(QStringLiteral("RestartPolicy")).toObject().value(QStringLiteral("Name")).toString(),
            QStringLiteral("no"));
        for (const auto& b : host.value(QStringLiteral("Binds")).toArray()) {
            QVERIFY2(b.toString().endsWith(QStringLiteral(":ro")), qPrintable(b.toString()));
        }
        const QJsonObject endpoint = body.value(QStringLiteral("NetworkingConfig"))
                                         .toObject()
                                         .value(QStringLiteral("EndpointsConfig"))
                                         .toObject()
                                         .value(QStringLiteral("appnet"))
                                         .toObject();
        QVERIFY(!endpoint.contains(QStringLiteral("Aliases")));
    }

    // The daemon adds label=disable for --privileged, --pid host and --ipc host. Removing the last of them
    // takes the label option away too; removing one while another stays keeps it.
    void theImplicitLabelOptionGoesWithTheHostNamespace_data()
    {
        QTest::addColumn<QString>("pid");
        QTest::addColumn<QString>("ipc");
        QTest::addColumn<std::vector<RunEdit>>("edits");
        QTest::addColumn<bool>("labelKept");
        using Op = RunEdit::Op;
        QTest::newRow("removing --pid host drops label=disable")
            << "host" << "" << std::vector<RunEdit>{{Op::RemoveFlag, "--pid", ""}} << false;
        QTest::newRow("removing --ipc host drops label=disable")
            << "" << "host" << std::vector<RunEdit>{{Op::RemoveFlag, "--ipc", ""}} << false;
        QTest::newRow("removing --pid host while --ipc host stays keeps it")
            << "host" << "host" << std::vector<RunEdit>{{Op::RemoveFlag, "--pid", ""}} << true;
        QTest::newRow("removing both drops it")
            << "host" << "host"
            << std::vector<RunEdit>{{Op::RemoveFlag, "--pid", ""}, {Op::RemoveFlag, "--ipc", ""}} << false;
        QTest::newRow("an unrelated change keeps it")
            << "host" << "" << std::vector<RunEdit>{{Op::AddFlag, "--pids-limit", "256"}} << true;
    }

    void theImplicitLabelOptionGoesWithTheHostNamespace()
    {
        QFETCH(QString, pid);
        QFETCH(QString, ipc);
        QFETCH(std::vector<RunEdit>, edits);
        QFETCH(bool, labelKept);
        QJsonObject inspect =
            QJsonDocument::fromJson(QByteArray::fromStdString(test::readData(QStringLiteral("api-1.41/container-webapp.json"))))
                .object();
        QJsonObject host = inspect.value(QStringLiteral("HostConfig")).toObject();
        host.insert(QStringLiteral("PidMode"), pid);
        host.insert(QStringLiteral("IpcMode"), ipc.isEmpty() ? QStringLiteral("private") : ipc);
        host.insert(QStringLiteral("SecurityOpt"),
                    QJsonArray{QStringLiteral("label=disable"), QStringLiteral("no-new-privileges=true")});
        inspect.insert(QStringLiteral("HostConfig"), host);
        const QJsonObject body =
            bodyOfInspect(QJsonDocument(inspect).toJson(QJsonDocument::Compact).toStdString(), edits);
        QVERIFY(!body.isEmpty());
        const QJsonArray opts = body.value(QStringLiteral("HostConfig")).toObject().value(QStringLiteral("SecurityOpt")).toArray();
        QCOMPARE(opts.contains(QStringLiteral("label=disable")), labelKept);
        QVERIFY(opts.contains(QStringLiteral("no-new-privileges=true")));
    }

    void unknownEditsAreLeftForAPerson()
    {
        CreateBody out;
        bodyOf({{RunEdit::Op::AddFlag, "--network", "web-net"}}, false, &out);
        QCOMPARE(out.unsupported.size(), std::size_t{1});
        QVERIFY(!json::isAutomaticEdit({RunEdit::Op::AddFlag, "--network", "web-net"}));
        QVERIFY(json::isAutomaticEdit({RunEdit::Op::AddFlag, "--cap-drop", "ALL"}));
    }

    void notJsonIsAClearError()
    {
        auto body = json::buildCreateBody("not json", {}, {});
        QVERIFY(!body);
        QCOMPARE(body.error().code, ErrorCode::MalformedResponse);
    }
};

QTEST_GUILESS_MAIN(TestCreateBody)
#include "TestCreateBody.moc"
