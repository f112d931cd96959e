#include "core/common/Strings.h"
#include "core/docker/CurlTransport.h"
#include "core/docker/DockerClient.h"
#include "core/docker/UrlEncoding.h"
#include "tests/support/TestSupport.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace drydock;

// DockerClient and CurlTransport against the real private dockerd, over its unix socket and over TLS
// (a socat TLS front with throwaway certificates, so every certificate case can be staged).
class TestDockerClientIntegration : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    QTemporaryDir m_pki;
    QProcess m_tlsFront;
    int m_tlsPort = 0;

    std::string pki(const char* file) const { return (m_pki.path() + QLatin1Char('/') + file).toStdString(); }

    static bool run(const QString& program, const QStringList& args, const QString& dir)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(program, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning("%s %s failed: %s", qPrintable(program), qPrintable(args.join(QLatin1Char(' '))),
                     p.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // A key and a certificate for subject cn signed by the CA caName, with the given extensions.
    bool issue(const QString& name, const QString& cn, const QString& caName, const QString& extensions) const
    {
        const QString dir = m_pki.path();
        QFile ext(dir + QLatin1Char('/') + name + QStringLiteral(".ext"));
        if (!ext.open(QIODevice::WriteOnly)) {
            return false;
        }
        ext.write(extensions.toUtf8());
        ext.close();
        return run("openssl",
                   {"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn},
                   dir) &&
               run("openssl",
                   {"x509", "-req", "-in", name + ".csr", "-CA", caName + ".pem", "-CAkey", caName + ".key",
                    "-CAcreateserial", "-out", name + ".pem", "-days", "1", "-extfile", name + ".ext"},
                   dir);
    }

    bool makeCa(const QString& name) const
    {
        return run("openssl",
                   {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", name + ".key", "-out", name + ".pem", "-days", "1", "-subj",
                    "/CN=Drydock test " + name},
                   m_pki.path());
    }

    static int freeLoopbackPort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        int port = 0;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
            port = ntohs(addr.sin_port);
        }
        ::close(fd);
        return port;
    }

    static bool acceptsConnections(int port)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        return ok;
    }

    DockerEndpoint tlsEndpoint(const char* ca, const char* cert, const char* key,
                               const std::string& host = "127.0.0.1")
    {
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Tcp;
        e.host = host;
        e.port = m_tlsPort;
        e.tls = true;
        e.tlsVerify = true;
        e.caFile = ca ? pki(ca) : std::string();
        e.certFile = cert ? pki(cert) : std::string();
        e.keyFile = key ? pki(key) : std::string();
        return e;
    }

    static Result<ApiVersion> negotiateAt(const DockerEndpoint& e)
    {
        DockerClient client(std::make_unique<CurlTransport>(e), e);
        return client.negotiate();
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY2(m_client, "the private dockerd is not running: run through ctest, or start it with "
                           "tests/support/private-dockerd.sh and set DRYDOCK_TEST_STATE_DIR");

        QVERIFY2(!QStandardPaths::findExecutable("openssl").isEmpty(), "the TLS tests need the openssl CLI");
        QVERIFY2(!QStandardPaths::findExecutable("socat").isEmpty(), "the TLS tests need socat");
        QVERIFY(m_pki.isValid());
        const QString server = "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n";
        const QString client = "extendedKeyUsage=clientAuth\n";
        QVERIFY(makeCa("ca"));
        QVERIFY(makeCa("other-ca"));
        QVERIFY(issue("server", "127.0.0.1", "ca", server));
        QVERIFY(issue("client", "drydock-client", "ca", client));
        QVERIFY(issue("stranger", "stranger-client", "other-ca", client));

        m_tlsPort = freeLoopbackPort();
        QVERIFY(m_tlsPort > 0);
        const QString listen =
            QStringLiteral(
                "OPENSSL-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork,cert=%2,key=%3,cafile=%4,verify=1")
                .arg(m_tlsPort)
                .arg(QString::fromStdString(pki("server.pem")), QString::fromStdString(pki("server.key")),
                     QString::fromStdString(pki("ca.pem")));
        m_tlsFront.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_tlsFront.start("socat", {listen, "UNIX-CONNECT:" + test::privateDaemonSocket()});
        QVERIFY(m_tlsFront.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(acceptsConnections(m_tlsPort), 10000);
    }

    void cleanupTestCase()
    {
        if (m_tlsFront.state() != QProcess::NotRunning) {
            m_tlsFront.terminate();
            if (!m_tlsFront.waitForFinished(5000)) {
                m_tlsFront.kill();
                m_tlsFront.waitForFinished(5000);
            }
        }
    }

    void negotiatesWithThePrivateDaemon()
    {
        QVERIFY(m_client->apiVersion() >= ApiVersion::minimumSupported());
        QVERIFY(m_client->apiVersion() <= ApiVersion::maximumSupported());
    }

    void rawInfoIsAJsonObject()
    {
        const auto info = m_client->get("/info");
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
        QVERIFY(!info->empty());
        QVERIFY(startsWith(trim(info.value()), "{"));
        QVERIFY(contains(info.value(), "\"ServerVersion\""));
    }

    void containerListIncludesStoppedContainers()
    {
        const QString name = test::uniqueName("created");
        QCOMPARE(test::docker({"create", "--name", name, "drydock-test/busybox:1", "sleep", "3600"}), 0);
        const auto list = m_client->get("/containers/json?all=1");
        test::docker({"rm", "-f", name});
        QVERIFY2(list.ok(), list.ok() ? "" : list.error().message.c_str());
        QVERIFY(startsWith(trim(list.value()), "["));
        QVERIFY2(contains(list.value(), "/" + name.toStdString()),
                 "a created (never started) container is listed");
    }

    void anEncodedImageReferenceResolves()
    {
        // "/" and ":" travel percent-encoded; the daemon decodes them back into the reference.
        const auto image = m_client->get("/images/" + urlEncode("drydock-test/busybox:1") + "/json");
        QVERIFY2(image.ok(), image.ok() ? "" : image.error().message.c_str());
        QVERIFY(contains(image.value(), "drydock-test/busybox:1"));
        const auto history = m_client->get("/images/" + urlEncode("drydock-test/busybox:1") + "/history");
        QVERIFY(history.ok());
    }

    void unknownContainerIsA404WithTheDaemonsWords()
    {
        const auto r = m_client->get("/containers/" + urlEncode("dd-no-such-container") + "/json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::HttpError);
        QCOMPARE(r.error().httpStatus, 404);
        QVERIFY2(containsIgnoreCase(r.error().message, "no such container"), r.error().message.c_str());
    }

    void manyRequestsInFlightAllSucceed()
    {
        StringList paths(80, "/containers/json?all=1");
        paths.push_back("/info");
        const auto results = m_client->getAll(paths);
        QCOMPARE(results.size(), paths.size());
        for (const auto& r : results) {
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        }
        QVERIFY(contains(results.back().value(), "\"ServerVersion\""));
    }

    void eventsStreamDeliversADaemonEvent()
    {
        const QString name = test::uniqueName("event");
        const auto since = QDateTime::currentSecsSinceEpoch() - 5;
        QCOMPARE(test::docker({"create", "--name", name, "drydock-test/busybox:1", "sleep", "3600"}), 0);
        HttpRequest request;
        request.path = "/v" + m_client->apiVersion().toString() + "/events?since=" + std::to_string(since);
        std::string seen;
        CancelToken cancel;
        // A safety net: if the event never came, the stream still ends.
        std::thread guard([cancel] {
            for (int i = 0; i < 300 && !cancel.isCancelled(); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            cancel.cancel();
        });
        const auto r = m_client->transport().stream(
            request,
            [&](std::string_view chunk) {
                seen.append(chunk);
                return !contains(seen, name.toStdString());
            },
            cancel);
        cancel.cancel();
        guard.join();
        test::docker({"rm", "-f", name});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QVERIFY2(contains(seen, name.toStdString()), "the create event of the container never arrived");
        QVERIFY(contains(seen, "\"create\""));
    }

    void tlsWithTheRightCertificatesNegotiates()
    {
        const auto v = negotiateAt(tlsEndpoint("ca.pem", "client.pem", "client.key"));
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().message.c_str());
        QCOMPARE(v.value(), m_client->apiVersion());

        DockerEndpoint e = tlsEndpoint("ca.pem", "client.pem", "client.key");
        DockerClient client(std::make_unique<CurlTransport>(e), e);
        QVERIFY(client.negotiate().ok());
        const auto info = client.get("/info");
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
        QVERIFY(contains(info.value(), "\"ServerVersion\""));
    }

    void tlsWithTheWrongCaIsATlsFailure()
    {
        const auto v = negotiateAt(tlsEndpoint("other-ca.pem", "client.pem", "client.key"));
        QVERIFY(!v.ok());
        qInfo("%s", v.error().message.c_str());
        QCOMPARE(v.error().code, ErrorCode::TlsFailure);
        QVERIFY2(contains(v.error().message, "could not be verified"), v.error().message.c_str());
        QVERIFY(contains(v.error().message, "tcp://127.0.0.1:" + std::to_string(m_tlsPort)));
        QVERIFY(contains(v.error().message, pki("other-ca.pem")));
    }

    void tlsWithoutAClientCertificateIsATlsFailure()
    {
        const auto v = negotiateAt(tlsEndpoint("ca.pem", nullptr, nullptr));
        QVERIFY(!v.ok());
        qInfo("%s", v.error().message.c_str());
        QCOMPARE(v.error().code, ErrorCode::TlsFailure);
        QVERIFY2(contains(v.error().message, "requires a client certificate and none is configured"),
                 v.error().message.c_str());
    }

    void tlsWithAClientCertificateFromAnotherCaIsATlsFailure()
    {
        const auto v = negotiateAt(tlsEndpoint("ca.pem", "stranger.pem", "stranger.key"));
        QVERIFY(!v.ok());
        qInfo("%s", v.error().message.c_str());
        QCOMPARE(v.error().code, ErrorCode::TlsFailure);
        QVERIFY2(contains(v.error().message, "rejected the client certificate " + pki("stranger.pem")),
                 v.error().message.c_str());
    }

    void tlsToANameTheCertificateDoesNotCoverIsATlsFailure()
    {
        // The server certificate names only IP 127.0.0.1; "localhost" is not in it.
        const auto v = negotiateAt(tlsEndpoint("ca.pem", "client.pem", "client.key", "localhost"));
        QVERIFY(!v.ok());
        qInfo("%s", v.error().message.c_str());
        QCOMPARE(v.error().code, ErrorCode::TlsFailure);
    }

    void missingCaFileIsATlsFailureNamingIt()
    {
        const auto v = negotiateAt(tlsEndpoint("no-such-ca.pem", "client.pem", "client.key"));
        QVERIFY(!v.ok());
        qInfo("%s", v.error().message.c_str());
        QCOMPARE(v.error().code, ErrorCode::TlsFailure);
        QVERIFY2(contains(v.error().message, pki("no-such-ca.pem")), v.error().message.c_str());
    }

    void plainHttpToATlsPortIsAnErrorNotACrash()
    {
        DockerEndpoint e = tlsEndpoint(nullptr, nullptr, nullptr);
        e.tls = false;
        const auto v = negotiateAt(e);
        QVERIFY(!v.ok());
        qInfo("%s", v.error().message.c_str());
        QVERIFY2(contains(v.error().message, "tcp://127.0.0.1:" + std::to_string(m_tlsPort)),
                 v.error().message.c_str());
        QVERIFY2(contains(v.error().message, "DOCKER_TLS_VERIFY=1"), v.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDockerClientIntegration)
#include "TestDockerClientIntegration.moc"
