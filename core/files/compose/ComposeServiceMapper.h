#pragma once
#include "core/files/compose/ComposeProject.h"
#include "core/model/Container.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace drydock {

// Where one fact of a mapped service was written, and how evidence names that key.
struct ComposeKeyRef
{
    YamlMark mark;        // line, column and file of the key (a list item's own mark for list entries)
    std::string path;     // "services.web.privileged", "services.web.environment.DB_PASSWORD"
    std::string shown;    // the value as written, secrets masked; "" when not worth showing
    bool missing = false; // the cause is a key that is absent: mark and path are the service's name
};

// A compose service as the container the daemon rules read, and where each of its facts was written: the
// location index that turns a finding (rule id and discriminator) into the key that causes it.
struct ComposeServiceMapping
{
    Container container;
    ComposeKeyRef service; // the service's name key
    // "privileged", "cap_add:CAP_SYS_ADMIN", "volume:/data", "port:8080->80/tcp", "env:NAME", "label:NAME",
    // "security_opt:seccomp", "devices:/dev/kvm", "logging:NAME", "memory", "healthcheck", …
    std::map<std::string, ComposeKeyRef> facts;
    std::vector<std::string> notes; // what was not mapped: "services.web.ports has 90000 entries; …"

    // The key that causes a finding of ruleId with this discriminator (e.g. `privileged: true`'s line), or
    // the service's name key (missing = true) when the cause is something absent, such as no read_only.
    ComposeKeyRef locate(const std::string& ruleId, const std::string& discriminator) const;
};

// "<file>#<service>": the container id of a service, with the file that first defines it.
std::string composeContainerId(const ComposeProject& project, const ComposeService& service);

// Maps one service of a loaded project to a Container as `docker inspect` would show it once created
// (HostConfig and the inspect fields the rules read: Mounts, Config.Env, NetworkSettings.Networks …), with
// env_file contents first and `environment:` over them, relative bind sources resolved against the folder
// of the file that wrote them, and `service:` network and namespace modes pointing at the other service.
ComposeServiceMapping mapComposeService(const ComposeProject& project, const ComposeService& service);
// The project's services in order, at most maxServices of them (one lookup table for `service:` modes
// instead of one per service).
std::vector<ComposeServiceMapping> mapComposeServices(const ComposeProject& project,
                                                      std::size_t maxServices = SIZE_MAX);

} // namespace drydock
