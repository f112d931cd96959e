#include "core/docker/EndpointStore.h"

#include "tests/support/FileFacts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace drydock;
using drydock::test::bytesOf;
using drydock::test::modeOf;

namespace {

ContextResolver noContexts(const QString& home)
{
    ResolverEnvironment env;
    env.homeDir = home.toStdString();
    env.isSocket = [](const std::string&) { return false; };
    env.readFile = [](const std::string&, std::string&) { return false; };
    env.listDirectory = [](const std::string&) { return std::vector<std::string>{}; };
    env.fileExists = [](const std::string&) { return false; };
    return ContextResolver(env);
}

} // namespace

// The saved endpoint list: what --tls-no-verify means, hostile entries refused when the list is loaded, and
// a private file that is never written through a symlink.
class TestEndpointStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void tlsNoVerifyAlwaysMeansTls_data()
    {
        QTest::addColumn<QString>("ca");
        QTest::addColumn<QString>("cert");
        QTest::newRow("--tls-no-verify alone speaks TLS, never plain HTTP") << ""
                                                                            << "";
        QTest::newRow("--tls-no-verify with a client certificate sends it") << ""
                                                                            << "/c/cert.pem";
        QTest::newRow("--tls-no-verify with a CA still does not verify") << "/c/ca.pem"
                                                                         << "";
    }

    void tlsNoVerifyAlwaysMeansTls()
    {
        QFETCH(QString, ca);
        QFETCH(QString, cert);
        SavedEndpoint entry{"lab",
                            "tcp://10.0.0.7:2376",
                            "",
                            ca.toStdString(),
                            cert.toStdString(),
                            cert.isEmpty() ? std::string() : "/c/key.pem",
                            false};
        QVERIFY(EndpointStore::validate(entry, {}).ok());
        const auto e = EndpointStore::resolve(entry, noContexts(m_dir.path()));
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QVERIFY(e->tls);
        QVERIFY(!e->tlsVerify);
        QCOMPARE(QString::fromStdString(e->certFile), cert);
        QCOMPARE(QString::fromStdString(e->caFile), ca);
    }

    void anEntryWithoutTlsOptionsStaysAsTheHostSays()
    {
        SavedEndpoint entry{"plain", "tcp://10.0.0.7:2375", "", "", "", "", true};
        const auto e = EndpointStore::resolve(entry, noContexts(m_dir.path()));
        QVERIFY(e.ok());
        QVERIFY(!e->tls);
    }

    void tlsOptionsOnAHostThatIsNotTcpAreRefused_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("an ssh host") << "ssh://ops@build1";
        QTest::newRow("a unix socket") << "unix:///var/run/docker.sock";
    }

    void tlsOptionsOnAHostThatIsNotTcpAreRefused()
    {
        QFETCH(QString, host);
        const SavedEndpoint entry{"x", host.toStdString(), "", "", "", "", false};
        const auto ok = EndpointStore::validate(entry, {});
        QVERIFY(!ok.ok());
        QVERIFY2(ok.error().message.find("tcp:// hosts only") != std::string::npos,
                 ok.error().message.c_str());
    }

    void hostileEntriesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        QTest::newRow("an ssh user with a command substitution")
            << QByteArray(
                   "{\"version\":1,\"endpoints\":[{\"name\":\"a\",\"host\":\"ssh://ops$(touch PWNED)@h\"}]}")
            << "not a plain name";
        QTest::newRow("an ssh host with a semicolon")
            << QByteArray(
                   "{\"version\":1,\"endpoints\":[{\"name\":\"a\",\"host\":\"ssh://ops@h;touch PWNED\"}]}")
            << "not a plain name";
        QTest::newRow("an escape sequence in the host")
            << QByteArray(
                   "{\"version\":1,\"endpoints\":[{\"name\":\"a\",\"host\":\"tcp://h\\u001b[2J:2375\"}]}")
            << "not a plain name";
    }

    // A list written by hand or by someone else is checked when it is loaded, before anything uses it.
    void hostileEntriesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        const QString file = m_dir.filePath(QStringLiteral("hostile.json"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(json);
        }
        const auto loaded = EndpointStore(file.toStdString()).load();
        QVERIFY(!loaded.ok());
        const std::string& m = loaded.error().message;
        QVERIFY2(m.find(says.toStdString()) != std::string::npos, m.c_str());
        QVERIFY2(m.find('\x1b') == std::string::npos, "an escape character reached the message");
    }

    void namesWithControlCharactersAreRefused()
    {
        const SavedEndpoint entry{"evil\x1b[2J", "tcp://h:2375", "", "", "", "", true};
        const auto ok = EndpointStore::validate(entry, {});
        QVERIFY(!ok.ok());
        QVERIFY(ok.error().message.find('\x1b') == std::string::npos);
    }

    // The list decides which hosts Drydock connects to: 0600 in a 0700 folder, never through a symlink.
    void theListIsPrivateAndNeverWrittenThroughASymlink()
    {
        const mode_t oldMask = ::umask(0);
        const QString dir = m_dir.filePath(QStringLiteral("config/drydock"));
        const QString file = dir + QStringLiteral("/endpoints.json");
        const EndpointStore store(file.toStdString());
        QVERIFY(store.save({SavedEndpoint{"a", "tcp://h:2375", "", "", "", "", true}}).ok());
        QCOMPARE(modeOf(file), 0600u);
        QCOMPARE(modeOf(dir), 0700u);

        const QString victim = m_dir.filePath(QStringLiteral("victim"));
        {
            QFile f(victim);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("precious");
        }
        QVERIFY(QFile::remove(file));
        QVERIFY(QFile::link(victim, file));
        QVERIFY(store.save({SavedEndpoint{"b", "tcp://h:2375", "", "", "", "", true}}).ok());
        QVERIFY(!QFileInfo(file).isSymLink());
        QCOMPARE(modeOf(file), 0600u);
        QFile v(victim);
        QVERIFY(v.open(QIODevice::ReadOnly));
        QCOMPARE(v.readAll(), QByteArray("precious"));
        ::umask(oldMask);
    }

    void aFolderOthersMayWriteToIsRefused()
    {
        const QString dir = m_dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(::chmod(QFile::encodeName(dir).constData(), 0777), 0);
        const auto saved = EndpointStore((dir + QStringLiteral("/endpoints.json")).toStdString())
                               .save({SavedEndpoint{"a", "tcp://h:2375", "", "", "", "", true}});
        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().message.find("writable by other users") != std::string::npos,
                 saved.error().message.c_str());
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/endpoints.json")));
    }
};

QTEST_GUILESS_MAIN(TestEndpointStore)
#include "TestEndpointStore.moc"
