// ComposeOrigin: a running container that docker compose created is fixed in its compose file too, because
// the next `docker compose up` recreates it from the file.
#include "core/files/ComposeOrigin.h"

#include <QTest>

#include <map>

using namespace drydock;

namespace {

Container composeContainer(const std::string& files)
{
    Container c;
    c.id = "c0ffee";
    c.name = "/shop-web-1";
    c.config.labels = {{"com.docker.compose.project", "shop"},
                       {"com.docker.compose.service", "web"},
                       {"com.docker.compose.project.working_dir", "/srv/shop"},
                       {"com.docker.compose.project.config_files", files}};
    return c;
}

const char* kCompose = "# the shop\n"
                       "services:\n"
                       "  web:\n"
                       "    image: nginx:1.25   # pinned\n"
                       "    privileged: true\n"
                       "  db:\n"
                       "    image: postgres:16\n";

OriginFileReader readerOf(std::map<std::string, std::string> files)
{
    return [files = std::move(files)](const std::string& path) -> Result<std::string> {
        const auto it = files.find(path);
        if (it == files.end()) {
            return Error::make(ErrorCode::NotFound, "no such file");
        }
        return it->second;
    };
}

const std::vector<RunEdit> kEdits{{RunEdit::Op::RemoveFlag, "--privileged", ""},
                                  {RunEdit::Op::AddFlag, "--read-only", ""}};

} // namespace

class TestComposeOrigin : public QObject
{
    Q_OBJECT

private slots:
    void theLabelsSayWhereTheServiceIsWritten()
    {
        const auto origin =
            composeOriginOf(composeContainer("/srv/shop/compose.yaml, /srv/shop/compose.prod.yaml"));
        QVERIFY(origin);
        QCOMPARE(origin->project, std::string("shop"));
        QCOMPARE(origin->service, std::string("web"));
        QCOMPARE(origin->configFiles,
                 (std::vector<std::string>{"/srv/shop/compose.yaml", "/srv/shop/compose.prod.yaml"}));
        Container plain;
        QVERIFY(!composeOriginOf(plain));
    }

    void theServiceIsPatchedInItsFileAndOnlyThere()
    {
        const auto fix = composeFixForContainer(composeContainer("/srv/shop/compose.yaml"), kEdits,
                                                readerOf({{"/srv/shop/compose.yaml", kCompose}}));
        QVERIFY(fix);
        QCOMPARE(fix->file, std::string("/srv/shop/compose.yaml"));
        QVERIFY2(fix->diff.find("-    privileged: true\n") != std::string::npos, fix->diff.c_str());
        QVERIFY2(fix->diff.find("+    read_only: true\n") != std::string::npos, fix->diff.c_str());
        // Everything else stays: the comments, the pinned image line, the other service.
        QVERIFY(fix->fixedText.find("# the shop\n") == 0);
        QVERIFY(fix->fixedText.find("    image: nginx:1.25   # pinned\n") != std::string::npos);
        QVERIFY(fix->fixedText.find("  db:\n    image: postgres:16\n") != std::string::npos);
        QVERIFY(fix->notes.front().find("the next `docker compose up` recreates it") != std::string::npos);
    }

    void theDiffPeopleReadHidesTheServicesSecrets()
    {
        // `drydock harden` prints this diff and the GUI shows it: a password in the context lines, written
        // in any of YAML's forms, must not show.
        const char* compose = "services:\n"
                              "  web:\n"
                              "    image: nginx:1.25\n"
                              "    environment:\n"
                              "      \"DB_PASSWORD\": Sh0p-Db-Pw-77\n"
                              "      ? API_TOKEN\n"
                              "      : tok-4f9a8b7c6d5e\n"
                              "    privileged: true\n";
        const auto fix = composeFixForContainer(composeContainer("/srv/shop/compose.yaml"), kEdits,
                                                readerOf({{"/srv/shop/compose.yaml", compose}}));
        QVERIFY(fix);
        QVERIFY2(fix->diff.find("-    privileged: true\n") != std::string::npos, fix->diff.c_str());
        QVERIFY2(fix->diff.find("Sh0p-Db-Pw-77") == std::string::npos, fix->diff.c_str());
        QVERIFY2(fix->diff.find("tok-4f9a8b7c6d5e") == std::string::npos, fix->diff.c_str());
        QVERIFY2(fix->diff.find("\"DB_PASSWORD\": ******") != std::string::npos, fix->diff.c_str());
        // The file itself is patched with its real text: only what is shown is masked.
        QVERIFY(fix->fixedText.find("Sh0p-Db-Pw-77") != std::string::npos);
    }

    void anOverrideWithoutTheServiceIsPassedOver()
    {
        const auto fix = composeFixForContainer(
            composeContainer("/srv/shop/compose.override.yaml,/srv/shop/compose.yaml"), kEdits,
            readerOf({{"/srv/shop/compose.override.yaml", "services:\n  db:\n    restart: always\n"},
                      {"/srv/shop/compose.yaml", kCompose}}));
        QVERIFY(fix);
        QCOMPARE(fix->file, std::string("/srv/shop/compose.yaml"));
        QCOMPARE(fix->notes.size(), std::size_t(1)); // the compose-up warning; nothing about the override
    }

    void unreadableFilesAreNotesNotErrors()
    {
        const auto fix =
            composeFixForContainer(composeContainer("/remote/host/compose.yaml"), kEdits, readerOf({}));
        QVERIFY(fix);
        QVERIFY(fix->file.empty());
        QVERIFY(fix->diff.empty());
        QCOMPARE(fix->notes.size(), std::size_t(2));
        QVERIFY(fix->notes.back().find("Could not read /remote/host/compose.yaml here") != std::string::npos);
    }

    void aContainerNotFromComposeHasNoOrigin()
    {
        Container c;
        c.config.labels = {{"com.docker.compose.project", "shop"}}; // no service: not compose's own
        QVERIFY(!composeFixForContainer(c, kEdits, readerOf({})));
    }
};

QTEST_GUILESS_MAIN(TestComposeOrigin)
#include "TestComposeOrigin.moc"
