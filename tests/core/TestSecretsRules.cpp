#include "core/common/Time.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleContext.h"
#include "core/rules/secrets/SecretsRules.h"
#include "core/scan/RuleEngine.h"

#include <QtTest>

#include <functional>

namespace sectest {

using namespace drydock;

// A small snapshot: one image, one container running it, a swarm with one service; nothing secret in it, so
// each row adds the one thing that makes a rule fire (or not).
struct Scenario
{
    Inventory inventory;
    ScanSettings settings;

    Image& image() { return inventory.images.front(); }
    Container& container() { return inventory.containers.front(); }
    SwarmState& swarm() { return *inventory.swarm; }
    SwarmService& service() { return inventory.swarm->services.front(); }
};

using Setup = std::function<void(Scenario&)>;

const std::string kImageId = "sha256:a0" + std::string(62, 'a');
const std::string kContainerId = "c0" + std::string(62, 'c');
const std::int64_t kNow = *parseRfc3339("2026-11-28T00:00:00Z");
constexpr std::int64_t kDay = 86400;

Scenario clean()
{
    Scenario s;
    s.inventory.endpoint = "unix:///var/run/docker.sock";

    Image image;
    image.id = kImageId;
    image.repoTags = {"drydock-test/app:1.0"};
    image.config.env = {"PATH=/usr/local/bin:/usr/bin:/bin",
                        "GPG_KEY=A4A9406876FCBD3C456770C88C718D3B5072E1F5"};
    image.config.labels = {{"org.opencontainers.image.authors", "team@example.com"}};
    image.history = {{"<missing>", 0, "/bin/sh -c #(nop)  CMD [\"/app/server\"]", {}, 0, ""},
                     {"<missing>", 0, "/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:/usr/bin:/bin", {}, 0, ""},
                     {"<missing>", 0, "/bin/sh -c #(nop) ADD file:4f2a9c in / ", {}, 0, ""}};
    s.inventory.images.push_back(image);

    Container c;
    c.id = kContainerId;
    c.name = "web";
    c.imageId = kImageId;
    c.path = "/app/server";
    c.args = {"--listen", ":8080"};
    c.config.env = image.config.env;
    c.config.labels = image.config.labels;
    c.config.cmd = {"/app/server", "--listen", ":8080"};
    c.hostConfig.logConfig = {"json-file", {{"max-size", "10m"}, {"max-file", "3"}}};
    s.inventory.containers.push_back(c);

    Volume v;
    v.name = "data";
    v.driver = "local";
    s.inventory.volumes.push_back(v);

    SwarmState swarm;
    swarm.isManager = true;
    SwarmService service;
    service.id = "svc1";
    service.name = "api";
    service.env = {"LOG_LEVEL=info", "DB_PASSWORD_FILE=/run/secrets/db_pw"};
    service.secrets = {{"sec1", "db_pw", "db_pw", "0", "0", 0400}};
    swarm.services.push_back(service);
    SwarmSecret secret;
    secret.id = "sec1";
    secret.name = "db_pw";
    secret.createdAt = formatRfc3339(kNow - 10 * kDay);
    secret.updatedAt = secret.createdAt;
    swarm.secrets.push_back(secret);
    SwarmConfig config;
    config.id = "cfg1";
    config.name = "nginx-conf";
    config.data = "server {\n  listen 80;\n  root /srv/www;\n}\n";
    swarm.configs.push_back(config);
    s.inventory.swarm = swarm;
    return s;
}

MountPoint bind(const std::string& source, const std::string& destination, bool rw)
{
    MountPoint m;
    m.type = "bind";
    m.source = source;
    m.destination = destination;
    m.mode = rw ? "" : "ro";
    m.rw = rw;
    m.propagation = "rprivate";
    return m;
}

ImageHistoryEntry step(const std::string& createdBy)
{
    return {"<missing>", 0, createdBy, {}, 0, ""};
}

// Row builders: each returns the one change a row makes to the clean snapshot.
Setup both(Setup first, Setup second)
{
    return [first, second](Scenario& s) {
        first(s);
        second(s);
    };
}
Setup containerEnv(std::string entry)
{
    return [entry](Scenario& s) { s.container().config.env.push_back(entry); };
}
Setup imageEnv(std::string entry)
{
    return [entry](Scenario& s) { s.image().config.env.push_back(entry); };
}
Setup newestStep(std::string createdBy) // the API lists the newest step first
{
    return [createdBy](Scenario& s) { s.image().history.insert(s.image().history.begin(), step(createdBy)); };
}
Setup mounted(std::string source, std::string destination, bool rw)
{
    return [=](Scenario& s) { s.container().mounts.push_back(bind(source, destination, rw)); };
}
Setup logOptions(StringMap options)
{
    return [options](Scenario& s) { s.container().hostConfig.logConfig = {"splunk", options}; };
}
Setup volumeOptions(StringMap options)
{
    return [options](Scenario& s) { s.inventory.volumes.front().options = options; };
}
Setup config(std::string name, std::string data)
{
    return [=](Scenario& s) { s.swarm().configs.push_back({"cfg2", name, "", "", {}, data}); };
}
Setup secretMode(int mode)
{
    return [mode](Scenario& s) { s.service().secrets.front().mode = mode; };
}
Setup secretCreatedDaysAgo(int days)
{
    return [days](Scenario& s) { s.swarm().secrets.front().createdAt = formatRfc3339(kNow - days * kDay); };
}

std::vector<Finding> evaluate(const std::string& ruleId, const Scenario& s)
{
    RuleCatalogue catalogue;
    registerSecretsRules(catalogue);
    const Rule* rule = catalogue.find(ruleId);
    if (!rule) {
        return {};
    }
    const RuleContext context(s.inventory, s.settings, kNow);
    FindingCollector out;
    rule->evaluate(context, out);
    return out.take();
}

QString editText(const RunEdit& e)
{
    static const std::map<RunEdit::Op, QString> names{{RunEdit::Op::ReplaceEnvSecret, "ReplaceEnvSecret"},
                                                      {RunEdit::Op::ReadOnlyMount, "ReadOnlyMount"},
                                                      {RunEdit::Op::RemoveMount, "RemoveMount"}};
    const auto it = names.find(e.op);
    return (it == names.end() ? QString("other") : it->second) + " " + QString::fromStdString(e.flag) + " " +
           QString::fromStdString(e.value);
}

// Every string a finding carries, including the rendered remediation.
QStringList fieldsOf(const Finding& f)
{
    QStringList out;
    for (const std::string* s : {&f.ruleId, &f.title, &f.evidence, &f.rationale, &f.fix, &f.discriminator,
                                 &f.object.id, &f.object.name, &f.cis.id, &f.remediation.runCommand,
                                 &f.remediation.compose, &f.remediation.dockerfile}) {
        out << QString::fromStdString(*s);
    }
    for (const auto& e : f.remediation.edits) {
        out << QString::fromStdString(e.flag) << QString::fromStdString(e.value);
    }
    for (const auto& s : f.remediation.addFlags) {
        out << QString::fromStdString(s);
    }
    for (const auto& s : f.remediation.removeFlags) {
        out << QString::fromStdString(s);
    }
    return out;
}

} // namespace sectest

Q_DECLARE_METATYPE(sectest::Setup)

using namespace sectest;

// Tests the secrets rules SEC-001 … SEC-012 on hand-made snapshots, and that no finding shows a secret.
class TestSecretsRules : public QObject
{
    Q_OBJECT

private slots:
    void catalogueHoldsTheTwelveRules();
    void cleanSnapshotRaisesNothing();
    void rules_data();
    void rules();
    void containerEnvFindingReplacesTheVariable();
    void writableCredentialMountIsMadeReadOnly();
    void imageFindingsCarryDockerfileAdvice();
    void swarmRulesNeedASwarm();
    void noFindingFieldHoldsASecret();
};

void TestSecretsRules::catalogueHoldsTheTwelveRules()
{
    RuleCatalogue catalogue;
    registerSecretsRules(catalogue);
    QCOMPARE(catalogue.size(), std::size_t(12));
    const std::map<std::string, std::pair<Severity, std::string>> expected{
        {"SEC-001", {Severity::High, "4.10"}}, {"SEC-002", {Severity::High, "4.10"}},
        {"SEC-003", {Severity::High, "4.10"}}, {"SEC-004", {Severity::Medium, "4.10"}},
        {"SEC-005", {Severity::Medium, ""}},   {"SEC-006", {Severity::High, ""}},
        {"SEC-007", {Severity::Medium, ""}},   {"SEC-008", {Severity::Medium, ""}},
        {"SEC-009", {Severity::High, "7.4"}},  {"SEC-010", {Severity::High, "7.4"}},
        {"SEC-011", {Severity::Low, "7.4"}},   {"SEC-012", {Severity::Low, "7.4"}}};
    for (const auto& [id, want] : expected) {
        const Rule* rule = catalogue.find(id);
        QVERIFY2(rule, id.c_str());
        QCOMPARE(rule->info().area, Area::Secrets);
        QCOMPARE(rule->info().defaultSeverity, want.first);
        QCOMPARE(rule->info().cis.id, want.second);
        QCOMPARE(rule->info().cis.version, std::string(want.second.empty() ? "" : "1.6.0"));
        QVERIFY(!rule->info().title.empty() && !rule->info().rationale.empty() && !rule->info().fix.empty());
    }
}

void TestSecretsRules::cleanSnapshotRaisesNothing()
{
    const Scenario s = clean();
    for (int i = 1; i <= 12; ++i) {
        const std::string id = QString("SEC-%1").arg(i, 3, 10, QChar('0')).toStdString();
        const auto findings = evaluate(id, s);
        QVERIFY2(findings.empty(), (id + ": " + (findings.empty() ? "" : findings.front().evidence)).c_str());
    }
}

// clang-format off
void TestSecretsRules::rules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("severity");      // of the first finding
    QTest::addColumn<QString>("object");        // name of the first finding's object
    QTest::addColumn<QString>("evidence");      // of the first finding
    QTest::addColumn<QString>("discriminator"); // of the first finding

    const Setup nothing = [](Scenario&) {};

    // SEC-001: container env.
    QTest::newRow("SEC-001 reports a password set with docker run -e, masked")
        << "SEC-001" << containerEnv("DB_PASSWORD=hunter2pw")
        << 1 << "medium" << "web" << "Config.Env DB_PASSWORD=****** (8-15 chars, password): secret-looking name" << "DB_PASSWORD";
    QTest::newRow("SEC-001 leaves a secret inherited unchanged from the image to SEC-002")
        << "SEC-001" << both(imageEnv("API_KEY=abcdef123456"), containerEnv("API_KEY=abcdef123456"))
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-001 reports a secret the container overrides")
        << "SEC-001" << both(imageEnv("API_KEY=abcdef123456"), containerEnv("API_KEY=zyxwvu987654"))
        << 1 << "medium" << "web" << "Config.Env API_KEY=****** (8-15 chars, API key): secret-looking name" << "API_KEY";
    QTest::newRow("SEC-001 reports every secret of a container apart")
        << "SEC-001" << both(containerEnv("DB_PASSWORD=hunter2pw"),
                             containerEnv("STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc"))
        << 2 << "medium" << "web" << "Config.Env DB_PASSWORD=****** (8-15 chars, password): secret-looking name" << "DB_PASSWORD";
    QTest::newRow("SEC-001 reports URL credentials under a neutral name")
        << "SEC-001" << containerEnv("DATABASE_URL=postgres://app:s3cretpw@db/app")
        << 1 << "high" << "web"
        << "Config.Env DATABASE_URL=postgres://app:******@db/app (URL with password): known token format" << "DATABASE_URL";
    QTest::newRow("SEC-001 treats a *_FILE pointer as no secret")
        << "SEC-001" << containerEnv("DB_PASSWORD_FILE=/run/secrets/db")
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-001 treats an empty password as no secret")
        << "SEC-001" << containerEnv("DB_PASSWORD=")
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-001 ignores an entry without a value")
        << "SEC-001" << containerEnv("DB_PASSWORD")
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-001 reports the image's secrets too when the image is gone")
        << "SEC-001" << both(containerEnv("API_KEY=abcdef123456"),
                             [](Scenario& s) { s.inventory.images.clear(); })
        << 1 << "medium" << "web" << "Config.Env API_KEY=****** (8-15 chars, API key): secret-looking name" << "API_KEY";

    // SEC-002: image env.
    QTest::newRow("SEC-002 reports an ENV secret on the image")
        << "SEC-002" << imageEnv("API_KEY=abcdef123456")
        << 1 << "medium" << "drydock-test/app:1.0" << "Config.Env API_KEY=****** (8-15 chars, API key): secret-looking name" << "API_KEY";
    QTest::newRow("SEC-002 keeps GPG_KEYS exempt")
        << "SEC-002" << imageEnv("GPG_KEYS=0xDEADBEEF 0xFEEDFACE")
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-002 ignores MONKEY=banana")
        << "SEC-002" << imageEnv("MONKEY=banana")
        << 0 << "" << "" << "" << "";

    // SEC-003: history. The clean image has three steps; newestStep adds a fourth on top.
    QTest::newRow("SEC-003 reports a classic build arg on a RUN line")
        << "SEC-003" << newestStep("|1 BUILD_TOKEN=buildsecret123 /bin/sh -c npm ci")
        << 1 << "medium" << "drydock-test/app:1.0"
        << "History step 4/4 (RUN) BUILD_TOKEN=****** (8-15 chars, token): secret-looking name" << "4:BUILD_TOKEN";
    QTest::newRow("SEC-003 reports an ARG default")
        << "SEC-003" << Setup([](Scenario& s) {
               s.image().history.insert(s.image().history.begin() + 2,
                                        step("/bin/sh -c #(nop)  ARG NPM_TOKEN=npm_abcdefgh"));
           })
        << 1 << "medium" << "drydock-test/app:1.0"
        << "History step 2/4 (ARG) NPM_TOKEN=****** (8-15 chars, token): secret-looking name" << "2:NPM_TOKEN";
    QTest::newRow("SEC-003 leaves an ENV still in the image to SEC-002")
        << "SEC-003" << both(imageEnv("API_KEY=abcdef123456"),
                             newestStep("/bin/sh -c #(nop)  ENV API_KEY=abcdef123456"))
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-003 reports an ENV a later step overrode")
        << "SEC-003" << both(both(imageEnv("API_KEY="),
                                  newestStep("/bin/sh -c #(nop)  ENV API_KEY=abcdef123456")),
                             newestStep("/bin/sh -c #(nop)  ENV API_KEY="))
        << 1 << "medium" << "drydock-test/app:1.0"
        << "History step 4/5 (ENV) API_KEY=****** (8-15 chars, API key): secret-looking name" << "4:API_KEY";
    QTest::newRow("SEC-003 reports one finding per step and name")
        << "SEC-003"
        << newestStep("/bin/sh -c curl -u bob:pw1234567 https://a && curl -u bob:pw1234567 https://b")
        << 1 << "medium" << "drydock-test/app:1.0"
        << "History step 4/4 (RUN) curl -u bob:****** (8-15 chars, basic auth password): secret-looking name" << "4:curl -u";
    QTest::newRow("SEC-003 reports URL credentials in a BuildKit RUN")
        << "SEC-003"
        << newestStep("RUN /bin/sh -c git clone https://bob:tok3nvalue@git.example.com/r.git # buildkit")
        << 1 << "high" << "drydock-test/app:1.0"
        << "History step 4/4 (RUN) https://bob:******@git.example.com/r.git (URL with password): known token format"
        << "4:url-credentials";
    QTest::newRow("SEC-003 reports --password= in a RUN line")
        << "SEC-003" << newestStep("/bin/sh -c ./install.sh --password=hunter2pw")
        << 1 << "medium" << "drydock-test/app:1.0"
        << "History step 4/4 (RUN) --password ****** (8-15 chars, password): secret-looking name" << "4:--password";
    QTest::newRow("SEC-003 ignores an imported image's empty history")
        << "SEC-003"
        << Setup([](Scenario& s) { s.image().history = {{"sha256:1", 0, "", {}, 0, "Imported from -"}}; })
        << 0 << "" << "" << "" << "";

    // SEC-004: labels.
    QTest::newRow("SEC-004 reports a label inherited from the image once, on the image")
        << "SEC-004" << Setup([](Scenario& s) {
               s.image().config.labels["com.example.api-key"] = "abcdef123456";
               s.container().config.labels["com.example.api-key"] = "abcdef123456";
           })
        << 1 << "medium" << "drydock-test/app:1.0"
        << "Config.Labels com.example.api-key=****** (8-15 chars, API key): secret-looking name" << "com.example.api-key";
    QTest::newRow("SEC-004 reports a label set with docker run --label on the container")
        << "SEC-004"
        << Setup([](Scenario& s) { s.container().config.labels["app.db.password"] = "hunter2pw"; })
        << 1 << "medium" << "web"
        << "Config.Labels app.db.password=****** (8-15 chars, password): secret-looking name" << "app.db.password";
    QTest::newRow("SEC-004 ignores an empty secret label")
        << "SEC-004" << Setup([](Scenario& s) { s.image().config.labels["app.token"] = ""; })
        << 0 << "" << "" << "" << "";

    // SEC-005: command line.
    QTest::newRow("SEC-005 reports --password= in the arguments")
        << "SEC-005" << Setup([](Scenario& s) { s.container().args.push_back("--password=hunter2pw"); })
        << 1 << "medium" << "web" << "Path/Args --password ****** (8-15 chars, password): secret-looking name" << "--password";
    QTest::newRow("SEC-005 reports mysql -p inside sh -c")
        << "SEC-005" << Setup([](Scenario& s) {
               s.container().path = "/bin/sh";
               s.container().args = {"-c", "mysql -uroot -pS3cretRoot app"};
           })
        << 1 << "medium" << "web" << "Path/Args -p ****** (8-15 chars, password): secret-looking name" << "-p";
    QTest::newRow("SEC-005 reports a secret in both Args and Cmd once")
        << "SEC-005" << Setup([](Scenario& s) {
               s.container().args.push_back("--token=abcdef123456");
               s.container().config.cmd.push_back("--token=abcdef123456");
           })
        << 1 << "medium" << "web" << "Path/Args --token ****** (8-15 chars, token): secret-looking name" << "--token";
    QTest::newRow("SEC-005 reads Config.Entrypoint and Cmd")
        << "SEC-005" << Setup([](Scenario& s) {
               s.container().config.entrypoint = StringList{"redis-server"};
               s.container().config.cmd = {"--requirepass", "S3cretRedis"};
           })
        << 1 << "medium" << "web" << "Config.Entrypoint/Cmd --requirepass ****** (8-15 chars, password): secret-looking name"
        << "--requirepass";
    // docker/awesome-compose aspnet-mssql: the password moved to a secret file stayed typed in the health check.
    QTest::newRow("SEC-005 reads the health check's command")
        << "SEC-005" << Setup([](Scenario& s) {
               s.container().config.healthcheck =
                   Healthcheck{{"CMD", "/opt/mssql-tools/bin/sqlcmd", "-U", "sa", "-P", "Exampl3-Passw0rd", "-Q", "SELECT 1"}};
           })
        << 1 << "medium" << "web" << "Config.Healthcheck.Test -P ****** (16-31 chars, password): secret-looking name"
        << "-P";
    QTest::newRow("SEC-005 ignores a health check that reads a variable")
        << "SEC-005" << Setup([](Scenario& s) {
               s.container().config.healthcheck =
                   Healthcheck{{"CMD-SHELL", "redis-cli -a \"$REDIS_PASSWORD\" ping"}};
           })
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-005 ignores a --password-file argument")
        << "SEC-005"
        << Setup([](Scenario& s) { s.container().args.push_back("--password-file=/run/secrets/pw"); })
        << 0 << "" << "" << "" << "";

    // SEC-006: credential stores.
    QTest::newRow("SEC-006 reports a writable ~/.aws as critical")
        << "SEC-006" << mounted("/home/alice/.aws", "/root/.aws", true)
        << 1 << "critical" << "web"
        << "Mounts[] bind /home/alice/.aws -> /root/.aws (rw): .aws" << "/root/.aws";
    QTest::newRow("SEC-006 reports a read-only ~/.ssh as high")
        << "SEC-006" << mounted("/home/alice/.ssh", "/root/.ssh", false)
        << 1 << "high" << "web" << "Mounts[] bind /home/alice/.ssh -> /root/.ssh (ro): .ssh" << "/root/.ssh";
    QTest::newRow("SEC-006 reports one SSH key file")
        << "SEC-006" << mounted("/home/alice/.ssh/id_ed25519", "/id", false)
        << 1 << "high" << "web" << "Mounts[] bind /home/alice/.ssh/id_ed25519 -> /id (ro): .ssh" << "/id";
    QTest::newRow("SEC-006 reports the Docker client config")
        << "SEC-006" << mounted("/home/alice/.docker/config.json", "/cfg.json", false)
        << 1 << "high" << "web"
        << "Mounts[] bind /home/alice/.docker/config.json -> /cfg.json (ro): .docker/config.json"
        << "/cfg.json";
    QTest::newRow("SEC-006 reports /etc/shadow")
        << "SEC-006" << mounted("/etc/shadow", "/etc/shadow", false)
        << 1 << "high" << "web" << "Mounts[] bind /etc/shadow -> /etc/shadow (ro): shadow" << "/etc/shadow";
    QTest::newRow("SEC-006 reports the host's SSH keys")
        << "SEC-006" << mounted("/etc/ssh/", "/keys", false)
        << 1 << "high" << "web" << "Mounts[] bind /etc/ssh/ -> /keys (ro): ssh host keys" << "/keys";
    QTest::newRow("SEC-006 reports kube, gcloud, netrc, git, gnupg and azure credentials")
        << "SEC-006" << Setup([](Scenario& s) {
               s.container().mounts.push_back(bind("/home/a/.kube", "/k", false));
               s.container().mounts.push_back(bind("/home/a/.config/gcloud", "/g", false));
               s.container().mounts.push_back(bind("/home/a/.netrc", "/n", false));
               s.container().mounts.push_back(bind("/home/a/.git-credentials", "/c", false));
               s.container().mounts.push_back(bind("/home/a/.gnupg", "/p", false));
               s.container().mounts.push_back(bind("/home/a/.azure", "/z", false));
           })
        << 6 << "high" << "web" << "Mounts[] bind /home/a/.kube -> /k (ro): .kube" << "/k";
    QTest::newRow("SEC-006 ignores an ordinary project directory")
        << "SEC-006" << mounted("/home/alice/projects", "/src", true)
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-006 ignores a .dockerignore file")
        << "SEC-006" << mounted("/srv/app/.dockerignore", "/x", false)
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-006 ignores a named volume called .ssh")
        << "SEC-006" << Setup([](Scenario& s) {
               MountPoint m = bind("/var/lib/docker/volumes/.ssh/_data", "/root/.ssh", true);
               m.type = "volume";
               s.container().mounts.push_back(m);
           })
        << 0 << "" << "" << "" << "";

    // SEC-007: log options.
    QTest::newRow("SEC-007 reports a splunk token")
        << "SEC-007" << logOptions({{"splunk-token", "abcdef123456"}, {"splunk-url", "https://splunk:8088"}})
        << 1 << "medium" << "web" << "HostConfig.LogConfig.Config splunk-token=****** (8-15 chars, token): secret-looking name"
        << "splunk-token";
    QTest::newRow("SEC-007 reports URL credentials in a log endpoint")
        << "SEC-007" << logOptions({{"loki-url", "https://u:l0kipass@logs/push"}})
        << 1 << "medium" << "web"
        << "HostConfig.LogConfig.Config loki-url=https://u:******@logs/push (URL with password): known token format"
        << "loki-url";
    QTest::newRow("SEC-007 reports a run-together key option as a maybe")
        << "SEC-007" << logOptions({{"datadogkey", "abcdef123456"}})
        << 1 << "low" << "web"
        << "HostConfig.LogConfig.Config datadogkey=****** (8-15 chars, credential): an option key that hints at a secret"
        << "datadogkey";
    QTest::newRow("SEC-007 ignores a TLS key file path")
        << "SEC-007" << logOptions({{"syslog-tls-key", "/etc/ssl/private/log.pem"}})
        << 0 << "" << "" << "" << "";

    // SEC-008: volume options.
    QTest::newRow("SEC-008 reports a CIFS password inside o=")
        << "SEC-008" << volumeOptions({{"type", "cifs"}, {"device", "//srv/share"},
                                       {"o", "username=bob,password=s3cret,vers=3.0"}})
        << 1 << "medium" << "data" << "Options.o password=****** (under 8 chars, password): secret-looking name" << "o/password";
    QTest::newRow("SEC-008 reports a pass= option")
        << "SEC-008" << volumeOptions({{"o", "user=bob,pass=s3cretpw"}})
        << 1 << "medium" << "data" << "Options.o pass=****** (8-15 chars, password): secret-looking name" << "o/pass";
    QTest::newRow("SEC-008 reports an option whose key is a secret")
        << "SEC-008" << volumeOptions({{"password", "s3cretpw"}})
        << 1 << "medium" << "data" << "Options password=****** (8-15 chars, password): secret-looking name" << "password";
    QTest::newRow("SEC-008 ignores NFS options")
        << "SEC-008" << volumeOptions({{"type", "nfs"}, {"o", "addr=10.0.0.1,rw"}, {"device", ":/x"}})
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-008 ignores a credentials file option")
        << "SEC-008" << volumeOptions({{"o", "credentials=/root/.smbcredentials"}})
        << 0 << "" << "" << "" << "";

    // SEC-009: service env.
    QTest::newRow("SEC-009 reports a password in a service env")
        << "SEC-009" << Setup([](Scenario& s) { s.service().env.push_back("DB_PASSWORD=hunter2pw"); })
        << 1 << "medium" << "api" << "TaskTemplate.ContainerSpec.Env DB_PASSWORD=****** (8-15 chars, password): secret-looking name"
        << "DB_PASSWORD";
    QTest::newRow("SEC-009 ignores the _FILE pointer the fix uses")
        << "SEC-009" << nothing
        << 0 << "" << "" << "" << "";

    // SEC-010: configs.
    QTest::newRow("SEC-010 reports a private key stored as a config")
        << "SEC-010"
        << config("tls-key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIJ\n-----END EC PRIVATE KEY-----\n")
        << 1 << "high" << "tls-key" << "Config tls-key holds: private-key" << "";
    QTest::newRow("SEC-010 reports a password in a YAML config")
        << "SEC-010" << config("app-config", "db:\n  password: hunter2pw\n  token: abcdef123456\n")
        << 1 << "high" << "app-config" << "Config app-config holds: password, token" << "";
    QTest::newRow("SEC-010 ignores a plain nginx config")
        << "SEC-010" << nothing
        << 0 << "" << "" << "" << "";

    // SEC-011: secret file mode.
    QTest::newRow("SEC-011 reports the CLI default 0444")
        << "SEC-011" << secretMode(0444)
        << 1 << "low" << "api" << "Secrets db_pw File.Mode 0444 (group and others can read)" << "db_pw";
    QTest::newRow("SEC-011 reports group read")
        << "SEC-011" << secretMode(0440)
        << 1 << "low" << "api" << "Secrets db_pw File.Mode 0440 (group can read)" << "db_pw";
    QTest::newRow("SEC-011 reports other read")
        << "SEC-011" << secretMode(0404)
        << 1 << "low" << "api" << "Secrets db_pw File.Mode 0404 (others can read)" << "db_pw";
    QTest::newRow("SEC-011 accepts 0600")
        << "SEC-011" << secretMode(0600)
        << 0 << "" << "" << "" << "";

    // SEC-012: age and use. The clean secret is 10 days old and used by the service.
    QTest::newRow("SEC-012 reports a secret older than 180 days")
        << "SEC-012" << secretCreatedDaysAgo(400)
        << 1 << "low" << "db_pw" << "CreatedAt 2025-10-24T00:00:00Z, 400 days ago (limit 180)" << "age";
    QTest::newRow("SEC-012 ages from CreatedAt even after a label update")
        << "SEC-012"
        << both(secretCreatedDaysAgo(400),
                [](Scenario& s) { s.swarm().secrets.front().updatedAt = formatRfc3339(kNow - kDay); })
        << 1 << "low" << "db_pw" << "CreatedAt 2025-10-24T00:00:00Z, 400 days ago (limit 180)" << "age";
    QTest::newRow("SEC-012 accepts a secret exactly at the limit")
        << "SEC-012" << secretCreatedDaysAgo(180)
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-012 follows the configured age")
        << "SEC-012" << Setup([](Scenario& s) { s.settings.maxSecretAgeDays = 5; })
        << 1 << "low" << "db_pw" << "CreatedAt 2026-11-18T00:00:00Z, 10 days ago (limit 5)" << "age";
    QTest::newRow("SEC-012 reports an unused secret as info")
        << "SEC-012" << Setup([](Scenario& s) { s.service().secrets.clear(); })
        << 1 << "info" << "db_pw" << "referenced by none of 1 services" << "unused";
    QTest::newRow("SEC-012 counts a reference by name as use")
        << "SEC-012" << Setup([](Scenario& s) { s.service().secrets.front().id.clear(); })
        << 0 << "" << "" << "" << "";
    QTest::newRow("SEC-012 reports an old unused secret twice")
        << "SEC-012" << both(secretCreatedDaysAgo(400), [](Scenario& s) { s.service().secrets.clear(); })
        << 2 << "low" << "db_pw" << "CreatedAt 2025-10-24T00:00:00Z, 400 days ago (limit 180)" << "age";
    QTest::newRow("SEC-012 skips the age of a secret with no date")
        << "SEC-012" << Setup([](Scenario& s) {
               s.swarm().secrets.front().createdAt = "garbage";
               s.swarm().secrets.front().updatedAt = "0001-01-01T00:00:00Z";
           })
        << 0 << "" << "" << "" << "";
}
// clang-format on

void TestSecretsRules::rules()
{
    QFETCH(QString, rule);
    QFETCH(Setup, setup);
    QFETCH(int, count);
    QFETCH(QString, severity);
    QFETCH(QString, object);
    QFETCH(QString, evidence);
    QFETCH(QString, discriminator);

    Scenario s = clean();
    setup(s);
    const auto findings = evaluate(rule.toStdString(), s);
    QStringList seen;
    for (const auto& f : findings) {
        seen << QString::fromStdString(f.evidence);
    }
    QVERIFY2(int(findings.size()) == count, qPrintable(seen.join(" | ")));
    if (count == 0) {
        return;
    }
    const Finding& f = findings.front();
    QCOMPARE(QString::fromStdString(f.ruleId), rule);
    QCOMPARE(f.area, Area::Secrets);
    QCOMPARE(QString(toString(f.severity)), severity);
    QCOMPARE(QString::fromStdString(f.object.name), object);
    QCOMPARE(QString::fromStdString(f.evidence), evidence);
    QCOMPARE(QString::fromStdString(f.discriminator), discriminator);
}

void TestSecretsRules::containerEnvFindingReplacesTheVariable()
{
    Scenario s = clean();
    s.container().config.env.push_back("DB_PASSWORD=hunter2pw");
    const auto findings = evaluate("SEC-001", s);
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].object.type, ObjectType::Container);
    QCOMPARE(findings[0].object.id, kContainerId);
    QCOMPARE(QString::fromStdString(findings[0].title),
             QString("Secret in container environment: DB_PASSWORD"));
    QCOMPARE(findings[0].remediation.edits.size(), std::size_t(1));
    QCOMPARE(editText(findings[0].remediation.edits[0]), QString("ReplaceEnvSecret --env DB_PASSWORD"));
}

void TestSecretsRules::writableCredentialMountIsMadeReadOnly()
{
    Scenario s = clean();
    s.container().mounts.push_back(bind("/home/alice/.aws", "/root/.aws", true));
    s.container().mounts.push_back(bind("/home/alice/.kube", "/root/.kube", true));
    MountSpec spec;
    spec.type = "bind";
    spec.source = "/home/alice/.kube";
    spec.target = "/root/.kube";
    s.container().hostConfig.mounts.push_back(spec);
    s.container().mounts.push_back(bind("/home/alice/.ssh", "/root/.ssh", false));
    const auto findings = evaluate("SEC-006", s);
    QCOMPARE(findings.size(), std::size_t(3));
    QCOMPARE(findings[0].remediation.edits.size(), std::size_t(1));
    QCOMPARE(editText(findings[0].remediation.edits[0]), QString("ReadOnlyMount --volume /root/.aws"));
    QCOMPARE(findings[1].remediation.edits.size(), std::size_t(1));
    QCOMPARE(editText(findings[1].remediation.edits[0]), QString("ReadOnlyMount --mount /root/.kube"));
    QVERIFY(findings[2].remediation.edits.empty()); // already read-only: nothing to edit
}

void TestSecretsRules::imageFindingsCarryDockerfileAdvice()
{
    Scenario s = clean();
    s.image().config.env.push_back("API_KEY=abcdef123456");
    s.image().history.insert(s.image().history.begin(), step("|1 NPM_TOKEN=npm_abcdefgh /bin/sh -c npm ci"));
    s.image().config.labels["com.example.api-key"] = "abcdef123456";

    const auto env = evaluate("SEC-002", s);
    QCOMPARE(env.size(), std::size_t(1));
    const QString envAdvice = QString::fromStdString(env[0].remediation.dockerfile);
    QVERIFY2(envAdvice.contains("Remove the ENV that carries API_KEY"), qPrintable(envAdvice));
    QVERIFY(envAdvice.contains("RUN --mount=type=secret,id=api_key"));
    QVERIFY(envAdvice.contains("API_KEY_FILE=/run/secrets/api_key"));

    const auto history = evaluate("SEC-003", s);
    QCOMPARE(history.size(), std::size_t(1));
    const QString historyAdvice = QString::fromStdString(history[0].remediation.dockerfile);
    QVERIFY2(historyAdvice.contains("docker build --secret id=npm_token"), qPrintable(historyAdvice));

    const auto labels = evaluate("SEC-004", s);
    QCOMPARE(labels.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(labels[0].remediation.dockerfile)
                .contains("Remove the LABEL com.example.api-key"));
}

void TestSecretsRules::swarmRulesNeedASwarm()
{
    Scenario s = clean();
    s.service().env.push_back("DB_PASSWORD=hunter2pw");
    s.service().secrets.front().mode = 0444;
    s.inventory.swarm.reset();
    for (const char* id : {"SEC-009", "SEC-010", "SEC-011", "SEC-012"}) {
        QVERIFY2(evaluate(id, s).empty(), id);
    }
}

void TestSecretsRules::noFindingFieldHoldsASecret()
{
    // Distinctive values planted in every place a secret can hide; none may show in any finding field,
    // not even in part beyond the two characters a mask keeps.
    QStringList planted;
    auto plant = [&](int n) {
        const QString value = QString("Qz%1Vk8Rw3Jx7Lm").arg(n, 2, 10, QChar('0'));
        planted << value;
        return value.toStdString();
    };
    const std::string github = "ghp_" + plant(90) + "AAAAAAAAAAAAAAAAAAAAA";
    planted << QString::fromStdString(github);

    Scenario s = clean();
    Container& c = s.container();
    c.config.env.push_back("DB_PASSWORD=" + plant(1));
    c.config.env.push_back("DATABASE_URL=postgres://app:" + plant(2) + "@db/app");
    c.config.env.push_back("GH=" + github);
    c.config.env.push_back("SESSION_SEED=" + plant(3) + "9f86d081884c7d659a2f");
    c.config.labels["app.secret"] = plant(4);
    c.args = {"--token", plant(5), "--password=" + plant(6)};
    c.config.cmd = {"/bin/sh", "-c",
                    "mysql -uroot -p" + plant(7) + " && curl -u bob:" + plant(8) + " https://x"};
    c.hostConfig.logConfig = {"splunk", {{"splunk-token", plant(9)}}};
    c.mounts.push_back(bind("/home/alice/.aws", "/root/.aws", true));

    Image& i = s.image();
    i.config.env.push_back("API_KEY=" + plant(10));
    i.config.labels["com.example.token"] = plant(11);
    i.history.insert(i.history.begin(), step("|1 BUILD_TOKEN=" + plant(12) + " /bin/sh -c npm ci"));
    i.history.insert(i.history.begin(),
                     step("/bin/sh -c git clone https://bob:" + plant(13) + "@git.example.com/r"));
    i.history.insert(i.history.begin(), step("/bin/sh -c #(nop)  ENV OLD_SECRET=" + plant(14)));

    s.inventory.volumes.front().options = {{"o", "username=bob,password=" + plant(15)}};
    s.service().env.push_back("SERVICE_TOKEN=" + plant(16));
    s.service().secrets.front().mode = 0444;
    s.swarm().configs.push_back({"cfg2",
                                 "app-config",
                                 "",
                                 "",
                                 {},
                                 "password: " + plant(17) + "\n-----BEGIN PRIVATE KEY-----\n" + plant(18) +
                                     "\n-----END PRIVATE KEY-----\n"});
    s.swarm().secrets.front().createdAt = formatRfc3339(kNow - 400 * kDay);

    RuleCatalogue catalogue;
    registerSecretsRules(catalogue);
    const FindingSet findings = RuleEngine(catalogue).evaluate(s.inventory, s.settings, kNow);

    std::set<std::string> fired;
    for (const auto& f : findings.all()) {
        fired.insert(f.ruleId);
        for (const QString& field : fieldsOf(f)) {
            for (const QString& secret : planted) {
                for (int at = 2; at + 5 <= secret.size(); ++at) {
                    QVERIFY2(
                        !field.contains(secret.mid(at, 5)),
                        qPrintable(QString::fromStdString(f.ruleId) + " shows part of a secret: " + field));
                }
            }
        }
    }
    // The test means something only if every rule that reads secret values looked at one.
    for (const char* id : {"SEC-001", "SEC-002", "SEC-003", "SEC-004", "SEC-005", "SEC-006", "SEC-007",
                           "SEC-008", "SEC-009", "SEC-010", "SEC-011", "SEC-012"}) {
        QVERIFY2(fired.count(id), id);
    }
    // Each planted secret was found: 4 container env, 2 labels, 4 command line, 3 history.
    int sec001 = 0, sec003 = 0, sec004 = 0, sec005 = 0;
    for (const auto& f : findings.all()) {
        sec001 += f.ruleId == "SEC-001";
        sec003 += f.ruleId == "SEC-003";
        sec004 += f.ruleId == "SEC-004";
        sec005 += f.ruleId == "SEC-005";
    }
    QCOMPARE(sec001, 4);
    QCOMPARE(sec003, 3);
    QCOMPARE(sec004, 2);
    QCOMPARE(sec005, 4);
}

QTEST_APPLESS_MAIN(TestSecretsRules)
#include "TestSecretsRules.moc"
