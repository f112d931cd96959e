#include "core/common/Strings.h"
#include "core/files/compose/ComposePatcher.h"
#include "tests/support/ComposeFiles.h"
#include "tests/support/DockerCompose.h"
#include "tests/support/RunEditText.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");

// Every image a compose file names.
QStringList imagesOf(const QString& text)
{
    QStringList images;
    static const QRegularExpression re(QStringLiteral("^\\s+image:\\s*[\"']?([^\"'\\s#]+)"),
                                       QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(text); it.hasNext();) {
        images << it.next().captured(1);
    }
    return images;
}

} // namespace

// Patched versions of realistic compose files pass the schema, `docker-compose config -q` and `create` on the
// private daemon, and the created container has the hardened settings.
class TestComposePatchIntegration : public QObject
{
    Q_OBJECT

private:
    QStringList m_projects; // project, file, project, file, …
    QStringList m_tags;

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "run through ctest: the dockerd fixture is needed");
        QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/docker-compose")), "apt-get install docker-compose");
    }

    void cleanup()
    {
        for (int i = 0; i + 1 < m_projects.size(); i += 2) {
            test::dockerCompose(m_projects[i], m_projects[i + 1],
                                {QStringLiteral("down"), QStringLiteral("-v")});
        }
        for (const QString& t : m_tags) {
            test::docker({QStringLiteral("rmi"), t});
        }
        m_projects.clear();
        m_tags.clear();
    }

    void patchedFilesAreCreated_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("crlf");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("edits");
        QTest::addColumn<QStringList>("inspect"); // "{{format}} => expected" of the created container
        QTest::addColumn<QString>("gone");        // a secret value that must not be in the patched file
        QTest::addColumn<QString>(
            "olderRefuses"); // what docker-compose 1.29 says of a newer key; empty: it creates
        const QString socket = QStringLiteral(
            "{{range .Mounts}}{{if eq .Destination \"/var/run/docker.sock\"}}socket{{end}}{{end}} => ");
        QTest::newRow("cadvisor loses privileged, the host PID namespace and the socket, gains limits")
            << "monitoring.yml" << false << "cadvisor"
            << "remove --privileged; remove --pid; removeMount --volume /var/run/docker.sock; add "
               "--read-only; "
               "add --cap-drop ALL; add --security-opt no-new-privileges:true; loopback --publish 8080/tcp; "
               "add --pids-limit 256; add --memory 512m"
            << QStringList{"{{.HostConfig.Privileged}} => false",
                           "{{.HostConfig.PidMode}} => ",
                           "{{.HostConfig.ReadonlyRootfs}} => true",
                           "{{.HostConfig.CapDrop}} => [ALL]",
                           "{{.HostConfig.SecurityOpt}} => [no-new-privileges:true]",
                           "{{(index (index .HostConfig.PortBindings \"8080/tcp\") 0).HostIp}} => 127.0.0.1",
                           "{{.HostConfig.PidsLimit}} => 256",
                           "{{.HostConfig.Memory}} => 536870912",
                           socket}
            << ""
            << "";
        QTest::newRow("grafana's admin password moves to a secret file")
            << "monitoring.yml" << false << "grafana"
            << "secret --env GF_SECURITY_ADMIN_PASSWORD; loopback --publish 3000"
            << QStringList{"{{range .Config.Env}}{{.}} {{end}} ~> "
                           "GF_SECURITY_ADMIN_PASSWORD_FILE=/run/secrets/gf_security_admin_password",
                           "{{range .Mounts}}{{.Destination}} {{end}} ~> "
                           "/run/secrets/gf_security_admin_password",
                           "{{(index (index .HostConfig.PortBindings \"3000/tcp\") 0).HostIp}} => 127.0.0.1"}
            << "changeMe4711Grafana"
            << "";
        QTest::newRow("prometheus gets a read-only root and data volume, in a CRLF file")
            << "monitoring.yml" << true << "prometheus"
            << "add --read-only; readOnly --volume /prometheus; loopback --publish 9090"
            << QStringList{"{{.HostConfig.ReadonlyRootfs}} => true",
                           "{{range .Mounts}}{{if eq .Destination \"/prometheus\"}}{{.RW}}{{end}}{{end}} => "
                           "false"}
            << ""
            << "";
        QTest::newRow("the web app drops its capabilities and reads its database password from a file")
            << "webapp.yml" << false << "app"
            << "removeValue --cap-add SYS_PTRACE; removeValue --cap-add NET_ADMIN; add --cap-drop ALL; "
               "secret --env DATABASE_PASSWORD"
            << QStringList{"{{.HostConfig.CapAdd}} => []", "{{.HostConfig.CapDrop}} => [ALL]"}
            << "appS3cretFromCompose"
            << "";
        QTest::newRow("the database publishes on loopback and reads its password from a file, in a CRLF file")
            << "webapp.yml" << true << "db"
            << "secret --env POSTGRES_PASSWORD; loopback --publish 5432; add --security-opt "
               "no-new-privileges:true"
            << QStringList{"{{(index (index .HostConfig.PortBindings \"5432/tcp\") 0).HostIp}} => 127.0.0.1",
                           "{{.HostConfig.SecurityOpt}} => [no-new-privileges:true]"}
            << "pgS3cretFromCompose"
            << "";
        QTest::newRow("the CI runner gives up privileged, unconfined profiles and the socket")
            << "runner.yml" << false << "runner"
            << "remove --privileged; removeValue --security-opt seccomp=unconfined; removeValue "
               "--security-opt "
               "label=disable; removeMount --volume /var/run/docker.sock; removeValue --cap-add SYS_ADMIN"
            << QStringList{"{{.HostConfig.Privileged}} => false", "{{.HostConfig.SecurityOpt}} => []",
                           "{{.HostConfig.CapAdd}} => [NET_ADMIN]", socket}
            << ""
            << "";
        QTest::newRow(
            "long-syntax ports get host_ip, which the schema takes and docker-compose 1.29 does not")
            << "api-long-ports.yml" << false << "api"
            << "loopback --publish 8080/tcp; loopback --publish 9090" << QStringList{} << ""
            << "services.api.ports contains unsupported option: 'host_ip'";
    }

    void patchedFilesAreCreated()
    {
        QFETCH(QString, file);
        QFETCH(bool, crlf);
        QFETCH(QString, service);
        QFETCH(QString, edits);
        QFETCH(QStringList, inspect);
        QFETCH(QString, gone);
        QFETCH(QString, olderRefuses);
        std::string original = test::readData(QStringLiteral("files/compose-patch/") + file);
        QVERIFY(!original.empty());
        if (crlf) {
            original = replaceAll(original, "\n", "\r\n");
        }
        ComposePatchReport report;
        const auto patched = patchComposeService(original, service.toStdString(), test::runEdits(edits), &report);
        QVERIFY2(patched, patched ? "" : patched.error().message.c_str());
        QVERIFY(report.skipped.empty());
        QVERIFY(*patched != original);
        QCOMPARE(contains(*patched, "\r\n"), crlf);
        QVERIFY(gone.isEmpty() || !contains(*patched, gone.toStdString()));

        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(*patched));
        out.close();
        // The files the report asks for, as the user would make them.
        for (const auto& f : report.filesToCreate) {
            const QString secret = dir.filePath(QString::fromStdString(f.path));
            QVERIFY(QDir().mkpath(QFileInfo(secret).path()));
            QFile s(secret);
            QVERIFY(s.open(QIODevice::WriteOnly));
            s.write("not-a-real-secret");
        }

        const auto [code, output] = test::validateComposeFiles({path});
        QVERIFY2(code == 0, qPrintable(output));
        const QString project = test::uniqueName(QStringLiteral("cp"));
        m_projects << project << path;
        QString err;
        QString config;
        if (!olderRefuses.isEmpty()) {
            QCOMPARE(test::dockerCompose(project, path, {QStringLiteral("config"), QStringLiteral("-q")},
                                         nullptr, &err),
                     1);
            QVERIFY2(err.contains(olderRefuses), qPrintable(err));
            return;
        }
        QVERIFY2(test::dockerCompose(project, path, {QStringLiteral("config"), QStringLiteral("-q")}, nullptr,
                                     &err) == 0,
                 qPrintable(err));
        QVERIFY2(test::dockerCompose(project, path, {QStringLiteral("config")}, &config, &err) == 0,
                 qPrintable(err));
        QVERIFY(gone.isEmpty() || !config.contains(gone));

        for (const QString& image : imagesOf(QString::fromStdString(*patched))) {
            if (test::docker({QStringLiteral("image"), QStringLiteral("inspect"), image}) != 0) {
                QCOMPARE(test::docker({QStringLiteral("tag"), kBusybox, image}), 0);
                m_tags << image;
            }
        }
        QVERIFY2(test::dockerCompose(project, path, {QStringLiteral("create")}, nullptr, &err) == 0,
                 qPrintable(err));
        QString id;
        QCOMPARE(test::docker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
                               QStringLiteral("label=com.docker.compose.project=") + project,
                               QStringLiteral("--filter"),
                               QStringLiteral("label=com.docker.compose.service=") + service},
                              &id),
                 0);
        id = id.trimmed();
        QVERIFY2(!id.isEmpty() && !id.contains(QLatin1Char('\n')), qPrintable(id));
        // "format => value" compares; "format ~> word" looks for the word among what the format prints.
        for (const QString& check : inspect) {
            const bool exact = check.contains(QStringLiteral(" => "));
            const QStringList parts = check.split(exact ? QStringLiteral(" => ") : QStringLiteral(" ~> "));
            QString value;
            QCOMPARE(test::docker({QStringLiteral("inspect"), QStringLiteral("-f"), parts.at(0), id}, &value),
                     0);
            if (exact) {
                QCOMPARE(value.trimmed(), parts.at(1));
            } else {
                QVERIFY2(value.split(QLatin1Char(' ')).contains(parts.at(1)), qPrintable(value));
            }
        }
        QString env;
        QCOMPARE(test::docker(
                     {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Config.Env}}"), id},
                     &env),
                 0);
        QVERIFY(gone.isEmpty() || !env.contains(gone));
    }
};

QTEST_GUILESS_MAIN(TestComposePatchIntegration)
#include "TestComposePatchIntegration.moc"
