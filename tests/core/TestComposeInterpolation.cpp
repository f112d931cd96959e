#include "core/files/compose/ComposeInterpolation.h"
#include "core/files/compose/ComposeProject.h"

#include <QTest>

using namespace drydock;

namespace {

const std::map<std::string, std::string> kVariables{{"TAG", "1.25"}, {"EMPTY", ""}, {"USER_ID", "1000"}};

VariableLookup lookupIn(const std::map<std::string, std::string>& variables)
{
    return [&variables](const std::string& name) -> std::optional<std::string> {
        const auto it = variables.find(name);
        return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

} // namespace

// Compose's interpolation of values and its .env format, as the Compose Specification describes them.
class TestComposeInterpolation : public QObject
{
    Q_OBJECT

private slots:
    void expands_data();
    void expands();
    void refuses_data();
    void refuses();
    void parsesEnvFiles();
    void envFileRejectsGarbage();
    void projectReadsDotEnvAndNotesUnsetVariables();
};

void TestComposeInterpolation::expands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("unset");
    QTest::newRow("a plain $VAR") << "nginx:$TAG"
                                  << "nginx:1.25"
                                  << "";
    QTest::newRow("a braced ${VAR}") << "nginx:${TAG}-alpine"
                                     << "nginx:1.25-alpine"
                                     << "";
    QTest::newRow("an unset variable reads as empty and is named") << "pw=${DB_PASSWORD}"
                                                                   << "pw="
                                                                   << "DB_PASSWORD";
    QTest::newRow(":- gives the default for unset") << "${NOPE:-latest}"
                                                    << "latest"
                                                    << "";
    QTest::newRow(":- gives the default for empty") << "${EMPTY:-x}"
                                                    << "x"
                                                    << "";
    QTest::newRow("- keeps an empty value") << "${EMPTY-x}"
                                            << ""
                                            << "";
    QTest::newRow("- gives the default for unset") << "${NOPE-x}"
                                                   << "x"
                                                   << "";
    QTest::newRow(":+ replaces a set value") << "${TAG:+set}"
                                             << "set"
                                             << "";
    QTest::newRow(":+ gives nothing for empty") << "${EMPTY:+set}"
                                                << ""
                                                << "";
    QTest::newRow("+ replaces an empty but set value") << "${EMPTY+set}"
                                                       << "set"
                                                       << "";
    QTest::newRow("?  passes a set value") << "${USER_ID?need it}"
                                           << "1000"
                                           << "";
    QTest::newRow("$$ is a literal dollar") << "echo $$HOME"
                                            << "echo $HOME"
                                            << "";
    QTest::newRow("a default may hold a variable") << "${NOPE:-${TAG}}"
                                                   << "1.25"
                                                   << "";
    QTest::newRow("a lone dollar stays") << "cost: 5$ or $ 3"
                                         << "cost: 5$ or $ 3"
                                         << "";
    QTest::newRow("an unset variable used twice is named once") << "$A-$A"
                                                                << "-"
                                                                << "A";
}

void TestComposeInterpolation::expands()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, unset);
    const auto out = interpolate(text.toStdString(), lookupIn(kVariables));
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(QString::fromStdString(out->text), expected);
    QStringList names;
    for (const auto& n : out->unset) {
        names << QString::fromStdString(n);
    }
    QCOMPARE(names.join(','), unset);
}

void TestComposeInterpolation::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow(":? stops on an unset variable with its message")
        << "${DB_PASSWORD:?set the database password}"
        << "required variable DB_PASSWORD is missing a value: set the database password";
    QTest::newRow(":? stops on an empty variable") << "${EMPTY:?}"
                                                   << "required variable EMPTY";
    QTest::newRow("? stops only on unset") << "${NOPE?}"
                                           << "required variable NOPE";
    QTest::newRow("an unclosed brace") << "${TAG"
                                       << "without a closing }";
    QTest::newRow("a brace naming no variable") << "${1abc}"
                                                << "names no variable";
    QTest::newRow("a colon with no operator (found by fuzzing)") << "${IMAGE:}"
                                                                 << "no interpolation Compose knows";
    QTest::newRow("an unknown operator") << "${TAG/x/y}"
                                         << "no interpolation Compose knows";
}

void TestComposeInterpolation::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto out = interpolate(text.toStdString(), lookupIn(kVariables));
    QVERIFY(!out.ok());
    QVERIFY2(QString::fromStdString(out.error().message).contains(expected), out.error().message.c_str());
}

void TestComposeInterpolation::parsesEnvFiles()
{
    const std::string text = "# comment\n"
                             "export TAG=2.0\n"
                             "PLAIN=value # trailing comment\n"
                             "SINGLE='literal $TAG # not a comment'\n"
                             "DOUBLE=\"line1\\nline2 $TAG\"\n"
                             "MULTI=\"first\nsecond\"\n"
                             "BARE\n"
                             "EMPTY=\n";
    const auto entries = parseEnvFile(text, lookupIn(kVariables));
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), std::size_t(7));
    QCOMPARE((*entries)[0].name, std::string("TAG"));
    QCOMPARE(*(*entries)[1].value, std::string("value"));
    QCOMPARE(*(*entries)[2].value, std::string("literal $TAG # not a comment"));
    QCOMPARE(*(*entries)[3].value, std::string("line1\nline2 2.0")); // the file's own TAG comes first
    QCOMPARE(*(*entries)[4].value, std::string("first\nsecond"));
    QCOMPARE((*entries)[5].line, 8);
    QVERIFY(!(*entries)[5].value);
    QCOMPARE(*(*entries)[6].value, std::string());
}

void TestComposeInterpolation::envFileRejectsGarbage()
{
    const auto entries = parseEnvFile("A=1\nthis is not an assignment\n", {});
    QVERIFY(!entries.ok());
    QVERIFY(QString::fromStdString(entries.error().message).startsWith("line 2"));
}

void TestComposeInterpolation::projectReadsDotEnvAndNotesUnsetVariables()
{
    const std::map<std::string, std::string> files{
        {"proj/compose.yaml", "services:\n  db:\n    image: postgres:${PG_VERSION}\n"
                              "    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n"
                              "      POSTGRES_USER: ${PGUSER:-app}\n"},
        {"proj/.env", "PG_VERSION=15\nPGUSER=fromfile\n"}};
    ComposeLoadRequest request;
    request.files = {"proj/compose.yaml"};
    request.environment = {{"PGUSER", "fromshell"}};
    request.readFile = [&](const std::string& path) -> Result<std::string> {
        const auto it = files.find(path);
        if (it == files.end()) {
            return Error::make(ErrorCode::NotFound, "no such file");
        }
        return it->second;
    };
    const auto project = loadComposeProject(request);
    QVERIFY2(project.ok(), project.ok() ? "" : project.error().message.c_str());
    const YamlNode& db = project->services.at(0).definition;
    QCOMPARE(db.find("image")->text(), std::string("postgres:15"));
    QCOMPARE(db.find("environment")->find("POSTGRES_USER")->text(), std::string("fromshell")); // shell wins
    QCOMPARE(project->notes, std::vector<std::string>{"POSTGRES_PASSWORD is not set; read as empty"});
    QCOMPARE(project->unset.at(0).key, std::string("POSTGRES_PASSWORD"));
    QCOMPARE(project->unset.at(0).mark.line, 5);
    QCOMPARE(project->name, std::string("proj"));
}

QTEST_APPLESS_MAIN(TestComposeInterpolation)
#include "TestComposeInterpolation.moc"
