#include "core/common/Strings.h"
#include "core/files/compose/ComposeReview.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace drydock;

namespace {

const QString kCorpus = QStringLiteral("files/compose");

std::string readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll().toStdString();
}

// The lines of a sidecar file, without blank lines and # comments.
QStringList sidecar(const QString& path)
{
    QStringList out;
    for (const QString& line : QString::fromStdString(readText(path)).split('\n')) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith('#')) {
            out << t;
        }
    }
    return out;
}

// One corpus project: its -f files (the `files` sidecar, else its one compose file), its injected
// environment (the `environment` sidecar) and files read from its folder, with paths relative to it.
ComposeLoadRequest requestFor(const QString& folder)
{
    ComposeLoadRequest request;
    const QStringList listed = sidecar(folder + "/files");
    if (!listed.isEmpty()) {
        for (const QString& f : listed) {
            request.files.push_back(f.toStdString());
        }
    } else {
        for (const char* name :
             {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}) {
            if (QFile::exists(folder + "/" + name)) {
                request.files.push_back(name);
                break;
            }
        }
    }
    request.projectName = QFileInfo(folder).fileName().toStdString();
    for (const QString& line : sidecar(folder + "/environment")) {
        const auto eq = line.indexOf('=');
        request.environment[line.left(eq).toStdString()] = line.mid(eq + 1).toStdString();
    }
    request.readFile = [folder](const std::string& path) -> Result<std::string> {
        const QString full = folder + "/" + QString::fromStdString(path);
        if (!QFile::exists(full)) {
            return Error::make(ErrorCode::NotFound, path + " does not exist");
        }
        return readText(full);
    };
    return request;
}

// Everything of a review a person or a tool reads, for the check that no secret shows in clear.
std::string everythingShown(const std::vector<FileReview>& reviews)
{
    std::string all;
    for (const auto& review : reviews) {
        for (const auto& f : review.findings) {
            all += f.title + "\n" + f.evidence + "\n" + f.discriminator + "\n" + f.fix + "\n" +
                   f.remediation.runCommand + "\n" + f.remediation.compose + "\n";
            for (const auto& e : f.remediation.edits) {
                all += e.flag + " " + e.value + "\n";
            }
        }
        for (const auto& note : review.notes) {
            all += note + "\n";
        }
        if (review.error) {
            all += review.error->message + "\n";
        }
    }
    return all;
}

} // namespace

// The corpus of compose projects written after popular projects' published examples: every finding and its
// location compared exactly with the project's `expected` sidecar, and no secret of it shown in clear.
class TestComposeReview : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void findingsCarryComposeEvidenceAndObjects();
    void excludedRulesAreListedOnce();
    void hostileProjectsStayBounded();
};

void TestComposeReview::corpus_data()
{
    QTest::addColumn<QString>("folder");
    const QDir root(test::dataPath(kCorpus));
    const QStringList projects = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(projects.size() >= 8, "the compose corpus has at least 8 projects");
    for (const QString& project : projects) {
        QTest::newRow(qPrintable(project + " gives exactly its expected findings")) << root.filePath(project);
    }
}

void TestComposeReview::corpus()
{
    QFETCH(QString, folder);
    const auto project = loadComposeProject(requestFor(folder));
    QVERIFY2(project.ok(), project.ok() ? "" : project.error().message.c_str());
    const std::vector<FileReview> reviews = reviewCompose(*project);
    QCOMPARE(reviews.size(), project->files.size());
    QStringList actual;
    for (const auto& review : reviews) {
        QCOMPARE(review.originalText, readText(folder + "/" + QString::fromStdString(review.path)));
        QVERIFY(!review.fixedText);
        for (const auto& f : review.findings) {
            QVERIFY(f.location);
            QCOMPARE(f.location->file, review.path);
            actual << QString("%1:%2:%3 %4")
                          .arg(QString::fromStdString(review.path))
                          .arg(f.location->line)
                          .arg(f.location->column)
                          .arg(QString::fromStdString(f.ruleId));
        }
        for (const auto& note : review.notes) {
            actual << QString("note %1: %2")
                          .arg(QString::fromStdString(review.path), QString::fromStdString(note));
        }
    }
    const QStringList expected = sidecar(folder + "/expected");
    if (actual != expected) {
        qWarning("actual findings of %s:\n%s", qPrintable(folder), qPrintable(actual.join('\n')));
    }
    QCOMPARE(actual, expected);
    const std::string shown = everythingShown(reviews);
    for (const QString& secret : sidecar(folder + "/secrets")) {
        QVERIFY2(!contains(shown, secret.toStdString()), qPrintable("a secret shows in clear: " + secret));
    }
}

void TestComposeReview::findingsCarryComposeEvidenceAndObjects()
{
    ComposeLoadRequest request = requestFor(test::dataPath(kCorpus + "/ci-runner"));
    const auto project = loadComposeProject(request);
    QVERIFY(project.ok());
    const auto reviews = reviewCompose(*project);
    bool sawPrivileged = false;
    for (const auto& f : reviews.front().findings) {
        if (f.ruleId == "CTR-002") {
            sawPrivileged = true;
            QCOMPARE(f.object.type, ObjectType::Container);
            QCOMPARE(f.object.id, std::string("docker-compose.yml#dind"));
            QCOMPARE(f.object.name, std::string("dind"));
            QCOMPARE(f.evidence,
                     std::string("services.dind.privileged: true (HostConfig.Privileged = true)"));
            QVERIFY(std::find(f.remediation.edits.begin(), f.remediation.edits.end(),
                              RunEdit{RunEdit::Op::RemoveFlag, "--privileged", ""}) !=
                    f.remediation.edits.end());
        }
    }
    QVERIFY(sawPrivileged);
}

void TestComposeReview::excludedRulesAreListedOnce()
{
    std::set<std::string> ids;
    for (const auto& rule : composeExcludedRules()) {
        QVERIFY2(ids.insert(rule.ruleId).second, rule.ruleId);
        QVERIFY(std::string(rule.reason).size() > 10);
    }
    QVERIFY(ids.count("RUN-017")); // a crash loop needs a running container
}

void TestComposeReview::hostileProjectsStayBounded()
{
    // 2,000 published ports on one service and 1,200 services: each port would raise findings carrying the
    // whole rendered command, so the review stops at 512 entries per attribute and 1,000 services, and says
    // so.
    std::string text = "services:\n  web:\n    image: x\n    ports:\n";
    for (int i = 0; i < 2000; ++i) {
        text += "      - \"" + std::to_string(10000 + i) + ":80\"\n";
    }
    for (int i = 0; i < 1200; ++i) {
        text += "  s" + std::to_string(i) + ":\n    image: x\n";
    }
    ComposeLoadRequest request;
    request.files = {"compose.yaml"};
    request.readFile = [&text](const std::string& path) -> Result<std::string> {
        if (path != "compose.yaml") {
            return Error::make(ErrorCode::NotFound, "no such file");
        }
        return text;
    };
    const auto project = loadComposeProject(request);
    QVERIFY(project.ok());
    const auto reviews = reviewCompose(*project);
    QCOMPARE(reviews.size(), std::size_t(1));
    std::set<std::string> objects;
    int allInterfaces = 0;
    for (const auto& f : reviews.front().findings) {
        objects.insert(f.object.id);
        allInterfaces += f.ruleId == "NET-003" && f.object.name == "web";
    }
    QCOMPARE(objects.size(), std::size_t(1000));
    QCOMPARE(allInterfaces, 512);
    const std::vector<std::string> expectedNotes{
        "services.web.ports has 2000 entries; only the first 512 are reviewed.",
        "the project has 1201 services; only the first 1000 are reviewed."};
    QCOMPARE(reviews.front().notes, expectedNotes);
}

QTEST_APPLESS_MAIN(TestComposeReview)
#include "TestComposeReview.moc"
