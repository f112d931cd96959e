// Known secret values are planted in every place the checks look — container env and labels, an image's ENV
// and build ARG history, volume driver options, log driver options, a swarm config and a service's env — on
// the real private daemon. Then every output Drydock can produce is searched byte for byte: stdout and
// stderr, every report format (PDF through pdftotext too), the inventory, the history database with its
// WAL, and every file under the XDG directories Drydock used. The count of planted values found must be 0.
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

struct Planted
{
    const char* where;
    const char* value;
};

// Distinct values so a hit says which place leaked.
const Planted kPlanted[] = {
    {"container env", "Pl4nted-Env-Secret-77x"},
    {"container label", "Pl4nted-Label-Secret-78x"},
    {"image ENV", "Pl4nted-ImageEnv-Secret-79x"},
    {"image build ARG", "Pl4nted-BuildArg-Secret-80x"},
    {"volume option", "Pl4nted-VolOpt-Secret-81x"},
    {"log option", "Pl4nted-LogOpt-Secret-82x"},
    {"swarm config", "Pl4nted-Config-Secret-83x"},
    {"service env", "Pl4nted-Service-Secret-84x"},
    {"cloud key in env", "AKIAPL4NTEDX7Q2W9ZKE"},
};

} // namespace

class TestSecretsNeverLeak : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_prefix = test::uniqueName(QStringLiteral("leak"));
    QString m_image;
    QStringList m_env; // isolated XDG directories for every drydock run
    QStringList m_outputs;
    bool m_swarm = false;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    int run(const QStringList& args, const QString& captureAs)
    {
        QString out;
        QString err;
        const int rc = test::drydock(args, &out, &err, m_env);
        QFile f(path(captureAs));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(out.toUtf8());
            f.write(err.toUtf8());
        }
        m_outputs << path(captureAs);
        return rc;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_env = {QStringLiteral("XDG_DATA_HOME=") + path("xdg/data"), QStringLiteral("XDG_CONFIG_HOME=") + path("xdg/config"),
                 QStringLiteral("XDG_CACHE_HOME=") + path("xdg/cache"), QStringLiteral("XDG_STATE_HOME=") + path("xdg/state")};

        // An image whose ENV and build ARG carry secrets (legacy builder, no network).
        const QString context = path("context");
        QVERIFY(QDir().mkpath(context));
        QFile dockerfile(context + QStringLiteral("/Dockerfile"));
        QVERIFY(dockerfile.open(QIODevice::WriteOnly));
        dockerfile.write(QStringLiteral("FROM drydock-test/busybox:1\n"
                                        "ARG BUILD_TOKEN=%1\n"
                                        "ENV API_KEY=%2\n"
                                        "RUN test -n \"$BUILD_TOKEN\"\n"
                                        "CMD [\"sleep\", \"600\"]\n")
                             .arg(QLatin1String(kPlanted[3].value), QLatin1String(kPlanted[2].value))
                             .toUtf8());
        dockerfile.close();
        m_image = QStringLiteral("drydock-test/") + m_prefix + QStringLiteral(":1");
        QString err;
        QVERIFY2(test::docker({"build", "--network", "none", "-q", "-t", m_image, context}, nullptr, &err) == 0,
                 qPrintable(err));

        QVERIFY2(test::docker({"volume", "create", "--opt", "type=none", "--opt", "device=/tmp", "--opt",
                               QStringLiteral("o=bind,password=") + QLatin1String(kPlanted[4].value),
                               m_prefix + QStringLiteral("-vol")},
                              nullptr, &err) == 0,
                 qPrintable(err));
        QVERIFY2(test::docker({"create", "--name", m_prefix + QStringLiteral("-app"), "-e",
                               QStringLiteral("DB_PASSWORD=") + QLatin1String(kPlanted[0].value), "-e",
                               QStringLiteral("AWS_ACCESS_KEY_ID=") + QLatin1String(kPlanted[8].value), "--label",
                               QStringLiteral("com.example.db.password=") + QLatin1String(kPlanted[1].value),
                               "--log-driver", "syslog", "--log-opt",
                               QStringLiteral("syslog-address=tcp://admin:") + QLatin1String(kPlanted[5].value) +
                                   QStringLiteral("@127.0.0.1:514"),
                               m_image},
                              nullptr, &err) == 0,
                 qPrintable(err));

        // A single-node swarm on loopback for the config and the service.
        m_swarm = test::docker({"swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:0"},
                               nullptr, &err) == 0;
        QVERIFY2(m_swarm, qPrintable(err));
        const QString configFile = path("config.txt");
        QFile config(configFile);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QByteArray("db_password=") + kPlanted[6].value + "\n");
        config.close();
        QVERIFY2(test::docker({"config", "create", m_prefix + QStringLiteral("-config"), configFile}, nullptr, &err) == 0,
                 qPrintable(err));
        QVERIFY2(test::docker({"service", "create", "--detach", "--no-resolve-image", "--name",
                               m_prefix + QStringLiteral("-svc"), "--env",
                               QStringLiteral("STRIPE_SECRET_KEY=") + QLatin1String(kPlanted[7].value), m_image},
                              nullptr, &err) == 0,
                 qPrintable(err));
    }

    void cleanupTestCase()
    {
        if (m_swarm) {
            test::docker({"swarm", "leave", "--force"});
        }
        test::docker({"rm", "-f", m_prefix + QStringLiteral("-app")});
        test::docker({"volume", "rm", m_prefix + QStringLiteral("-vol")});
        test::docker({"rmi", m_image});
    }

    void noOutputContainsAPlantedSecret()
    {
        const QString host = QStringLiteral("unix://") + test::privateDaemonSocket();
        const QString db = path("history/history.db");
        QVERIFY(QDir().mkpath(path("history")));

        // Every command and format, the default database location included (under the isolated XDG dirs).
        QStringList scan{"scan", "--host", host, "--verbose"};
        for (const QString format : {"json", "sarif", "csv", "html", "pdf"}) {
            const QString out = path("scan." + format);
            scan << "--format" << format << "--output" << out;
            m_outputs << out;
        }
        QVERIFY(run(scan, "scan-stdout.txt") <= 1);
        QVERIFY(run({"scan", "--host", host, "--db", db, "--format", "text", "--verbose"}, "scan-db-stdout.txt") <= 1);
        QCOMPARE(run({"inventory", "--host", host, "--format", "json"}, "inventory.json"), 0);
        QCOMPARE(run({"inventory", "--host", host}, "inventory.txt"), 0);
        QCOMPARE(run({"history", "list", "--db", db, "--format", "json"}, "history-list.json"), 0);

        QString listing;
        QCOMPARE(test::drydock({"history", "list", "--db", db, "--format", "json"}, &listing, nullptr, m_env), 0);
        const QJsonDocument doc = QJsonDocument::fromJson(listing.toUtf8());
        const QJsonArray scans = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("scans")).toArray();
        QVERIFY(!scans.isEmpty());
        const QString id = QString::number(scans.first().toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(run({"history", "show", id, "--db", db, "--format", "json"}, "history-show.json"), 0);
        for (const QString format : {"json", "sarif", "csv", "html", "pdf"}) {
            const QString out = path("report." + format);
            QCOMPARE(run({"report", id, "--db", db, "--format", format, "--output", out}, "report-" + format + ".txt"), 0);
            m_outputs << out;
        }

        // PDF text is compressed in the file: read it back as text too.
        for (const QString& pdf : {path("scan.pdf"), path("report.pdf")}) {
            QProcess pdftotext;
            pdftotext.start(QStringLiteral("pdftotext"), {pdf, pdf + QStringLiteral(".txt")});
            QVERIFY(pdftotext.waitForFinished(60000));
            QCOMPARE(pdftotext.exitCode(), 0);
            m_outputs << pdf + QStringLiteral(".txt");
        }
        // Everything Drydock wrote on its own: the databases with their WAL, settings, caches, logs.
        for (const QString& root : {path("xdg"), path("history")}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                m_outputs << it.next();
            }
        }
        QVERIFY(m_outputs.size() > 20);

        // The scan saw the planted places at all (otherwise the search below proves nothing).
        QFile scanJson(path("scan.json"));
        QVERIFY(scanJson.open(QIODevice::ReadOnly));
        const QByteArray scanBytes = scanJson.readAll();
        for (const char* rule : {"DB_PASSWORD", "API_KEY", "AWS_ACCESS_KEY_ID"}) {
            QVERIFY2(scanBytes.contains(rule), rule);
        }

        QStringList leaks;
        for (const auto& file : m_outputs) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QByteArray bytes = f.readAll();
            for (const auto& p : kPlanted) {
                if (bytes.contains(p.value)) {
                    leaks << QStringLiteral("%1 (%2) in %3").arg(QLatin1String(p.where), QLatin1String(p.value), file);
                }
            }
        }
        QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("planted secrets found:\n") + leaks.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestSecretsNeverLeak)
#include "TestSecretsNeverLeak.moc"
