#include "core/common/Sha256.h"
#include "core/common/Strings.h"
#include "core/docker/ContextResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace drydock;

// ContextResolver: the same daemon the docker CLI would pick, from flags, environment and the context store
// in a throwaway HOME.
class TestContextResolver : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::set<std::string> m_sockets; // what isSocket() reports

    std::string home() const { return m_home->path().toStdString(); }
    std::string dockerDir() const { return home() + "/.docker"; }

    static void writeFile(const std::string& path, const std::string& text)
    {
        QDir().mkpath(QFileInfo(QString::fromStdString(path)).absolutePath());
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.data(), qint64(text.size()));
    }

    // A context as `docker context create` stores it.
    void writeContext(const std::string& configDir, const std::string& name, const std::string& host,
                      bool skipTlsVerify = false, const std::vector<std::string>& tlsFiles = {},
                      const std::string& description = {}) const
    {
        const std::string id = Sha256::hex(name);
        writeFile(configDir + "/contexts/meta/" + id + "/meta.json",
                  R"({"Name":")" + name + R"(","Metadata":{"Description":")" + description +
                      R"("},"Endpoints":{"docker":{"Host":")" + host + R"(","SkipTLSVerify":)" +
                      (skipTlsVerify ? "true" : "false") + "}}}");
        for (const auto& f : tlsFiles) {
            writeFile(configDir + "/contexts/tls/" + id + "/docker/" + f, "-----BEGIN CERTIFICATE-----\n");
        }
    }

    ResolverEnvironment environment(std::map<std::string, std::string> variables) const
    {
        ResolverEnvironment env;
        env.variables = std::move(variables);
        env.homeDir = home();
        const auto sockets = m_sockets;
        env.isSocket = [sockets](const std::string& p) { return sockets.count(p) > 0; };
        return env; // files: the real (temporary) file system
    }

private slots:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_sockets = {"/var/run/docker.sock"};
        writeContext(dockerDir(), "ctx-flag", "tcp://flag.example:2375");
        writeContext(dockerDir(), "ctx-env", "unix:///run/env-context.sock");
        writeContext(dockerDir(), "ctx-config", "unix:///run/config-context.sock");
    }

    void precedence_data()
    {
        QTest::addColumn<QString>("hostFlag");
        QTest::addColumn<QString>("contextFlag");
        QTest::addColumn<QString>("dockerHost");
        QTest::addColumn<QString>("dockerContext");
        QTest::addColumn<QString>("currentContext");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("source");
        QTest::newRow("--host wins over the environment and config.json") << "tcp://10.0.0.1:2375"
                                                                          << ""
                                                                          << "unix:///env.sock"
                                                                          << "ctx-env"
                                                                          << "ctx-config"
                                                                          << "tcp://10.0.0.1:2375"
                                                                          << "--host";
        QTest::newRow("--context wins over DOCKER_HOST") << ""
                                                         << "ctx-flag"
                                                         << "unix:///env.sock"
                                                         << "ctx-env"
                                                         << "ctx-config"
                                                         << "tcp://flag.example:2375"
                                                         << "--context ctx-flag";
        QTest::newRow("DOCKER_HOST wins over DOCKER_CONTEXT and config.json") << ""
                                                                              << ""
                                                                              << "unix:///env.sock"
                                                                              << "ctx-env"
                                                                              << "ctx-config"
                                                                              << "unix:///env.sock"
                                                                              << "DOCKER_HOST";
        QTest::newRow("DOCKER_CONTEXT wins over config.json") << ""
                                                              << ""
                                                              << ""
                                                              << "ctx-env"
                                                              << "ctx-config"
                                                              << "unix:///run/env-context.sock"
                                                              << "DOCKER_CONTEXT ctx-env";
        QTest::newRow("config.json's currentContext applies when nothing else is set")
            << ""
            << ""
            << ""
            << ""
            << "ctx-config"
            << "unix:///run/config-context.sock"
            << "context ctx-config (config.json)";
        QTest::newRow("with nothing configured it is the default socket") << ""
                                                                          << ""
                                                                          << ""
                                                                          << ""
                                                                          << ""
                                                                          << "unix:///var/run/docker.sock"
                                                                          << "default";
        QTest::newRow("--context default means DOCKER_HOST") << ""
                                                             << "default"
                                                             << "unix:///env.sock"
                                                             << ""
                                                             << "ctx-config"
                                                             << "unix:///env.sock"
                                                             << "DOCKER_HOST";
        QTest::newRow("DOCKER_CONTEXT=default ignores config.json") << ""
                                                                    << ""
                                                                    << ""
                                                                    << "default"
                                                                    << "ctx-config"
                                                                    << "unix:///var/run/docker.sock"
                                                                    << "DOCKER_CONTEXT default";
        QTest::newRow("a bare host:port in DOCKER_HOST is TCP, as for the docker CLI")
            << ""
            << ""
            << "192.168.1.5:2375"
            << ""
            << ""
            << "tcp://192.168.1.5:2375"
            << "DOCKER_HOST";
    }

    void precedence()
    {
        QFETCH(QString, hostFlag);
        QFETCH(QString, contextFlag);
        QFETCH(QString, dockerHost);
        QFETCH(QString, dockerContext);
        QFETCH(QString, currentContext);
        QFETCH(QString, endpoint);
        QFETCH(QString, source);
        if (!currentContext.isEmpty()) {
            writeFile(dockerDir() + "/config.json",
                      R"({"auths":{},"currentContext":")" + currentContext.toStdString() + R"("})");
        }
        std::map<std::string, std::string> vars;
        if (!dockerHost.isEmpty()) {
            vars["DOCKER_HOST"] = dockerHost.toStdString();
        }
        if (!dockerContext.isEmpty()) {
            vars["DOCKER_CONTEXT"] = dockerContext.toStdString();
        }
        ContextResolver resolver(environment(vars));
        const auto e = resolver.resolve(hostFlag.toStdString(), contextFlag.toStdString());
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QCOMPARE(QString::fromStdString(e->display()), endpoint);
        QCOMPARE(QString::fromStdString(e->source), source);
    }

    void hostAndContextTogetherAreRefused()
    {
        ContextResolver resolver(environment({}));
        const auto e = resolver.resolve("tcp://10.0.0.1:2375", "ctx-flag");
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
        QVERIFY(contains(e.error().message, "either --host or --context"));
    }

    void emptyVariablesCountAsUnset()
    {
        ContextResolver resolver(environment({{"DOCKER_HOST", ""}, {"DOCKER_CONTEXT", ""}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QCOMPARE(e->display(), std::string("unix:///var/run/docker.sock"));
    }

    void dockerConfigMovesTheContextStore()
    {
        const std::string other = home() + "/elsewhere";
        writeContext(other, "moved", "tcp://moved.example:2375");
        writeFile(other + "/config.json", R"({"currentContext":"moved"})");
        ContextResolver resolver(environment({{"DOCKER_CONFIG", other}}));
        const auto e = resolver.resolve();
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QCOMPARE(e->display(), std::string("tcp://moved.example:2375"));
        QCOMPARE(e->contextName, std::string("moved"));
    }

    void tlsFromTheEnvironment()
    {
        const std::string certs = home() + "/certs";
        for (const char* f : {"ca.pem", "cert.pem", "key.pem"}) {
            writeFile(certs + "/" + f, "pem");
        }
        ContextResolver resolver(environment(
            {{"DOCKER_HOST", "tcp://127.0.0.1"}, {"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", certs}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QCOMPARE(e->kind, DockerEndpoint::Kind::Tcp);
        QCOMPARE(e->port, 2376);
        QVERIFY(e->tls);
        QVERIFY(e->tlsVerify);
        QCOMPARE(e->caFile, certs + "/ca.pem");
        QCOMPARE(e->certFile, certs + "/cert.pem");
        QCOMPARE(e->keyFile, certs + "/key.pem");
    }

    void tlsCertPathDefaultsToTheConfigDir()
    {
        writeFile(dockerDir() + "/ca.pem", "pem");
        ContextResolver resolver(
            environment({{"DOCKER_HOST", "tcp://daemon.example:2376"}, {"DOCKER_TLS_VERIFY", "1"}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QVERIFY(e->tls && e->tlsVerify);
        QCOMPARE(e->caFile, dockerDir() + "/ca.pem");
        // No client certificate on disk: none is offered (the daemon will say if it wants one).
        QVERIFY(e->certFile.empty());
        QVERIFY(e->keyFile.empty());
    }

    void tlsVariables_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("tlsVerify");
        QTest::addColumn<QString>("tls");
        QTest::addColumn<bool>("expectTls");
        QTest::addColumn<bool>("expectVerify");
        QTest::addColumn<int>("port");
        QTest::newRow("plain tcp:// without TLS variables uses 2375") << "tcp://h"
                                                                      << ""
                                                                      << "" << false << true << 2375;
        QTest::newRow("DOCKER_TLS_VERIFY with any value turns verification on, as in the CLI")
            << "tcp://h"
            << "0"
            << "" << true << true << 2376;
        QTest::newRow("DOCKER_TLS alone encrypts without verifying (the user's explicit choice)")
            << "tcp://h"
            << ""
            << "1" << true << false << 2376;
        QTest::newRow("an explicit port is kept under TLS") << "tcp://h:9999"
                                                            << "1"
                                                            << "" << true << true << 9999;
        QTest::newRow("TLS variables do not apply to a unix socket") << "unix:///x.sock"
                                                                     << "1"
                                                                     << "" << false << true << 0;
    }

    void tlsVariables()
    {
        QFETCH(QString, host);
        QFETCH(QString, tlsVerify);
        QFETCH(QString, tls);
        QFETCH(bool, expectTls);
        QFETCH(bool, expectVerify);
        QFETCH(int, port);
        ContextResolver resolver(environment({{"DOCKER_HOST", host.toStdString()},
                                              {"DOCKER_TLS_VERIFY", tlsVerify.toStdString()},
                                              {"DOCKER_TLS", tls.toStdString()}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QCOMPARE(e->tls, expectTls);
        QCOMPARE(e->tlsVerify, expectVerify);
        QCOMPARE(e->port, port);
    }

    // As in the docker CLI: with DOCKER_TLS_VERIFY a missing ca.pem is named so the connection fails loudly;
    // with DOCKER_TLS alone (no verification) a missing one is not used, a present one still is.
    void theCaIsNamedWhenVerifyingOrPresent_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<bool>("caOnDisk");
        QTest::addColumn<bool>("named");
        QTest::newRow("verifying, ca.pem missing: named, so the error says it is missing")
            << "DOCKER_TLS_VERIFY" << false << true;
        QTest::newRow("not verifying, ca.pem missing: none") << "DOCKER_TLS" << false << false;
        QTest::newRow("not verifying, ca.pem present: still given") << "DOCKER_TLS" << true << true;
    }

    void theCaIsNamedWhenVerifyingOrPresent()
    {
        QFETCH(QString, variable);
        QFETCH(bool, caOnDisk);
        QFETCH(bool, named);
        const std::string certs = home() + "/tls-" + std::to_string(caOnDisk);
        QDir().mkpath(QString::fromStdString(certs));
        if (caOnDisk) {
            writeFile(certs + "/ca.pem", "pem");
        }
        ContextResolver resolver(environment(
            {{"DOCKER_HOST", "tcp://h"}, {variable.toStdString(), "1"}, {"DOCKER_CERT_PATH", certs}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QVERIFY(e->tls);
        QCOMPARE(e->tlsVerify, variable == QLatin1String("DOCKER_TLS_VERIFY"));
        QCOMPARE(e->caFile, named ? certs + "/ca.pem" : std::string());
    }

    void tlsFromAContext()
    {
        writeContext(dockerDir(), "secure", "tcp://secure.example:2376", false,
                     {"ca.pem", "cert.pem", "key.pem"});
        writeContext(dockerDir(), "lax", "tcp://lax.example:2376", true);
        ContextResolver resolver(environment({}));

        const auto secure = resolver.resolve({}, "secure");
        QVERIFY(secure.ok());
        const std::string tlsDir = dockerDir() + "/contexts/tls/" + Sha256::hex("secure") + "/docker";
        QVERIFY(secure->tls);
        QVERIFY(secure->tlsVerify);
        QCOMPARE(secure->caFile, tlsDir + "/ca.pem");
        QCOMPARE(secure->certFile, tlsDir + "/cert.pem");
        QCOMPARE(secure->keyFile, tlsDir + "/key.pem");
        QCOMPARE(secure->contextName, std::string("secure"));

        const auto lax = resolver.resolve({}, "lax");
        QVERIFY(lax.ok());
        QVERIFY(lax->tls);
        QVERIFY2(!lax->tlsVerify, "SkipTLSVerify in the context is the user's explicit choice");

        const auto plain = resolver.resolve({}, "ctx-flag");
        QVERIFY(plain.ok());
        QVERIFY(!plain->tls);
    }

    void socketFallbacks_data()
    {
        QTest::addColumn<QStringList>("sockets");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("source");
        const QString run = QStringLiteral("/run/user/1000");
        QTest::newRow("the standard socket is used when it exists, even beside a rootless one")
            << QStringList{"/var/run/docker.sock", run + "/docker.sock"} << "unix:///var/run/docker.sock"
            << "default";
        QTest::newRow("a rootless Docker socket stands in for a missing standard socket")
            << QStringList{run + "/docker.sock", run + "/podman/podman.sock"}
            << "unix://" + run + "/docker.sock"
            << "rootless Docker";
        QTest::newRow("a rootless Podman socket comes next")
            << QStringList{run + "/podman/podman.sock", "/run/podman/podman.sock"}
            << "unix://" + run + "/podman/podman.sock"
            << "Podman (rootless)";
        QTest::newRow("the system Podman socket comes last")
            << QStringList{"/run/podman/podman.sock"} << "unix:///run/podman/podman.sock"
            << "Podman";
        QTest::newRow("with no socket anywhere the standard path stays, so the error names it")
            << QStringList{} << "unix:///var/run/docker.sock"
            << "default";
    }

    void socketFallbacks()
    {
        QFETCH(QStringList, sockets);
        QFETCH(QString, endpoint);
        QFETCH(QString, source);
        m_sockets.clear();
        for (const auto& s : sockets) {
            m_sockets.insert(s.toStdString());
        }
        ContextResolver resolver(environment({{"XDG_RUNTIME_DIR", "/run/user/1000"}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QCOMPARE(QString::fromStdString(e->display()), endpoint);
        QVERIFY2(contains(e->source, source.toStdString()), e->source.c_str());
    }

    void anExplicitHostIsNeverSwappedForAFallback()
    {
        m_sockets = {"/run/user/1000/docker.sock"};
        ContextResolver resolver(environment(
            {{"XDG_RUNTIME_DIR", "/run/user/1000"}, {"DOCKER_HOST", "unix:///var/run/docker.sock"}}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QCOMPARE(e->socketPath, std::string("/var/run/docker.sock"));
    }

    void malformedMetaIsAClearError()
    {
        writeFile(dockerDir() + "/contexts/meta/" + Sha256::hex("broken") + "/meta.json",
                  "{\"Name\":\"broken\",");
        ContextResolver resolver(environment({{"DOCKER_CONTEXT", "broken"}}));
        const auto e = resolver.resolve();
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(contains(e.error().message, "The Docker context \"broken\" is damaged"),
                 e.error().message.c_str());
        QVERIFY(contains(e.error().message, Sha256::hex("broken") + "/meta.json is not a valid JSON object"));
    }

    void contextWithoutDockerEndpointIsAClearError()
    {
        writeFile(dockerDir() + "/contexts/meta/" + Sha256::hex("k8s") + "/meta.json",
                  R"({"Name":"k8s","Endpoints":{"kubernetes":{}}})");
        ContextResolver resolver(environment({}));
        const auto e = resolver.resolve({}, "k8s");
        QVERIFY(!e.ok());
        QVERIFY2(contains(e.error().message, "has no Docker endpoint"), e.error().message.c_str());
    }

    void contextWithABadHostIsAClearError()
    {
        writeContext(dockerDir(), "bad-host", "tcp://h:99999");
        ContextResolver resolver(environment({}));
        const auto e = resolver.resolve({}, "bad-host");
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(contains(e.error().message, "\"bad-host\" has an unusable host"), e.error().message.c_str());
        QVERIFY(contains(e.error().message, "invalid port"));
    }

    void unknownContextIsAClearError()
    {
        ContextResolver resolver(environment({}));
        const auto e = resolver.resolve({}, "nope");
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, ErrorCode::NotFound);
        QVERIFY2(contains(e.error().message, "The Docker context \"nope\" (from --context) does not exist"),
                 e.error().message.c_str());
        QVERIFY(contains(e.error().message, "`docker context ls`"));
    }

    void currentContextThatIsGoneNamesConfigJson()
    {
        writeFile(dockerDir() + "/config.json", R"({"currentContext":"vanished"})");
        ContextResolver resolver(environment({}));
        const auto e = resolver.resolve();
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, ErrorCode::NotFound);
        QVERIFY2(contains(e.error().message, dockerDir() + "/config.json"), e.error().message.c_str());
    }

    void unreadableConfigJsonFallsBackToTheDefaultLikeTheCli()
    {
        writeFile(dockerDir() + "/config.json", "{not json");
        ContextResolver resolver(environment({}));
        const auto e = resolver.resolve();
        QVERIFY(e.ok());
        QCOMPARE(e->display(), std::string("unix:///var/run/docker.sock"));
    }

    void parseHost_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("display"); // empty: refused
        QTest::addColumn<QString>("says");
        QTest::newRow("a unix socket path") << "unix:///run/docker.sock"
                                            << "unix:///run/docker.sock"
                                            << "";
        QTest::newRow("unix:// alone is the standard socket") << "unix://"
                                                              << "unix:///var/run/docker.sock"
                                                              << "";
        QTest::newRow("tcp with host and port") << "tcp://10.1.2.3:2376"
                                                << "tcp://10.1.2.3:2376"
                                                << "";
        QTest::newRow("tcp without a port uses 2375") << "tcp://daemon"
                                                      << "tcp://daemon:2375"
                                                      << "";
        QTest::newRow("tcp without a host uses localhost") << "tcp://:2375"
                                                           << "tcp://localhost:2375"
                                                           << "";
        QTest::newRow("tcp with a trailing slash") << "tcp://h:2375/"
                                                   << "tcp://h:2375"
                                                   << "";
        QTest::newRow("an upper-case scheme") << "TCP://h:1"
                                              << "tcp://h:1"
                                              << "";
        QTest::newRow("a bracketed IPv6 address") << "tcp://[::1]:2376"
                                                  << "tcp://::1:2376"
                                                  << "";
        QTest::newRow("a bare host:port is tcp") << "docker.local:2375"
                                                 << "tcp://docker.local:2375"
                                                 << "";
        QTest::newRow("ssh with user and port") << "ssh://me@build.example:2222"
                                                << "ssh://me@build.example:2222"
                                                << "";
        QTest::newRow("ssh with just a host") << "ssh://build.example"
                                              << "ssh://build.example"
                                              << "";
        QTest::newRow("npipe is refused on Linux") << "npipe:////./pipe/docker_engine"
                                                   << ""
                                                   << "does not exist on Linux";
        QTest::newRow("fd:// is refused") << "fd://"
                                          << ""
                                          << "only dockerd itself";
        QTest::newRow("http:// is refused with a hint") << "http://h:2375"
                                                        << ""
                                                        << "expect tcp://host:port";
        QTest::newRow("an unknown scheme is refused") << "gopher://h"
                                                      << ""
                                                      << "unknown scheme";
        QTest::newRow("a port out of range is refused") << "tcp://h:99999"
                                                        << ""
                                                        << "invalid port";
        QTest::newRow("a port that is not a number is refused") << "tcp://h:https"
                                                                << ""
                                                                << "invalid port";
        QTest::newRow("a path after the port is refused") << "tcp://h:2375/docker"
                                                          << ""
                                                          << "has a path";
        QTest::newRow("an unbracketed IPv6 address is refused") << "tcp://::1:2375"
                                                                << ""
                                                                << "too many colons";
        QTest::newRow("a password in an ssh URL is refused") << "ssh://me:secret@h"
                                                             << ""
                                                             << "contains a password";
        QTest::newRow("an empty host is refused") << "  "
                                                  << ""
                                                  << "empty";
    }

    void parseHost()
    {
        QFETCH(QString, uri);
        QFETCH(QString, display);
        QFETCH(QString, says);
        const auto e = ContextResolver::parseHost(uri.toStdString());
        if (display.isEmpty()) {
            QVERIFY(!e.ok());
            QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(contains(e.error().message, says.toStdString()), e.error().message.c_str());
            QVERIFY2(!contains(e.error().message, "secret"), "a password must never be echoed");
        } else {
            QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
            QCOMPARE(QString::fromStdString(e->display()), display);
        }
    }

    // Hosts and ssh users reach ssh's argv and the commands Drydock prints: whoever wrote the context, the
    // environment or the flag, anything but a plain name is refused with a clear error, wherever it comes
    // from.
    void hostileHostsAndUsersAreRefusedWhereverTheyComeFrom_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("a command substitution in the ssh user") << "ssh://ops$(touch PWNED)@h";
        QTest::newRow("a semicolon after the ssh host") << "ssh://ops@h;touch PWNED";
        QTest::newRow("backquotes in the ssh host") << "ssh://ops@h`id`";
        QTest::newRow("an ssh user that is an option") << "ssh://-oProxyCommand=sh@h";
        QTest::newRow("an ssh host that is an option") << "ssh://-oProxyCommand=touch";
        QTest::newRow("an escape sequence in the ssh user") << "ssh://o\x1b[31mps@h";
        QTest::newRow("a newline in the ssh host") << "ssh://ops@h\nrm";
        QTest::newRow("a blank in the ssh host") << "ssh://ops@h x";
        QTest::newRow("a second @ in the ssh user") << "ssh://a@b@h";
        QTest::newRow("a pipe in a tcp host") << "tcp://h|id:2375";
        QTest::newRow("a dollar in a tcp host") << "tcp://$HOME:2375";
        QTest::newRow("a DEL character in a tcp host") << "tcp://h\x7f:2375";
    }

    void hostileHostsAndUsersAreRefusedWhereverTheyComeFrom()
    {
        QFETCH(QString, host);
        const std::string uri = host.toStdString();
        // The context file is real JSON, written as `docker context create` would.
        const QJsonObject meta{
            {"Name", "hostile"},
            {"Metadata", QJsonObject{}},
            {"Endpoints", QJsonObject{{"docker", QJsonObject{{"Host", host}, {"SkipTLSVerify", false}}}}}};
        writeFile(dockerDir() + "/contexts/meta/" + Sha256::hex("hostile") + "/meta.json",
                  QJsonDocument(meta).toJson().toStdString());
        const std::vector<std::pair<const char*, Result<DockerEndpoint>>> outcomes = {
            {"parseHost", ContextResolver::parseHost(uri)},
            {"--host", ContextResolver(environment({})).resolve(uri, {})},
            {"DOCKER_HOST", ContextResolver(environment({{"DOCKER_HOST", uri}})).resolve()},
            {"--context", ContextResolver(environment({})).resolve({}, "hostile")},
            {"DOCKER_CONTEXT", ContextResolver(environment({{"DOCKER_CONTEXT", "hostile"}})).resolve()},
        };
        for (const auto& [origin, e] : outcomes) {
            QVERIFY2(!e.ok(), origin);
            QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
            const std::string& m = e.error().message;
            QVERIFY2(contains(m, "not a plain name"), (std::string(origin) + ": " + m).c_str());
            QVERIFY2(m.find_first_of("\n\x1b\x7f") == std::string::npos,
                     "a control character reached the message");
        }
        // A hostile context is left out of the list rather than shown with its name.
        for (const auto& c : ContextResolver(environment({})).listContexts()) {
            QVERIFY(c.name != "hostile");
        }
    }

    void plainHostsAndUsersStillResolve_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("display");
        QTest::newRow("an ssh user with dots, dashes and underscores")
            << "ssh://deploy.bot-1_x@build-1.example"
            << "ssh://deploy.bot-1_x@build-1.example";
        QTest::newRow("an IPv6 address with a zone") << "tcp://[fe80::1%eth0]:2376"
                                                     << "tcp://fe80::1%eth0:2376";
        QTest::newRow("an ssh host with a port") << "ssh://ops@10.0.0.5:2222"
                                                 << "ssh://ops@10.0.0.5:2222";
    }

    void plainHostsAndUsersStillResolve()
    {
        QFETCH(QString, host);
        QFETCH(QString, display);
        const auto e = ContextResolver(environment({{"DOCKER_HOST", host.toStdString()}})).resolve();
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QCOMPARE(QString::fromStdString(e->display()), display);
    }

    void listContextsPutsDefaultFirstAndMarksTheCurrent()
    {
        writeContext(dockerDir(), "aardvark", "tcp://a.example:2375", false, {}, "first by name");
        writeFile(dockerDir() + "/contexts/meta/" + Sha256::hex("damaged") + "/meta.json", "garbage");
        writeFile(dockerDir() + "/config.json", R"({"currentContext":"ctx-env"})");
        ContextResolver resolver(environment({}));
        const auto list = resolver.listContexts();
        QStringList names;
        for (const auto& c : list) {
            names << QString::fromStdString(c.name);
        }
        QCOMPARE(names, (QStringList{"default", "aardvark", "ctx-config", "ctx-env", "ctx-flag"}));
        QCOMPARE(list[1].description, std::string("first by name"));
        QCOMPARE(list[1].endpoint.display(), std::string("tcp://a.example:2375"));
        QVERIFY(!list[0].current);
        QVERIFY(list[3].current);
        QCOMPARE(list[0].endpoint.display(), std::string("unix:///var/run/docker.sock"));
    }

    void listContextsWithDockerHostMarksDefault()
    {
        ContextResolver resolver(
            environment({{"DOCKER_HOST", "tcp://h:2375"}, {"DOCKER_CONTEXT", "ctx-env"}}));
        const auto list = resolver.listContexts();
        QVERIFY(!list.empty());
        QVERIFY(list[0].current);
        QCOMPARE(list[0].endpoint.display(), std::string("tcp://h:2375"));
    }

    void fromProcessReadsTheRealEnvironment()
    {
        qputenv("DOCKER_HOST", "unix:///from/process.sock");
        const auto env = ResolverEnvironment::fromProcess();
        qunsetenv("DOCKER_HOST");
        QCOMPARE(env.variables.at("DOCKER_HOST"), std::string("unix:///from/process.sock"));
        QVERIFY(!env.homeDir.empty());
        QVERIFY(env.isSocket && env.readFile && env.listDirectory && env.fileExists);
        const auto e = ContextResolver(env).resolve();
        QVERIFY(e.ok());
        QCOMPARE(e->socketPath, std::string("/from/process.sock"));
    }
};

QTEST_GUILESS_MAIN(TestContextResolver)
#include "TestContextResolver.moc"
