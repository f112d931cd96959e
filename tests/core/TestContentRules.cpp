#include "core/rules/RuleCatalogue.h"
#include "core/rules/contents/ContentRuleSupport.h"

#include <QTest>

using namespace drydock;

namespace {

const char* kKeyBody = "MIIEowIBAAKCAQEAzVx8o0yS0s3cretKeyBytesThatMustNeverShow";

FileEntry file(std::uint32_t mode, int layer, std::int64_t size = 100, std::int64_t uid = 0)
{
    FileEntry e;
    e.mode = mode;
    e.layer = layer;
    e.size = size;
    e.uid = uid;
    return e;
}

FileEntry dir(std::uint32_t mode, int layer)
{
    FileEntry e = file(mode, layer, 0);
    e.type = FileEntry::Type::Directory;
    return e;
}

FileEntry link(const std::string& target)
{
    FileEntry e = file(0777, 0, 0);
    e.type = FileEntry::Type::Symlink;
    e.linkTarget = target;
    return e;
}

FileEntry withContent(FileEntry e, std::string content)
{
    e.content = std::move(content);
    return e;
}

struct Analysed
{
    Image image;
    ImageContents contents;
};

// A small image: Debian-like merged /usr with a few planted problems.
Analysed analysedImage()
{
    Image image;
    image.id = "sha256:abc";
    image.repoTags = {"app:1"};
    ImageContents c;
    c.imageId = image.id;
    c.layers = {{"l0/layer.tar", "sha256:0", "ADD rootfs.tar /", 1000, 10},
                {"l1/layer.tar", "sha256:1", "RUN apt-get install -y gcc", 1000, 10},
                {"l2/layer.tar", "sha256:2", "COPY . /app", 1000, 10}};
    c.files["bin"] = link("usr/bin");
    c.files["usr/bin/dash"] = file(0755, 0, 120000);
    c.files["usr/bin/sh"] = link("dash");
    c.files["usr/bin/passwd"] = file(04755, 0);
    c.files["usr/bin/gcc-12"] = file(0755, 1, 1200000);
    c.files["usr/bin/gcc"] = link("gcc-12");
    c.files["usr/bin/strace"] = file(0755, 1, 300000);
    c.files["usr/bin/curl"] = file(0755, 1);
    c.files["usr/bin/dpkg"] = file(0755, 0);
    c.files["app/sh"] = file(04755, 2);
    c.files["app/.git"] = dir(0755, 2);
    c.files["app/.git/HEAD"] = file(0644, 2, 21);
    c.files["app/.git/objects"] = dir(0755, 2);
    c.files["app/uploads"] = dir(0777, 2);
    c.files["tmp"] = dir(01777, 0);
    c.files["usr/local/bin/tool"] = file(0755, 2, 10, 1000);
    c.files["app/.env"] = withContent(file(0644, 2), "DB_PASSWORD=Hx9vQ2kLp7Zr4TsW\nDEBUG=1\n");
    c.files["app/.env.example"] = withContent(file(0644, 2), "DB_PASSWORD=changeme\n");
    c.files["root/.ssh/id_rsa"] =
        withContent(file(0600, 2), std::string("-----BEGIN RSA PRIVATE KEY-----\n") + kKeyBody +
                                       "\n-----END RSA PRIVATE KEY-----\n");
    c.files["etc/ssl/certs/ca.pem"] = withContent(file(0644, 0), "-----BEGIN CERTIFICATE-----\nMIIB\n");
    c.files["app/cert.pem"] = withContent(file(0644, 2), "-----BEGIN CERTIFICATE-----\nMIIB\n");
    c.files["root/.docker/config.json"] = withContent(
        file(0600, 2), "{\"auths\":{\"registry.example.com\":{\"auth\":\"dXNlcjpTM2NyZXRQYXNzd29yZA==\"}}}");
    c.files["home/app/.npmrc"] = withContent(file(0644, 2), "save-exact=true\n");
    c.removedFiles.push_back(
        {"tmp/id_ed25519",
         withContent(file(0600, 1), std::string("-----BEGIN OPENSSH PRIVATE KEY-----\n") + kKeyBody +
                                        "\n-----END OPENSSH PRIVATE KEY-----\n"),
         2});
    c.vulnerabilities.push_back(
        {"CVE-2099-0001", "glibc", "2.36-9", "2.36-9+deb12u3", "critical", 9.8, "", "test", "osv"});
    c.vulnerabilities.push_back({"CVE-2099-0002", "zlib", "1:1.2.13", "", "unknown", 0, "", "", "osv"});
    return {image, std::move(c)};
}

std::vector<Finding> evaluate(const Analysed& analysed, const std::string& ruleId,
                              const ScanSettings& settings = {})
{
    static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    std::vector<Finding> out;
    for (auto& f : evaluateContentRules(catalogue, settings, analysed.image, analysed.contents)) {
        if (f.ruleId == ruleId) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

} // namespace

// The content rules on a hand-made final file system: which files fire, at which severity, with the layer
// and size in the evidence, and secrets masked.
class TestContentRules : public QObject
{
    Q_OBJECT

private slots:
    void rulesFireOnThePlantedFiles_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<QString>("discriminatorOrEvidence");
        QTest::addColumn<QString>("severity");
        QTest::newRow("a setuid shell outside the bins is high") << "IMG-101"
                                                                 << "app/sh"
                                                                 << "high";
        QTest::newRow("passwd keeps its needed s-bit at low") << "IMG-101"
                                                              << "usr/bin/passwd"
                                                              << "low";
        QTest::newRow("shells are found through /bin -> usr/bin and sh -> dash") << "IMG-103"
                                                                                 << "/usr/bin/dash"
                                                                                 << "info";
        QTest::newRow("a package manager") << "IMG-104"
                                           << "dpkg"
                                           << "low";
        QTest::newRow("a download tool") << "IMG-105"
                                         << "curl"
                                         << "low";
        QTest::newRow("strace raises the build tools to medium") << "IMG-106"
                                                                 << "gcc"
                                                                 << "medium";
        QTest::newRow("the build tools name the layer that installed them") << "IMG-106"
                                                                            << "apt-get install -y gcc"
                                                                            << "medium";
        QTest::newRow("a PEM private key is high") << "IMG-107"
                                                   << "root/.ssh/id_rsa"
                                                   << "high";
        QTest::newRow("a docker login is high") << "IMG-108"
                                                << "root/.docker/config.json"
                                                << "high";
        QTest::newRow("a .env with a password is high") << "IMG-109"
                                                        << "app/.env"
                                                        << "high";
        QTest::newRow("a .git directory with its size") << "IMG-110"
                                                        << "app/.git"
                                                        << "medium";
        QTest::newRow("a world-writable directory without sticky bit") << "IMG-111"
                                                                       << "app/uploads"
                                                                       << "medium";
        QTest::newRow("system files owned by a non-root user") << "IMG-112"
                                                               << "/usr/local/bin/tool"
                                                               << "medium";
        QTest::newRow("a rated vulnerability keeps its rating") << "IMG-113"
                                                                << "CVE-2099-0001/glibc"
                                                                << "critical";
        QTest::newRow("an unrated vulnerability counts as medium") << "IMG-113"
                                                                   << "CVE-2099-0002/zlib"
                                                                   << "medium";
        QTest::newRow("a key deleted in a later layer") << "IMG-114"
                                                        << "tmp/id_ed25519"
                                                        << "high";
    }

    void rulesFireOnThePlantedFiles()
    {
        QFETCH(QString, ruleId);
        QFETCH(QString, discriminatorOrEvidence);
        QFETCH(QString, severity);
        const auto findings = evaluate(analysedImage(), ruleId.toStdString());
        bool seen = false;
        for (const auto& f : findings) {
            if (QString::fromStdString(f.discriminator) == discriminatorOrEvidence ||
                QString::fromStdString(f.evidence).contains(discriminatorOrEvidence)) {
                seen = true;
                QCOMPARE(QString::fromLatin1(toString(f.severity)), severity);
                QVERIFY2(f.evidence.find("layer") != std::string::npos || ruleId == "IMG-113",
                         f.evidence.c_str());
            }
        }
        QVERIFY2(seen, qPrintable(ruleId + " did not report " + discriminatorOrEvidence));
    }

    void harmlessLookalikesDoNotFire_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<QString>("path");
        QTest::newRow("a sticky /tmp is fine") << "IMG-111"
                                               << "tmp";
        QTest::newRow("a certificate in the trust store is not a key") << "IMG-107"
                                                                       << "etc/ssl/certs/ca.pem";
        QTest::newRow("a certificate named .pem is not a key") << "IMG-107"
                                                               << "app/cert.pem";
        QTest::newRow(".env.example is documentation") << "IMG-109"
                                                       << "app/.env.example";
        QTest::newRow("an .npmrc without a token") << "IMG-108"
                                                   << "home/app/.npmrc";
    }

    void harmlessLookalikesDoNotFire()
    {
        QFETCH(QString, ruleId);
        QFETCH(QString, path);
        for (const auto& f : evaluate(analysedImage(), ruleId.toStdString())) {
            QVERIFY2(QString::fromStdString(f.discriminator) != path, qPrintable(path));
        }
    }

    void secretsNeverAppearInEvidence()
    {
        for (const char* id : {"IMG-107", "IMG-108", "IMG-109", "IMG-114"}) {
            for (const auto& f : evaluate(analysedImage(), id)) {
                QVERIFY2(f.evidence.find("s3cretKeyBytes") == std::string::npos, f.evidence.c_str());
                QVERIFY2(f.evidence.find("Hx9vQ2kLp7Zr4TsW") == std::string::npos, f.evidence.c_str());
                QVERIFY2(f.evidence.find("dXNlcjpTM2NyZXRQYXNzd29yZA") == std::string::npos,
                         f.evidence.c_str());
            }
        }
    }

    void settingsApplyToContentRules()
    {
        ScanSettings settings;
        settings.disabledRules.insert("IMG-101");
        settings.severityOverrides["IMG-103"] = Severity::Low;
        QVERIFY(evaluate(analysedImage(), "IMG-101", settings).empty());
        const auto shells = evaluate(analysedImage(), "IMG-103", settings);
        QCOMPARE(int(shells.size()), 1);
        QCOMPARE(shells[0].severity, Severity::Low);
        settings.onlyAreas = {Area::Container};
        QVERIFY(evaluate(analysedImage(), "IMG-107", settings).empty());
    }

    // An image beyond the limits has no file view: IMG-115 says so, and no other rule reads the empty view
    // as a clean image or reports anything about it.
    void anImageTooLargeToAnalyseIsAFindingAndNothingElse()
    {
        const Image image = analysedImage().image;
        ImageContents unread;
        unread.imageId = image.id;
        unread.limitReached = "Image too large to analyse: the file index passed 256 MiB";
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        const auto found = evaluateContentRules(catalogue, ScanSettings{}, image, unread);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(found[0].ruleId), QStringLiteral("IMG-115"));
        QCOMPARE(found[0].severity, Severity::Medium);
        QVERIFY(found[0].evidence.find("256 MiB") != std::string::npos);
        QVERIFY(evaluate(analysedImage(), "IMG-115", ScanSettings{}).empty());
    }

    void everyContentRuleIsInTheCatalogue()
    {
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        for (int n = 101; n <= 115; ++n) {
            const Rule* rule = catalogue.find("IMG-" + std::to_string(n));
            QVERIFY(rule);
            QVERIFY(dynamic_cast<const ContentRule*>(rule));
            QVERIFY(!rule->info().fix.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestContentRules)
#include "TestContentRules.moc"
