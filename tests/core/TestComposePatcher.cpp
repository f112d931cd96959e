#include "core/common/Strings.h"
#include "core/files/compose/ComposePatcher.h"
#include "core/remediation/RunFlagTable.h"

#include "tests/support/RunEditText.h"

#include <QRegularExpression>
#include <QTest>

using namespace drydock;

namespace {

QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

// Every line of `before` that holds none of the edited words is in `after`, in the same order and with the
// same bytes (line ending included).
bool untouchedLinesKept(const std::string& before, const std::string& after, const QStringList& edited)
{
    const auto lines = [](const std::string& t) {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (start < t.size()) {
            const std::size_t nl = t.find('\n', start);
            out.push_back(t.substr(start, nl == std::string::npos ? std::string::npos : nl + 1 - start));
            start = nl == std::string::npos ? t.size() : nl + 1;
        }
        return out;
    };
    const std::vector<std::string> a = lines(before);
    const std::vector<std::string> b = lines(after);
    std::size_t j = 0;
    for (const auto& line : a) {
        const bool touched = std::any_of(edited.begin(), edited.end(), [&](const QString& w) {
            return containsIgnoreCase(line, w.toStdString());
        });
        if (touched) {
            continue;
        }
        // The last line may gain the line ending it lacked, when a line is added after it.
        const auto same = [&](const std::string& x) {
            return x == line || (line.back() != '\n' && x.substr(0, x.find_last_not_of("\r\n") + 1) == line);
        };
        while (j < b.size() && !same(b[j])) {
            ++j;
        }
        if (j == b.size()) {
            qWarning("untouched line lost or changed: %s", line.c_str());
            return false;
        }
        ++j;
    }
    return true;
}

const char* const kWeb = R"(# The web front end
services:
  web:
    image: nginx:1.25   # pinned
    privileged: true
    pid: host
    cap_add:
      - NET_ADMIN   # for iptables
      - SYS_ADMIN
    ports:
      - "8080:80"
      - 443:443
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
      - ./conf:/etc/nginx/conf.d   # config
    restart: always

  db:
    image: postgres:16
)";

} // namespace

// The minimal textual patch of one compose service (core/files/compose/ComposePatcher).
class TestComposePatcher : public QObject
{
    Q_OBJECT

private slots:
    void patches_data();
    void patches();
    void skipsWithAReason_data();
    void skipsWithAReason();
    void secretsMoveToFilesAndTheValueGoes_data();
    void secretsMoveToFilesAndTheValueGoes();
    void reportsWhereEachEditLanded();
    void refusesWhatItCannotRead_data();
    void refusesWhatItCannotRead();
};

void TestComposePatcher::patches_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("edits");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray web(kWeb);
    QTest::newRow("read_only is added at the end of the service, before the blank line and the next service")
        << web << "web"
        << "add --read-only"
        << QByteArray(kWeb).replace("    restart: always\n", "    restart: always\n    read_only: true\n");
    QTest::newRow("privileged: true is removed and nothing else")
        << web << "web"
        << "remove --privileged" << QByteArray(kWeb).replace("    privileged: true\n", "");
    QTest::newRow("pid: host is removed")
        << web << "web"
        << "remove --pid" << QByteArray(kWeb).replace("    pid: host\n", "");
    QTest::newRow("a cap_add item goes with its line; the comment on the other item stays")
        << web << "web"
        << "removeValue --cap-add CAP_SYS_ADMIN" << QByteArray(kWeb).replace("      - SYS_ADMIN\n", "");
    QTest::newRow("the last cap_add item takes the key with it")
        << web << "web"
        << "removeValue --cap-add SYS_ADMIN; removeValue --cap-add net_admin"
        << QByteArray(kWeb).replace("    cap_add:\n      - NET_ADMIN   # for iptables\n      - SYS_ADMIN\n",
                                    "");
    QTest::newRow("cap_drop ALL and no-new-privileges are new block lists indented like the file's lists")
        << web << "web"
        << "add --cap-drop ALL; add --security-opt no-new-privileges:true"
        << QByteArray(kWeb).replace("    restart: always\n",
                                    "    restart: always\n    cap_drop:\n      - ALL\n"
                                    "    security_opt:\n      - no-new-privileges:true\n");
    QTest::newRow("pids_limit and mem_limit are added; restart is replaced where it stands")
        << web << "web"
        << "add --pids-limit 256; add --memory 512m; remove --restart; add --restart on-failure:5"
        << QByteArray(kWeb).replace("    restart: always\n",
                                    "    restart: on-failure:5\n    pids_limit: 256\n    mem_limit: 512m\n");
    QTest::newRow("a quoted and a plain short-syntax port are bound to 127.0.0.1, quoted")
        << web << "web"
        << "loopback --publish 80/tcp; loopback --publish 443/tcp"
        << QByteArray(kWeb)
               .replace("\"8080:80\"", "\"127.0.0.1:8080:80\"")
               .replace("- 443:443", "- \"127.0.0.1:443:443\"");
    QTest::newRow("a bare port number, an IPv6 wildcard, a UDP port and a port published twice are all bound")
        << QByteArray("services:\n  a:\n    image: x\n    ports:\n      - 80\n      - \"[::]:8443:443\"\n"
                      "      - 53:53/udp\n      - '8444:443'\n")
        << "a"
        << "loopback --publish 80/tcp; loopback --publish 443; loopback --publish 53/udp"
        << QByteArray("services:\n  a:\n    image: x\n    ports:\n      - \"127.0.0.1::80\"\n"
                      "      - \"127.0.0.1:8443:443\"\n      - \"127.0.0.1:53:53/udp\"\n      - "
                      "'127.0.0.1:8444:443'\n");
    // "443:443" next to "[::]:443:443" (the Traefik and Caddy examples publish both families): both on
    // 127.0.0.1 is one binding twice, which docker refuses at start ("port is already allocated").
    QTest::newRow("the IPv6 twin of a port bound to 127.0.0.1 goes instead of becoming the same binding")
        << QByteArray(
               "services:\n  a:\n    image: x\n    ports:\n      - \"443:443\"\n      - \"[::]:443:443\"\n"
               "      - \"[::]:8443:443\"\n")
        << "a"
        << "loopback --publish 443/tcp"
        << QByteArray("services:\n  a:\n    image: x\n    ports:\n      - \"127.0.0.1:443:443\"\n"
                      "      - \"127.0.0.1:8443:443\"\n");
    // Seen in docker/awesome-compose (plex): "${PLEX_MEDIA_PATH}:/media/" became
    // "$${PLEX_MEDIA_PATH}:/media/:ro", a named volume called "${PLEX_MEDIA_PATH}"; "${HTTP_PORT:-8080}:80"
    // was split at the colon inside the braces.
    QTest::newRow("variables in a rewritten port or volume stay variables, a literal $$ stays one")
        << QByteArray("services:\n  a:\n    image: x\n    ports:\n      - ${HTTP_PORT:-8080}:80\n"
                      "      - '${TLS_PORT}:443'\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n"
                      "      - \"$$HOME/cache:/cache\"\n")
        << "a"
        << "loopback --publish 80/tcp; loopback --publish 443; readOnly --volume /data; readOnly --volume "
           "/cache"
        << QByteArray(
               "services:\n  a:\n    image: x\n    ports:\n      - \"127.0.0.1:${HTTP_PORT:-8080}:80\"\n"
               "      - '127.0.0.1:${TLS_PORT}:443'\n    volumes:\n      - \"${DATA_DIR:-./data}:/data:ro\"\n"
               "      - \"$$HOME/cache:/cache:ro\"\n");
    // Each edit read the whole file again: getsentry/self-hosted's 34 KB docker-compose.yml took 17 s. Edits
    // now read the file with the other services hidden; one above that holds an anchor stays readable.
    const QByteArray three("services:\n  first:\n    image: a\n    command: |\n      echo one\n"
                           "  web:\n    image: nginx\n    environment: &env\n      A: \"1\"\n"
                           "  after:\n    image: b\n    environment: *env\n    healthcheck:\n"
                           "      test: [\"CMD\", \"true\"]\n");
    QTest::newRow("the last service, whose alias names an anchor in the service above, is edited")
        << three << "after"
        << "add --read-only; add --pids-limit 64"
        << QByteArray(three).append("    read_only: true\n    pids_limit: 64\n");
    QTest::newRow("the first service, whose block scalar ends where the next service starts, is edited")
        << three << "first"
        << "add --read-only; add --pids-limit 64"
        << QByteArray(three).replace("      echo one\n",
                                     "      echo one\n    read_only: true\n    pids_limit: 64\n");
    // A range published on all interfaces got NET-003 for each port and "port 9000/tcp is not published".
    QTest::newRow("a published port range is bound to 127.0.0.1 as one item")
        << QByteArray("services:\n  a:\n    image: x\n    ports:\n      - \"9000-9002:9000-9002\"\n"
                      "      - 53:53/udp\n")
        << "a"
        << "loopback --publish 9000/tcp; loopback --publish 9001/tcp; loopback --publish 9002"
        << QByteArray("services:\n  a:\n    image: x\n    ports:\n      - \"127.0.0.1:9000-9002:9000-9002\"\n"
                      "      - 53:53/udp\n");
    // A compose file saved with a UTF-8 byte order mark got no fix: "the service's keys are not laid out as a
    // block below its name" (yaml-cpp's marks do not count the mark).
    QTest::newRow("a file that starts with a byte order mark is edited and keeps it")
        << QByteArray("\xEF\xBB\xBFservices:\n  web:\n    image: \"nginx:1.25\"\n") << "web"
        << "add --read-only"
        << QByteArray("\xEF\xBB\xBFservices:\n  web:\n    image: \"nginx:1.25\"\n    read_only: true\n");
    QTest::newRow("a published port is removed")
        << web << "web"
        << "removePort --publish 443" << QByteArray(kWeb).replace("      - 443:443\n", "");
    QTest::newRow("the docker socket volume is removed")
        << web << "web"
        << "removeMount --volume /var/run/docker.sock"
        << QByteArray(kWeb).replace("      - /var/run/docker.sock:/var/run/docker.sock\n", "");
    QTest::newRow("a short-syntax volume becomes read-only and keeps its comment")
        << web << "web"
        << "readOnly --volume /etc/nginx/conf.d/"
        << QByteArray(kWeb).replace("- ./conf:/etc/nginx/conf.d   #",
                                    "- \"./conf:/etc/nginx/conf.d:ro\"   #");
    QTest::newRow("an edit of one service leaves the other alone")
        << web << "db"
        << "add --read-only"
        << QByteArray(kWeb).replace("    image: postgres:16\n",
                                    "    image: postgres:16\n    read_only: true\n");
    QTest::newRow("a file with CRLF endings keeps them, new lines included")
        << crlf(web) << "web"
        << "add --read-only; remove --privileged"
        << crlf(QByteArray(kWeb)
                    .replace("    privileged: true\n", "")
                    .replace("    restart: always\n", "    restart: always\n    read_only: true\n"));

    const QByteArray flow("services:\n"
                          "  app:\n"
                          "    image: 'app:1'\n"
                          "    cap_add: [NET_ADMIN, SYS_ADMIN]   # both\n"
                          "    cap_drop: [ ]\n"
                          "    security_opt: [\"label:disable\"]\n");
    QTest::newRow(
        "an item is added to a flow list in the list's quoting; an empty flow list gets its first item")
        << flow << "app"
        << "add --security-opt no-new-privileges:true; add --cap-drop ALL"
        << QByteArray(flow)
               .replace("[\"label:disable\"]", "[\"label:disable\", \"no-new-privileges:true\"]")
               .replace("[ ]", "[ALL]");
    QTest::newRow("an item is removed from a flow list, the comment after it stays")
        << flow << "app"
        << "removeValue --cap-add SYS_ADMIN; removeValue --cap-add NET_ADMIN; removeValue --security-opt "
           "label=disable"
        << QByteArray("services:\n  app:\n    image: 'app:1'\n    cap_drop: [ ]\n");
    QTest::newRow("the first item of a flow list is removed with the comma after it")
        << flow << "app"
        << "removeValue --cap-add NET_ADMIN"
        << QByteArray(flow).replace("[NET_ADMIN, SYS_ADMIN]", "[SYS_ADMIN]");

    const QByteArray four("version: \"3.8\"\n"
                          "services:\n"
                          "    api:\n"
                          "        image: \"registry.example.com/api:2.1\"\n"
                          "        ports:\n"
                          "        - target: 8080\n"
                          "          published: 80\n"
                          "        - target: 9090 # metrics\n"
                          "          published: 9090\n"
                          "          host_ip: 0.0.0.0\n"
                          "        volumes:\n"
                          "        - type: bind\n"
                          "          source: ./data\n"
                          "          target: /data\n"
                          "          read_only: false\n"
                          "        - type: volume\n"
                          "          source: cache\n"
                          "          target: /cache\n");
    QTest::newRow("4-space indents: long-syntax ports get host_ip, long-syntax volumes read_only")
        << four << "api"
        << "loopback --publish 8080; loopback --publish 9090/tcp; readOnly --mount /data; readOnly --mount "
           "/cache"
        << QByteArray(four)
               .replace("          published: 80\n",
                        "          published: 80\n          host_ip: 127.0.0.1\n")
               .replace("host_ip: 0.0.0.0", "host_ip: 127.0.0.1")
               .replace("read_only: false", "read_only: true")
               .replace("          target: /cache\n",
                        "          target: /cache\n          read_only: true\n");
    QTest::newRow("4-space indents: a new list follows the file's dash column")
        << four << "api"
        << "add --cap-drop ALL" << QByteArray(four + "        cap_drop:\n        - ALL\n");
    QTest::newRow("logging options and a health check are nested blocks")
        << QByteArray("services:\n  w:\n    image: x\n") << "w"
        << "add --log-opt max-size=10m; add --log-opt max-file=3; add --health-cmd wget -q -O- localhost"
        << QByteArray(
               "services:\n  w:\n    image: x\n    logging:\n      options:\n        max-size: \"10m\"\n"
               "        max-file: \"3\"\n    healthcheck:\n      test: [\"CMD-SHELL\", \"wget -q -O- "
               "localhost\"]\n");
    QTest::newRow("a service whose name needs quotes is found and edited")
        << QByteArray("services:\n  \"we:b # x\":\n    image: x\n    privileged: true\n") << "we:b # x"
        << "remove --privileged" << QByteArray("services:\n  \"we:b # x\":\n    image: x\n");
    QTest::newRow("a file without a final newline gets one only where a line is added after it")
        << QByteArray("services:\n  w:\n    image: x") << "w"
        << "add --read-only" << QByteArray("services:\n  w:\n    image: x\n    read_only: true\n");
    QTest::newRow("keys without a value get one after their colon, or their first item")
        << QByteArray(
               "services:\n  w:\n    image: x\n    cap_drop:\n    read_only:\n    pids_limit:   # later\n")
        << "w"
        << "add --read-only; add --cap-drop ALL; add --pids-limit 256"
        << QByteArray("services:\n  w:\n    image: x\n    cap_drop:\n      - ALL\n    read_only: true\n"
                      "    pids_limit: 256   # later\n");
    QTest::newRow("what is already so changes nothing")
        << QByteArray("services:\n  w:\n    image: x\n    read_only: true\n    cap_drop: [all]\n") << "w"
        << "add --read-only; add --cap-drop ALL; remove --privileged"
        << QByteArray("services:\n  w:\n    image: x\n    read_only: true\n    cap_drop: [all]\n");
    const QByteArray anchors("x-common: &common\n"
                             "  restart: always   # shared\n"
                             "services:\n"
                             "  app:\n"
                             "    <<: *common\n"
                             "    image: app\n");
    QTest::newRow("anchors and merge keys stay; a key the service does not take from them is added")
        << anchors << "app"
        << "add --read-only" << QByteArray(anchors + "    read_only: true\n");
}

void TestComposePatcher::patches()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, service);
    QFETCH(QString, edits);
    QFETCH(QByteArray, expected);
    ComposePatchReport report;
    const auto out = patchComposeService(input.toStdString(), service.toStdString(), test::runEdits(edits), &report);
    QVERIFY2(out, out ? "" : out.error().message.c_str());
    QCOMPARE(QByteArray::fromStdString(*out), expected);
    QVERIFY(report.skipped.empty());
    QCOMPARE(report.applied.size(), test::runEdits(edits).size());
    QStringList words;
    for (const auto& e : test::runEdits(edits)) {
        QString w = QString::fromStdString(e.value.empty() ? e.flag.substr(2) : e.value);
        w.remove(QRegularExpression(QStringLiteral("^(?i)cap_|/$|/tcp$")));
        words << w;
        if (const RunFlag* row = findRunFlag(e.flag); row && !row->composeKey.empty()) {
            words << QString::fromStdString(std::string(row->composeKey));
        }
    }
    words << QStringLiteral("restart") << QStringLiteral("8080") << QStringLiteral("443")
          << QStringLiteral("cap_") << QStringLiteral("security_opt") << QStringLiteral("0.0.0.0")
          << QStringLiteral("read_only");
    QVERIFY(untouchedLinesKept(input.toStdString(), *out, words));
}

void TestComposePatcher::skipsWithAReason_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("edits");
    QTest::addColumn<QString>("reason");
    const QByteArray anchors("x-base: &base\n"
                             "  privileged: true\n"
                             "  cap_add: [NET_ADMIN]\n"
                             "x-caps: &caps [SYS_ADMIN]\n"
                             "services:\n"
                             "  app:\n"
                             "    <<: *base\n"
                             "    image: app\n"
                             "    cap_drop: *caps\n"
                             "  copy: *base\n"
                             "  flow: {image: x, privileged: true}\n"
                             "  child:\n"
                             "    extends:\n"
                             "      file: common.yml\n"
                             "      service: base\n");
    QTest::newRow("a key from a merge key") << anchors << "app"
                                            << "remove --privileged"
                                            << "comes from the merge key << at line 7";
    QTest::newRow("a list from a merge key") << anchors << "app"
                                             << "removeValue --cap-add NET_ADMIN"
                                             << "merge key";
    QTest::newRow("a value that is an alias") << anchors << "app"
                                              << "add --cap-drop ALL"
                                              << "alias of the anchor at line 4";
    QTest::newRow("a service that is an alias") << anchors << "copy"
                                                << "remove --privileged"
                                                << "alias of the anchor at line 1";
    QTest::newRow("a service in flow style") << anchors << "flow"
                                             << "remove --privileged"
                                             << "flow style";
    QTest::newRow("a key that may come from another file") << anchors << "child"
                                                           << "remove --privileged"
                                                           << "extends: (line 13)";
    QTest::newRow("a flag without a compose key") << anchors << "child"
                                                  << "remove --publish-all"
                                                  << "no compose key";
    // Removing it broke the alias, so the whole service's patch failed to parse and nothing was fixed.
    QTest::newRow("a key that carries an anchor another service uses")
        << QByteArray(
               "services:\n  a:\n    image: x\n    cap_add: &caps\n      - SYS_ADMIN\n  b:\n    image: y\n"
               "    cap_add: *caps\n")
        << "a"
        << "removeValue --cap-add SYS_ADMIN"
        << "carries the anchor &caps, which *caps elsewhere in the file reads";
    QTest::newRow("a volume the service does not mount")
        << QByteArray("services:\n  a:\n    image: x\n") << "a"
        << "readOnly --volume /data"
        << "no volume is mounted at /data";
    QTest::newRow("a port the service does not publish")
        << QByteArray("services:\n  a:\n    image: x\n    ports: [\"81:81\"]\n") << "a"
        << "loopback --publish 80/tcp"
        << "port 80/tcp is not published";
    QTest::newRow("a secret that comes from an env_file")
        << QByteArray("services:\n  a:\n    image: x\n    env_file: .env\n") << "a"
        << "secret --env DB_PASSWORD"
        << "DB_PASSWORD is not set in this service's environment";
    // A fix's second round often holds only what the first skipped; with a service below, the unchanged file
    // was said to "change more than the keys it edits" (a WordPress + MariaDB file with an env_file).
    QTest::newRow("every edit skipped in a service with another below it leaves the file as it was")
        << QByteArray("services:\n  db:\n    image: mariadb:11.2\n    env_file:\n      - db.env\n"
                      "  web:\n    image: nginx:1.25\n")
        << "db"
        << "secret --env MARIADB_PASSWORD"
        << "MARIADB_PASSWORD is not set in this service's environment";
}

void TestComposePatcher::skipsWithAReason()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, service);
    QFETCH(QString, edits);
    QFETCH(QString, reason);
    ComposePatchReport report;
    const auto out = patchComposeService(input.toStdString(), service.toStdString(), test::runEdits(edits), &report);
    QVERIFY2(out, out ? "" : out.error().message.c_str());
    QCOMPARE(QByteArray::fromStdString(*out), input);
    QVERIFY(report.applied.empty());
    QCOMPARE(report.skipped.size(), std::size_t(1));
    QVERIFY2(QString::fromStdString(report.skipped[0].description).contains(reason),
             report.skipped[0].description.c_str());
}

void TestComposePatcher::secretsMoveToFilesAndTheValueGoes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    // Not real secrets: values the test looks for in everything the patch returns.
    QTest::newRow("an environment mapping; top-level secrets are added at the end")
        << QByteArray("services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: "
                      "s3cretValue4711   # do not commit\n      PGDATA: /data\n")
        << QByteArray(
               "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD_FILE: "
               "/run/secrets/postgres_password\n      PGDATA: /data\n    secrets:\n      - "
               "postgres_password\n"
               "secrets:\n  postgres_password:\n    file: ./secrets/postgres_password\n");
    QTest::newRow("an environment list with quotes keeps them; existing secrets are extended")
        << QByteArray("services:\n  db:\n    image: postgres\n    environment:\n      - "
                      "\"POSTGRES_PASSWORD=s3cretValue4711\"\n"
                      "    secrets:\n      - other\nsecrets:\n  other:\n    file: ./other.txt\n")
        << QByteArray(
               "services:\n  db:\n    image: postgres\n    environment:\n      - "
               "\"POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password\"\n    secrets:\n      - other\n"
               "      - postgres_password\nsecrets:\n  other:\n    file: ./other.txt\n  postgres_password:\n"
               "    file: ./secrets/postgres_password\n");
    QTest::newRow("a value over several lines goes whole")
        << QByteArray("services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: >-\n"
                      "        s3cretValue4711\n        s3cretValue4711\n      A: b\n")
        << QByteArray(
               "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD_FILE: "
               "/run/secrets/postgres_password\n      A: b\n    secrets:\n      - postgres_password\n"
               "secrets:\n  postgres_password:\n    file: ./secrets/postgres_password\n");
    QTest::newRow("a flow environment list")
        << QByteArray("services:\n  db:\n    image: postgres\n    environment: "
                      "[POSTGRES_PASSWORD=s3cretValue4711, A=b]\n")
        << QByteArray(
               "services:\n  db:\n    image: postgres\n    environment: [POSTGRES_PASSWORD_FILE=/run/secrets/"
               "postgres_password, A=b]\n    secrets:\n      - postgres_password\nsecrets:\n  "
               "postgres_password:\n"
               "    file: ./secrets/postgres_password\n");
}

void TestComposePatcher::secretsMoveToFilesAndTheValueGoes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    ComposePatchReport report;
    const auto out = patchComposeService(input.toStdString(), "db",
                                         test::runEdits(QStringLiteral("secret --env POSTGRES_PASSWORD")), &report);
    QVERIFY2(out, out ? "" : out.error().message.c_str());
    QCOMPARE(QByteArray::fromStdString(*out), expected);
    QCOMPARE(report.filesToCreate.size(), std::size_t(1));
    QCOMPARE(report.filesToCreate[0].path, std::string("./secrets/postgres_password"));
    std::string everything = *out;
    for (const auto& e : report.applied) {
        everything += e.description + e.edit.value;
    }
    for (const auto& f : report.filesToCreate) {
        everything += f.path + f.content;
    }
    QVERIFY(!contains(everything, "s3cretValue4711"));
    QVERIFY(!contains(everything, "4711"));
}

void TestComposePatcher::reportsWhereEachEditLanded()
{
    ComposePatchReport report;
    const auto out =
        patchComposeService(kWeb, "web",
                            test::runEdits(QStringLiteral("remove --privileged; add --read-only; removeValue "
                                                 "--cap-add SYS_ADMIN; add --cap-add NET_ADMIN")),
                            &report);
    QVERIFY(out);
    const std::vector<std::string> lines = split(*out, '\n');
    QCOMPARE(report.applied.size(), std::size_t(4));
    // The read_only line is reported at its line in the patched text, after the removals above it.
    QCOMPARE(lines.at(static_cast<std::size_t>(report.applied[1].line - 1)),
             std::string("    read_only: true"));
    QCOMPARE(report.applied[3].line, 0); // already so
    QVERIFY(startsWith(report.applied[3].description, "already so"));
}

void TestComposePatcher::refusesWhatItCannotRead_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("message");
    QTest::newRow(
        "an edit that would change a neighbouring value (a comment-like line ending a block scalar)")
        << QByteArray(
               "services:\n  w:\n    image: x\n    command: |\n      echo hi\n      # part of the script\n")
        << "w"
        << "would change more than the keys it edits";
    QTest::newRow("invalid YAML") << QByteArray("services:\n  a: [\n") << "a"
                                  << "not valid YAML (line";
    QTest::newRow("a service that is not there") << QByteArray("services:\n  a:\n    image: x\n") << "b"
                                                 << "no service named \"b\"";
    QTest::newRow("a hostile service name is shown with its hidden characters escaped")
        << QByteArray("services:\n  a:\n    image: x\n") << "a\n  b:\x1b[31m"
        << "no service named \"a\\u000a  b:\\u001b[31m\"";
    QTest::newRow("nesting deeper than any compose file") << QByteArray(200, '[') << "a"
                                                          << "nests more than";
    QTest::newRow("anchors and aliases that expand to billions of values (found by fuzz_compose_patcher: it hung)")
        << QByteArray("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                      "services:\n  bomb:\n    image: busybox\n    command: *g\n")
        << "bomb" << "anchors and aliases";
    QTest::newRow("a file larger than the limit")
        << QByteArray("services:\n  a:\n    image: x\n") + QByteArray(5 * 1024 * 1024, '#') << "a"
        << "larger than";
}

void TestComposePatcher::refusesWhatItCannotRead()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, service);
    QFETCH(QString, message);
    const auto out = patchComposeService(input.toStdString(), service.toStdString(),
                                         test::runEdits(QStringLiteral("add --read-only")));
    QVERIFY(!out);
    QVERIFY2(QString::fromStdString(out.error().message).contains(message), out.error().message.c_str());
}

QTEST_APPLESS_MAIN(TestComposePatcher)
#include "TestComposePatcher.moc"
