// Content analysis end to end on the private daemon: the Debian minbase image and an image built FROM it
// with a setuid shell copy, a private key, a compiler-like binary, a .git directory, a world-writable
// directory and a key added then deleted in a later layer.
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/Scanner.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const QString kDebian = QStringLiteral("drydock-test/debian:bookworm");

bool writeFile(const QString& path, const QByteArray& data, QFile::Permissions perms = {})
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return false;
    }
    f.write(data);
    f.close();
    return perms == QFile::Permissions() || f.setPermissions(perms);
}

// A private key that exists only for this run: random base64 lines between PEM armour.
QByteArray fakePem(QStringList& bodyLines)
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    QByteArray pem = "-----BEGIN RSA PRIVATE KEY-----\n";
    for (int line = 0; line < 8; ++line) {
        QByteArray text;
        for (int i = 0; i < 64; ++i) {
            text += alphabet[QRandomGenerator::global()->bounded(64)];
        }
        bodyLines << QString::fromLatin1(text);
        pem += text + "\n";
    }
    return pem + "-----END RSA PRIVATE KEY-----\n";
}

} // namespace

class TestContentsIntegration : public QObject
{
    Q_OBJECT

private:
    QString m_host;
    QString m_image = test::uniqueName(QStringLiteral("contents")) + QStringLiteral(":1");
    QStringList m_keyLines;
    QTemporaryDir m_dir;

    QStringList hostArgs() const { return {"--host", m_host}; }

    // Every finding of `drydock scan --contents --image IMAGE --format json`, as rule id -> findings.
    QMultiMap<QString, QJsonObject> scanFindings(const QString& image, QString* raw = nullptr)
    {
        QString out;
        QString err;
        const int code = test::drydock(
            QStringList{"scan", "--contents", "--image", image, "--format", "json", "--no-history"} +
                hostArgs(),
            &out, &err);
        [&] { QVERIFY2(code == 0 || code == 1, qPrintable(err)); }();
        if (raw) {
            *raw = out;
        }
        QMultiMap<QString, QJsonObject> findings;
        const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
        const auto names = test::scanJsonObjectNames(doc);
        for (const auto& f : doc["findings"].toArray()) {
            const QJsonObject o = f.toObject();
            if (names.value(o["objectRef"].toString()) == image) {
                findings.insert(o["ruleId"].toString(), o);
            }
        }
        return findings;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        QVERIFY(m_dir.isValid());
        const QString ctx = m_dir.filePath(QStringLiteral("ctx"));
        QVERIFY(QDir().mkpath(ctx));
        QVERIFY(writeFile(ctx + "/id_rsa", fakePem(m_keyLines)));
        QVERIFY(writeFile(ctx + "/deploy.pem", fakePem(m_keyLines)));
        QVERIFY(writeFile(ctx + "/gcc", "#!/bin/sh\necho 'gcc (fake) 12.2.0'\n",
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                              QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        QVERIFY(writeFile(
            ctx + "/Dockerfile",
            "FROM drydock-test/debian:bookworm\n"
            "COPY id_rsa /root/.ssh/id_rsa\n"
            "COPY gcc /usr/local/bin/gcc\n"
            "RUN cp /bin/bash /opt/rootbash && chmod 4755 /opt/rootbash \\\n"
            " && mkdir -p /srv/app/.git/refs && echo 'ref: refs/heads/main' > /srv/app/.git/HEAD \\\n"
            " && mkdir -p /srv/drop && chmod 0777 /srv/drop\n"
            "COPY deploy.pem /tmp/deploy.pem\n"
            "RUN rm /tmp/deploy.pem\n"));
        QString err;
        QVERIFY2(test::docker({"build", "-q", "--network", "none", "-t", m_image, ctx}, nullptr, &err,
                              300000) == 0,
                 qPrintable(err));
    }

    void cleanupTestCase() { test::docker({"rmi", "-f", m_image}); }

    void theBuiltImageShowsEveryPlantedProblem_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<QString>("pathInEvidence");
        QTest::addColumn<QString>("severity");
        QTest::newRow("the setuid copy of bash outside the bins is high") << "IMG-101"
                                                                          << "/opt/rootbash"
                                                                          << "high";
        QTest::newRow("the private key is found and its layer named") << "IMG-107"
                                                                      << "/root/.ssh/id_rsa"
                                                                      << "high";
        QTest::newRow("the compiler-like binary suggests a multi-stage build") << "IMG-106"
                                                                               << "/usr/local/bin/gcc"
                                                                               << "low";
        QTest::newRow("the .git directory is found with its size") << "IMG-110"
                                                                   << "/srv/app/.git"
                                                                   << "medium";
        QTest::newRow("the world-writable directory without sticky bit") << "IMG-111"
                                                                         << "/srv/drop"
                                                                         << "medium";
        QTest::newRow("the key deleted in a later layer is still reported") << "IMG-114"
                                                                            << "/tmp/deploy.pem"
                                                                            << "high";
        QTest::newRow("the shells of the Debian base") << "IMG-103"
                                                       << "/usr/bin/bash"
                                                       << "info";
        QTest::newRow("apt and dpkg") << "IMG-104"
                                      << "dpkg"
                                      << "low";
    }

    void theBuiltImageShowsEveryPlantedProblem()
    {
        QFETCH(QString, ruleId);
        QFETCH(QString, pathInEvidence);
        QFETCH(QString, severity);
        const auto findings = scanFindings(m_image);
        QVERIFY2(findings.contains(ruleId),
                 qPrintable(ruleId + " missing; got " + findings.uniqueKeys().join(',')));
        bool seen = false;
        for (const QJsonObject& f : findings.values(ruleId)) {
            if (f["evidence"].toString().contains(pathInEvidence)) {
                seen = true;
                QCOMPARE(f["severity"].toString(), severity);
                QVERIFY2(f["evidence"].toString().contains(QStringLiteral("layer")),
                         qPrintable(f["evidence"].toString()));
            }
        }
        QVERIFY2(seen, qPrintable(pathInEvidence + " not in the evidence of " + ruleId));
    }

    void theDebianBaseHasNoneOfThePlantedProblems()
    {
        const auto findings = scanFindings(kDebian);
        for (const char* id : {"IMG-106", "IMG-107", "IMG-110", "IMG-111", "IMG-114"}) {
            QVERIFY2(!findings.contains(QString::fromLatin1(id)), id);
        }
        QVERIFY(findings.contains(QStringLiteral("IMG-101"))); // passwd, su, mount … at low
        for (const QJsonObject& f : findings.values(QStringLiteral("IMG-101"))) {
            QVERIFY2(f["severity"].toString() == QStringLiteral("low") ||
                         f["severity"].toString() == QStringLiteral("medium"),
                     qPrintable(f["evidence"].toString()));
        }
    }

    void theKeyBytesAppearInNoOutputAndNotInTheDatabase()
    {
        const QString db = m_dir.filePath(QStringLiteral("history.db"));
        QStringList outputs;
        for (const QString& format : {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("sarif"),
                                      QStringLiteral("csv"), QStringLiteral("html")}) {
            QString out;
            QString err;
            const int code = test::drydock(QStringList{"scan", "--contents", "--image", m_image, "--format",
                                                       format, "--verbose", "--db", db} +
                                               hostArgs(),
                                           &out, &err);
            QVERIFY2(code == 0 || code == 1, qPrintable(err));
            outputs << out << err;
        }
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        outputs << QString::fromLatin1(file.readAll());
        for (const QString& line : std::as_const(m_keyLines)) {
            for (const QString& output : std::as_const(outputs)) {
                QVERIFY2(!output.contains(line.mid(10, 16)), "a piece of the private key reached an output");
            }
        }
        QVERIFY(outputs.first().contains(QStringLiteral("IMG-107")));
    }

    void packagesOfTheDebianImageAreListed()
    {
        QString out;
        QString err;
        QCOMPARE(
            test::drydock(QStringList{"inventory", "--packages", kDebian, "--format", "json"} + hostArgs(),
                          &out, &err),
            0);
        const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(doc["os"].toObject()["id"].toString(), QStringLiteral("debian"));
        QCOMPARE(doc["os"].toObject()["versionId"].toString(), QStringLiteral("12"));
        QSet<QString> names;
        for (const auto& p : doc["packages"].toArray()) {
            names.insert(p.toObject()["name"].toString());
        }
        QVERIFY2(names.size() > 50, qPrintable(QString::number(names.size())));
        for (const char* name : {"bash", "libc6", "dpkg", "apt", "coreutils", "login"}) {
            QVERIFY2(names.contains(QString::fromLatin1(name)), name);
        }
    }

    void osvAndImportedReportsMatchTheRealPackages()
    {
        QString out;
        QString err;
        QCOMPARE(
            test::drydock(QStringList{"inventory", "--packages", kDebian, "--format", "json", "--vuln-db",
                                      test::dataPath(QStringLiteral("osv/debian-all.zip")), "--import-trivy",
                                      test::dataPath(QStringLiteral("scanners/trivy-debian.json")),
                                      "--import-grype",
                                      test::dataPath(QStringLiteral("scanners/grype-debian.json"))} +
                              hostArgs(),
                          &out, &err),
            0);
        QSet<QString> ids;
        for (const auto& v : QJsonDocument::fromJson(out.toUtf8()).object()["vulnerabilities"].toArray()) {
            ids.insert(v.toObject()["id"].toString());
        }
        const QSet<QString> expected{"CVE-2099-0001", "CVE-2099-0002", "CVE-2099-0003", "CVE-2099-1001",
                                     "CVE-2099-1002", "CVE-2099-2001", "CVE-2099-2002"};
        QCOMPARE(ids, expected);
    }

    // The Debian image read with a 64 KiB file-index budget: the analysis stops, and the image gets IMG-115 and
    // no other content finding (a partial view would look clean).
    void anImageBeyondTheLimitsIsReportedAsTooLargeToAnalyse()
    {
        auto client = test::connectPrivateDaemon();
        QVERIFY(client);
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        const SystemClock clock;
        Scanner scanner(*client, catalogue, clock);
        ContentScanOptions options;
        options.enabled = true;
        options.images = {kDebian.toStdString()};
        options.limits.maxIndexBytes = 64 * 1024;
        scanner.setContentOptions(options);
        NullProgressSink progress;
        auto result = scanner.scan(ScanSettings{}, progress, CancelToken());
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        std::vector<const Finding*> contentFindings;
        for (const auto& f : result->findings.all()) {
            const int n = f.ruleId.rfind("IMG-1", 0) == 0 ? std::stoi(f.ruleId.substr(4)) : 0;
            if (n >= 101 && n <= 199 && f.object.type == ObjectType::Image) {
                contentFindings.push_back(&f);
            }
        }
        QCOMPARE(contentFindings.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(contentFindings[0]->ruleId), QStringLiteral("IMG-115"));
        QVERIFY2(contentFindings[0]->evidence.find("too large to analyse") != std::string::npos,
                 contentFindings[0]->evidence.c_str());
        QVERIFY(result->imageContents.empty());
    }

    void vulnerabilitiesBecomeFindingsInAScan()
    {
        QString out;
        QString err;
        const int code = test::drydock(QStringList{"scan", "--contents", "--image", kDebian, "--vuln-db",
                                                   test::dataPath(QStringLiteral("osv/debian")), "--format",
                                                   "json", "--no-history"} +
                                           hostArgs(),
                                       &out, &err);
        QVERIFY2(code == 0 || code == 1, qPrintable(err));
        int vulns = 0;
        for (const auto& f : QJsonDocument::fromJson(out.toUtf8()).object()["findings"].toArray()) {
            const QJsonObject o = f.toObject();
            if (o["ruleId"].toString() == QStringLiteral("IMG-113")) {
                ++vulns;
                if (o["evidence"].toString().startsWith(QStringLiteral("CVE-2099-0001"))) {
                    QCOMPARE(o["severity"].toString(), QStringLiteral("high"));
                    QVERIFY(o["evidence"].toString().contains(QStringLiteral("fixed in 2.36-9+deb12u9999")));
                }
            }
        }
        QCOMPARE(vulns, 3);
    }

    void sbomIsCycloneDx()
    {
        const QString path = m_dir.filePath(QStringLiteral("sbom.json"));
        QString err;
        QCOMPARE(test::drydock(QStringList{"inventory", "--sbom", kDebian, "--output", path} + hostArgs(),
                               nullptr, &err),
                 0);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject bom = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(bom["bomFormat"].toString(), QStringLiteral("CycloneDX"));
        QCOMPARE(bom["specVersion"].toString(), QStringLiteral("1.5"));
        QVERIFY(bom["components"].toArray().size() > 50);
    }

    void missingScannersAndBadInputsAreExplained()
    {
        QString out;
        QString err;
        // trivy and grype are not installed on the test machine: the packages are still listed, with a note.
        if (QStandardPaths::findExecutable(QStringLiteral("trivy")).isEmpty()) {
            QCOMPARE(
                test::drydock(QStringList{"inventory", "--packages", kDebian, "--run-trivy"} + hostArgs(),
                              &out, &err),
                0);
            QVERIFY2(out.contains(QStringLiteral("trivy is not installed")), qPrintable(out.right(500)));
        }
        QCOMPARE(test::drydock(QStringList{"scan", "--vuln-db", "x.zip", "--no-history"} + hostArgs(),
                               nullptr, &err),
                 2);
        QVERIFY(err.contains(QStringLiteral("need --contents")));
        QCOMPARE(test::drydock(
                     QStringList{"scan", "--contents", "--vuln-db", "/nonexistent/all.zip", "--no-history"} +
                         hostArgs(),
                     nullptr, &err),
                 4);
        QCOMPARE(test::drydock(QStringList{"inventory", "--packages", "no-such-image:404"} + hostArgs(),
                               nullptr, &err),
                 3);
        QVERIFY(err.startsWith(QStringLiteral("drydock: ")));
    }
};

QTEST_GUILESS_MAIN(TestContentsIntegration)
#include "TestContentsIntegration.moc"
