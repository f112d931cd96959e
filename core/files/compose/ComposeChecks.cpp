#include "core/files/compose/detail/ComposeChecks.h"

#include "core/common/Strings.h"
#include "core/rules/Rule.h"
#include "core/secrets/SecretDetector.h"

#include <unordered_map>

namespace drydock::compose::detail {
namespace {

const RuleInfo kUnsetSecret{
    .id = "CMP-001",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Medium,
    .cis = {},
    .title = "Secret-looking setting read from an unset variable",
    .rationale = "The value comes from a variable that is not set, so Compose passes an empty string: the "
                 "service starts with an empty password or key, which many images accept as \"no password\".",
    .fix = "Write ${NAME:?NAME must be set} so Compose refuses to start without it, or better deliver the "
           "secret "
           "through a compose `secrets:` file and the image's NAME_FILE variable.",
    .practice = "Never start a service with an empty credential"};

const RuleInfo kUndeclaredVolume{
    .id = "CMP-002",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = {},
    .title = "Named volume used but not declared",
    .rationale = "Compose refuses to start a service whose named volume has no entry under the top-level "
                 "`volumes:` (\"Named volume … is used in service … but no declaration was found\"); a typo "
                 "here also silently creates a new, empty volume in some tools.",
    .fix =
        "Declare the volume under the top-level `volumes:` (with `external: true` when it already exists).",
    .practice = "Declare every named volume"};

const RuleInfo kUndeclaredNetwork{
    .id = "CMP-003",
    .area = Area::Network,
    .defaultSeverity = Severity::Low,
    .cis = {},
    .title = "Network used but not declared",
    .rationale = "Compose refuses to start a service that joins a network missing from the top-level "
                 "`networks:`.",
    .fix =
        "Declare the network under the top-level `networks:` (with `external: true` when it already exists).",
    .practice = "Declare every network"};

const RuleInfo kUndeclaredSecret{
    .id = "CMP-004",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Low,
    .cis = {},
    .title = "Secret or config used but not declared",
    .rationale =
        "A service names a secret or config that the top-level `secrets:`/`configs:` does not define: "
        "Compose refuses to start it, and people then tend to fall back to environment variables.",
    .fix = "Declare it under the top-level `secrets:` or `configs:` with its `file:` (or `external: true`).",
    .practice = "Declare every secret and config"};

Finding make(const RuleInfo& info, const ComposeProject& project, ObjectRef object, const YamlMark& mark,
             std::string evidence, std::string discriminator)
{
    Finding f;
    f.ruleId = info.id;
    f.area = info.area;
    f.severity = info.defaultSeverity;
    f.object = std::move(object);
    f.title = info.title;
    f.rationale = info.rationale;
    f.fix = info.fix;
    f.evidence = std::move(evidence);
    f.discriminator = std::move(discriminator);
    f.location = locationOf(project, mark);
    return f;
}

ObjectRef refOf(const ComposeServiceMapping& s)
{
    return {ObjectType::Container, s.container.id, s.container.name};
}

// Entries of a service's `secrets:`/`configs:` by source name, each with its mark.
std::vector<std::pair<std::string, YamlMark>> references(const YamlNode* list)
{
    std::vector<std::pair<std::string, YamlMark>> out;
    if (!list) {
        return out;
    }
    for (const auto& item : list->items) {
        if (item.isScalar()) {
            out.emplace_back(item.value, item.mark);
        } else if (const YamlNode* source = item.find("source"); source && source->isScalar()) {
            out.emplace_back(source->value, item.mark);
        }
    }
    return out;
}

void unsetSecrets(const ComposeProject& project, const std::vector<ComposeServiceMapping>& services,
                  std::vector<Finding>& out)
{
    std::unordered_map<std::string, const ComposeServiceMapping*> byName;
    for (const auto& s : services) {
        byName.emplace(s.container.name, &s);
    }
    for (const auto& u : project.unset) {
        const bool secretKey =
            SecretDetector::classifyName(u.key).signal == SecretDetector::NameSignal::Strong;
        const bool secretName =
            SecretDetector::classifyName(u.name).signal == SecretDetector::NameSignal::Strong;
        if ((!secretKey && !secretName) || !startsWith(u.keyPath, "services.")) {
            continue;
        }
        const std::string rest = u.keyPath.substr(9);
        const std::string serviceName = rest.substr(0, rest.find('.'));
        const auto at = byName.find(serviceName);
        if (at != byName.end()) {
            const ComposeServiceMapping& s = *at->second;
            out.push_back(make(kUnsetSecret, project, refOf(s), u.mark,
                               u.keyPath + (endsWith(u.keyPath, "." + u.key) ? "" : " (" + u.key + ")") +
                                   " reads ${" + u.name +
                                   "}, which is not set: the service gets an empty value",
                               u.key + ":" + u.name));
        }
    }
}

} // namespace

SourceLocation locationOf(const ComposeProject& project, const YamlMark& mark)
{
    const auto file = static_cast<std::size_t>(mark.file);
    return {file < project.files.size() ? project.files[file].path : std::string(), mark.line, mark.column};
}

std::vector<Finding> composeOnlyFindings(const ComposeProject& project,
                                         const std::vector<ComposeServiceMapping>& services)
{
    std::vector<Finding> out;
    unsetSecrets(project, services, out);
    const auto volumes = project.volumes.keyIndex();
    const auto declaredNetworks = project.networks.keyIndex();
    const auto secrets = project.secrets.keyIndex();
    const auto configs = project.configs.keyIndex();
    for (std::size_t i = 0; i < services.size() && i < project.services.size(); ++i) {
        const ComposeServiceMapping& s = services[i];
        const YamlNode& def = project.services[i].definition;
        for (const auto& m : s.container.mounts) {
            if (m.type != "volume" || m.name.empty() || volumes.count(m.name)) {
                continue;
            }
            const auto where = s.facts.find("volume:" + m.destination);
            const YamlMark mark = where != s.facts.end() ? where->second.mark : s.service.mark;
            out.push_back(make(kUndeclaredVolume, project, refOf(s), mark,
                               "services." + s.container.name + ".volumes uses \"" + m.name +
                                   "\", which the top-level volumes: does not declare",
                               m.name));
        }
        if (const YamlNode* networks = def.find("networks"); networks && networks->isMap()) {
            for (const auto& n : networks->entries) {
                if (n.key.value == "default" || declaredNetworks.count(n.key.value)) {
                    continue;
                }
                out.push_back(make(kUndeclaredNetwork, project, refOf(s), n.key.mark,
                                   "services." + s.container.name + ".networks joins \"" + n.key.value +
                                       "\", which the top-level networks: does not declare",
                                   n.key.value));
            }
        }
        for (const char* kind : {"secrets", "configs"}) {
            const auto& declared = std::string_view(kind) == "secrets" ? secrets : configs;
            for (const auto& [name, mark] : references(def.find(kind))) {
                if (declared.count(name)) {
                    continue;
                }
                out.push_back(make(kUndeclaredSecret, project, refOf(s), mark,
                                   "services." + s.container.name + "." + kind + " uses \"" + name +
                                       "\", which the top-level " + kind + ": does not declare",
                                   std::string(kind) + ":" + name));
            }
        }
    }
    return out;
}

} // namespace drydock::compose::detail
