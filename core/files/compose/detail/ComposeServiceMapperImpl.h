#pragma once
// The service mapper's class, shared by the two files that define it (ComposeServiceMapper.cpp: identity,
// privileges, namespaces, networks, ports, volumes; ComposeServiceSettings.cpp: limits, lifecycle,
// environment). Not for use outside core/files/compose.
#include "core/common/Strings.h"
#include "core/files/compose/ComposeServiceMapper.h"
#include "core/files/compose/detail/ComposeValues.h"
#include "core/secrets/SecretMask.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace drydock::compose::detail {

// Past this many entries in one list or map of a service (ports after ranges are expanded, volumes,
// environment, labels …) the rest is not mapped: every entry can raise findings that each carry the
// container's whole command, so a hostile list of 100,000 would cost gigabytes. Real services stay far below.
inline constexpr std::size_t kMaxEntriesPerKey = 512;

// The service's definition with every attribute cut to kMaxEntriesPerKey entries (a copy only when needed),
// and a note for each attribute that was cut.
const YamlNode& boundedDefinition(const ComposeService& service, std::optional<YamlNode>& copy,
                                  std::vector<std::string>& notes);

// Builds one ComposeServiceMapping: reads each attribute into the container and records where it was written.
class ServiceMapper
{
public:
    using ServiceIndex = std::unordered_map<std::string, const ComposeService*>;

    ServiceMapper(const ComposeProject& project, const ComposeService& service, const ServiceIndex& services)
        : m_project(project), m_service(service), m_services(services),
          m_def(boundedDefinition(service, m_bounded, m_out.notes)), m_prefix("services." + service.name)
    {
    }

    ComposeServiceMapping run();

private:
    // Records where a fact was written; the value shown is masked where it could hold a secret.
    void fact(const std::string& name, const YamlMark& mark, std::string path, std::string shown = {})
    {
        if (m_out.facts.count(name)) {
            return;
        }
        if (shown.size() > 80) {
            shown = truncateUtf8(shown, 77) + "...";
        }
        m_out.facts[name] = {mark, std::move(path), maskSecretsInText(shown), false};
    }

    // A key of the service: records it as a fact under its own name and returns it (nullptr when absent).
    const YamlEntry* keyFact(const char* key, const std::string& factName = {})
    {
        const YamlEntry* e = entry(key);
        if (e) {
            fact(factName.empty() ? key : factName, e->key.mark, m_prefix + "." + key, e->value.text());
        }
        return e;
    }

    std::string text(const char* key) const
    {
        const YamlNode* n = m_def.find(key);
        return n ? n->text() : std::string();
    }

    bool flag(const char* key)
    {
        const YamlEntry* e = keyFact(key);
        return e && e->value.isTrue();
    }

    void identity();

    StringList command(const char* key);

    void privileges();

    // A list attribute copied into `into`, each item recorded as a fact named by `name`.
    template <typename NameOf> void listFacts(const char* key, StringList& into, NameOf name)
    {
        const YamlEntry* e = entry(key);
        if (!e) {
            return;
        }
        fact(key, e->key.mark, m_prefix + "." + key);
        const auto add = [&](const YamlNode& item) {
            into.push_back(item.value);
            fact(name(item.value), item.mark, m_prefix + "." + key, item.value);
        };
        if (e->value.isScalar()) {
            add(e->value);
        }
        for (const auto& item : e->value.items) {
            if (item.isScalar()) {
                add(item);
            }
        }
    }

    void devices();

    // pid/ipc/network_mode "service:name" becomes "container:<that service's id>", as Compose creates it.
    std::string serviceMode(const std::string& mode) const;

    void namespaces();

    void networking();

    // The daemon's name of a project network: its `name:`, its own name when external, else project_key.
    std::string networkName(const std::string& key) const;

    void addPort(const std::string& hostIp, const std::string& hostPort, const std::string& containerPort,
                 const YamlNode& item);

    void ports();

    // A host path of a bind, resolved against the folder of the file that wrote it.
    std::string hostPath(const std::string& source, const YamlMark& mark) const;

    void addMount(MountPoint mount, const YamlNode& item);

    void volumes();

    void longVolume(const YamlNode& item);

    void secretMounts();

    void resources();

    void lifecycle();

    void environment();

    const YamlEntry* entry(std::string_view key) const { return m_def.entry(key); }

    const ComposeProject& m_project;
    const ComposeService& m_service;
    const ServiceIndex& m_services;
    std::unordered_map<std::string, std::size_t> m_portIndex; // container port -> HostConfig.PortBindings
    std::size_t m_portCount = 0;
    ComposeServiceMapping m_out;
    std::optional<YamlNode> m_bounded;
    const YamlNode& m_def; // after m_out and m_bounded, which its initialisation fills
    std::string m_prefix;
};

} // namespace drydock::compose::detail
