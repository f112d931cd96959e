#pragma once
#include "core/common/Severity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// The areas of the Docker security guide, plus daemon and swarm configuration.
enum class Area
{
    Image,
    Container,
    Runtime,
    Network,
    Secrets,
    Daemon,
    Swarm
};
const char* toString(Area area); // "image", "container", …
std::optional<Area> areaFromString(std::string_view text);
const char* displayName(Area area); // "Image", "Container", …

enum class ObjectType
{
    Container,
    Image,
    Network,
    Volume,
    Daemon,
    Plugin,
    SwarmCluster,
    SwarmNode,
    SwarmService,
    SwarmSecret,
    SwarmConfig
};
const char* toString(ObjectType type); // "container", "image", …, "swarm-service"
std::optional<ObjectType> objectTypeFromString(std::string_view text);

struct ObjectRef
{
    ObjectType type = ObjectType::Container;
    std::string id;
    std::string name;
};

struct CisReference
{
    std::string id;      // "5.4"; empty when the practice has no CIS control
    std::string version; // "1.6.0"
};

// One change to a `docker run` command that removes a risk while keeping behaviour.
struct RunEdit
{
    enum class Op
    {
        AddFlag,        // add "--flag value" (value may be empty for boolean flags)
        RemoveFlag,     // remove every occurrence of --flag
        RemoveValue,    // remove "--flag value" occurrences whose value equals value
        ReplaceEnvValue // replace -e NAME=… with a file-based secret (value = NAME)
    };
    Op op = Op::AddFlag;
    std::string flag;
    std::string value;

    bool operator==(const RunEdit&) const = default;
};

struct Remediation
{
    std::vector<RunEdit> edits;    // structured, applied by RunCommandHardener
    std::vector<std::string> addFlags;    // rendered "--cap-drop ALL"
    std::vector<std::string> removeFlags; // rendered "--privileged"
    std::string runCommand; // the container's full command with these edits; empty for non-containers
    std::string compose;    // compose service snippet (YAML)
    std::string dockerfile; // Dockerfile change for image findings
};

// One rule firing on one object. Evidence is already masked: it never holds a secret value in clear.
struct Finding
{
    std::string ruleId; // stable, e.g. "CTR-003"
    Area area = Area::Container;
    Severity severity = Severity::Info;
    CisReference cis;
    ObjectRef object;
    std::string title;
    std::string evidence;  // "HostConfig.CapAdd = [CAP_SYS_ADMIN]"; secrets masked
    std::string rationale;
    std::string fix;
    Remediation remediation;
    // Distinguishes several findings of one rule on one object (e.g. the env var name); part of identity.
    std::string discriminator;
};

} // namespace drydock
