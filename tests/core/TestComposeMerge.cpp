#include "core/files/compose/ComposeProject.h"

#include <QTest>

using namespace drydock;

namespace {

// A project from in-memory files; every path not listed is NotFound.
Result<ComposeProject> load(const std::map<std::string, std::string>& files, std::vector<std::string> order)
{
    ComposeLoadRequest request;
    request.files = std::move(order);
    request.projectDirectory = "app";
    request.readFile = [files](const std::string& path) -> Result<std::string> {
        const auto it = files.find(path);
        if (it == files.end()) {
            return Error::make(ErrorCode::NotFound, "no such file");
        }
        return it->second;
    };
    return loadComposeProject(request);
}

QStringList texts(const YamlNode* sequence)
{
    QStringList out;
    for (const auto& item : sequence ? sequence->items : std::vector<YamlNode>{}) {
        out << QString::fromStdString(item.isScalar() ? item.value : item.find("target")->text());
    }
    return out;
}

} // namespace

// Several -f files and extends, merged by the Compose Specification's rules, each value keeping its file.
class TestComposeMerge : public QObject
{
    Q_OBJECT

private slots:
    void mergesSeveralFiles();
    void resetAndOverrideTags();
    void extendsInTheSameFileAndAnother();
    void refusesBadExtends_data();
    void refusesBadExtends();
    void namesTheFileOfAnError();
    void includesOtherFiles();
    void refusesBadIncludes_data();
    void refusesBadIncludes();
};

void TestComposeMerge::mergesSeveralFiles()
{
    const auto project = load(
        {{"app/compose.yaml", "services:\n  web:\n    image: app:1\n    command: [\"serve\", \"--debug\"]\n"
                              "    ports: [\"8080:80\"]\n    dns: [1.1.1.1]\n"
                              "    volumes: [\"./data:/data\", \"logs:/logs\"]\n"
                              "    environment: [\"A=1\", \"B=2\"]\n    labels: {x: \"1\"}\n"
                              "    healthcheck:\n      test: [\"CMD\", \"a\"]\n      interval: 10s\n"},
         {"app/compose.prod.yaml", "services:\n  web:\n    image: app:2\n    command: serve\n"
                                   "    ports: [\"127.0.0.1:9090:90\"]\n    dns: [8.8.8.8]\n"
                                   "    volumes: [\"/srv/data:/data:ro\"]\n"
                                   "    environment:\n      B: \"3\"\n      C: \"4\"\n"
                                   "    healthcheck:\n      test: [\"CMD\", \"b\"]\n"
                                   "  worker:\n    image: w\n"}},
        {"app/compose.yaml", "app/compose.prod.yaml"});
    QVERIFY2(project.ok(), project.ok() ? "" : project.error().message.c_str());
    QCOMPARE(project->services.size(), std::size_t(2));
    const ComposeService& web = project->services[0];
    const YamlNode& d = web.definition;
    QCOMPARE(d.find("image")->text(), std::string("app:2"));
    QCOMPARE(d.find("image")->mark.file, 1); // the value says which file set it
    QVERIFY(d.find("command")->isScalar());  // replaced, not appended
    QCOMPARE(texts(d.find("ports")), (QStringList{"8080:80", "127.0.0.1:9090:90"}));
    QCOMPARE(texts(d.find("dns")), (QStringList{"1.1.1.1", "8.8.8.8"}));
    QCOMPARE(texts(d.find("volumes")), (QStringList{"/srv/data:/data:ro", "logs:/logs"})); // by target
    const YamlNode* env = d.find("environment");
    QCOMPARE(env->find("A")->text(), std::string("1"));
    QCOMPARE(env->find("B")->text(), std::string("3"));
    QCOMPARE(env->find("B")->mark.file, 1);
    QCOMPARE(env->find("A")->mark.file, 0);
    QCOMPARE(env->find("C")->text(), std::string("4"));
    QCOMPARE(texts(d.find("healthcheck")->find("test")), (QStringList{"CMD", "b"}));
    QCOMPARE(d.find("healthcheck")->find("interval")->text(), std::string("10s"));
    QCOMPARE(web.nameMark, (YamlMark{2, 3, 0})); // the service's key stays in the first file
    QCOMPARE(project->files.size(), std::size_t(2));
}

void TestComposeMerge::resetAndOverrideTags()
{
    const auto project =
        load({{"app/a.yaml",
               "services:\n  web:\n    image: x\n    ports: [\"80:80\"]\n    cap_add: [NET_ADMIN]\n"},
              {"app/b.yaml", "services:\n  web:\n    ports: !reset []\n    cap_add: !override [CHOWN]\n"}},
             {"app/a.yaml", "app/b.yaml"});
    QVERIFY(project.ok());
    const YamlNode& d = project->services[0].definition;
    QVERIFY(!d.find("ports"));
    QCOMPARE(texts(d.find("cap_add")), QStringList{"CHOWN"});
}

void TestComposeMerge::extendsInTheSameFileAndAnother()
{
    const auto project =
        load({{"app/compose.yaml",
               "services:\n  base:\n    image: b\n    read_only: true\n    cap_drop: [ALL]\n"
               "  web:\n    extends: base\n    image: web\n"
               "  remote:\n    extends:\n      file: common/services.yaml\n      service: hardened\n"},
              {"app/common/services.yaml", "services:\n  hardened:\n    extends: root\n    user: \"1000\"\n"
                                           "  root:\n    image: r\n    privileged: true\n"
                                           "    env_file: secrets.env\n"},
              {"app/common/secrets.env", "TOKEN=abc\n"}},
             {"app/compose.yaml"});
    QVERIFY2(project.ok(), project.ok() ? "" : project.error().message.c_str());
    const YamlNode& web = project->service("web")->definition;
    QCOMPARE(web.find("image")->text(), std::string("web"));
    QVERIFY(web.find("read_only")->isTrue());
    QVERIFY(!web.find("extends"));
    const ComposeService* remote = project->service("remote");
    QCOMPARE(remote->definition.find("user")->text(), std::string("1000"));
    QVERIFY(remote->definition.find("privileged")->isTrue());
    QCOMPARE(remote->definition.find("privileged")->mark.file, 1); // set in the extended file
    QCOMPARE(project->files.at(1).path, std::string("app/common/services.yaml"));
    QVERIFY(project->files.at(1).viaExtends);
    QCOMPARE(remote->envFiles.at(0).path, std::string("app/common/secrets.env")); // its file's folder
    QVERIFY(remote->envFiles.at(0).read);
}

void TestComposeMerge::refusesBadExtends_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a service extending itself")
        << "services:\n  a:\n    extends: a\n"
        << "extends goes round in a circle: app/c.yaml#a -> app/c.yaml#a";
    QTest::newRow("a cycle of three")
        << "services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n"
        << "app/c.yaml#a -> app/c.yaml#b -> app/c.yaml#c -> app/c.yaml#a";
    std::string chain = "services:\n";
    for (int i = 0; i < 20; ++i) {
        chain += "  s" + std::to_string(i) + ":\n    extends: s" + std::to_string(i + 1) + "\n";
    }
    chain += "  s20:\n    image: x\n";
    QTest::newRow("a chain longer than the limit")
        << QString::fromStdString(chain) << "chained more than 16 deep";
    QTest::newRow("an unknown base service") << "services:\n  a:\n    extends: nope\n"
                                             << "does not define";
    QTest::newRow("a missing extends file")
        << "services:\n  a:\n    extends:\n      file: gone.yaml\n      service: x\n"
        << "app/gone.yaml: no such file";
}

void TestComposeMerge::refusesBadExtends()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto project = load({{"app/c.yaml", text.toStdString()}}, {"app/c.yaml"});
    QVERIFY(!project.ok());
    QVERIFY2(QString::fromStdString(project.error().message).contains(expected),
             project.error().message.c_str());
}

void TestComposeMerge::namesTheFileOfAnError()
{
    const auto project = load({{"app/a.yaml", "services: {}\n"}, {"app/b.yaml", "services:\n  web: [\n"}},
                              {"app/a.yaml", "app/b.yaml"});
    QVERIFY(!project.ok());
    QVERIFY2(QString::fromStdString(project.error().message).startsWith("app/b.yaml: line "),
             project.error().message.c_str());
}

void TestComposeMerge::includesOtherFiles()
{
    const auto project = load({{"app/compose.yaml", "include:\n  - db/compose.yaml\n  - path: [cache.yaml]\n"
                                                    "services:\n  web:\n    image: web\n"},
                               {"app/db/compose.yaml", "services:\n  db:\n    image: postgres\n"
                                                       "    volumes: [\"./data:/var/lib/postgresql/data\"]\n"
                                                       "volumes:\n  unused: {}\n"},
                               {"app/cache.yaml", "services:\n  redis:\n    image: redis\n"}},
                              {"app/compose.yaml"});
    QVERIFY2(project.ok(), project.ok() ? "" : project.error().message.c_str());
    QStringList names;
    for (const auto& s : project->services) {
        names << QString::fromStdString(s.name);
    }
    QCOMPARE(names, (QStringList{"web", "db", "redis"}));
    const ComposeService* db = project->service("db");
    QCOMPARE(project->files.at(std::size_t(db->nameMark.file)).path, std::string("app/db/compose.yaml"));
    QCOMPARE(project->files.at(std::size_t(db->nameMark.file)).baseDirectory, std::string("app/db"));
    QVERIFY(project->volumes.find("unused"));
}

void TestComposeMerge::refusesBadIncludes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a file including itself") << "include: [c.yaml]\n"
                                             << "include goes round in a circle: app/c.yaml -> app/c.yaml";
    QTest::newRow("a service both included and defined")
        << "include: [other.yaml]\nservices:\n  a:\n    image: x\n"
        << "app/other.yaml: line 2, column 3: the service \"a\" is included and also defined in app/c.yaml";
}

void TestComposeMerge::refusesBadIncludes()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto project =
        load({{"app/c.yaml", text.toStdString()}, {"app/other.yaml", "services:\n  a:\n    image: y\n"}},
             {"app/c.yaml"});
    QVERIFY(!project.ok());
    QVERIFY2(QString::fromStdString(project.error().message).contains(expected),
             project.error().message.c_str());
}

QTEST_APPLESS_MAIN(TestComposeMerge)
#include "TestComposeMerge.moc"
