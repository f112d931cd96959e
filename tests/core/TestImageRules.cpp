#include "core/common/Time.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleContext.h"
#include "core/rules/image/HistoryLine.h"
#include "core/rules/image/ImageRules.h"

#include <QtTest>

#include <optional>
#include <set>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::Inventory)
Q_DECLARE_METATYPE(drydock::ScanSettings)

namespace {

constexpr std::int64_t kNow = 1795000000; // 2026-11-18
constexpr std::int64_t kDay = 86400;
constexpr int kNoFinding = -1;

// A well-behaved image: tagged and pulled from a trusted registry, recent, non-root, with a health check and
// a history that every rule accepts (the base rootfs ADD included).
Image cleanImage()
{
    Image image;
    image.id = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    image.repoTags = {"ghcr.io/acme/app:1.4.2"};
    image.repoDigests = {
        "ghcr.io/acme/app@sha256:2222222222222222222222222222222222222222222222222222222222222222"};
    image.createdUnix = kNow - 10 * kDay;
    image.created = formatRfc3339(image.createdUnix);
    image.size = 80 * 1024 * 1024;
    image.config.user = "10001";
    image.config.healthcheck = Healthcheck{{"CMD", "/app/health"}, 0, 0, 0, 3};
    image.config.cmd = {"/app/server"};
    image.config.workingDir = "/app";
    image.config.exposedPorts = {"8080/tcp"};
    // The API lists history newest first.
    image.history = {
        {"", 0, "/bin/sh -c #(nop)  CMD [\"/app/server\"]", {}, 0, ""},
        {"", 0, "/bin/sh -c #(nop)  USER 10001", {}, 0, ""},
        {"",
         0,
         "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf "
         "/var/lib/apt/lists/*",
         {},
         0,
         ""},
        {"", 0, "/bin/sh -c #(nop)  CMD [\"bash\"]", {}, 0, ""},
        {"", 0, "/bin/sh -c #(nop) ADD file:6b1f1e7c0d3a in / ", {}, 0, ""},
    };
    return image;
}

// cleanImage() with these CreatedBy lines appended as the newest build steps, oldest first.
Image withSteps(std::initializer_list<const char*> steps)
{
    Image image = cleanImage();
    for (const char* step : steps) {
        image.history.insert(image.history.begin(), ImageHistoryEntry{"", 0, step, {}, 0, ""});
    }
    return image;
}

Container containerOf(const Image& image, const std::string& name)
{
    Container c;
    c.id = "c-" + name;
    c.name = name;
    c.imageId = image.id;
    return c;
}

// One image, run by one container (so the sprawl rule stays quiet unless a row wants otherwise).
Inventory inventoryOf(const Image& image)
{
    Inventory inventory;
    inventory.images.push_back(image);
    inventory.containers.push_back(containerOf(image, "web"));
    return inventory;
}

std::vector<Finding> evaluate(const std::string& ruleId, const Inventory& inventory,
                              const ScanSettings& settings)
{
    RuleCatalogue catalogue;
    registerImageRules(catalogue);
    const Rule* rule = catalogue.find(ruleId);
    if (!rule) {
        return {};
    }
    const RuleContext context(inventory, settings, kNow);
    FindingCollector collector;
    rule->evaluate(context, collector);
    return collector.take();
}

std::vector<Finding> evaluateAll(const Inventory& inventory)
{
    const RuleCatalogue catalogue = [] {
        RuleCatalogue c;
        registerImageRules(c);
        return c;
    }();
    const ScanSettings settings;
    const RuleContext context(inventory, settings, kNow);
    FindingCollector collector;
    for (const auto& rule : catalogue.rules()) {
        rule->evaluate(context, collector);
    }
    return collector.take();
}

void row(const char* name, const char* rule, const Inventory& inventory, int severity, const char* evidence,
         const ScanSettings& settings = {}, int count = -1)
{
    const int expectedCount = count >= 0 ? count : (severity == kNoFinding ? 0 : 1);
    QTest::newRow(name) << QString(rule) << inventory << settings << expectedCount << severity
                        << QString(evidence);
}

void row(const char* name, const char* rule, const Image& image, int severity, const char* evidence,
         const ScanSettings& settings = {}, int count = -1)
{
    row(name, rule, inventoryOf(image), severity, evidence, settings, count);
}

constexpr int info = static_cast<int>(Severity::Info);
constexpr int low = static_cast<int>(Severity::Low);
constexpr int medium = static_cast<int>(Severity::Medium);

} // namespace

// Tests every image rule (IMG-001 … IMG-021) on hand-made images, and the history-line parser they share.
class TestImageRules : public QObject
{
    Q_OBJECT

private slots:
    void registersExactlyTheImageRules();
    void ruleTextIsComplete_data();
    void ruleTextIsComplete();
    void configRules_data();
    void configRules() { verifyRow(); }
    void historyRules_data();
    void historyRules() { verifyRow(); }
    void inventoryRules_data();
    void inventoryRules() { verifyRow(); }
    void findingsCarryShortEvidenceAndADockerfile();
    void secretsInHistoryNeverReachEvidence_data();
    void secretsInHistoryNeverReachEvidence();
    void historyLineParses_data();
    void historyLineParses();

private:
    static void addRuleColumns();
    static void verifyRow();
};

void TestImageRules::registersExactlyTheImageRules()
{
    RuleCatalogue catalogue;
    registerImageRules(catalogue);
    QCOMPARE(catalogue.size(), std::size_t{21});
    std::set<std::string> ids;
    for (const auto& rule : catalogue.rules()) {
        ids.insert(rule->info().id);
    }
    QCOMPARE(ids.size(), std::size_t{21});
    for (int i = 1; i <= 21; ++i) {
        const std::string id = QStringLiteral("IMG-%1").arg(i, 3, 10, QLatin1Char('0')).toStdString();
        QVERIFY2(ids.count(id) == 1, id.c_str());
    }
}

void TestImageRules::ruleTextIsComplete_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("cisId");
    QTest::addColumn<int>("severity");
    // CIS ids and default severities as the catalogue (§1.1) and the issue give them.
    const struct
    {
        const char* id;
        const char* cis;
        Severity severity;
    } expected[] = {{"IMG-001", "4.1", Severity::Medium},  {"IMG-002", "4.6", Severity::Low},
                    {"IMG-003", "4.7", Severity::Low},     {"IMG-004", "4.9", Severity::Low},
                    {"IMG-005", "5.28", Severity::Low},    {"IMG-006", "4.2", Severity::Info},
                    {"IMG-007", "4.4", Severity::Low},     {"IMG-008", "4.3", Severity::Medium},
                    {"IMG-009", "", Severity::Low},        {"IMG-010", "4.3", Severity::Low},
                    {"IMG-011", "", Severity::Low},        {"IMG-012", "5.7", Severity::Medium},
                    {"IMG-013", "5.7", Severity::Medium},  {"IMG-014", "", Severity::Low},
                    {"IMG-015", "4.11", Severity::Medium}, {"IMG-016", "4.11", Severity::Medium},
                    {"IMG-017", "4.8", Severity::Medium},  {"IMG-018", "", Severity::Info},
                    {"IMG-019", "6.1", Severity::Info},    {"IMG-020", "4.2", Severity::Medium},
                    {"IMG-021", "4.3", Severity::Low}};
    for (const auto& e : expected) {
        QTest::newRow(qPrintable(QStringLiteral("%1 has complete text").arg(e.id)))
            << QString(e.id) << QString(e.cis) << static_cast<int>(e.severity);
    }
}

void TestImageRules::ruleTextIsComplete()
{
    QFETCH(QString, rule);
    QFETCH(QString, cisId);
    QFETCH(int, severity);
    RuleCatalogue catalogue;
    registerImageRules(catalogue);
    const Rule* r = catalogue.find(rule.toStdString());
    QVERIFY(r);
    const RuleInfo& info = r->info();
    QCOMPARE(info.area, Area::Image);
    QVERIFY(!info.title.empty());
    QVERIFY(!info.rationale.empty());
    QVERIFY(!info.fix.empty());
    QVERIFY(!info.practice.empty());
    QCOMPARE(QString::fromStdString(info.cis.id), cisId);
    QCOMPARE(QString::fromStdString(info.cis.version), cisId.isEmpty() ? QString() : QStringLiteral("1.6.0"));
    QCOMPARE(static_cast<int>(info.defaultSeverity), severity);
}

void TestImageRules::addRuleColumns()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<Inventory>("inventory");
    QTest::addColumn<ScanSettings>("settings");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("severity");     // of the first finding; kNoFinding when none is expected
    QTest::addColumn<QString>("evidence"); // a part of the first finding's evidence
}

void TestImageRules::configRules_data()
{
    addRuleColumns();

    // Every rule stays quiet on the clean image.
    for (int i = 1; i <= 21; ++i) {
        const QString id = QStringLiteral("IMG-%1").arg(i, 3, 10, QLatin1Char('0'));
        QTest::newRow(qPrintable(id + " is quiet on a clean image"))
            << id << inventoryOf(cleanImage()) << ScanSettings{} << 0 << kNoFinding << QString();
    }

    Image image;

    // IMG-001: default user.
    image = cleanImage();
    image.config.user = "";
    row("an empty user means root", "IMG-001", image, medium, "Config.User is empty");
    image.config.user = "root";
    row("user root fires", "IMG-001", image, medium, "Config.User = \"root\"");
    image.config.user = "0:0";
    row("user 0:0 fires (docker-bench misses it)", "IMG-001", image, medium, "Config.User = \"0:0\"");
    image.config.user = "root:root";
    row("user root:root fires", "IMG-001", image, medium, "\"root:root\"");
    image.config.user = "0";
    row("user 0 fires", "IMG-001", image, medium, "\"0\"");
    image.config.user = "app";
    row("a named user does not fire", "IMG-001", image, kNoFinding, "");
    image.config.user = "10001:0";
    row("a non-root user in group 0 does not fire", "IMG-001", image, kNoFinding, "");
    image.config.user = "100";
    row("a UID that merely contains 0 does not fire", "IMG-001", image, kNoFinding, "");

    // IMG-002: health check.
    image = cleanImage();
    image.config.healthcheck.reset();
    row("no healthcheck fires", "IMG-002", image, low, "Config.Healthcheck is absent");
    image.config.healthcheck = Healthcheck{{"NONE"}, 0, 0, 0, 0};
    row("HEALTHCHECK NONE counts as missing", "IMG-002", image, low, "(disabled)");
    image.config.healthcheck = Healthcheck{};
    row("a healthcheck with nothing to run counts as missing", "IMG-002", image, low, "Test is empty");
    image.config.healthcheck = Healthcheck{{"CMD-SHELL", "wget -q -O- localhost:8080 || exit 1"}, 0, 0, 0, 3};
    row("a shell healthcheck does not fire", "IMG-002", image, kNoFinding, "");

    // IMG-005: tags.
    image = cleanImage();
    image.repoTags = {"nginx:latest"};
    row("only a latest tag fires", "IMG-005", image, low, "RepoTags = [\"nginx:latest\"]");
    image.repoTags = {};
    row("no tag fires", "IMG-005", image, low, "RepoTags is empty");
    image.repoTags = {"<none>:<none>"};
    row("<none>:<none> is no tag", "IMG-005", image, low, "RepoTags is empty");
    image.repoTags = {"localhost:5000/app:latest", "app:latest"};
    row("latest on a registry with a port fires", "IMG-005", image, low, "localhost:5000/app:latest");
    image.repoTags = {"nginx:latest", "nginx:1.27.0"};
    row("latest next to a version tag does not fire", "IMG-005", image, kNoFinding, "");

    // IMG-006: digests.
    image = cleanImage();
    image.repoDigests = {};
    row("no RepoDigests is reported as info", "IMG-006", image, info, "RepoDigests is empty");
    image.repoDigests = {"<none>@<none>"};
    row("<none>@<none> is no digest", "IMG-006", image, info, "RepoDigests is empty");

    // IMG-007: age.
    image = cleanImage();
    image.createdUnix = kNow - 91 * kDay;
    row("an image 91 days old fires", "IMG-007", image, low, "91 days ago (limit 90 days)");
    image.createdUnix = kNow - 89 * kDay;
    row("an image 89 days old does not fire", "IMG-007", image, kNoFinding, "");
    image.createdUnix = 0;
    image.created = formatRfc3339(kNow - 200 * kDay);
    row("the RFC 3339 text is used when the parsed time is missing", "IMG-007", image, low, "200 days ago");
    image.created = "0001-01-01T00:00:00Z";
    row("Go's zero time says nothing about age", "IMG-007", image, kNoFinding, "");
    image.created = "1970-01-01T00:00:00Z";
    row("a reproducible build's epoch date is not judged", "IMG-007", image, kNoFinding, "");
    image.createdUnix = kNow + 30 * kDay;
    row("a creation time in the future does not fire", "IMG-007", image, kNoFinding, "");
    image.createdUnix = kNow - 40 * kDay;
    {
        ScanSettings strict;
        strict.maxImageAgeDays = 30;
        row("the age limit comes from the settings", "IMG-007", image, low, "(limit 30 days)", strict);
        ScanSettings off;
        off.maxImageAgeDays = 0;
        image.createdUnix = kNow - 4000 * kDay;
        row("an age limit of 0 switches the rule off", "IMG-007", image, kNoFinding, "", off);
    }

    // IMG-011: system volumes.
    image = cleanImage();
    image.config.volumes = {"/dev"};
    row("VOLUME /dev fires", "IMG-011", image, low, "Config.Volumes has [\"/dev\"]");
    image.config.volumes = {"/data", "/proc/", "/etc"};
    row("system paths are normalised and listed", "IMG-011", image, low, "[\"/proc/\", \"/etc\"]");
    image.config.volumes = {"/var/lib/app", "/devices", "/etc/app"};
    row("application volumes do not fire", "IMG-011", image, kNoFinding, "");

    // IMG-012: ssh port.
    image = cleanImage();
    image.config.exposedPorts = {"80/tcp", "22/tcp"};
    row("EXPOSE 22 fires", "IMG-012", image, medium, "Config.ExposedPorts has \"22/tcp\"");
    image.config.exposedPorts = {"22/udp", "2222/tcp"};
    row("22/udp and 2222 do not fire", "IMG-012", image, kNoFinding, "");

    // IMG-013: sshd and init.
    image = cleanImage();
    image.config.cmd = {"/usr/sbin/sshd", "-D"};
    row("sshd as the command fires medium", "IMG-013", image, medium,
        "Config.Cmd = [\"/usr/sbin/sshd\", \"-D\"]");
    image.config.cmd = {"/bin/sh", "-c", "/usr/sbin/sshd -D & exec /app/server"};
    row("sshd inside a shell command fires", "IMG-013", image, medium, "Config.Cmd");
    image.config.cmd = {};
    image.config.entrypoint = StringList{"/sbin/init"};
    row("a full init fires as info", "IMG-013", image, info, "Config.Entrypoint = [\"/sbin/init\"]");
    image.config.entrypoint = StringList{"/usr/bin/supervisord", "-c", "/etc/supervisord.conf"};
    image.config.cmd = {"/usr/sbin/sshd"};
    row("sshd outweighs supervisord", "IMG-013", image, medium, "Config.Cmd");
    image.config.entrypoint = StringList{"/sbin/tini", "--"};
    image.config.cmd = {"/app/server"};
    row("tini is a fine minimal init", "IMG-013", image, kNoFinding, "");

    // IMG-014: workdir.
    image = cleanImage();
    image.config.workingDir = "/proc/self";
    row("a WORKDIR below /proc fires", "IMG-014", image, low, "Config.WorkingDir = \"/proc/self\"");
    image.config.workingDir = "/sys";
    row("WORKDIR /sys itself fires", "IMG-014", image, low, "\"/sys\"");
    image.config.workingDir = "/devices";
    row("a directory that only starts like /dev does not fire", "IMG-014", image, kNoFinding, "");

    // IMG-018: ONBUILD.
    image = cleanImage();
    image.config.onBuild = {"COPY . /app", "RUN make"};
    row("ONBUILD triggers are reported as info", "IMG-018", image, info, "[\"COPY . /app\", \"RUN make\"]");

    // IMG-020: registries.
    image = cleanImage();
    image.repoTags = {"nginx:1.27"};
    image.repoDigests = {"nginx@sha256:5555555555555555555555555555555555555555555555555555555555555555"};
    row("Docker Hub without a registry part is trusted", "IMG-020", image, kNoFinding, "");
    image.repoTags = {"registry.evil.example/tools/app:1"};
    image.repoDigests = {};
    row("an unknown registry fires", "IMG-020", image, medium,
        "Registry registry.evil.example (registry.evil.example/tools/app:1) is not in the trusted "
        "registries");
    image.repoTags = {"nginx:1.27", "localhost:5000/app:1"};
    row("one untrusted tag among trusted ones fires", "IMG-020", image, medium, "Registry localhost:5000");
    image.repoTags = {"localhost/app:1"};
    row("Podman's localhost/ names a local image, not a registry", "IMG-020", image, info,
        "built or loaded locally (Podman's localhost/ names)");
    image.repoTags = {"localhost/app:1", "registry.evil.example/app:1"};
    row("a local name does not excuse another registry", "IMG-020", image, medium,
        "Registry registry.evil.example");
    image.repoTags = {};
    image.repoDigests = {};
    row("an image with no tags or digests is locally built", "IMG-020", image, info,
        "built or loaded locally");
    image.repoTags = {"index.docker.io/library/nginx:1.27"};
    row("Docker Hub's aliases count as docker.io", "IMG-020", image, kNoFinding, "");
    {
        ScanSettings settings;
        settings.trustedRegistries = {"ghcr.io/acme", "localhost:5000", "*.corp.example"};
        image.repoTags = {"ghcr.io/acme/app:1", "localhost:5000/x:1", "registry.corp.example/y:2"};
        row("path prefixes, ports and wildcards are honoured", "IMG-020", image, kNoFinding, "", settings);
        image.repoTags = {"ghcr.io/other/app:1"};
        row("a path prefix trusts nothing outside it", "IMG-020", image, medium, "Registry ghcr.io",
            settings);
        image.repoTags = {"nginx:1.27"};
        row("Docker Hub is untrusted when the list leaves it out", "IMG-020", image, medium,
            "Registry docker.io", settings);
    }
}

void TestImageRules::historyRules_data()
{
    addRuleColumns();
    Image image;

    // IMG-003: index refresh without install.
    row("apt-get update alone fires", "IMG-003", withSteps({"/bin/sh -c apt-get update"}), low,
        "history: RUN apt-get update (layer 6)");
    row("apt-get update followed by install does not fire", "IMG-003",
        withSteps({"/bin/sh -c apt-get update; apt-get install -y curl"}), kNoFinding, "");
    row("an update after the last install fires", "IMG-003",
        withSteps({"/bin/sh -c apt-get install -y curl && apt-get -q update"}), low, "apt-get -q update");
    row("update and install in separate RUN lines fires", "IMG-003",
        withSteps({"/bin/sh -c apk update", "/bin/sh -c apk add curl"}), low, "RUN apk update (layer 6)");
    row("the BuildKit form is understood", "IMG-003", withSteps({"RUN /bin/sh -c apt-get update # buildkit"}),
        low, "RUN apt-get update (layer 6)");
    row("yum update upgrades packages and does not fire", "IMG-003", withSteps({"/bin/sh -c yum -y update"}),
        kNoFinding, "");
    row("dnf makecache alone fires", "IMG-003", withSteps({"/bin/sh -c dnf makecache"}), low,
        "dnf makecache");
    row("an install by another package manager does not count", "IMG-003",
        withSteps({"/bin/sh -c apt-get update && apk add curl"}), low, "apt-get update");
    row("the word update as a package name does not fire", "IMG-003",
        withSteps({"/bin/sh -c apt-get install -y update-notifier && rm -rf /var/lib/apt/lists/*"}),
        kNoFinding, "");

    // IMG-004: ADD.
    row("a local ADD fires low", "IMG-004", withSteps({"/bin/sh -c #(nop) ADD file:9a8b7c in /opt/ "}), low,
        "history: ADD file:9a8b7c in /opt/ (layer 6)");
    row("an ADD of a URL fires medium", "IMG-004",
        withSteps({"ADD https://example.com/app.tar.gz /opt/ # buildkit"}), medium,
        "ADD https://example.com/app.tar.gz /opt/");
    row("the URL ADD is the evidence even when a local ADD came first", "IMG-004",
        withSteps({"/bin/sh -c #(nop) ADD file:9a8b7c in /opt/ ",
                   "ADD https://example.com/x.tgz /srv/ # buildkit"}),
        medium, "ADD https://example.com/x.tgz /srv/ (layer 7); 1 more line");
    row("a second ADD into / fires", "IMG-004", withSteps({"/bin/sh -c #(nop) ADD file:feed in / "}), low,
        "ADD file:feed in / (layer 6)");
    row("COPY does not fire", "IMG-004", withSteps({"COPY app /app # buildkit"}), kNoFinding, "");
    image = cleanImage();
    image.history.back().createdBy = "ADD alpine-minirootfs-3.20.0-x86_64.tar.gz / # buildkit";
    row("a BuildKit base rootfs ADD is skipped", "IMG-004", image, kNoFinding, "");

    // IMG-008: sudo.
    row("installing sudo fires", "IMG-008", withSteps({"/bin/sh -c apt-get install -y sudo"}), medium,
        "RUN apt-get install -y sudo (layer 6)");
    row("running sudo fires", "IMG-008", withSteps({"/bin/sh -c cd /src && sudo make install"}), medium,
        "sudo make install");
    row("a sudoers entry fires", "IMG-008",
        withSteps({"/bin/sh -c echo 'app ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers"}), medium, "/etc/sudoers");
    row("words that only contain sudo do not fire", "IMG-008",
        withSteps({"/bin/sh -c pip install pseudo sudoku"}), kNoFinding, "");
    row("two lines with sudo are counted", "IMG-008",
        withSteps({"/bin/sh -c sudo true", "/bin/sh -c sudo -u app id"}), medium, "1 more line");

    // IMG-009: dist-upgrade.
    row("apt-get dist-upgrade fires", "IMG-009",
        withSteps({"/bin/sh -c apt-get update && apt-get -y dist-upgrade"}), low, "apt-get -y dist-upgrade");
    row("apt full-upgrade fires", "IMG-009", withSteps({"/bin/sh -c apt full-upgrade -y"}), low,
        "full-upgrade");
    row("apt-get upgrade does not fire", "IMG-009", withSteps({"/bin/sh -c apt-get upgrade -y"}), kNoFinding,
        "");

    // IMG-010: package caches.
    row("apt-get install without cleanup fires", "IMG-010",
        withSteps({"/bin/sh -c apt-get update && apt-get install -y curl"}), low, "apt-get install -y curl");
    row("apt-get clean counts as cleanup", "IMG-010",
        withSteps({"/bin/sh -c apt-get update && apt-get install -y curl && apt-get clean"}), kNoFinding, "");
    row("cleaning in a later RUN line does not help", "IMG-010",
        withSteps({"/bin/sh -c apt-get install -y curl", "/bin/sh -c rm -rf /var/lib/apt/lists/*"}), low,
        "(layer 6)");
    row("apk add without --no-cache fires", "IMG-010", withSteps({"/bin/sh -c apk add curl"}), low,
        "apk add curl");
    row("apk add --no-cache does not fire", "IMG-010", withSteps({"/bin/sh -c apk add --no-cache curl"}),
        kNoFinding, "");
    row("apk --no-cache before the verb does not fire", "IMG-010",
        withSteps({"/bin/sh -c apk --no-cache add curl"}), kNoFinding, "");
    row("yum install without clean fires", "IMG-010", withSteps({"/bin/sh -c yum install -y httpd"}), low,
        "yum install -y httpd");
    row("yum clean all counts as cleanup", "IMG-010",
        withSteps({"/bin/sh -c yum install -y httpd && yum clean all"}), kNoFinding, "");
    row("removing the dnf cache counts as cleanup", "IMG-010",
        withSteps({"/bin/sh -c dnf install -y httpd && rm -rf /var/cache/dnf"}), kNoFinding, "");
    row("zypper in without clean fires", "IMG-010", withSteps({"/bin/sh -c zypper -n in vim"}), low,
        "zypper -n in");
    row("zypper clean counts as cleanup", "IMG-010",
        withSteps({"/bin/sh -c zypper -n in vim && zypper clean -a"}), kNoFinding, "");

    // IMG-015: curl | sh.
    row("curl piped into sh fires", "IMG-015",
        withSteps({"/bin/sh -c curl -fsSL https://get.example.com | sh"}), medium,
        "curl -fsSL https://get.example.com | sh");
    row("wget piped into sudo bash fires", "IMG-015",
        withSteps({"/bin/sh -c wget -qO- https://x.example/i.sh | sudo -E bash -s -- --yes"}), medium,
        "wget -qO-");
    row("a substituted download run by sh fires", "IMG-015",
        withSteps({"/bin/sh -c sh -c \"$(curl -fsSL https://x.example/i.sh)\""}), medium, "sh -c");
    row("bash reading a process substitution fires", "IMG-015",
        withSteps({"/bin/bash -o pipefail -c bash <(curl -s https://x.example/i.sh)"}), medium,
        "bash <(curl");
    row("a download to a file does not fire", "IMG-015",
        withSteps({"/bin/sh -c curl -fsSLo /tmp/i.sh https://x.example/i.sh && sha256sum -c /tmp/sum"}),
        kNoFinding, "");
    row("curl piped into tar does not fire", "IMG-015",
        withSteps({"/bin/sh -c curl -fsSL https://x.example/a.tgz | tar -xz -C /opt"}), kNoFinding, "");

    // IMG-016: verification off.
    row("--allow-unauthenticated fires", "IMG-016",
        withSteps(
            {"/bin/sh -c apt-get install -y --allow-unauthenticated foo && rm -rf /var/lib/apt/lists/*"}),
        medium, "--allow-unauthenticated in history: RUN apt-get install");
    row("curl -k inside a flag cluster fires", "IMG-016",
        withSteps({"/bin/sh -c curl -fsSLk https://x.example/a.tgz -o /tmp/a.tgz"}), medium,
        "curl -fsSLk in");
    row("pip --trusted-host fires", "IMG-016",
        withSteps({"/bin/sh -c pip install --trusted-host pypi.example.com flask"}), medium,
        "--trusted-host");
    row("npm strict-ssl false fires", "IMG-016", withSteps({"/bin/sh -c npm config set strict-ssl false"}),
        medium, "strict-ssl false");
    row("gpgcheck=0 through setopt fires", "IMG-016",
        withSteps({"/bin/sh -c dnf install -y --setopt=gpgcheck=0 foo && dnf clean all"}), medium,
        "--setopt=gpgcheck=0");
    row("tar -k after a curl pipe does not fire", "IMG-016",
        withSteps({"/bin/sh -c curl -fsSL https://x.example/a.tgz | tar -xzk -C /opt"}), kNoFinding, "");

    // IMG-017: setuid.
    row("chmod u+s fires", "IMG-017", withSteps({"/bin/sh -c chmod u+s /usr/local/bin/helper"}), medium,
        "chmod u+s in history: RUN");
    row("chmod 4755 fires", "IMG-017", withSteps({"/bin/sh -c chmod -R 4755 /opt/bin/tool"}), medium,
        "chmod 4755");
    row("chmod 7755 fires (the sources only know 2, 4, 6)", "IMG-017",
        withSteps({"/bin/sh -c chmod 7755 /x"}), medium, "chmod 7755");
    row("install -m 2755 fires", "IMG-017", withSteps({"/bin/sh -c install -m 2755 tool /usr/bin/tool"}),
        medium, "install -m 2755");
    row("COPY --chmod with a setuid mode fires", "IMG-017",
        withSteps({"COPY --chmod=4755 tool /usr/bin/ # buildkit"}), medium, "--chmod=4755 in history: COPY");
    row("install --directory --mode 3777 makes a shared directory, it does not fire", "IMG-017",
        withSteps(
            {"/bin/sh -c install --verbose --directory --owner postgres --mode 3777 /var/run/postgresql"}),
        kNoFinding, "");
    row("install -d -m 2775 does not fire either", "IMG-017",
        withSteps({"/bin/sh -c install -d -m 2775 /srv/shared && install -m 0755 tool /usr/bin/tool"}),
        kNoFinding, "");
    row("install -m 4755 of a file fires though a directory is made after it", "IMG-017",
        withSteps({"/bin/sh -c install -m 4755 tool /usr/bin/tool && install -d /srv/x"}), medium,
        "install -m 4755");
    row("chmod 0755 does not fire", "IMG-017", withSteps({"/bin/sh -c chmod 0755 /app/run"}), kNoFinding, "");
    row("sticky-only 1777 does not fire", "IMG-017", withSteps({"/bin/sh -c chmod 1777 /tmp"}), kNoFinding,
        "");
    row("removing the s-bit does not fire", "IMG-017", withSteps({"/bin/sh -c chmod u-s,g-s /usr/bin/x"}),
        kNoFinding, "");

    // IMG-021: size and build tools.
    image = cleanImage();
    image.size = 1536LL * 1024 * 1024;
    row("an image above the size limit fires", "IMG-021", image, low,
        "Size 1.5 GiB is above the 1.0 GiB limit");
    {
        ScanSettings small;
        small.maxImageSizeBytes = 50u * 1024u * 1024u;
        row("the size limit comes from the settings", "IMG-021", cleanImage(), low,
            "Size 80.0 MiB is above the 50.0 MiB limit", small);
    }
    row("compilers left in the image fire", "IMG-021",
        withSteps({"/bin/sh -c apt-get update && apt-get install -y gcc make libssl-dev && rm -rf "
                   "/var/lib/apt/lists/*"}),
        low, "Build tools gcc, make left in history: RUN apt-get install -y gcc make libssl-dev (layer 6)");
    row("versioned compilers count", "IMG-021", withSteps({"/bin/sh -c apk add --no-cache g++-12 cmake"}),
        low, "g++-12, cmake");
    row("tools purged in the same RUN do not fire", "IMG-021",
        withSteps({"/bin/sh -c apt-get install -y gcc make && make -C /src && apt-get purge -y gcc make"}),
        kNoFinding, "");
    row("tools removed in a later RUN do not fire", "IMG-021",
        withSteps({"/bin/sh -c apk add --no-cache go", "/bin/sh -c go build ./... && apk del go"}),
        kNoFinding, "");
    row("an apk virtual group removed again does not fire", "IMG-021",
        withSteps(
            {"/bin/sh -c apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del "
             ".build-deps"}),
        kNoFinding, "");
    row("apt-mark auto with purge --auto-remove does not fire", "IMG-021",
        withSteps(
            {"/bin/sh -c savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y gcc; apt-mark auto '.*' "
             "> /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove"}),
        kNoFinding, "");
    row("a purge of a variable gets the benefit of the doubt", "IMG-021",
        withSteps({"/bin/sh -c apt-get install -y $buildDeps gcc && apt-get purge -y $buildDeps"}),
        kNoFinding, "");
    row("removing only some tools still fires for the rest", "IMG-021",
        withSteps({"/bin/sh -c yum install -y gcc cmake && yum remove -y gcc"}), low,
        "Build tools cmake left");
    row("npm install with devDependencies fires", "IMG-021", withSteps({"/bin/sh -c npm install"}), low,
        "npm devDependencies");
    row("npm ci --omit=dev does not fire", "IMG-021", withSteps({"/bin/sh -c npm ci --omit=dev"}), kNoFinding,
        "");
    row("npm install of a named package does not fire", "IMG-021",
        withSteps({"/bin/sh -c npm install -g pm2"}), kNoFinding, "");
    row("NODE_ENV=production set earlier does not fire", "IMG-021",
        withSteps({"ENV NODE_ENV=production", "RUN /bin/sh -c npm ci # buildkit"}), kNoFinding, "");
    row("npm prune afterwards does not fire", "IMG-021",
        withSteps({"/bin/sh -c npm ci && npm run build && npm prune --omit=dev"}), kNoFinding, "");
    image = withSteps({"/bin/sh -c apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*"});
    image.size = 2LL * 1024 * 1024 * 1024;
    row("size and tools are two findings", "IMG-021", image, low, "Size 2.0 GiB", {}, 2);
}

void TestImageRules::inventoryRules_data()
{
    addRuleColumns();
    // IMG-019: sprawl (inventory-wide).
    {
        const Image used = cleanImage();
        Image unused = cleanImage();
        unused.id = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
        unused.repoTags = {"ghcr.io/acme/old:0.9"};
        Inventory inventory = inventoryOf(used);
        inventory.images.push_back(unused);
        row("an image no container uses fires", "IMG-019", inventory, info, "No container uses this image");

        Image dangling = unused;
        dangling.repoTags = {"<none>:<none>"};
        inventory = inventoryOf(used);
        inventory.images.push_back(dangling);
        row("a dangling image fires", "IMG-019", inventory, info, "dangling) and no container uses it");

        inventory.containers.push_back(containerOf(dangling, "legacy"));
        row("a dangling image still in use says which container", "IMG-019", inventory, info,
            "still used by container legacy");

        Image child = unused;
        child.id = "sha256:4444444444444444444444444444444444444444444444444444444444444444";
        child.parent = dangling.id;
        child.repoTags = {"ghcr.io/acme/child:1"};
        inventory = inventoryOf(child);
        inventory.images.push_back(dangling);
        row("an intermediate parent layer is not sprawl", "IMG-019", inventory, kNoFinding, "");

        Inventory empty;
        empty.images.push_back(used);
        empty.images.push_back(unused);
        row("with no containers every image is unused", "IMG-019", empty, info, "(0 containers checked)", {},
            2);
    }
}

void TestImageRules::verifyRow()
{
    QFETCH(QString, rule);
    QFETCH(Inventory, inventory);
    QFETCH(ScanSettings, settings);
    QFETCH(int, count);
    QFETCH(int, severity);
    QFETCH(QString, evidence);

    const auto findings = evaluate(rule.toStdString(), inventory, settings);
    QStringList evidences;
    for (const auto& f : findings) {
        evidences << QString::fromStdString(f.evidence);
    }
    QVERIFY2(static_cast<int>(findings.size()) == count, qPrintable(evidences.join(" | ")));
    if (findings.empty()) {
        return;
    }
    const Finding& first = findings.front();
    QCOMPARE(QString::fromStdString(first.ruleId), rule);
    QCOMPARE(first.area, Area::Image);
    QCOMPARE(first.object.type, ObjectType::Image);
    QCOMPARE(static_cast<int>(first.severity), severity);
    QVERIFY2(evidences.front().contains(evidence),
             qPrintable(QStringLiteral("evidence \"%1\" lacks \"%2\"").arg(evidences.front(), evidence)));
}

void TestImageRules::findingsCarryShortEvidenceAndADockerfile()
{
    // One image that trips every image rule at once, with a very long command line.
    const std::string longTail(600, 'x');
    Image image = withSteps({
        ("/bin/sh -c apt-get update && apt-get -y dist-upgrade && apt-get install -y sudo gcc && curl -k "
         "https://x.example/" +
         longTail + " | sh")
            .c_str(),
        "/bin/sh -c apt-get update",
        "/bin/sh -c #(nop) ADD https://example.com/a.tgz in /opt ",
        "/bin/sh -c chmod u+s /usr/bin/helper",
    });
    image.config.user = "";
    image.config.healthcheck.reset();
    image.repoTags = {"registry.evil.example/app:latest"};
    image.repoDigests = {};
    image.createdUnix = kNow - 400 * kDay;
    image.size = 3LL * 1024 * 1024 * 1024;
    image.config.volumes = {"/dev"};
    image.config.exposedPorts = {"22/tcp"};
    image.config.cmd = {"/usr/sbin/sshd", "-D"};
    image.config.workingDir = "/proc/x";
    image.config.onBuild = {"RUN make"};
    Inventory inventory;
    inventory.images.push_back(image);

    const auto findings = evaluateAll(inventory);
    std::set<std::string> fired;
    for (const auto& f : findings) {
        fired.insert(f.ruleId);
        QVERIFY2(!f.evidence.empty(), f.ruleId.c_str());
        // 200 bytes plus the three bytes of the ellipsis truncateUtf8 appends.
        QVERIFY2(f.evidence.size() <= 203, qPrintable(QString::fromStdString(f.ruleId + ": " + f.evidence)));
        QVERIFY2(!f.remediation.dockerfile.empty(), f.ruleId.c_str());
        QVERIFY(!f.title.empty() && !f.fix.empty() && !f.rationale.empty());
    }
    QCOMPARE(fired.size(), std::size_t{21});
}

void TestImageRules::secretsInHistoryNeverReachEvidence_data()
{
    QTest::addColumn<QString>("createdBy");
    QTest::addColumn<QString>("secret");
    QTest::newRow("a classic build arg in front of RUN is dropped")
        << "|1 BUILD_TOKEN=buildsecret123 /bin/sh -c apt-get update"
        << "buildsecret123";
    QTest::newRow("a build arg with spaces in its value is dropped")
        << "|2 A=x NOTE=open sesame secret /bin/sh -c apt-get update"
        << "sesame secret";
    QTest::newRow("a BuildKit build arg is dropped")
        << "RUN |1 NPM_TOKEN=npmsecret987 /bin/sh -c apt-get update # buildkit"
        << "npmsecret987";
    QTest::newRow("URL credentials are masked")
        << "/bin/sh -c curl -k https://deploy:pa55word99@x.example/i | sh"
        << "pa55word99";
    QTest::newRow("curl -u credentials are masked")
        << "/bin/sh -c curl -u admin:hunter2pass https://x.example/i | sh"
        << "hunter2pass";
    QTest::newRow("a bearer header is masked")
        << "/bin/sh -c curl -H \"Authorization: Bearer abcdef123456789\" https://x.example/i | bash"
        << "abcdef123456789";
    QTest::newRow("a password option is masked")
        << "/bin/sh -c wget --password=topsecret99 -qO- https://x.example/i | sh"
        << "topsecret99";
    QTest::newRow("an inline token variable is masked")
        << "/bin/sh -c API_TOKEN=tok3nvalue42 curl https://x.example/i | sh"
        << "tok3nvalue42";
    QTest::newRow("a GitHub token shape is masked")
        << "/bin/sh -c curl https://x.example/ghp_abcdefghijklmnopqrstuvwxyz0123456789/i | sh"
        << "abcdefghijklmnopqrstuvwxyz0123456789";
}

void TestImageRules::secretsInHistoryNeverReachEvidence()
{
    QFETCH(QString, createdBy);
    QFETCH(QString, secret);
    const std::string line = createdBy.toStdString();
    Inventory inventory = inventoryOf(withSteps({line.c_str()}));
    const auto findings = evaluateAll(inventory);
    bool historyFinding = false;
    for (const auto& f : findings) {
        historyFinding = historyFinding || f.evidence.find("history:") != std::string::npos;
        QVERIFY2(!QString::fromStdString(f.evidence).contains(secret), f.evidence.c_str());
    }
    QVERIFY2(historyFinding, "the row must produce a finding that shows the line");
}

void TestImageRules::historyLineParses_data()
{
    QTest::addColumn<QString>("createdBy");
    QTest::addColumn<QString>("instruction");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("segments");
    QTest::addColumn<bool>("buildKit");

    QTest::newRow("a classic ENV line") << "/bin/sh -c #(nop)  ENV PATH=/usr/local/bin:/usr/bin"
                                        << "ENV"
                                        << "PATH=/usr/local/bin:/usr/bin" << QStringList{} << false;
    QTest::newRow("a classic ADD of the base rootfs") << "/bin/sh -c #(nop) ADD file:abc123 in / "
                                                      << "ADD"
                                                      << "file:abc123 in /" << QStringList{} << false;
    QTest::newRow("a classic RUN split on && and ;")
        << "/bin/sh -c apt-get update && apt-get install -y curl; rm -rf /var/lib/apt/lists/*"
        << "RUN"
        << "apt-get update && apt-get install -y curl; rm -rf /var/lib/apt/lists/*"
        << QStringList{"apt-get update", "apt-get install -y curl", "rm -rf /var/lib/apt/lists/*"} << false;
    QTest::newRow("a RUN with build args and a custom shell")
        << "|1 VERSION=1.2 /bin/bash -o pipefail -c curl -fsSL x | tar -xz"
        << "RUN"
        << "curl -fsSL x | tar -xz" << QStringList{"curl -fsSL x | tar -xz"} << false;
    QTest::newRow("a BuildKit RUN") << "RUN /bin/sh -c make || true # buildkit"
                                    << "RUN"
                                    << "make || true" << QStringList{"make", "true"} << true;
    QTest::newRow("a BuildKit COPY") << "COPY --from=build /out /app # buildkit"
                                     << "COPY"
                                     << "--from=build /out /app" << QStringList{} << true;
    QTest::newRow("a kaniko RUN without a shell prefix")
        << "RUN apk add --no-cache git"
        << "RUN"
        << "apk add --no-cache git" << QStringList{"apk add --no-cache git"} << false;
    QTest::newRow("an exec-form RUN") << "RUN [\"apt-get\", \"update\"] # buildkit"
                                      << "RUN"
                                      << "apt-get update" << QStringList{"apt-get update"} << true;
    QTest::newRow("quoted separators and redirections do not split")
        << "/bin/sh -c echo 'a && b; c' > f 2>&1 && find . -exec chmod 644 {} \\;"
        << "RUN"
        << "echo 'a && b; c' > f 2>&1 && find . -exec chmod 644 {} \\;"
        << QStringList{"echo 'a && b; c' > f 2>&1", "find . -exec chmod 644 {} \\;"} << false;
    QTest::newRow("a line continuation joins the command")
        << "/bin/sh -c apt-get install -y \\\n    curl"
        << "RUN"
        << "apt-get install -y \\\n    curl" << QStringList{"apt-get install -y      curl"} << false;
    QTest::newRow("a tooling comment is no instruction")
        << "# debian.sh --arch 'amd64' out/ 'bookworm'"
        << ""
        << "# debian.sh --arch 'amd64' out/ 'bookworm'" << QStringList{} << false;
}

void TestImageRules::historyLineParses()
{
    QFETCH(QString, createdBy);
    QFETCH(QString, instruction);
    QFETCH(QString, body);
    QFETCH(QStringList, segments);
    QFETCH(bool, buildKit);
    const auto line = HistoryLine::parse(createdBy.toStdString(), 3);
    QVERIFY(line);
    QCOMPARE(QString::fromStdString(line->instruction()), instruction);
    QCOMPARE(QString::fromStdString(line->body()), body);
    QStringList actual;
    for (const auto& s : line->segments()) {
        actual << QString::fromStdString(s);
    }
    QCOMPARE(actual, segments);
    QCOMPARE(line->isBuildKit(), buildKit);
    QCOMPARE(line->layer(), 3);
    QVERIFY(!HistoryLine::parse("   ").has_value());
}

QTEST_APPLESS_MAIN(TestImageRules)
#include "TestImageRules.moc"
