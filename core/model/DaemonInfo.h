#pragma once
#include "core/model/Common.h"

namespace drydock {

// A registry the daemon knows, with its mirrors and whether it is trusted as secure.
struct RegistryIndex
{
    std::string name;
    bool secure = true;
    bool official = false;
    StringList mirrors;
};

// One component of the engine (Engine, containerd, runc, …) and its version.
struct ComponentVersion
{
    std::string name;
    std::string version;
    StringMap details;
};

// INFO.Swarm: present on every daemon, meaningful when localNodeState == "active".
struct SwarmNodeInfo
{
    std::string localNodeState; // "inactive", "pending", "active", "error", "locked"
    std::string nodeId;
    std::string nodeAddr;
    bool controlAvailable = false; // true on managers
    int managers = 0;
    int nodes = 0;
    std::string error;
};

// A managed plugin from GET /plugins, the parts the checks look at.
struct Plugin
{
    std::string id;
    std::string name;
    bool enabled = false;
    StringList capabilities;
    bool allowAllDevices = false;
    std::string networkType;
    bool pidHost = false;
    bool ipcHost = false;
    StringList mountSources;
};

// GET /info and GET /version merged: what the daemon says about itself.
struct DaemonInfo
{
    std::string id;
    std::string name;
    std::string serverVersion;
    std::string apiVersion;    // from /version
    std::string minApiVersion; // from /version
    std::string gitCommit;
    std::string goVersion;
    std::string os;
    std::string osType;
    std::string operatingSystem;
    std::string kernelVersion;
    std::string architecture;
    std::string driver;
    std::string loggingDriver;
    std::string cgroupDriver;
    std::string cgroupVersion;
    std::string defaultRuntime;
    std::string dockerRootDir;
    std::string isolation;
    std::string initBinary;
    std::string runcCommit;
    std::string containerdCommit;
    std::string initCommit;
    std::string httpProxy;  // may carry credentials: mask before display
    std::string httpsProxy; // may carry credentials: mask before display
    std::string noProxy;
    StringList securityOptions; // "name=seccomp,profile=default", …
    StringList warnings;
    StringList runtimes;
    StringList authorizationPlugins;
    StringList volumePlugins;
    StringList networkPlugins;
    StringList logPlugins;
    StringList insecureRegistryCidrs;
    std::vector<RegistryIndex> indexConfigs;
    StringList registryMirrors;
    std::vector<ComponentVersion> components;
    bool debug = false;
    bool experimentalBuild = false;
    bool liveRestoreEnabled = false;
    bool memoryLimit = true;
    bool swapLimit = true;
    bool kernelMemory = true;
    bool cpuCfsPeriod = true;
    bool cpuCfsQuota = true;
    bool cpuShares = true;
    bool cpuSet = true;
    bool pidsLimit = true;
    bool ipv4Forwarding = true;
    bool bridgeNfIptables = true;
    bool bridgeNfIp6tables = true;
    bool oomKillDisable = true;
    int containers = 0;
    int containersRunning = 0;
    int containersPaused = 0;
    int containersStopped = 0;
    int images = 0;
    int ncpu = 0;
    std::int64_t memTotal = 0;
    SwarmNodeInfo swarm;

    bool hasSecurityOption(const std::string& name) const
    {
        const std::string prefix = "name=" + name;
        for (const auto& o : securityOptions) {
            if (o == prefix || o.rfind(prefix + ",", 0) == 0) {
                return true;
            }
        }
        return false;
    }
};

} // namespace drydock
