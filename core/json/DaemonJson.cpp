// /info and /version answers -> DaemonInfo (both fill the same value).
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

namespace drydock::json {

using namespace detail;

namespace {

std::string commitId(const Json& j, std::string_view key)
{
    const Json* c = object(j, key);
    return c ? str(*c, "ID") : std::string();
}

void readRegistryConfig(const Json& j, DaemonInfo& d)
{
    const Json* r = object(j, "RegistryConfig");
    if (!r) {
        return;
    }
    d.insecureRegistryCidrs = strings(*r, "InsecureRegistryCIDRs");
    d.registryMirrors = strings(*r, "Mirrors");
    if (const Json* indexes = object(*r, "IndexConfigs")) {
        for (const auto& [key, idx] : indexes->items()) {
            if (!idx.is_object()) {
                continue;
            }
            RegistryIndex ri;
            ri.name = str(idx, "Name", key);
            ri.secure = boolean(idx, "Secure", true);
            ri.official = boolean(idx, "Official");
            ri.mirrors = strings(idx, "Mirrors");
            d.indexConfigs.push_back(std::move(ri));
        }
    }
}

void readSwarm(const Json& j, SwarmNodeInfo& s)
{
    const Json* sw = object(j, "Swarm");
    if (!sw) {
        return;
    }
    s.localNodeState = str(*sw, "LocalNodeState");
    s.nodeId = str(*sw, "NodeID");
    s.nodeAddr = str(*sw, "NodeAddr");
    s.controlAvailable = boolean(*sw, "ControlAvailable");
    s.managers = i32(*sw, "Managers");
    s.nodes = i32(*sw, "Nodes");
    s.error = str(*sw, "Error");
}

} // namespace

Result<void> parseInfo(std::string_view body, DaemonInfo& into)
{
    constexpr std::string_view kind = "system info";
    return guarded(kind, [&]() -> Result<void> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        DaemonInfo& d = into;
        d.id = str(j, "ID");
        d.name = str(j, "Name");
        d.serverVersion = str(j, "ServerVersion", d.serverVersion);
        d.osType = str(j, "OSType");
        d.operatingSystem = str(j, "OperatingSystem");
        d.kernelVersion = str(j, "KernelVersion", d.kernelVersion);
        d.architecture = str(j, "Architecture", d.architecture);
        d.driver = str(j, "Driver");
        d.loggingDriver = str(j, "LoggingDriver");
        d.cgroupDriver = str(j, "CgroupDriver");
        d.cgroupVersion = str(j, "CgroupVersion");
        d.defaultRuntime = str(j, "DefaultRuntime");
        d.dockerRootDir = str(j, "DockerRootDir");
        d.isolation = str(j, "Isolation");
        d.initBinary = str(j, "InitBinary");
        d.runcCommit = commitId(j, "RuncCommit");
        d.containerdCommit = commitId(j, "ContainerdCommit");
        d.initCommit = commitId(j, "InitCommit");
        d.httpProxy = str(j, "HttpProxy");
        d.httpsProxy = str(j, "HttpsProxy");
        d.noProxy = str(j, "NoProxy");
        d.securityOptions = strings(j, "SecurityOptions");
        d.warnings = strings(j, "Warnings"); // null when there is nothing to warn about
        d.runtimes = keys(j, "Runtimes");
        if (const Json* plugins = object(j, "Plugins")) {
            d.authorizationPlugins = strings(*plugins, "Authorization");
            d.volumePlugins = strings(*plugins, "Volume");
            d.networkPlugins = strings(*plugins, "Network");
            d.logPlugins = strings(*plugins, "Log");
        }
        readRegistryConfig(j, d);
        d.debug = boolean(j, "Debug");
        d.experimentalBuild = boolean(j, "ExperimentalBuild");
        d.liveRestoreEnabled = boolean(j, "LiveRestoreEnabled");
        // Capability flags: later API versions drop some (KernelMemory, …); a missing flag keeps the
        // model's "supported" default so no rule fires on a field that is simply gone.
        d.memoryLimit = boolean(j, "MemoryLimit", d.memoryLimit);
        d.swapLimit = boolean(j, "SwapLimit", d.swapLimit);
        d.kernelMemory = boolean(j, "KernelMemory", d.kernelMemory);
        d.cpuCfsPeriod = boolean(j, "CpuCfsPeriod", d.cpuCfsPeriod);
        d.cpuCfsQuota = boolean(j, "CpuCfsQuota", d.cpuCfsQuota);
        d.cpuShares = boolean(j, "CPUShares", d.cpuShares);
        d.cpuSet = boolean(j, "CPUSet", d.cpuSet);
        d.pidsLimit = boolean(j, "PidsLimit", d.pidsLimit);
        d.ipv4Forwarding = boolean(j, "IPv4Forwarding", d.ipv4Forwarding);
        d.bridgeNfIptables = boolean(j, "BridgeNfIptables", d.bridgeNfIptables);
        d.bridgeNfIp6tables = boolean(j, "BridgeNfIp6tables", d.bridgeNfIp6tables);
        d.oomKillDisable = boolean(j, "OomKillDisable", d.oomKillDisable);
        d.containers = i32(j, "Containers");
        d.containersRunning = i32(j, "ContainersRunning");
        d.containersPaused = i32(j, "ContainersPaused");
        d.containersStopped = i32(j, "ContainersStopped");
        d.images = i32(j, "Images");
        d.ncpu = i32(j, "NCPU");
        d.memTotal = i64(j, "MemTotal");
        readSwarm(j, d.swarm);
        return success();
    });
}

Result<void> parseVersion(std::string_view body, DaemonInfo& into)
{
    constexpr std::string_view kind = "version answer";
    return guarded(kind, [&]() -> Result<void> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        DaemonInfo& d = into;
        d.apiVersion = str(j, "ApiVersion");
        d.minApiVersion = str(j, "MinAPIVersion");
        d.gitCommit = str(j, "GitCommit");
        d.goVersion = str(j, "GoVersion");
        d.os = str(j, "Os", d.os);
        // /info says these too; fill them only when /info did not (either may be read first).
        if (d.serverVersion.empty()) {
            d.serverVersion = str(j, "Version");
        }
        if (d.kernelVersion.empty()) {
            d.kernelVersion = str(j, "KernelVersion");
        }
        if (d.architecture.empty()) {
            d.architecture = str(j, "Arch");
        }
        d.components.clear();
        if (const Json* components = array(j, "Components")) {
            for (const auto& c : *components) {
                if (c.is_object()) {
                    d.components.push_back(
                        ComponentVersion{str(c, "Name"), str(c, "Version"), stringMap(c, "Details")});
                }
            }
        }
        return success();
    });
}

} // namespace drydock::json
