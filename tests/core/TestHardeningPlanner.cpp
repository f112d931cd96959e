#include "core/common/Strings.h"
#include "core/common/TarArchive.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/json/ModelParser.h"
#include "tests/support/SequentialTransport.h"
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

// A daemon for the writer's exec: answers create, exec create and exec start, and records what it was sent.
class ExecStubTransport final : public test::SequentialTransport
{
public:
    std::vector<HttpRequest> sent;

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        sent.push_back(request);
        HttpResponse r;
        r.status = 201;
        if (contains(request.path, "/containers/create?name=")) {
            r.body = R"({"Id":"c0ffee42","Warnings":[]})";
        } else if (endsWith(request.path, "/exec")) {
            r.body = R"({"Id":"e1"})";
        } else if (endsWith(request.path, "/exec/e1/start")) {
            r.status = 200;
            const std::string text = "  sl  local_address\n";
            r.body = std::string{1, 0, 0, 0, 0, 0, 0, static_cast<char>(text.size())} + text;
        } else {
            r.status = 204;
        }
        return r;
    }
};

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
        QTest::newRow("a file written into a directory the image has keeps only that deepest directory writable "
                      "(a tmpfs starts empty: on /var/cache it would hide the image's /var/cache/app)")
            << QStringList{"C /var", "C /var/cache", "C /var/cache/app", "/var/cache/app/state"}
            << QStringList{"tmpfs:/var/cache/app"} << true;
        QTest::newRow("writes below /tmp need nothing more: the read-only change's /tmp covers them")
            << QStringList{"C /tmp", "/tmp/work", "/tmp/work/x"} << QStringList{} << true;
        QTest::newRow("one tmpfs covers a directory beneath it")
            << QStringList{"C /var", "/var/app", "/var/app/x", "C /var/app-logs", "/var/app-logs/y"}
            << QStringList{"tmpfs:/var/app", "tmpfs:/var/app-logs"} << true;
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

    void layerWritesAreFoundPerDirectory_data()
    {
        QTest::addColumn<QStringList>("paths"); // "C " changed, "D " deleted, else added
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QStringList>("mounts");
        QTest::addColumn<QStringList>("written");
        QTest::newRow("a file the container wrote in a directory it created")
            << QStringList{"C /var", "C /var/cache", "/var/cache/app", "/var/cache/app/y"} << "/var/cache/app"
            << QStringList{} << QStringList{"/var/cache/app/y"};
        QTest::newRow("an empty directory it created holds nothing")
            << QStringList{"C /var", "/var/cache/app"} << "/var/cache/app" << QStringList{} << QStringList{};
        QTest::newRow("a changed file of the image counts")
            << QStringList{"C /var/lib", "C /var/lib/app.db"} << "/var/lib" << QStringList{}
            << QStringList{"/var/lib/app.db"};
        QTest::newRow("deleted files are not data") << QStringList{"C /var/cache/app", "D /var/cache/app/old"}
                                                    << "/var/cache/app" << QStringList{} << QStringList{};
        QTest::newRow("a sibling with a longer name is outside the directory")
            << QStringList{"/var/cache/app2", "/var/cache/app2/y"} << "/var/cache/app" << QStringList{}
            << QStringList{};
        QTest::newRow("a mount point and what a volume holds are not in the layer")
            << QStringList{"/data", "/srv", "/srv/x"} << "/" << QStringList{"/data", "/srv"} << QStringList{};
        QTest::newRow("under the root, everything written counts")
            << QStringList{"C /etc", "/etc/x", "C /tmp", "/tmp/y"} << "/" << QStringList{}
            << QStringList{"/etc/x", "/tmp/y"};
    }

    void layerWritesAreFoundPerDirectory()
    {
        QFETCH(QStringList, paths);
        QFETCH(QString, dir);
        QFETCH(QStringList, mounts);
        QFETCH(QStringList, written);
        std::vector<FileChange> changes;
        for (const auto& p : paths) {
            const int kind = p.startsWith(QStringLiteral("C "))   ? 0
                             : p.startsWith(QStringLiteral("D ")) ? 2
                                                                  : 1;
            changes.push_back({(kind == 1 ? p : p.mid(2)).toStdString(), kind});
        }
        StringList mountList;
        for (const auto& m : mounts) {
            mountList.push_back(m.toStdString());
        }
        QStringList actual;
        for (const auto& w : layerWritesUnder(changes, dir.toStdString(), mountList)) {
            actual << QString::fromStdString(w);
        }
        QCOMPARE(actual, written);
    }

    void thePlanSaysPerDirectoryWhatOnlyTheBackupWillHold()
    {
        Container c = webapp();
        const std::vector<FileChange> changes{
            {"/var", 0},     {"/var/cache", 0}, {"/var/cache/app", 1}, {"/var/cache/app/y", 1},
            {"/appdata", 1}, {"/tmp", 0},       {"/tmp/x", 1}};
        const auto plan = HardeningPlanner().planContainer(
            c, nullptr, {finding(c, "CTR-016", Area::Container, {{RunEdit::Op::AddFlag, "--read-only", ""}})},
            changes, kPasswd);
        const HardeningChange* app = plan.find("tmpfs:/var/cache/app");
        QVERIFY(app != nullptr);
        QCOMPARE(app->onlyInBackup, StringList{"/var/cache/app/y"});
        QVERIFY2(QString::fromStdString(app->risk).contains(QStringLiteral("(/var/cache/app/y)")),
                 app->risk.c_str());
        QVERIFY(QString::fromStdString(app->risk).contains(QStringLiteral("only in the backup")));
        // The read-only change brings the tmpfs on /tmp: what is there now stays behind too.
        QCOMPARE(plan.find("read-only")->onlyInBackup, StringList{"/tmp/x"});
        // A directory the container created but left empty holds nothing to lose.
        const HardeningChange* empty = plan.find("tmpfs:/appdata");
        QVERIFY(empty != nullptr);
        QVERIFY(empty->onlyInBackup.empty());
        QVERIFY(!QString::fromStdString(empty->risk).contains(QStringLiteral("only in the backup")));
        QVERIFY(QString::fromStdString(renderPlanText(plan)).contains(QStringLiteral("/var/cache/app/y")));
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

    // A container docker compose made: the plan also patches its service in the compose file, with the chosen
    // changes only, and says that `docker compose up` would undo a container-only fix.
    void aComposeContainerIsAlsoFixedInItsComposeFile()
    {
        Container c = webapp();
        c.config.labels["com.docker.compose.project"] = "shop";
        c.config.labels["com.docker.compose.service"] = "web";
        c.config.labels["com.docker.compose.project.config_files"] = "/srv/shop/compose.yaml";
        auto plan = HardeningPlanner().planContainer(
            c, nullptr,
            {finding(c, "RUN-006", Area::Runtime, {{RunEdit::Op::AddFlag, "--memory", "512m"}}),
             finding(c, "CTR-003", Area::Container, {{RunEdit::Op::RemoveValue, "--cap-add", "NET_ADMIN"}},
                     "NET_ADMIN")},
            {}, kPasswd);
        QVERIFY(plan.composeOrigin);
        const std::string compose = "services:\n  web:\n    image: shop/web:1.4  # ours\n    cap_add:\n"
                                    "      - NET_ADMIN\n";
        attachComposeFile(plan, [&](const std::string& path) -> Result<std::string> {
            if (path != "/srv/shop/compose.yaml") {
                return Error::make(ErrorCode::NotFound, "no");
            }
            return compose;
        });
        QVERIFY(plan.composeFile);
        const QString text = QString::fromStdString(renderPlanText(plan));
        QVERIFY2(text.contains(QStringLiteral("Compose file /srv/shop/compose.yaml")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("+    mem_limit: 512m")));
        QVERIFY(!text.contains(
            QStringLiteral("-      - NET_ADMIN"))); // skipped by default: not in the file's fix
        QVERIFY(text.contains(QStringLiteral("docker compose up")));
        QVERIFY(QString::fromStdString(renderPlanMarkdown(plan)).contains(QStringLiteral("## Compose file")));

        plan.find("CTR-003:NET_ADMIN")->choice = ChangeChoice::Apply;
        attachComposeFile(plan, composeFileReaderFor(false)); // a remote daemon: its files are not read here
        QVERIFY(plan.composeFile && plan.composeFile->diff.empty());
        QVERIFY(QString::fromStdString(renderPlanText(plan))
                    .contains(QStringLiteral("the daemon runs on another host")));
    }

    void theFirstPageSaysWhatAnAttackerCanDoWithThisObjectsFindings_data()
    {
        QTest::addColumn<bool>("socket");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("absent");
        QTest::newRow("a container with the Docker socket mounted says who controls the host first")
            << true
            << QStringLiteral("The Docker socket is mounted: anyone in this container controls every "
                              "container on the host. The process runs as root")
            << QString();
        QTest::newRow("a container without it speaks of root alone")
            << false << QStringLiteral("The process runs as root") << QStringLiteral("Docker socket");
    }
    void theFirstPageSaysWhatAnAttackerCanDoWithThisObjectsFindings()
    {
        QFETCH(bool, socket);
        QFETCH(QString, expected);
        QFETCH(QString, absent);
        Container c = webapp();
        Finding root =
            finding(c, "CTR-001", Area::Container, {{RunEdit::Op::AddFlag, "--user", "10001:10001"}});
        root.severity = Severity::High;
        std::vector<Finding> findings{root, root}; // one rule twice: its line is said once
        findings[1].discriminator = "again";
        if (socket) {
            Finding mount = finding(
                c, "CTR-013", Area::Container,
                {{RunEdit::Op::RemoveValue, "--volume", "/var/run/docker.sock:/var/run/docker.sock"}});
            mount.severity = Severity::Critical;
            findings.push_back(mount);
        }
        const auto plan = HardeningPlanner().planContainer(c, nullptr, findings, {}, kPasswd);
        QCOMPARE(plan.overview.size(), std::size_t{1});
        const QString today = QString::fromStdString(plan.overview.front().attackerToday);
        QVERIFY2(today.startsWith(expected), qPrintable(today));
        QCOMPARE(today.count(QStringLiteral("The process runs as root")), 1);
        if (!absent.isEmpty()) {
            QVERIFY(!today.contains(absent));
        }
        // The plan's text and markdown print the same lines.
        QVERIFY(QString::fromStdString(renderPlanText(plan)).contains(today.left(60)));
        QVERIFY(QString::fromStdString(renderPlanMarkdown(plan)).contains(QStringLiteral("runs as root")));
        QCOMPARE(QString::fromStdString(renderPlanMarkdown(plan))
                     .contains(QStringLiteral("Docker socket is mounted")),
                 socket);
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
        QTest::newRow("starting an exec is not in the general list either")
            << "POST"
            << "/v1.45/exec/abc/start" << false;
        QTest::newRow("a path that climbs is refused") << "POST"
                                                       << "/v1.45/containers/../images/start" << false;
        QTest::newRow("changing a container's restart policy (the body holds nothing else)")
            << "POST"
            << "/v1.45/containers/abc/update" << true;
        QTest::newRow("an update with a query is refused") << "POST"
                                                           << "/v1.45/containers/abc/update?x=1" << false;
        QTest::newRow("a GET is not a change the writer sends") << "GET"
                                                                << "/v1.45/containers/abc/update" << false;
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

    void anExecRunsOnlyInTrialContainersTheWriterCreated_data()
    {
        QTest::addColumn<QString>("createdAs"); // empty: the writer created nothing
        QTest::addColumn<bool>("removedFirst");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("a trial container the writer created gets the exec as exactly two requests")
            << "web-drydock-trial-20261207T102000-1" << false << true;
        QTest::newRow("a container the writer created under an ordinary name is refused")
            << "web" << false << false;
        QTest::newRow("a container the writer did not create is refused") << "" << false << false;
        QTest::newRow("a trial container the writer has removed is refused")
            << "web-drydock-trial-20261207T102000-2" << true << false;
    }

    void anExecRunsOnlyInTrialContainersTheWriterCreated()
    {
        QFETCH(QString, createdAs);
        QFETCH(bool, removedFirst);
        QFETCH(bool, allowed);
        ExecStubTransport daemon;
        std::vector<WriteRecord> records;
        DockerWriter writer(daemon, ApiVersion(1, 41), [&](const WriteRecord& r) { records.push_back(r); });
        if (!createdAs.isEmpty()) {
            QVERIFY(writer.createContainer(createdAs.toStdString(), "{}"));
        }
        if (removedFirst) {
            QVERIFY(writer.removeContainer("c0ffee42"));
        }
        const std::size_t before = daemon.sent.size();
        auto out = writer.execInTrial("c0ffee42", {"cat", "/proc/net/tcp"});
        QCOMPARE(bool(out), allowed);
        if (!allowed) {
            QCOMPARE(daemon.sent.size(), before); // refused before anything was sent
            QVERIFY(!records.empty());
            QVERIFY(contains(records.back().message, "nothing was sent"));
            return;
        }
        QCOMPARE(out.value(), std::string("  sl  local_address\n"));
        QCOMPARE(daemon.sent.size(), before + 2);
        const HttpRequest& exec = daemon.sent[before];
        QCOMPARE(exec.method, std::string("POST"));
        QCOMPARE(exec.path, std::string("/v1.41/containers/c0ffee42/exec"));
        QVERIFY(contains(exec.body, R"("Cmd":["cat","/proc/net/tcp"])"));
        QVERIFY(contains(exec.body, R"("Privileged":false)"));
        QVERIFY(contains(exec.body, R"("Tty":false)"));
        QVERIFY(!contains(exec.body, "User"));
        const HttpRequest& start = daemon.sent[before + 1];
        QCOMPARE(start.path, std::string("/v1.41/exec/e1/start"));
        QCOMPARE(start.body, std::string(R"({"Detach":false,"Tty":false})"));
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
