#pragma once
#include "core/model/Common.h"

namespace drydock {

// One host address and port a container port is published on.
struct PortBinding
{
    std::string hostIp;   // "" means all interfaces in HostConfig.PortBindings
    std::string hostPort; // may be "" (random) in HostConfig.PortBindings
};

// One container port ("80/tcp") and the host bindings for it.
struct PortMapping
{
    std::string containerPort;
    std::vector<PortBinding> bindings;
};

// An entry of the inspect's top-level Mounts[] (what is actually mounted).
struct MountPoint
{
    std::string type; // bind, volume, tmpfs, npipe
    std::string name; // volume name
    std::string source;
    std::string destination;
    std::string driver;
    std::string mode;
    std::string propagation;
    bool rw = true;
};

// An entry of HostConfig.Mounts (what `--mount` asked for).
struct MountSpec
{
    std::string type;
    std::string source;
    std::string target;
    bool readOnly = false;
    std::string bindPropagation;
    StringMap volumeDriverOptions;
    std::string volumeDriver;
    std::int64_t tmpfsSizeBytes = 0;
    int tmpfsMode = 0;
};

// A host device mapped into a container (--device).
struct DeviceMapping
{
    std::string pathOnHost;
    std::string pathInContainer;
    std::string cgroupPermissions;
};

// A request for host devices such as GPUs (--gpus).
struct DeviceRequest
{
    std::string driver;
    int count = 0;
    StringList deviceIds;
    std::vector<StringList> capabilities;
};

// One resource limit of a container (--ulimit).
struct Ulimit
{
    std::string name;
    std::int64_t soft = 0;
    std::int64_t hard = 0;
};

// Where a container's logs go and the driver's options (--log-driver, --log-opt).
struct LogConfig
{
    std::string type;
    StringMap config;
};

// When the daemon restarts a container (--restart).
struct RestartPolicy
{
    std::string name; // "", "no", "always", "unless-stopped", "on-failure"
    int maximumRetryCount = 0;
};

// A container's HostConfig: how it runs on the host (mounts, network, privileges, limits).
struct HostConfig
{
    StringList binds;
    std::string networkMode; // "default", "bridge", "host", "none", "container:<id>", a network name
    std::vector<PortMapping> portBindings;
    RestartPolicy restartPolicy;
    bool autoRemove = false;
    StringList volumesFrom;
    StringList capAdd;
    StringList capDrop;
    std::string cgroupnsMode;
    StringList dns;
    StringList dnsOptions;
    StringList dnsSearch;
    StringList extraHosts;
    StringList groupAdd;
    std::string ipcMode;
    std::string cgroup;
    StringList links;
    int oomScoreAdj = 0;
    std::string pidMode;
    bool privileged = false;
    bool publishAllPorts = false;
    bool readonlyRootfs = false;
    StringList securityOpt;
    StringMap tmpfs; // path -> options
    std::string utsMode;
    std::string usernsMode;
    std::int64_t shmSize = 0;
    StringMap sysctls;
    std::string runtime;
    std::string isolation;
    std::int64_t memory = 0;
    std::int64_t memorySwap = 0;
    std::int64_t memoryReservation = 0;
    std::int64_t nanoCpus = 0;
    std::int64_t cpuShares = 0;
    std::int64_t cpuQuota = 0;
    std::int64_t cpuPeriod = 0;
    std::string cpusetCpus;
    std::string cpusetMems;
    std::int64_t blkioWeight = 0;
    std::optional<std::int64_t> pidsLimit; // null when unlimited (§0.1.2)
    std::vector<Ulimit> ulimits;
    std::optional<bool> oomKillDisable;
    std::vector<DeviceMapping> devices;
    StringList deviceCgroupRules;
    std::vector<DeviceRequest> deviceRequests;
    std::string cgroupParent;
    std::optional<StringList> maskedPaths;   // null (privileged) vs [] (systempaths=unconfined)
    std::optional<StringList> readonlyPaths;
    LogConfig logConfig;
    std::vector<MountSpec> mounts;
    std::optional<bool> init;
};

// A container's health check state.
struct HealthState
{
    std::string status; // starting, healthy, unhealthy, none
    int failingStreak = 0;
};

// A container's State: running or not, and how it last ended.
struct ContainerState
{
    std::string status; // created, running, paused, restarting, removing, exited, dead
    bool running = false;
    bool paused = false;
    bool restarting = false;
    bool oomKilled = false;
    bool dead = false;
    int pid = 0;
    int exitCode = 0;
    std::string error;
    std::string startedAt;
    std::string finishedAt;
    std::optional<HealthState> health;
};

// One network the container is attached to (NetworkSettings.Networks).
struct EndpointSettings
{
    std::string networkName;
    std::string networkId;
    std::string endpointId;
    std::string ipAddress;
    std::string globalIPv6Address;
    std::string macAddress;
    StringList aliases;
    StringList links;
};

// GET /containers/{id}/changes entry.
struct FileChange
{
    std::string path;
    int kind = 0; // 0 changed, 1 added, 2 deleted
};

// GET /exec/{id}/json, the parts the checks need.
struct ExecSession
{
    std::string id;
    bool running = false;
    bool privileged = false;
    std::string user;
    std::string entrypoint;
    StringList arguments;
};

// A container as `GET /containers/{id}/json` describes it, plus the per-container extras a scan fetches.
struct Container
{
    std::string id;
    std::string name; // without the leading '/'
    std::string created;
    std::string path;
    StringList args;
    std::string imageId; // "sha256:…"
    ContainerState state;
    int restartCount = 0;
    std::string driver;
    std::string platform;
    std::string appArmorProfile;
    std::string processLabel;
    std::string mountLabel;
    StringList execIds;
    ContainerConfig config;
    HostConfig hostConfig;
    std::vector<MountPoint> mounts;
    std::vector<EndpointSettings> networks;
    std::vector<PortMapping> effectivePorts; // NetworkSettings.Ports (running containers)

    // Extras; empty when not fetched or not applicable.
    std::optional<std::vector<FileChange>> changes;
    std::vector<ExecSession> execSessions;

    std::string shortId() const { return id.substr(0, 12); }
};

} // namespace drydock
