#include "core/files/compose/ComposeReview.h"

#include "core/files/compose/ComposeServiceMapper.h"
#include "core/files/compose/detail/ComposeChecks.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/RuleEngine.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <unordered_map>

namespace drydock {
namespace {

using compose::detail::locationOf;

// Past this many services the rest of a project is not reviewed: each mapped service costs about 100 KB of
// findings and rendered commands, and real projects have tens. A hostile file of 50,000 stops here.
constexpr std::size_t kMaxReviewedServices = 1000;

// The network objects of a project: every declared network, plus the default one services join without
// `networks:`; id "<file>#networks.<key>" so a finding can be put back on its key.
std::vector<Network> projectNetworks(const ComposeProject& project, std::map<std::string, YamlMark>& marks)
{
    std::vector<Network> out;
    const std::string firstFile = project.files.empty() ? std::string() : project.files.front().path;
    bool hasDefault = false;
    for (const auto& e : project.networks.entries) {
        Network n;
        const auto file = static_cast<std::size_t>(e.key.mark.file);
        n.id =
            (file < project.files.size() ? project.files[file].path : firstFile) + "#networks." + e.key.value;
        n.name = project.name + "_" + e.key.value;
        n.driver = "bridge";
        if (e.value.isMap()) {
            const YamlNode& v = e.value;
            if (const YamlNode* name = v.find("name"); name && name->isScalar()) {
                n.name = name->value;
            }
            if (const YamlNode* driver = v.find("driver"); driver && driver->isScalar()) {
                n.driver = driver->value;
            }
            n.enableIPv6 = v.find("enable_ipv6") && v.find("enable_ipv6")->isTrue();
            n.internal = v.find("internal") && v.find("internal")->isTrue();
            if (const YamlNode* options = v.find("driver_opts"); options && options->isMap()) {
                for (const auto& o : options->entries) {
                    n.options[o.key.value] = o.value.text();
                }
            }
            if (v.find("external") && v.find("external")->isTrue()) {
                continue; // created elsewhere: its settings are not in these files
            }
        }
        hasDefault = hasDefault || e.key.value == "default";
        marks[n.id] = e.key.mark;
        out.push_back(std::move(n));
    }
    if (!hasDefault) {
        Network n;
        n.id = firstFile + "#networks.default";
        n.name = project.name + "_default";
        n.driver = "bridge";
        out.push_back(std::move(n));
    }
    return out;
}

// The volume objects of a project, named by their key, with the options their drivers get.
std::vector<Volume> projectVolumes(const ComposeProject& project, std::map<std::string, YamlMark>& marks)
{
    std::vector<Volume> out;
    for (const auto& e : project.volumes.entries) {
        Volume v;
        v.name = e.key.value;
        v.driver = "local";
        marks[v.name] = e.key.mark;
        if (e.value.isMap()) {
            if (const YamlNode* driver = e.value.find("driver"); driver && driver->isScalar()) {
                v.driver = driver->value;
            }
            if (const YamlNode* options = e.value.find("driver_opts"); options && options->isMap()) {
                for (const auto& o : options->entries) {
                    v.options[o.key.value] = o.value.text();
                }
                marks[v.name] = options->mark.line ? options->mark : e.key.mark;
            }
        }
        out.push_back(std::move(v));
    }
    return out;
}

// What a container created from a compose file runs on, as far as the rules ask: a current Linux daemon
// with AppArmor and seccomp and cgroup v2. A file does not say which daemon it will meet; these are the
// defaults of the distributions people run Docker on, and only the rules that grade by them read them.
DaemonInfo assumedDaemon()
{
    DaemonInfo daemon;
    daemon.securityOptions = {"name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"};
    daemon.cgroupVersion = "2";
    return daemon;
}

const RuleCatalogue& catalogue()
{
    static const RuleCatalogue rules = RuleCatalogue::builtIn();
    return rules;
}

std::string composeEvidence(const ComposeKeyRef& key, const std::string& ruleEvidence)
{
    std::string text = key.path;
    if (!key.shown.empty()) {
        text += ": " + key.shown;
    }
    return text + " (" + ruleEvidence + ")";
}

} // namespace

const std::vector<ExcludedComposeRule>& composeExcludedRules()
{
    static const std::vector<ExcludedComposeRule> rules{
        {"CTR-021", "reads exec sessions of a running container"},
        {"CTR-023", "compares the running image with the local image store"},
        {"RUN-014", "reads the file system changes of a running container"},
        {"RUN-017", "reads restart counts and OOM kills of a running container"},
        {"RUN-018", "reads how long a stopped container has been stopped"},
        {"NET-012", "judges the connection to the daemon, not a file"},
        {"SEC-002", "reads an image's ENV: the Dockerfile review covers it"},
        {"SEC-003", "reads an image's build history: the Dockerfile review covers it"},
        {"SEC-009", "reads swarm services of a running swarm"},
        {"SEC-010", "reads swarm configs of a running swarm"},
        {"SEC-011", "reads swarm secrets' file modes of a running swarm"},
        {"SEC-012", "reads swarm secrets' ages of a running swarm"},
    };
    return rules;
}

std::vector<FileReview> reviewCompose(const ComposeProject& project, const FileReviewLimits& /*limits*/)
{
    const std::vector<ComposeServiceMapping> services = mapComposeServices(project, kMaxReviewedServices);
    std::unordered_map<std::string, std::size_t> serviceById;
    Inventory inventory;
    inventory.endpoint = "compose:" + project.name;
    inventory.daemon = assumedDaemon();
    for (const auto& service : services) {
        serviceById.emplace(service.container.id, inventory.containers.size());
        inventory.containers.push_back(service.container);
    }
    std::map<std::string, YamlMark> networkMarks;
    std::map<std::string, YamlMark> volumeMarks;
    inventory.networks = projectNetworks(project, networkMarks);
    inventory.volumes = projectVolumes(project, volumeMarks);

    ScanSettings settings;
    // The socket a compose file meets on almost every host: binding its folder (/var/run) hands it over too.
    settings.ownSocketPath = "/var/run/docker.sock";
    settings.onlyAreas = {Area::Container, Area::Runtime, Area::Network, Area::Secrets};
    for (const auto& excluded : composeExcludedRules()) {
        settings.disabledRules.insert(excluded.ruleId);
    }
    FindingSet set = RuleEngine(catalogue()).evaluate(inventory, settings, 0);

    std::vector<Finding> findings;
    for (Finding f : set.all()) {
        std::optional<YamlMark> mark;
        if (f.object.type == ObjectType::Container) {
            const auto it = serviceById.find(f.object.id);
            if (it == serviceById.end()) {
                continue;
            }
            const ComposeKeyRef key = services[it->second].locate(f.ruleId, f.discriminator);
            mark = key.mark;
            f.evidence = composeEvidence(key, f.evidence);
        } else if (f.object.type == ObjectType::Network && networkMarks.count(f.object.id)) {
            mark = networkMarks[f.object.id];
            f.evidence = "networks." + f.object.id.substr(f.object.id.find("#networks.") + 10) + " (" +
                         f.evidence + ")";
        } else if (f.object.type == ObjectType::Volume && volumeMarks.count(f.object.id)) {
            mark = volumeMarks[f.object.id];
            f.evidence = "volumes." + f.object.id + " (" + f.evidence + ")";
        }
        if (!mark) {
            continue;
        }
        f.location = locationOf(project, *mark);
        findings.push_back(std::move(f));
    }
    for (auto& f : compose::detail::composeOnlyFindings(project, services)) {
        f.evidence = maskSecretsInText(f.evidence);
        findings.push_back(std::move(f));
    }

    std::vector<FileReview> reviews;
    std::unordered_map<std::string, std::size_t> reviewByPath;
    for (const auto& file : project.files) {
        reviewByPath.emplace(file.path, reviews.size());
        FileReview review;
        review.path = file.path;
        review.kind = ReviewedFileKind::Compose;
        review.originalText = file.text;
        reviews.push_back(std::move(review));
    }
    for (auto& f : findings) {
        if (const auto at = reviewByPath.find(f.location->file); at != reviewByPath.end()) {
            reviews[at->second].findings.push_back(std::move(f));
        }
    }
    for (auto& review : reviews) {
        std::stable_sort(
            review.findings.begin(), review.findings.end(), [](const Finding& a, const Finding& b) {
                return std::tie(a.location->line, a.location->column, a.ruleId, a.discriminator) <
                       std::tie(b.location->line, b.location->column, b.ruleId, b.discriminator);
            });
    }
    // Unset variables are noted on the file that used them; every other note on the first file.
    std::unordered_map<std::string, std::size_t> firstUse;
    for (const auto& u : project.unset) {
        firstUse.emplace(u.name + " is not set; read as empty", static_cast<std::size_t>(u.mark.file));
    }
    for (const auto& note : project.notes) {
        const auto used = firstUse.find(note);
        const std::size_t target = used == firstUse.end() ? 0 : used->second;
        if (target < reviews.size()) {
            reviews[target].notes.push_back(note);
        }
    }
    if (!reviews.empty()) {
        for (const auto& service : services) {
            reviews.front().notes.insert(reviews.front().notes.end(), service.notes.begin(),
                                         service.notes.end());
        }
        if (project.services.size() > services.size()) {
            reviews.front().notes.push_back("the project has " + std::to_string(project.services.size()) +
                                            " services; only the first " + std::to_string(services.size()) +
                                            " are reviewed.");
        }
    }
    return reviews;
}

} // namespace drydock
