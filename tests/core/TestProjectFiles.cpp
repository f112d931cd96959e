// ProjectFiles: which files `drydock check` reviews and how compose files are grouped into projects.
#include "core/files/ProjectFiles.h"
#include "core/files/ProjectReview.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>

using namespace drydock;

namespace {

void touch(const QTemporaryDir& dir, const QString& rel, const QByteArray& text = "x\n")
{
    const QString path = dir.filePath(rel);
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QStringList groupsOf(const ProjectFileSet& set)
{
    QStringList out;
    for (const auto& g : set.composeGroups) {
        QStringList files;
        for (const auto& f : g.files) {
            files << QString::fromStdString(f);
        }
        out << files.join('+') + (g.reportBaseFindings ? "" : " (overlay)");
    }
    return out;
}

QStringList dockerfilesOf(const ProjectFileSet& set)
{
    QStringList out;
    for (const auto& f : set.dockerfiles) {
        out << QString::fromStdString(f);
    }
    return out;
}

} // namespace

class TestProjectFiles : public QObject
{
    Q_OBJECT

private slots:
    void kindOfName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::newRow("compose.yaml is compose") << "compose.yaml" << "compose";
        QTest::newRow("docker-compose.yml is compose") << "docker-compose.yml" << "compose";
        QTest::newRow("docker-compose.prod.yml is compose") << "docker-compose.prod.yml" << "compose";
        QTest::newRow("any YAML is not compose") << "values.yaml" << "";
        QTest::newRow("Dockerfile is a Dockerfile") << "Dockerfile" << "dockerfile";
        QTest::newRow("Dockerfile.dev is a Dockerfile") << "Dockerfile.dev" << "dockerfile";
        QTest::newRow("api.Dockerfile is a Dockerfile") << "api.Dockerfile" << "dockerfile";
        QTest::newRow("lower case dockerfile counts") << "dockerfile" << "dockerfile";
        QTest::newRow("a Dockerfile lookalike is not") << "Dockerfiles.md" << "";
        // After `drydock check --fix` over docker/awesome-compose, the next check reviewed 28
        // Dockerfile.drydock-backup files as Dockerfiles (102 files instead of 74).
        QTest::newRow("the backup --fix keeps of a Dockerfile is not one")
            << "Dockerfile.drydock-backup" << "";
        QTest::newRow("a numbered backup is not one either") << "api.Dockerfile.drydock-backup.2" << "";
        QTest::newRow("a compose backup is not compose") << "docker-compose.yml.drydock-backup" << "";
        QTest::newRow("the ignore file BuildKit reads beside a Dockerfile is not one")
            << "Dockerfile.dockerignore" << "";
        QTest::newRow("what patch and editors leave behind is not one") << "Dockerfile.orig" << "";
        QTest::newRow("a rejected hunk is not one") << "Dockerfile.rej" << "";
        QTest::newRow("an editor backup is not one") << "Dockerfile~" << "";
    }
    void kindOfName()
    {
        QFETCH(QString, name);
        QFETCH(QString, kind);
        const auto k = reviewedKindOfName(name.toStdString());
        QCOMPARE(k ? QString(toString(*k)) : QString(), kind);
    }

    void groupsFollowComposeDefaults()
    {
        QTemporaryDir dir;
        touch(dir, "compose.yaml");
        touch(dir, "compose.override.yaml");
        touch(dir, "docker-compose.prod.yml");
        touch(dir, "svc/Dockerfile");
        touch(dir, "svc/docker-compose.yml");
        DiscoveryOptions options;
        options.paths = {dir.path().toStdString()};
        const auto set = discoverProjectFiles(options);
        QVERIFY(set.ok());
        const QString root = dir.path();
        QCOMPARE(groupsOf(*set), QStringList({root + "/compose.yaml+" + root + "/compose.override.yaml",
                                              root + "/compose.yaml+" + root + "/docker-compose.prod.yml (overlay)",
                                              root + "/svc/docker-compose.yml"}));
        QCOMPARE(dockerfilesOf(*set), QStringList({root + "/svc/Dockerfile"}));
    }

    void pathsAreAsTheUserNamedThem()
    {
        QTemporaryDir dir;
        touch(dir, "app/Dockerfile");
        const auto cwd = std::filesystem::current_path();
        std::filesystem::current_path(dir.path().toStdString());
        DiscoveryOptions options;
        options.paths = {"."};
        const auto set = discoverProjectFiles(options);
        std::filesystem::current_path(cwd);
        QVERIFY(set.ok());
        QCOMPARE(dockerfilesOf(*set), QStringList({"app/Dockerfile"}));
    }

    void gitignoreAndExcludesAreHonoured()
    {
        QTemporaryDir dir;
        touch(dir, ".gitignore", "node_modules/\n/dist\n");
        touch(dir, "node_modules/pkg/Dockerfile");
        touch(dir, "dist/compose.yaml");
        touch(dir, "tests/fixtures/.gitignore", "*.yml\n");
        touch(dir, "tests/fixtures/docker-compose.yml");
        touch(dir, "examples/Dockerfile");
        touch(dir, ".git/Dockerfile");
        touch(dir, "app/Dockerfile");
        DiscoveryOptions options;
        options.paths = {dir.path().toStdString()};
        options.excludes = {"examples/"};
        auto set = discoverProjectFiles(options);
        QVERIFY(set.ok());
        QCOMPARE(dockerfilesOf(*set), QStringList({dir.path() + "/app/Dockerfile"}));
        QVERIFY(set->composeGroups.empty());

        options.honourGitignore = false;
        options.excludes.clear();
        set = discoverProjectFiles(options);
        QCOMPARE(set->dockerfiles.size(), std::size_t(3)); // never .git
        QCOMPARE(set->composeGroups.size(), std::size_t(2));
    }

    void symbolicLinksToFoldersAreNotFollowed()
    {
        QTemporaryDir dir;
        touch(dir, "a/Dockerfile");
        std::filesystem::create_directory_symlink(dir.path().toStdString(), dir.filePath("a/loop").toStdString());
        DiscoveryOptions options;
        options.paths = {dir.path().toStdString()};
        const auto set = discoverProjectFiles(options);
        QVERIFY(set.ok());
        QCOMPARE(dockerfilesOf(*set), QStringList({dir.path() + "/a/Dockerfile"}));
    }

    void aHugeTreeStopsWithANote()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 50; ++i) {
            touch(dir, QString("d%1/Dockerfile").arg(i));
        }
        DiscoveryOptions options;
        options.paths = {dir.path().toStdString()};
        options.maxFiles = 20;
        const auto set = discoverProjectFiles(options);
        QVERIFY(set.ok());
        QVERIFY(set->dockerfiles.size() < 20);
        QCOMPARE(set->notes.size(), std::size_t(1));
        QVERIFY(set->notes.front().find("stopped looking after 20") != std::string::npos);
    }

    void filesNamedOnTheCommandLineAreTakenAsNamed()
    {
        QTemporaryDir dir;
        touch(dir, "deploy/stack.yml");
        touch(dir, "build/Containerfile");
        DiscoveryOptions options;
        options.paths = {dir.filePath("deploy/stack.yml").toStdString(), dir.filePath("build/Containerfile").toStdString()};
        const auto set = discoverProjectFiles(options);
        QVERIFY(set.ok());
        QCOMPARE(groupsOf(*set), QStringList({dir.filePath("deploy/stack.yml")}));
        QCOMPARE(dockerfilesOf(*set), QStringList({dir.filePath("build/Containerfile")}));
    }

    void composeFilesGivenWithFAreOneProject()
    {
        QTemporaryDir dir;
        touch(dir, "base.yml");
        touch(dir, "prod.yml");
        DiscoveryOptions options;
        options.composeFiles = {dir.filePath("base.yml").toStdString(), dir.filePath("prod.yml").toStdString()};
        const auto set = discoverProjectFiles(options);
        QVERIFY(set.ok());
        QCOMPARE(groupsOf(*set), QStringList({dir.filePath("base.yml") + "+" + dir.filePath("prod.yml")}));
    }

    // The findings of a service defined through `extends: file:` sit in the other file, where the service has
    // another name: the note said "no automatic fix (The compose file has no service named "web")".
    void findingsFromAnExtendedFileSayWhereToFixThem()
    {
        QTemporaryDir dir;
        touch(dir, "base.yml", "services:\n  base:\n    image: python:3.12-slim\n    privileged: true\n");
        touch(dir, "compose.yaml",
              "services:\n  web:\n    extends:\n      file: base.yml\n      service: base\n    ports:\n"
              "      - \"8000:8000\"\n");
        ProjectReviewOptions options;
        options.discovery.paths = {dir.path().toStdString()};
        const auto review = reviewProject(options);
        QVERIFY(review.ok());
        bool sawBase = false;
        for (const auto& file : review->files) {
            const std::string notes = [&file] {
                std::string all;
                for (const auto& n : file.notes) {
                    all += n + "\n";
                }
                return all;
            }();
            QVERIFY2(notes.find("no automatic fix") == std::string::npos, notes.c_str());
            if (file.path.ends_with("base.yml")) {
                sawBase = true;
                QVERIFY(std::any_of(file.findings.begin(), file.findings.end(),
                                    [](const Finding& f) { return f.ruleId == "CTR-002"; }));
                QVERIFY2(notes.find("through extends: is not patched") != std::string::npos, notes.c_str());
                QVERIFY(!file.fixedText);
            }
        }
        QVERIFY(sawBase);
    }

    // `COPY . .` beside a .env that only .gitignore lists: the check reads the build context.
    void aCopiedContextsEnvFileIsFound()
    {
        QTemporaryDir dir;
        touch(dir, "app/Dockerfile", "FROM node:20.10-slim\nCOPY . .\nUSER node\nHEALTHCHECK NONE\n");
        touch(dir, "app/.env", "DB_PASSWORD=Zx8qPl2mVn5rTs9w\n");
        touch(dir, "app/.gitignore", ".env\n");
        ProjectReviewOptions options;
        options.discovery.paths = {dir.path().toStdString()};
        const auto review = reviewProject(options);
        QVERIFY(review.ok());
        QCOMPARE(review->files.size(), std::size_t(1));
        const auto& findings = review->files[0].findings;
        QVERIFY(std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
            return f.ruleId == "DKF-001" && f.location->line == 2 && f.discriminator == ".env";
        }));
        touch(dir, "app/.dockerignore", ".env\n");
        const auto ignored = reviewProject(options);
        QVERIFY(ignored.ok());
        for (const auto& f : ignored->files[0].findings) {
            QVERIFY(f.ruleId != "DKF-001");
        }
    }

    void aMissingPathIsAnError()
    {
        DiscoveryOptions options;
        options.paths = {"/nonexistent/drydock-check"};
        const auto set = discoverProjectFiles(options);
        QVERIFY(!set.ok());
        QVERIFY(set.error().message.find("/nonexistent/drydock-check does not exist") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestProjectFiles)
#include "TestProjectFiles.moc"
