#pragma once
#include "core/model/Common.h"

namespace drydock {

// GET /swarm (managers only). Join tokens are never read into the model.
struct SwarmCluster
{
    std::string id;
    std::string createdAt;
    std::string updatedAt;
    bool autoLockManagers = false;
    std::int64_t nodeCertExpiryNs = 0;
    std::string trustRootPem;
    bool rootRotationInProgress = false;
};

// A Swarm node as `GET /nodes` describes it.
struct SwarmNode
{
    std::string id;
    std::string hostname;
    std::string role;         // Spec.Role: manager, worker
    std::string availability; // Spec.Availability: active, pause, drain
    std::string state;        // Status.State: ready, down, …
    std::string addr;
    std::string engineVersion;
    bool leader = false;
    std::string tlsTrustRootPem; // Description.TLSInfo.TrustRoot
};

// A mount of a Swarm service's tasks.
struct ServiceMount
{
    std::string type;
    std::string source;
    std::string target;
    bool readOnly = false;
};

struct ServiceFileRef // a secret or config mounted into the tasks
{
    std::string id;
    std::string name;
    std::string fileName;
    std::string uid;
    std::string gid;
    int mode = 0444;
};

// A port a Swarm service publishes.
struct ServicePort
{
    std::string protocol;
    int targetPort = 0;
    int publishedPort = 0;
    std::string publishMode; // ingress, host
};

// A Swarm service's task template, the parts the container rules apply to.
struct SwarmService
{
    std::string id;
    std::string name;
    std::string createdAt;
    std::string updatedAt;
    std::string image;
    std::string user;
    bool readOnly = false;
    StringList env;
    StringList args;
    StringList command;
    StringList capabilityAdd;
    StringList capabilityDrop;
    std::vector<ServiceMount> mounts;
    std::vector<ServiceFileRef> secrets;
    std::vector<ServiceFileRef> configs;
    bool selinuxDisabled = false;
    std::int64_t memoryLimitBytes = 0;
    std::int64_t nanoCpusLimit = 0;
    std::int64_t pidsLimit = 0;
    std::string restartCondition;
    std::int64_t restartMaxAttempts = 0;
    std::vector<ServicePort> ports;
    std::string mode; // replicated, global
    std::uint64_t replicas = 0;
};

// A Swarm secret's metadata (the daemon never returns its value).
struct SwarmSecret
{
    std::string id;
    std::string name;
    std::string createdAt;
    std::string updatedAt;
    StringMap labels;
    std::string driver;
};

// Configs are returned with their data (base64); the model keeps the decoded bytes in memory only, for
// SEC-010, and nothing ever serialises them.
struct SwarmConfig
{
    std::string id;
    std::string name;
    std::string createdAt;
    std::string updatedAt;
    StringMap labels;
    std::string data;
};

// Everything Swarm-related one scan sees; isManager false means the list endpoints answered 503.
struct SwarmState
{
    bool isManager = false;
    SwarmCluster cluster;
    bool unlockKeySet = false; // from /swarm/unlockkey; the key itself is never kept
    std::vector<SwarmNode> nodes;
    std::vector<SwarmService> services;
    std::vector<SwarmSecret> secrets;
    std::vector<SwarmConfig> configs;
};

} // namespace drydock
