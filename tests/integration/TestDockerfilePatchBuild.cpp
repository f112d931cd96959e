// Dockerfiles of the corpus whose RUN lines work offline in BusyBox are built for real with the classic
// builder on the private daemon, before and after their patch: both build, the image rules give the built
// image the same rule ids the file review gave the file (the Dockerfile-only DKF checks aside), and the
// patched image has none of the findings the patch claims to fix. (There is no registry: the base names the
// files use are tags of the imported BusyBox image. The other corpus files need packages from the network and
// are only re-checked, by TestDockerfileReview.)
#include "core/common/Strings.h"
#include "core/files/dockerfile/DockerfileReview.h"
#include "core/scan/RuleEngine.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace drydock;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");
const QString kBase = QStringLiteral("registry.example.com/platform/runtime-base:3.2");

// The rule ids of the final image's findings (object name = the path; build stages are "path:stage").
std::set<std::string> fileRuleIds(const FileReview& review)
{
    std::set<std::string> ids;
    for (const auto& f : review.findings) {
        if (!startsWith(f.ruleId, "DKF-") && f.object.name == review.path) {
            ids.insert(f.ruleId);
        }
    }
    return ids;
}

QString joined(const std::set<std::string>& ids)
{
    return QString::fromStdString(join(std::vector<std::string>(ids.begin(), ids.end()), ","));
}

} // namespace

// Builds patched corpus Dockerfiles with the legacy builder and scans the images they give.
class TestDockerfilePatchBuild : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QStringList m_images;

    // Builds `text` with the context files; returns the image's rule ids as a scan gives them.
    std::set<std::string> buildAndScan(const QString& tag, const std::string& text,
                                       const QMap<QString, QByteArray>& context, Image* built)
    {
        QTemporaryDir dir;
        [&] { QVERIFY(dir.isValid()); }();
        for (auto it = context.begin(); it != context.end(); ++it) {
            const QString path = dir.filePath(it.key());
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            [&] { QVERIFY(file.open(QIODevice::WriteOnly)); }();
            file.write(it.value());
        }
        QFile dockerfile(dir.filePath(QStringLiteral("Dockerfile")));
        [&] { QVERIFY(dockerfile.open(QIODevice::WriteOnly)); }();
        dockerfile.write(text.data(), static_cast<qint64>(text.size()));
        dockerfile.close();
        QString out;
        QString err;
        const int rc =
            test::docker({QStringLiteral("build"), QStringLiteral("-t"), tag, dir.path()}, &out, &err);
        m_images << tag;
        [&] { QVERIFY2(rc == 0, qPrintable(out + err)); }();
        auto images = m_client->inspectImages({tag.toStdString()});
        if (images.size() != 1 || !images.front()) {
            return {};
        }
        *built = images.front().value();
        // The rules a file review runs on its final stage: the image rules, artefact-only ones left out.
        ScanSettings settings;
        settings.onlyAreas = {Area::Image, Area::Secrets};
        for (const auto& id : artefactOnlyImageRules()) {
            settings.disabledRules.insert(id);
        }
        Inventory inventory;
        inventory.images.push_back(*built);
        std::set<std::string> ids;
        for (const auto& f :
             RuleEngine(m_catalogue).evaluateObject(inventory, settings, 0, ObjectType::Image, built->id)) {
            ids.insert(f.ruleId);
        }
        return ids;
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY2(m_client, "the private dockerd is not running: run the integration tests through ctest");
        QCOMPARE(test::docker({QStringLiteral("tag"), kBusybox, kBase}), 0);
    }

    void cleanupTestCase()
    {
        for (const auto& image : m_images) {
            test::docker({QStringLiteral("rmi"), QStringLiteral("-f"), image});
        }
        test::docker({QStringLiteral("rmi"), kBase});
    }

    void patchedDockerfileBuildsAndLosesItsFindings_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("contextFiles");
        QTest::newRow("the static site with a secret ENV, a global ARG secret and ADD builds patched")
            << QStringLiteral("static-site.Dockerfile") << QStringList{QStringLiteral("site/index.html")};
        QTest::newRow("the CRLF service without a final newline builds patched")
            << QStringLiteral("crlf-service.Dockerfile") << QStringList{QStringLiteral("config.txt")};
        QTest::newRow("the two-stage build with a curl-pipe in its build stage and USER root builds patched")
            << QStringLiteral("multistage-busybox.Dockerfile") << QStringList{};
    }

    void patchedDockerfileBuildsAndLosesItsFindings()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, contextFiles);
        QMap<QString, QByteArray> context;
        for (const auto& file : contextFiles) {
            context.insert(file, QByteArrayLiteral("<p>hello</p>\n"));
        }
        const std::string text = test::readData(QStringLiteral("files/dockerfile/") + name);
        const FileReview review = reviewDockerfile(name.toStdString(), text);
        QVERIFY2(!review.error, review.error ? review.error->message.c_str() : "");
        QVERIFY(review.fixedText);

        Image original;
        const auto originalIds =
            buildAndScan(test::uniqueName(QStringLiteral("dkf-orig")), text, context, &original);
        QCOMPARE(joined(originalIds), joined(fileRuleIds(review)));

        Image patched;
        const auto patchedIds =
            buildAndScan(test::uniqueName(QStringLiteral("dkf-fixed")), *review.fixedText, context, &patched);
        const FileReview again = reviewDockerfile(name.toStdString(), *review.fixedText);
        QCOMPARE(joined(patchedIds), joined(fileRuleIds(again)));
        for (const auto& rule : review.fixedRuleIds) {
            QVERIFY2(!patchedIds.count(rule), rule.c_str());
        }
        if (std::find(review.fixedRuleIds.begin(), review.fixedRuleIds.end(), "IMG-001") !=
            review.fixedRuleIds.end()) {
            QCOMPARE(QString::fromStdString(patched.config.user), QStringLiteral("10001:10001"));
        }
        for (const auto& entry : patched.config.env) {
            QVERIFY2(!startsWith(entry, "API_KEY=") && !startsWith(entry, "DB_PASSWORD="),
                     "the secret ENV is gone from the built image");
        }
    }
};

QTEST_GUILESS_MAIN(TestDockerfilePatchBuild)
#include "TestDockerfilePatchBuild.moc"
