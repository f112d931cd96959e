// Known secret values are planted in every place the checks look — container env and labels, an image's ENV
// and build ARG history, a file in an image (read by content analysis), volume driver options, log driver
// options, a swarm config and a service's env — on the real private daemon, and a value of every kind the
// classifier's corpus knows (tokens of each vendor format, a JWT, a PEM key, URL and connection-string
// passwords, passphrases) in the env, the labels and the command line of three more containers. Then every
// output Drydock can produce is searched byte for byte: stdout and stderr, every report format (PDF through
// pdftotext too), the inventory, `harden` in every format (and its least-privilege probe of a service that
// logs its secrets), the history database with its WAL, and every file under the XDG directories Drydock
// used. Neither a planted value nor any 6-character piece of its secret part may appear.
//
// The same daemon also holds a hardened container whose variables only look secret (PASSWORD_MIN_LENGTH=12,
// API_KEY_HEADER=X-Api-Key …): it must get no secrets finding above low, while the insecure one keeps its.
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace drydock;

namespace {

struct Planted
{
    const char* where;
    const char* value;
};

// Distinct values so a hit says which place leaked.
const Planted kPlanted[] = {
    {"container env", "Pl4nted-Env-Secret-77x"},    {"container label", "Pl4nted-Label-Secret-78x"},
    {"image ENV", "Pl4nted-ImageEnv-Secret-79x"},   {"image build ARG", "Pl4nted-BuildArg-Secret-80x"},
    {"volume option", "Pl4nted-VolOpt-Secret-81x"}, {"log option", "Pl4nted-LogOpt-Secret-82x"},
    {"swarm config", "Pl4nted-Config-Secret-83x"},  {"service env", "Pl4nted-Service-Secret-84x"},
    {"cloud key in env", "AKIAPL4NTEDX7Q2W9ZKE"},
};

// One value of each kind of tests/data/secrets/corpus.txt, fresh random characters every run. `secret` is the
// part that must never show (a URL's password, a key's body); `value` is what is planted.
struct KindSample
{
    QString kind;
    QString value;
    QString secret;
};

QString randomChars(int n, const QString& alphabet)
{
    QString out;
    for (int i = 0; i < n; ++i) {
        out += alphabet.at(static_cast<int>(QRandomGenerator::global()->bounded(alphabet.size())));
    }
    return out;
}

std::vector<KindSample> kindSamples()
{
    const QString alnum = QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
    const QString upper = QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZ234567");
    const QString hex = QStringLiteral("0123456789abcdef");
    const auto token = [&](const QString& kind, const QString& prefix, const QString& body) {
        return KindSample{kind, prefix + body, body};
    };
    std::vector<KindSample> out;
    out.push_back(token("aws-access-key", "AKIA", randomChars(16, upper)));
    {
        const QString key =
            randomChars(18, alnum) + "/" + randomChars(10, alnum) + "Q7k" + randomChars(8, alnum);
        out.push_back({"aws-secret-key", key, key});
    }
    out.push_back(token("github-token", "ghp_", randomChars(36, alnum)));
    out.push_back(
        token("github-token", "github_pat_11", randomChars(20, upper) + "_" + randomChars(59, alnum)));
    out.push_back(token("gitlab-token", "glpat-", randomChars(20, alnum)));
    out.push_back(token("slack-token", "xoxb-", randomChars(12, "123456789") + "-" + randomChars(24, alnum)));
    out.push_back(token("npm-token", "npm_", randomChars(36, alnum)));
    out.push_back(token("pypi-token", "pypi-AgEIcHlwaS5vcmc", randomChars(60, alnum)));
    out.push_back(token("stripe-key", "sk_live_", randomChars(24, alnum)));
    out.push_back(token("openai-key", "sk-proj-", randomChars(48, alnum)));
    out.push_back(token("anthropic-key", "sk-ant-api03-", randomChars(80, alnum)));
    out.push_back(token("google-api-key", "AIza", randomChars(35, alnum)));
    out.push_back(token("sendgrid-key", "SG.", randomChars(22, alnum) + "." + randomChars(43, alnum)));
    out.push_back(token("docker-hub-token", "dckr_pat_", randomChars(27, alnum)));
    out.push_back(token("digitalocean-token", "dop_v1_", randomChars(64, hex)));
    out.push_back(token("huggingface-token", "hf_", randomChars(34, alnum)));
    out.push_back(token("shopify-token", "shpat_", randomChars(32, hex)));
    out.push_back(token("vault-token", "hvs.", randomChars(24, alnum)));
    {
        const QString body = randomChars(12, alnum) + "." + randomChars(43, alnum);
        out.push_back({"jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ" + body, body});
    }
    {
        const QString body = randomChars(64, alnum) + "\n" + randomChars(40, alnum);
        const QString pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
        const QString secret = body;
        out.push_back({"private-key", pem, secret});
    }
    {
        const QString password = randomChars(14, alnum);
        out.push_back({"url-credentials", "postgres://app:" + password + "@db.internal:5432/app", password});
    }
    {
        const QString password = randomChars(14, alnum);
        out.push_back(
            {"connection-string", "Server=sql;Database=app;User Id=sa;Password=" + password + ";", password});
    }
    return out;
}

// Every 6-character piece of `secret` (or the whole of a shorter one) found in bytes. A secret of hex digits
// alone is looked for in 12-character pieces: outputs are full of ids and digests, and a random 6-hex piece
// turns up among a few hundred thousand of them about once in six runs without anything having leaked.
QString leakedPiece(const QByteArray& bytes, const QString& secret)
{
    const QByteArray s = secret.toUtf8();
    const bool hexOnly = std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
    const qsizetype piece = hexOnly ? 12 : 6;
    if (s.size() < piece) {
        return bytes.contains(s) ? secret : QString();
    }
    for (qsizetype i = 0; i + piece <= s.size(); ++i) {
        const QByteArray part = s.mid(i, piece);
        if (!part.contains('\n') && bytes.contains(part)) {
            return QString::fromUtf8(part);
        }
    }
    return {};
}

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
    std::vector<KindSample> m_samples = kindSamples();
    QString m_passphrase = QStringLiteral("correct horse ") +
                           randomChars(8, QStringLiteral("abcdefghijkmnopqrstuvwxyz")) +
                           QStringLiteral(" staple");
    QStringList m_containers; // every container this test created, removed at the end
    QString m_logsContainer;  // a running one that writes its secrets into its log

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
        m_env = {QStringLiteral("XDG_DATA_HOME=") + path("xdg/data"),
                 QStringLiteral("XDG_CONFIG_HOME=") + path("xdg/config"),
                 QStringLiteral("XDG_CACHE_HOME=") + path("xdg/cache"),
                 QStringLiteral("XDG_STATE_HOME=") + path("xdg/state")};

        // An image whose ENV and build ARG carry secrets (legacy builder, no network).
        const QString context = path("context");
        QVERIFY(QDir().mkpath(context));
        QFile dockerfile(context + QStringLiteral("/Dockerfile"));
        QVERIFY(dockerfile.open(QIODevice::WriteOnly));
        dockerfile.write(QStringLiteral("FROM drydock-test/busybox:1\n"
                                        "ARG BUILD_TOKEN=%1\n"
                                        "ENV API_KEY=%2\n"
                                        "RUN test -n \"$BUILD_TOKEN\"\n"
                                        "COPY app.env /app/.env\n"
                                        "CMD [\"sleep\", \"600\"]\n")
                             .arg(QLatin1String(kPlanted[3].value), QLatin1String(kPlanted[2].value))
                             .toUtf8());
        dockerfile.close();
        // A value of every kind in an image file too, read by content analysis (IMG-109 and the key rules).
        QFile envFile(context + QStringLiteral("/app.env"));
        QVERIFY(envFile.open(QIODevice::WriteOnly));
        for (std::size_t i = 0; i < m_samples.size(); ++i) {
            envFile.write(
                QStringLiteral("SETTING_%1=%2\n").arg(QString::number(i), m_samples[i].value).toUtf8());
        }
        envFile.write((QStringLiteral("SSH_PASSPHRASE=") + m_passphrase + QStringLiteral("\n")).toUtf8());
        envFile.close();
        m_image = QStringLiteral("drydock-test/") + m_prefix + QStringLiteral(":1");
        QString err;
        QVERIFY2(test::docker({"build", "--network", "none", "-q", "-t", m_image, context}, nullptr, &err) ==
                     0,
                 qPrintable(err));

        QVERIFY2(test::docker({"volume", "create", "--opt", "type=none", "--opt", "device=/tmp", "--opt",
                               QStringLiteral("o=bind,password=") + QLatin1String(kPlanted[4].value),
                               m_prefix + QStringLiteral("-vol")},
                              nullptr, &err) == 0,
                 qPrintable(err));
        QVERIFY2(
            test::docker({"create", "--name", m_prefix + QStringLiteral("-app"), "-e",
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
        m_swarm =
            test::docker({"swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:0"},
                         nullptr, &err) == 0;
        QVERIFY2(m_swarm, qPrintable(err));
        const QString configFile = path("config.txt");
        QFile config(configFile);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QByteArray("db_password=") + kPlanted[6].value + "\n");
        config.close();
        QVERIFY2(test::docker({"config", "create", m_prefix + QStringLiteral("-config"), configFile}, nullptr,
                              &err) == 0,
                 qPrintable(err));
        QVERIFY2(
            test::docker({"service", "create", "--detach", "--no-resolve-image", "--name",
                          m_prefix + QStringLiteral("-svc"), "--env",
                          QStringLiteral("STRIPE_SECRET_KEY=") + QLatin1String(kPlanted[7].value), m_image},
                         nullptr, &err) == 0,
            qPrintable(err));

        // A value of every kind in env (under names that say nothing), in labels and on the command line.
        QStringList envArgs{"create", "--name", m_prefix + "-kinds-env"};
        QStringList labelArgs{"create", "--name", m_prefix + "-kinds-label"};
        QStringList cmdArgs{"create", "--name", m_prefix + "-kinds-cmd", m_image, "sleep", "600"};
        for (std::size_t i = 0; i < m_samples.size(); ++i) {
            const QString n = QString::number(i);
            envArgs << "-e" << QStringLiteral("SETTING_%1=%2").arg(n, m_samples[i].value);
            labelArgs << "--label" << QStringLiteral("com.example.setting%1=%2").arg(n, m_samples[i].value);
            cmdArgs << m_samples[i].value;
        }
        envArgs << "-e" << QStringLiteral("SSH_PASSPHRASE=") + m_passphrase << m_image;
        labelArgs << "--label" << QStringLiteral("com.example.backup.passphrase=") + m_passphrase << m_image;
        cmdArgs << "--passphrase" << m_passphrase;
        for (const QStringList& args : {envArgs, labelArgs, cmdArgs}) {
            QVERIFY2(test::docker(args, nullptr, &err) == 0, qPrintable(err));
            m_containers << args.at(2);
        }

        // Hardened and harmless versus insecure: names that look secret on both.
        QVERIFY2(test::docker({"create",
                               "--name",
                               m_prefix + "-harmless",
                               "--read-only",
                               "--user",
                               "1000:1000",
                               "--cap-drop",
                               "ALL",
                               "--security-opt",
                               "no-new-privileges",
                               "--pids-limit",
                               "64",
                               "--memory",
                               "64m",
                               "-e",
                               "PASSWORD_MIN_LENGTH=12",
                               "-e",
                               "API_KEY_HEADER=X-Api-Key",
                               "-e",
                               "SECRET_NAME=db-credentials",
                               "-e",
                               "POSTGRES_PASSWORD_FILE=/run/secrets/db",
                               "-e",
                               "MYSQL_RANDOM_ROOT_PASSWORD=yes",
                               "-e",
                               "ACCESS_TOKEN_TTL=3600",
                               "-e",
                               "APP_SECRET_PATH=/run/secrets/app",
                               "-e",
                               "AWS_KMS_KEY_ID=1234abcd-12ab-34cd-56ef-1234567890ab",
                               "-e",
                               "DB_PASSWORD_SECRET_REF=vault:secret/data/db#password",
                               "-e",
                               "BASIC_AUTH=false",
                               "--label",
                               "com.example.auth.header=X-Auth-Token",
                               "--label",
                               "com.example.token.ttl=15m",
                               m_image},
                              nullptr, &err) == 0,
                 qPrintable(err));
        m_containers << m_prefix + "-harmless";
        QVERIFY2(test::docker({"create", "--name", m_prefix + "-insecure", "-e",
                               "DB_PASSWORD=" + randomChars(12, "abcdefghijkmnopqrstuvwxyz0123456789"), "-e",
                               "GITHUB_TOKEN=" + m_samples[2].value, m_image},
                              nullptr, &err) == 0,
                 qPrintable(err));
        m_containers << m_prefix + "-insecure";

        // A running service that writes its secrets into its log, one of them on a permission error line: the
        // least-privilege probe (#22) reads trial logs and shows such lines as evidence.
        const QString script = QStringLiteral(
            "echo \"connecting with DB_PASSWORD=$DB_PASSWORD and $API_KEY\"; "
            "echo \"mkdir /srv/cache: Permission denied (token $DB_PASSWORD, $GH)\" >&2; exec sleep 600");
        QVERIFY2(test::docker({"run", "--detach", "--network", "none", "--name", m_prefix + "-logs", "-e",
                               QStringLiteral("DB_PASSWORD=") + QLatin1String(kPlanted[0].value), "-e",
                               QStringLiteral("GH=") + m_samples[2].value, m_image, "sh", "-c", script},
                              nullptr, &err) == 0,
                 qPrintable(err));
        m_logsContainer = m_prefix + "-logs";
    }

    void cleanupTestCase()
    {
        if (m_swarm) {
            test::docker({"swarm", "leave", "--force"});
        }
        test::docker({"rm", "-f", m_prefix + QStringLiteral("-app"), m_logsContainer});
        for (const auto& name : m_containers) {
            test::docker({"rm", "-f", name});
        }
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
        QVERIFY(run({"scan", "--host", host, "--db", db, "--format", "text", "--verbose"},
                    "scan-db-stdout.txt") <= 1);
        // Content analysis of the image whose files carry a value of every kind, into its own database.
        QStringList contents{"scan",   "--contents", "--image", m_image,
                             "--host", host,         "--db",    path("history/contents.db")};
        for (const QString format : {"json", "sarif", "csv", "html"}) {
            const QString out = path("contents." + format);
            contents << "--format" << format << "--output" << out;
            m_outputs << out;
        }
        QVERIFY(run(contents, "contents-stdout.txt") <= 1);
        QCOMPARE(run({"inventory", "--host", host, "--format", "json"}, "inventory.json"), 0);
        QCOMPARE(run({"inventory", "--host", host}, "inventory.txt"), 0);
        QCOMPARE(run({"history", "list", "--db", db, "--format", "json"}, "history-list.json"), 0);
        // The hardening plan of each planted container, in every format.
        for (const QString& container : m_containers) {
            for (const QString format : {"text", "json", "script", "markdown"}) {
                QCOMPARE(run({"harden", container, "--host", host, "--format", format},
                             "harden-" + container + "." + format),
                         0);
            }
        }

        // The probe of the service that logs its secrets, as text and JSON, its verdicts into the history.
        for (const QString format : {"text", "json"}) {
            QCOMPARE(
                run({"harden", m_logsContainer, "--host", host, "--probe", "--db", db, "--format", format},
                    "harden-probe." + format),
                0);
        }
        QFile probeJson(path("harden-probe.json"));
        QVERIFY(probeJson.open(QIODevice::ReadOnly));
        const QByteArray probeBytes = probeJson.readAll();
        QVERIFY2(probeBytes.contains("\"probe\"") && probeBytes.contains("Permission denied"),
                 "the probe did not run or did not read the log (the search below would prove nothing)");

        QString listing;
        QCOMPARE(test::drydock({"history", "list", "--db", db, "--format", "json"}, &listing, nullptr, m_env),
                 0);
        const QJsonDocument doc = QJsonDocument::fromJson(listing.toUtf8());
        const QJsonArray scans =
            doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("scans")).toArray();
        QVERIFY(!scans.isEmpty());
        const QString id = QString::number(scans.first().toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(run({"history", "show", id, "--db", db, "--format", "json"}, "history-show.json"), 0);
        for (const QString format : {"json", "sarif", "csv", "html", "pdf"}) {
            const QString out = path("report." + format);
            const int rc = run({"report", id, "--db", db, "--format", format, "--output", out},
                               "report-" + format + ".txt");
            QFile said(path("report-" + format + ".txt"));
            QVERIFY2(rc == 0,
                     qPrintable(QStringLiteral("report --format %1 exited %2: %3")
                                    .arg(format)
                                    .arg(rc)
                                    .arg(said.open(QIODevice::ReadOnly) ? said.readAll().left(3000) : "")));
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

        // The .env file in the image was read, or the search of the content outputs proves nothing.
        QFile contentsJson(path("contents.json"));
        QVERIFY(contentsJson.open(QIODevice::ReadOnly));
        QVERIFY2(contentsJson.readAll().contains("IMG-109"),
                 "content analysis did not report the image's .env");

        // Every kind was seen, in env, labels and the command line, or the search below proves nothing.
        for (const char* rule : {"SEC-001", "SEC-004", "SEC-005"}) {
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
                    leaks << QStringLiteral("%1 (%2) in %3")
                                 .arg(QLatin1String(p.where), QLatin1String(p.value), file);
                }
            }
            for (const auto& sample : m_samples) {
                if (const QString piece = leakedPiece(bytes, sample.secret); !piece.isEmpty()) {
                    leaks << QStringLiteral("%1: \"%2\" of %3 in %4")
                                 .arg(sample.kind, piece, sample.value.left(60), file);
                }
            }
            if (const QString piece = leakedPiece(bytes, m_passphrase.mid(m_passphrase.indexOf(' '), 10));
                !piece.isEmpty()) {
                leaks << QStringLiteral("passphrase: \"%1\" in %2").arg(piece, file);
            }
        }
        QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("planted secrets found:\n") + leaks.join('\n')));
    }

    void harmlessLookalikesRaiseNothingAboveLow()
    {
        const QString host = QStringLiteral("unix://") + test::privateDaemonSocket();
        QString out;
        QVERIFY(test::drydock({"scan", "--host", host, "--format", "json"}, &out, nullptr, m_env) <= 1);
        const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
        const QJsonArray findings = doc.value("findings").toArray();
        const auto names = test::scanJsonObjectNames(doc);
        QVERIFY(!findings.isEmpty());
        QStringList harmless;
        QMap<QString, QString> insecure; // rule id + title suffix -> severity
        for (const auto& v : findings) {
            const QJsonObject f = v.toObject();
            const QString object = names.value(f.value("objectRef").toString());
            const QString severity = f.value("severity").toString();
            if (f.value("area").toString() != "secrets") {
                continue;
            }
            if (object.endsWith(m_prefix + "-harmless") && severity != "low" && severity != "info") {
                harmless << f.value("ruleId").toString() + " " + severity + ": " +
                                f.value("evidence").toString();
            }
            if (object.endsWith(m_prefix + "-insecure")) {
                insecure.insert(f.value("title").toString(), severity);
            }
        }
        QVERIFY2(harmless.isEmpty(), qPrintable(harmless.join('\n')));
        // The insecure twin keeps its findings: the token (a known format) high, the password (a name)
        // medium.
        QCOMPARE(insecure.value("Secret in container environment: GITHUB_TOKEN"), QStringLiteral("high"));
        QCOMPARE(insecure.value("Secret in container environment: DB_PASSWORD"), QStringLiteral("medium"));
    }
};

QTEST_GUILESS_MAIN(TestSecretsNeverLeak)
#include "TestSecretsNeverLeak.moc"
