#pragma once
#include "core/common/Severity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// The areas of the Docker security guide, plus daemon, swarm and host configuration.
enum class Area
{
    Image,
    Container,
    Runtime,
    Network,
    Secrets,
    Daemon,
    Swarm,
    Host // the daemon's host: its files, command line, groups and audit rules (read there, not by the API)
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

// The object a finding is about: its type, id and name.
struct ObjectRef
{
    ObjectType type = ObjectType::Container;
    std::string id;
    std::string name;
};

// A CIS Docker Benchmark control, with the benchmark version it comes from.
struct CisReference
{
    std::string id;      // "5.4"; empty when the practice has no CIS control
    std::string version; // "1.6.0"
};

// One change to a `docker run` command that removes a risk while keeping behaviour. Flags are always the
// canonical long forms the RunCommandBuilder emits: --env, --volume, --mount, --tmpfs, --publish, --network,
// --user, --workdir, --cap-add, --cap-drop, --security-opt, --memory, --memory-swap, --cpus, --pids-limit,
// --restart, --read-only, --privileged, --pid, --ipc, --uts, --userns, --cgroupns, --device, --log-opt, …
// Capability values are written without the CAP_ prefix ("SYS_ADMIN") and matched case-insensitively with
// or without it.
struct RunEdit
{
    enum class Op
    {
        AddFlag,         // add "--flag value" (value empty for boolean flags such as --read-only)
        RemoveFlag,      // remove every occurrence of --flag (e.g. --privileged, --pid)
        RemoveValue,     // remove "--flag value" where value matches (e.g. --cap-add SYS_ADMIN)
        RemoveMount,     // remove the --volume/--mount whose container path is value
        ReadOnlyMount,   // make the --volume/--mount whose container path is value read-only
        BindPortToLoopback, // publish container port value ("80/tcp") on 127.0.0.1 only
        RemovePort,      // stop publishing container port value
        ReplaceEnvSecret // replace --env NAME=… (value = NAME) with NAME_FILE=/run/secrets/<name> and a
                         // read-only secret file mount; the secret value never appears
    };
    Op op = Op::AddFlag;
    std::string flag;
    std::string value;

    bool operator==(const RunEdit&) const = default;
};

// How to fix a finding: structured edits of the run command and their renderings (flags, compose, …).
struct Remediation
{
    std::vector<RunEdit> edits;    // structured, applied by RunCommandHardener
    std::vector<std::string> addFlags;    // rendered "--cap-drop ALL"
    std::vector<std::string> removeFlags; // rendered "--privileged"
    std::string runCommand; // the container's full command with these edits; empty for non-containers
    std::string compose;    // compose service snippet (YAML)
    std::string dockerfile; // Dockerfile change for image findings
};

// Set on a finding that an active waiver accepts: shown as waived, never hidden.
struct WaiverMark
{
    std::int64_t waiverId = 0;
    std::string reason;
    std::string author;
    std::optional<std::int64_t> expiresAtUnix;
};

// Where in a file a finding sits: a compose file or Dockerfile that `drydock check` read. Lines and columns
// count from 1; line 0 means the file as a whole (e.g. an instruction that is missing).
struct SourceLocation
{
    std::string file; // as the user named it (relative to the folder checked), never rewritten
    int line = 0;
    int column = 0;

    bool operator==(const SourceLocation&) const = default;
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
    std::optional<WaiverMark> waiver;
    std::optional<SourceLocation> location; // set only for findings about files, not for daemon objects
};

} // namespace drydock
