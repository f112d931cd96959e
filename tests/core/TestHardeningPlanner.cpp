#include "core/common/TarArchive.h"
#include "core/docker/DockerWriter.h"
#include "core/json/ModelParser.h"
#include "core/scan/HardeningPlanner.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace drydock;

namespace {

Container webapp()
{
    auto c = json::parseContainer(test::readData(QStringLiteral("api-1.41/container-webapp.json")));
    return c ? c.value() : Container{};
}

Finding finding(const Container& c, const std::string& rule, Area area, std::vector<RunEdit> edits,
                const std::string& discriminator = {})
{
    Finding f;
    f.ruleId = rule;
    f.area = area;
    f.object = {ObjectType::Container, c.id, c.name};
    f.title = rule + " title";
    f.evidence = rule + " evidence";
    f.remediation.edits = std::move(edits);
    f.discriminator = discriminator;
    return f;
}

const std::string kPasswd = "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001:app:/home/app:/bin/sh\n";

} // namespace

// The planner's defaults keep behaviour; the writer's allow-list keeps volumes safe.
class TestHardeningPlanner : public QObject
{
    Q_OBJECT

private slots:
    void rootBecomesTheImagesOwnUser()
    {
        Container c = webapp();
        c.config.user = "";
        const auto plan = HardeningPlanner().planContainer(
            c, nullptr,
            {finding(c, "CTR-001", Area::Container, {{RunEdit::Op::AddFlag, "--user", "10001:10001"}})}, {},
            kPasswd);
        const HardeningChange* user = plan.find("CTR-001");
        QVERIFY(user != nullptr);
        QCOMPARE(user->choice, ChangeChoice::Apply);
        QCOMPARE(user->edits.at(0).value, std::string("10001:10001"));
        QVERIFY(QString::fromStdString(user->title).contains(QStringLiteral("app")));
        QCOMPARE(plan.secretOwner(), std::make_pair(10001, 10001));
    }

    void withoutAUserInTheImageTheChangeDefaultsToSkip()
    {
        Container c = webapp();
        const auto plan = HardeningPlanner().planContainer(
            c, nullptr, {finding(c, "CTR-001", Area::Container, {})}, {}, "root:x:0:0:root:/root:/bin/sh\n");
        QCOMPARE(plan.find("CTR-001")->choice, ChangeChoice::Skip);
    }

    void writtenPathsBecomeTmpfsChanges_data()
    {
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QStringList>("tmpfsChanges");
        QTest::addColumn<bool>("readOnlyByDefault");
        QTest::newRow("writes to /tmp need no extra change (the read-only change brings /tmp)")
            << QStringList{"C /tmp", "/tmp/x"} << QStringList{} << true;
        QTest::newRow("a directory the container created gets its own tmpfs")
            << QStringList{"C /var", "C /var/cache", "/var/cache/app", "/var/cache/app/y"}
            << QStringList{"tmpfs:/var/cache/app"} << true;
        QTest::newRow("a file added to a directory of the image keeps that directory writable")
            << QStringList{"C /var", "/var/x"} << QStringList{"tmpfs:/var"} << true;
        QTest::newRow("writes inside a volume need nothing")
            << QStringList{"/data/x"} << QStringList{} << true;
        QTest::newRow("changed system files keep the root writable by default")
            << QStringList{"C /etc", "/etc/hosts.allow"} << QStringList{} << false;
    }

    void writtenPathsBecomeTmpfsChanges()
    {
        QFETCH(QStringList, paths);
        QFETCH(QStringList, tmpfsChanges);
        QFETCH(bool, readOnlyByDefault);
        Container c = webapp();
        std::vector<FileChange> changes;
        for (const auto& p : paths) {
            // "C /var" is a changed directory of the image, a bare path was added by the container.
            const bool changed = p.startsWith(QStringLiteral("C "));
            changes.push_back({(changed ? p.mid(2) : p).toStdString(), changed ? 0 : 1});
        }
        const auto plan = HardeningPlanner().planContainer(
            c, nullptr, {finding(c, "CTR-016", Area::Container, {{RunEdit::Op::AddFlag, "--read-only", ""}})},
            changes, kPasswd);
        QStringList actual;
        for (const auto& ch : plan.changes) {
            if (ch.id.rfind("tmpfs:", 0) == 0) {
                actual << QString::fromStdString(ch.id);
            }
        }
        QCOMPARE(actual, tmpfsChanges);
        QCOMPARE(plan.find("read-only")->choice == ChangeChoice::Apply, readOnlyByDefault);
    }

    void deliberateChangesDefaultToSkipAndLimitsToApply()
    {
        Container c = webapp();
        const auto plan = HardeningPlanner().planContainer(
            c, nullptr,
            {finding(c, "CTR-003", Area::Container, {{RunEdit::Op::RemoveValue, "--cap-add", "NET_ADMIN"}},
                     "NET_ADMIN"),
             finding(c, "RUN-006", Area::Runtime, {{RunEdit::Op::AddFlag, "--memory", "512m"}}),
             finding(c, "SEC-001", Area::Secrets, {{RunEdit::Op::ReplaceEnvSecret, "--env", "DB_PASSWORD"}},
                     "DB_PASSWORD"),
             finding(c, "NET-002", Area::Network, {{RunEdit::Op::AddFlag, "--network", "webapp-net"}})},
            {}, kPasswd);
        QCOMPARE(plan.find("CTR-003:NET_ADMIN")->choice, ChangeChoice::Skip);
        QCOMPARE(plan.find("RUN-006")->choice, ChangeChoice::Apply);
        QCOMPARE(plan.find("SEC-001:DB_PASSWORD")->choice, ChangeChoice::Skip);
        QVERIFY(!plan.find("NET-002")->automatic);
        // Ordered by the guide's areas: container, runtime, network, secrets.
        QCOMPARE(plan.changes.front().area, Area::Container);
        QCOMPARE(plan.changes.back().area, Area::Secrets);
        const auto preview = makePreview(plan);
        QVERIFY(QString::fromStdString(preview.diff).contains(QStringLiteral("+ --memory 512m")));
        QVERIFY(!QString::fromStdString(preview.diff).contains(QStringLiteral("hunter2")));
        QVERIFY(!QString::fromStdString(renderPlanScript(plan)).contains(QStringLiteral("hunter2")));
        QVERIFY(QString::fromStdString(renderPlanMarkdown(plan)).contains(QStringLiteral("| Runtime |")));
    }

    void theWriterAllowsOnlyItsOwnRequests_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("creating a named container") << "POST"
                                                    << "/v1.45/containers/create?name=web" << true;
        QTest::newRow("starting a container") << "POST"
                                              << "/v1.45/containers/abc/start" << true;
        QTest::newRow("renaming a container") << "POST"
                                              << "/v1.45/containers/abc/rename?name=web-b" << true;
        QTest::newRow("removing a container by force, volumes kept")
            << "DELETE"
            << "/v1.45/containers/abc?force=1" << true;
        QTest::newRow("removing a container with its volumes is refused")
            << "DELETE"
            << "/v1.45/containers/abc?force=1&v=1" << false;
        QTest::newRow("removing a container without force is refused") << "DELETE"
                                                                       << "/v1.45/containers/abc" << false;
        QTest::newRow("removing an image is refused") << "DELETE"
                                                      << "/v1.45/images/abc?force=1" << false;
        QTest::newRow("removing a volume is refused") << "DELETE"
                                                      << "/v1.45/volumes/data" << false;
        QTest::newRow("pruning is refused") << "POST"
                                            << "/v1.45/containers/prune" << false;
        QTest::newRow("exec is refused") << "POST"
                                         << "/v1.45/containers/abc/exec" << false;
        QTest::newRow("a path that climbs is refused") << "POST"
                                                       << "/v1.45/containers/../images/start" << false;
        QTest::newRow("putting an archive into a container")
            << "PUT"
            << "/v1.45/containers/abc/archive?path=%2F" << true;
    }

    void theWriterAllowsOnlyItsOwnRequests()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(bool, allowed);
        QCOMPARE(DockerWriter::isAllowed(method.toStdString(), path.toStdString()), allowed);
    }

    void aTarWrittenIsReadBack()
    {
        const std::string tar = makeTar({{"etc/", {}, 0755, 0, 0}, {"etc/passwd", kPasswd, 0644, 0, 0}});
        QCOMPARE(tar.size() % 512, std::size_t{0});
        QCOMPARE(readTarFile(tar, "passwd").value_or(""), kPasswd);
        QVERIFY(!readTarFile(tar.substr(0, 700), "passwd"));
        QVERIFY(!readTarFile("garbage", "passwd"));
    }
};

QTEST_GUILESS_MAIN(TestHardeningPlanner)
#include "TestHardeningPlanner.moc"
