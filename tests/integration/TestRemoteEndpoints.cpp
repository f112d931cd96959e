#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

#include <algorithm>

using namespace drydock;
using namespace drydock::test;

// Remote endpoints against real daemons on this machine: ssh:// through a private sshd (whose `docker`
// talks to the first private daemon), tcp:// with mutual TLS to a second private dockerd, and fleet scans
// over both — the last test stops the TLS daemon in the middle of a fleet scan (run it last).
class TestRemoteEndpoints : public QObject
{
    Q_OBJECT

private:
    QString m_tlsDir;
    QString m_sshDir;
    QString m_tlsHost; // tcp://127.0.0.1:PORT
    QString m_sshHost; // ssh://root@127.0.0.1:PORT
    QString m_unixHost;
    QTemporaryDir m_tmp;

    static QString readLine(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

    QStringList tlsEnv(const QString& certDir = QStringLiteral("client")) const
    {
        return {QStringLiteral("DOCKER_TLS_VERIFY=1"),
                QStringLiteral("DOCKER_CERT_PATH=") + m_tlsDir + "/" + certDir};
    }

    QString sshOptions(const QString& config = QStringLiteral("ssh_config")) const
    {
        return QStringLiteral("DRYDOCK_SSH_OPTIONS=-F ") + m_sshDir + "/" + config;
    }

    static QSet<QString> containerIds(const QString& inventoryJson)
    {
        QSet<QString> ids;
        const auto doc = QJsonDocument::fromJson(inventoryJson.toUtf8());
        for (const auto& c : doc.object().value(QStringLiteral("containers")).toArray()) {
            ids.insert(c.toObject().value(QStringLiteral("id")).toString());
        }
        return ids;
    }

    static QString pdfToText(const QString& pdf, bool layout = true)
    {
        QProcess p;
        p.start(QStringLiteral("pdftotext"),
                layout ? QStringList{QStringLiteral("-layout"), pdf, QStringLiteral("-")} : QStringList{pdf, QStringLiteral("-")});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    static QJsonObject endpointNamed(const QJsonObject& fleet, const QString& name)
    {
        for (const auto& e : fleet.value(QStringLiteral("endpoints")).toArray()) {
            if (e.toObject().value(QStringLiteral("name")).toString() == name) {
                return e.toObject();
            }
        }
        return {};
    }

    int storedScans(const QString& db, const QString& endpoint)
    {
        QString out;
        test::drydock({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db,
                       QStringLiteral("--endpoint"), endpoint, QStringLiteral("--format"),
                       QStringLiteral("json")},
                      &out);
        return static_cast<int>(
            QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("scans")).toArray().size());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_tlsDir = qEnvironmentVariable("DRYDOCK_TEST_TLS_DIR");
        m_sshDir = qEnvironmentVariable("DRYDOCK_TEST_SSHD_DIR");
        m_tlsHost = readLine(m_tlsDir + "/host");
        m_sshHost = readLine(m_sshDir + "/host");
        m_unixHost = QStringLiteral("unix://") + privateDaemonSocket();
        QVERIFY2(!m_tlsHost.isEmpty(),
                 "the TLS daemon is not running: run through ctest (fixture dockerd_tls)");
        QVERIFY2(!m_sshHost.isEmpty(), "the private sshd is not running: run through ctest (fixture sshd)");
        QVERIFY2(!privateDaemonSocket().isEmpty(), "the private dockerd is not running");
    }

    void sshInventoryListsTheSameContainersAsTheSocket()
    {
        const QString name = uniqueName(QStringLiteral("ssh"));
        QCOMPARE(
            docker({QStringLiteral("create"), QStringLiteral("--name"), name,
                    QStringLiteral("drydock-test/busybox:1"), QStringLiteral("sleep"), QStringLiteral("1")}),
            0);
        QString direct;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("inventory"), QStringLiteral("--host"), m_unixHost,
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &direct, &err),
                 0);
        QString overSsh;
        const int code = test::drydock({QStringLiteral("inventory"), QStringLiteral("--host"), m_sshHost,
                                        QStringLiteral("--format"), QStringLiteral("json")},
                                       &overSsh, &err, {sshOptions()});
        QVERIFY2(code == 0, qPrintable(err));
        const auto viaSocket = containerIds(direct);
        QVERIFY(!viaSocket.isEmpty());
        QCOMPARE(containerIds(overSsh), viaSocket);
        QVERIFY(overSsh.contains(name));
        QVERIFY(overSsh.contains(m_sshHost)); // the snapshot names the ssh endpoint, not the private socket
        QVERIFY(!overSsh.contains(QStringLiteral("drydock-ssh-")));
        docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    }

    void sshFailuresAreExplained_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a key the server does not accept is a refused login")
            << "ssh_config_wrongkey"
            << "refused the ssh login (ssh said: \"root@127.0.0.1: Permission denied (publickey).\")";
        QTest::newRow("an unknown host key is never accepted silently")
            << "ssh_config_unknown"
            << "host key of 127.0.0.1 is not known or has changed";
        QTest::newRow("a remote host without docker says so")
            << "ssh_config_nodocker"
            << "the docker CLI is not available on 127.0.0.1";
    }

    void sshFailuresAreExplained()
    {
        QFETCH(QString, config);
        QFETCH(QString, expected);
        QString out;
        QString err;
        const int code = test::drydock({QStringLiteral("inventory"), QStringLiteral("--host"), m_sshHost},
                                       &out, &err, {sshOptions(config)});
        QCOMPARE(code, 3);
        QVERIFY2(err.contains(expected), qPrintable(err));
        QVERIFY2(err.contains(m_sshHost), qPrintable(err));
    }

    void tlsScanWorksWithTheCertPath()
    {
        QString out;
        QString err;
        const int code =
            test::drydock({QStringLiteral("scan"), QStringLiteral("--no-history"), QStringLiteral("--host"),
                           m_tlsHost, QStringLiteral("--format"), QStringLiteral("json")},
                          &out, &err, tlsEnv());
        QVERIFY2(code == 0, qPrintable(err));
        const auto scan = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(scan.value(QStringLiteral("scan")).toObject().value(QStringLiteral("endpoint")).toString(),
                 m_tlsHost);
        QVERIFY(out.contains(QStringLiteral("dd-tls-privileged")));
        QVERIFY(out.contains(QStringLiteral("\"CTR-002\"")));
    }

    void tlsScanWorksWithAContext()
    {
        const QString config = m_tmp.path() + "/docker-config";
        QDir().mkpath(config);
        const QString certs = m_tlsDir + "/client";
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DOCKER_HOST"));
        env.insert(QStringLiteral("DOCKER_CONFIG"), config);
        p.setProcessEnvironment(env);
        p.start(
            QStringLiteral("docker"),
            {QStringLiteral("context"), QStringLiteral("create"), QStringLiteral("dd-tls"),
             QStringLiteral("--docker"),
             QStringLiteral("host=%1,ca=%2/ca.pem,cert=%2/cert.pem,key=%2/key.pem").arg(m_tlsHost, certs)});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QString out;
        QString err;
        const int code = test::drydock(
            {QStringLiteral("scan"), QStringLiteral("--no-history"), QStringLiteral("--context"),
             QStringLiteral("dd-tls"), QStringLiteral("--format"), QStringLiteral("json")},
            &out, &err, {QStringLiteral("DOCKER_CONFIG=") + config, QStringLiteral("DOCKER_HOST=")});
        QVERIFY2(code == 0, qPrintable(err));
        QVERIFY(out.contains(QStringLiteral("dd-tls-privileged")));
    }

    void tlsIsVerified_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a CA that did not sign the daemon's certificate is refused")
            << tlsEnv(QStringLiteral("wrong-ca")) << "could not be verified";
        QTest::newRow("a client certificate the daemon does not trust is named")
            << tlsEnv(QStringLiteral("rogue-client")) << "rejected the client certificate";
        QTest::newRow("plain tcp to a TLS port says to turn TLS on")
            << QStringList{QStringLiteral("DOCKER_TLS_VERIFY="), QStringLiteral("DOCKER_CERT_PATH=")}
            << "expects TLS, but Drydock connected without it";
    }

    void tlsIsVerified()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, expected);
        QString out;
        QString err;
        const int code = test::drydock(
            {QStringLiteral("scan"), QStringLiteral("--no-history"), QStringLiteral("--host"), m_tlsHost},
            &out, &err, env);
        QCOMPARE(code, 3);
        QVERIFY2(err.contains(expected), qPrintable(err));
        QVERIFY(!out.contains(QStringLiteral("dd-tls-privileged")));
    }

    void fleetScanStoresEachEndpointApart()
    {
        const QString db = m_tmp.path() + "/fleet.db";
        QString out;
        QString err;
        QStringList env = tlsEnv();
        env << sshOptions();
        const int code =
            test::drydock({QStringLiteral("scan"), QStringLiteral("--db"), db, QStringLiteral("--host"),
                           m_unixHost, QStringLiteral("--host"), m_tlsHost, QStringLiteral("--host"),
                           m_sshHost, QStringLiteral("--format"), QStringLiteral("json")},
                          &out, &err, env);
        QVERIFY2(code == 0, qPrintable(err));
        const auto fleet = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(fleet.value(QStringLiteral("kind")).toString(), QStringLiteral("fleet"));
        QCOMPARE(fleet.value(QStringLiteral("summary")).toObject().value(QStringLiteral("reachable")).toInt(),
                 3);
        for (const QString& host : {m_unixHost, m_tlsHost, m_sshHost}) {
            const auto e = endpointNamed(fleet, host);
            QCOMPARE(e.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
            QVERIFY(e.value(QStringLiteral("scanId")).toInt() > 0);
            QVERIFY(e.value(QStringLiteral("posture")).toObject().contains(QStringLiteral("score")));
            QCOMPARE(storedScans(db, host), 1);
            QVERIFY2(err.contains(QStringLiteral("[") + host + QStringLiteral("] done")), qPrintable(err));
        }
        // The worst findings name their endpoint: the TLS daemon's privileged container is among them.
        bool sawTlsCritical = false;
        for (const auto& w : fleet.value(QStringLiteral("worstFindings")).toArray()) {
            const auto o = w.toObject();
            sawTlsCritical |= o.value(QStringLiteral("endpoint")).toString() == m_tlsHost &&
                              o.value(QStringLiteral("ruleId")).toString() == QStringLiteral("CTR-002");
        }
        QVERIFY(sawTlsCritical);

        // A second fleet scan compares each endpoint with its own previous scan.
        QCOMPARE(test::drydock({QStringLiteral("scan"), QStringLiteral("--db"), db, QStringLiteral("--host"),
                                m_unixHost, QStringLiteral("--host"), m_tlsHost, QStringLiteral("--format"),
                                QStringLiteral("json")},
                               &out, &err, env),
                 0);
        const auto again = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY(endpointNamed(again, m_tlsHost).value(QStringLiteral("sinceLast")).isObject());
        QCOMPARE(storedScans(db, m_tlsHost), 2);
        QCOMPARE(storedScans(db, m_sshHost), 1);

        // The fleet trend counts each endpoint once per day, with its latest scan.
        QCOMPARE(
            test::drydock({QStringLiteral("history"), QStringLiteral("trend"), QStringLiteral("--fleet"),
                           QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("json")},
                          &out, &err),
            0);
        const auto trend = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(trend.value(QStringLiteral("endpoints")).toArray().size(), 3);
        const auto today = trend.value(QStringLiteral("trend")).toArray().last().toObject();
        QCOMPARE(today.value(QStringLiteral("endpoints")).toInt(), 3);
        QVERIFY(today.value(QStringLiteral("counts")).toObject().value(QStringLiteral("critical")).toInt() >=
                1);

        // The fleet as the history last saw it: each endpoint's latest scan, as the dashboard shows it.
        const QString report = m_tmp.path() + "/history-fleet.pdf";
        QCOMPARE(test::drydock({QStringLiteral("report"), QStringLiteral("--fleet"), QStringLiteral("--db"), db,
                                QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--output"),
                                QStringLiteral("-"), QStringLiteral("--format"), QStringLiteral("pdf"),
                                QStringLiteral("--output"), report},
                               &out, &err),
                 0);
        const auto latest = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(latest.value(QStringLiteral("endpoints")).toArray().size(), 3);
        QCOMPARE(endpointNamed(latest, m_tlsHost).value(QStringLiteral("scanId")).toInteger(),
                 endpointNamed(again, m_tlsHost).value(QStringLiteral("scanId")).toInteger());
        // A long address wraps inside its table cell: compare without the line breaks.
        QVERIFY(pdfToText(report, false).remove(QRegularExpression(QStringLiteral("\\s+"))).contains(m_sshHost));
        QCOMPARE(test::drydock({QStringLiteral("report"), QStringLiteral("--fleet"), QStringLiteral("42"),
                                QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("json"),
                                QStringLiteral("--output"), QStringLiteral("-")},
                               &out, &err),
                 2);
    }

    void savedEndpointsFeedTheFleet()
    {
        const QString file = m_tmp.path() + "/endpoints.json";
        const QStringList fileArg{QStringLiteral("--endpoints-file"), file};
        const QString certs = m_tlsDir + "/client";
        QCOMPARE(test::drydock(QStringList{QStringLiteral("endpoints"), QStringLiteral("add"),
                                           QStringLiteral("local"), QStringLiteral("--host"), m_unixHost} +
                               fileArg),
                 0);
        QCOMPARE(test::drydock(QStringList{QStringLiteral("endpoints"), QStringLiteral("add"),
                                           QStringLiteral("staging"), QStringLiteral("--host"), m_tlsHost,
                                           QStringLiteral("--tlscacert"), certs + "/ca.pem",
                                           QStringLiteral("--tlscert"), certs + "/cert.pem",
                                           QStringLiteral("--tlskey"), certs + "/key.pem"} +
                               fileArg),
                 0);
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY(text.contains("key.pem"));
        QVERIFY(!text.contains("PRIVATE KEY")); // paths only, never key material
        QCOMPARE(int(saved.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)), 0);

        QString out;
        QString err;
        const int code = test::drydock(QStringList{QStringLiteral("scan"), QStringLiteral("--no-history"),
                                                   QStringLiteral("--fleet"), QStringLiteral("--format"),
                                                   QStringLiteral("json")} +
                                           fileArg,
                                       &out, &err);
        QVERIFY2(code == 0, qPrintable(err));
        const auto fleet = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(endpointNamed(fleet, QStringLiteral("local")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(endpointNamed(fleet, QStringLiteral("staging")).value(QStringLiteral("endpoint")).toString(),
                 m_tlsHost);
        QCOMPARE(endpointNamed(fleet, QStringLiteral("staging")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));

        // The same fleet as one HTML page and as a PDF: both endpoints side by side.
        const QString html = m_tmp.path() + "/fleet.html";
        const QString pdf = m_tmp.path() + "/fleet.pdf";
        QCOMPARE(test::drydock(QStringList{QStringLiteral("scan"), QStringLiteral("--no-history"), QStringLiteral("--fleet"),
                                           QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("--output"),
                                           html, QStringLiteral("--format"), QStringLiteral("pdf"),
                                           QStringLiteral("--output"), pdf} +
                                   fileArg,
                               &out, &err),
                 0);
        const QString pdfText = pdfToText(pdf);
        QVERIFY2(pdfText.contains(QStringLiteral("Drydock fleet report")), qPrintable(pdfText.left(300)));
        QVERIFY(pdfText.contains(QStringLiteral("staging")));
        QVERIFY(pdfText.contains(m_tlsHost));
        QVERIFY(pdfText.contains(QStringLiteral("Worst open findings across the fleet")));
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QByteArray bytes = page.readAll();
        QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
        QVERIFY(bytes.contains("<td><b>local</b>"));
        QVERIFY(bytes.contains("<td><b>staging</b>"));
        QVERIFY(!bytes.contains("unreachable: "));
        QVERIFY(!bytes.contains("<script"));
    }

    // --tls-no-verify means TLS without checking the daemon's certificate, never plain HTTP: against the
    // mutual-TLS daemon with no CA given, a client certificate gets in (so TLS was spoken: plain HTTP gets
    // "400 Client sent an HTTP request to an HTTPS server"), and without one the TLS handshake is what fails.
    void tlsNoVerifySpeaksTlsWithoutACa()
    {
        const QString file = m_tmp.path() + "/no-verify.json";
        const QStringList fileArg{QStringLiteral("--endpoints-file"), file};
        const QString certs = m_tlsDir + "/client";
        QCOMPARE(
            test::drydock(QStringList{QStringLiteral("endpoints"), QStringLiteral("add"),
                                      QStringLiteral("lab"), QStringLiteral("--host"), m_tlsHost,
                                      QStringLiteral("--tls-no-verify"), QStringLiteral("--tlscert"),
                                      certs + "/cert.pem", QStringLiteral("--tlskey"), certs + "/key.pem"} +
                          fileArg),
            0);
        QCOMPARE(test::drydock(QStringList{QStringLiteral("endpoints"), QStringLiteral("add"),
                                           QStringLiteral("bare"), QStringLiteral("--host"), m_tlsHost,
                                           QStringLiteral("--tls-no-verify")} +
                               fileArg),
                 0);
        QString out;
        QString err;
        QCOMPARE(test::drydock(QStringList{QStringLiteral("endpoints"), QStringLiteral("list")} + fileArg,
                               &out, &err),
                 0);
        for (const QString& name : {QStringLiteral("lab"), QStringLiteral("bare")}) {
            const auto lines = out.split(QLatin1Char('\n'));
            const auto line = std::find_if(lines.begin(), lines.end(), [&](const QString& l) {
                return l.startsWith(name + QLatin1Char(' '));
            });
            QVERIFY2(line != lines.end(), qPrintable(out));
            QVERIFY2(line->contains(QStringLiteral("TLS, NOT verified")), qPrintable(*line));
        }
        test::drydock(QStringList{QStringLiteral("scan"), QStringLiteral("--no-history"),
                                  QStringLiteral("--fleet"), QStringLiteral("--format"),
                                  QStringLiteral("json")} +
                          fileArg,
                      &out, &err);
        const auto fleet = QJsonDocument::fromJson(out.toUtf8()).object();
        const auto lab = endpointNamed(fleet, QStringLiteral("lab"));
        QCOMPARE(lab.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        const auto bare = endpointNamed(fleet, QStringLiteral("bare"));
        QCOMPARE(bare.value(QStringLiteral("status")).toString(), QStringLiteral("unreachable"));
        const QString why = bare.value(QStringLiteral("error")).toString();
        QVERIFY2(why.contains(QStringLiteral("certificate")), qPrintable(why));
        QVERIFY2(!why.contains(QStringLiteral("HTTP request to an HTTPS server")), qPrintable(why));
    }

    // Runs last: it kills the TLS daemon.
    void fleetScanGoesOnWhenADaemonStopsMidway()
    {
        const QString db = m_tmp.path() + "/stopped.db";
        const QString json = m_tmp.path() + "/stopped.json";
        const pid_t tlsDaemon = pid_t(readLine(m_tlsDir + "/docker.pid").toInt());
        QVERIFY(tlsDaemon > 0);
        // Freeze the TLS daemon so its scan is certainly in flight (connected, waiting for the handshake)
        // while the other endpoint completes; then kill it.
        QCOMPARE(::kill(tlsDaemon, SIGSTOP), 0);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1"));
        env.insert(QStringLiteral("DOCKER_CERT_PATH"), m_tlsDir + "/client");
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("DRYDOCK_BINARY"),
                {QStringLiteral("scan"), QStringLiteral("--db"), db, QStringLiteral("--host"), m_unixHost,
                 QStringLiteral("--host"), m_tlsHost, QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--output"), json});
        QVERIFY(p.waitForStarted());
        QByteArray progress;
        const QByteArray unixDone = (QStringLiteral("[") + m_unixHost + QStringLiteral("] done")).toUtf8();
        for (int i = 0; i < 600 && !progress.contains(unixDone); ++i) {
            p.waitForReadyRead(100);
            progress += p.readAllStandardError();
        }
        QVERIFY2(progress.contains(unixDone), progress.constData());
        QVERIFY2(!progress.contains((m_tlsHost + QStringLiteral("] done")).toUtf8()), progress.constData());
        QCOMPARE(::kill(tlsDaemon, SIGKILL), 0);
        QVERIFY(p.waitForFinished(60000));
        progress += p.readAllStandardError();
        QCOMPARE(p.exitCode(), 3);
        QVERIFY2(
            progress.contains((QStringLiteral("[") + m_tlsHost + QStringLiteral("] unreachable")).toUtf8()),
            progress.constData());

        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto fleet = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(
            fleet.value(QStringLiteral("summary")).toObject().value(QStringLiteral("unreachable")).toInt(),
            1);
        const auto up = endpointNamed(fleet, m_unixHost);
        QCOMPARE(up.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(up.value(QStringLiteral("scanId")).toInt() > 0);
        const auto down = endpointNamed(fleet, m_tlsHost);
        QCOMPARE(down.value(QStringLiteral("status")).toString(), QStringLiteral("unreachable"));
        QVERIFY(!down.value(QStringLiteral("error")).toString().isEmpty());
        qInfo("the stopped daemon was reported as: %s",
              qPrintable(down.value(QStringLiteral("error")).toString()));
        QVERIFY(down.value(QStringLiteral("scanId")).isNull());
        QCOMPARE(storedScans(db, m_unixHost), 1);
        QCOMPARE(storedScans(db, m_tlsHost), 0);
    }
};

QTEST_GUILESS_MAIN(TestRemoteEndpoints)
#include "TestRemoteEndpoints.moc"
