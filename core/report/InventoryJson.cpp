// The inventory export (`drydock inventory --format json`). Shape, version 1 — keys are camelCase and
// mirror core/model; every key is always present (empty string, 0, false, [] or {} when unknown) and
// null is kept only where the model itself tells null from empty:
//
// {
//   "formatVersion": 1,
//   "endpoint": "unix:///var/run/docker.sock", "engineVersion": "20.10.24", "apiVersion": "1.41",
//   "capturedAt": "2026-11-29T02:30:00Z",                       // RFC 3339, UTC
//   "daemon": { "id", "name", "serverVersion", "apiVersion", "minApiVersion", "gitCommit", "goVersion",
//               "os", "osType", "operatingSystem", "kernelVersion", "architecture", "driver",
//               "loggingDriver", "cgroupDriver", "cgroupVersion", "defaultRuntime", "dockerRootDir",
//               "isolation", "initBinary", "runcCommit", "containerdCommit", "initCommit",
//               "httpProxy", "httpsProxy", "noProxy",               // URL passwords masked
//               "securityOptions": [], "warnings": [], "runtimes": [], "authorizationPlugins": [],
//               "volumePlugins": [], "networkPlugins": [], "logPlugins": [], "insecureRegistryCidrs": [],
//               "indexConfigs": [{"name","secure","official","mirrors"}], "registryMirrors": [],
//               "components": [{"name","version","details":{}}], "debug", "experimentalBuild",
//               "liveRestoreEnabled", "memoryLimit", "swapLimit", "kernelMemory", "cpuCfsPeriod",
//               "cpuCfsQuota", "cpuShares", "cpuSet", "pidsLimit", "ipv4Forwarding", "bridgeNfIptables",
//               "bridgeNfIp6tables", "oomKillDisable", "containers", "containersRunning",
//               "containersPaused", "containersStopped", "images", "ncpu", "memTotal",
//               "swarm": {"localNodeState","nodeId","nodeAddr","controlAvailable","managers","nodes","error"}
//               },
//   "containers": [{ "id", "name", "created", "path", "args", "imageId", "state": {…, "health": {…}|null},
//                    "restartCount", "driver", "platform", "appArmorProfile", "processLabel", "mountLabel",
//                    "execIds", "config": <config>, "hostConfig": {… "pidsLimit": n|null,
//                    "maskedPaths": []|null, "readonlyPaths": []|null, "oomKillDisable", "init": b|null,
//                    "portBindings": [{"containerPort","bindings":[{"hostIp","hostPort"}]}], "logConfig":
//                    {"type","config":{}}, "mounts": [...], …}, "mounts": [...], "networks": [...],
//                    "effectivePorts": [...], "changes": [{"path","kind"}]|null, "execSessions": [...] }],
//   "images": [{ "id", "repoTags", "repoDigests", "parent", "comment", "created", "createdUnix",
//                "dockerVersion", "author", "architecture", "variant", "os", "size", "config": <config>,
//                "rootfsLayers": [], "history": [{"id","created","createdBy","tags","size","comment"}] }],
//   "networks": [{ "id", "name", "created", "driver", "scope", "internal", "attachable", "ingress",
//                  "enableIPv6", "options", "labels", "ipam": [{"subnet","gateway","ipRange"}],
//                  "containers": [{"containerId","name","ipv4Address","ipv6Address"}] }],
//   "volumes": [{ "name", "driver", "mountpoint", "scope", "createdAt", "options": {}, "labels": {} }],
//   "plugins": [{ "id", "name", "enabled", "capabilities", "allowAllDevices", "networkType", "pidHost",
//                 "ipcHost", "mountSources" }],
//   "swarm": null | { "isManager", "unlockKeySet", "cluster": {"id","createdAt","updatedAt",
//                "autoLockManagers","nodeCertExpiryNs","trustRootPem","rootRotationInProgress"},
//                "nodes": [...], "services": [{… "env", "secrets": [{"id","name","fileName","uid","gid",
//                "mode"}], "ports": [...], "mode", "replicas"}], "secrets": [...],
//                "configs": [{"id","name","createdAt","updatedAt","labels","dataLength"}] },
//   "problems": [{ "objectType", "objectId", "message" }]
// }
// <config> = { "hostname", "domainname", "user", "env", "cmd", "entrypoint": []|null, "image",
//              "workingDir", "labels", "exposedPorts", "volumes", "healthcheck": {"test","intervalNs",
//              "timeoutNs","startPeriodNs","retries"}|null, "onBuild", "stopSignal", "stopTimeout": n|null,
//              "shell", "tty", "openStdin", "attachStdin" }
//
// Masking on the way out: env entries and labels whose name or value looks secret, option maps (volume,
// log, network, mount driver) by key and by "k=v" pairs, URL passwords anywhere (proxies, registry
// mirrors, endpoint, args, history), build-arg values in history lines. Swarm config data is never
// written, only its length; secrets' data and the unlock key are not in the model at all.
#include "core/report/InventoryJson.h"

#include "core/common/SecretMasker.h"
#include "core/common/Time.h"
#include "core/report/OutputMasking.h"

#include <nlohmann/json.hpp>

namespace drydock::json {

namespace {

using Out = nlohmann::ordered_json;
using detail::maskArgs;
using detail::maskEnv;
using detail::maskMap;
using detail::maskText;

Out list(const StringList& items)
{
    return Out(items);
}

Out map(const StringMap& items)
{
    Out o = Out::object();
    for (const auto& [k, v] : items) {
        o[k] = v;
    }
    return o;
}

template <typename T> Out optional(const std::optional<T>& v)
{
    return v ? Out(*v) : Out(nullptr);
}

Out optionalList(const std::optional<StringList>& v)
{
    return v ? list(*v) : Out(nullptr);
}

template <typename T, typename F> Out each(const std::vector<T>& items, F write)
{
    Out a = Out::array();
    for (const auto& i : items) {
        a.push_back(write(i));
    }
    return a;
}

Out portMappings(const std::vector<PortMapping>& ports)
{
    return each(ports, [](const PortMapping& p) {
        return Out{{"containerPort", p.containerPort},
                   {"bindings", each(p.bindings, [](const PortBinding& b) {
                        return Out{{"hostIp", b.hostIp}, {"hostPort", b.hostPort}};
                    })}};
    });
}

Out config(const ContainerConfig& c)
{
    Out o;
    o["hostname"] = c.hostname;
    o["domainname"] = c.domainname;
    o["user"] = c.user;
    o["env"] = maskEnv(c.env);
    o["cmd"] = maskArgs(c.cmd);
    o["entrypoint"] = c.entrypoint ? Out(maskArgs(*c.entrypoint)) : Out(nullptr);
    o["image"] = c.image;
    o["workingDir"] = c.workingDir;
    o["labels"] = map(maskMap(c.labels));
    o["exposedPorts"] = list(c.exposedPorts);
    o["volumes"] = list(c.volumes);
    if (c.healthcheck) {
        const Healthcheck& h = *c.healthcheck;
        o["healthcheck"] = Out{{"test", maskArgs(h.test)},
                               {"intervalNs", h.intervalNs},
                               {"timeoutNs", h.timeoutNs},
                               {"startPeriodNs", h.startPeriodNs},
                               {"retries", h.retries}};
    } else {
        o["healthcheck"] = nullptr;
    }
    o["onBuild"] = maskArgs(c.onBuild);
    o["stopSignal"] = c.stopSignal;
    o["stopTimeout"] = optional(c.stopTimeout);
    o["shell"] = list(c.shell);
    o["tty"] = c.tty;
    o["openStdin"] = c.openStdin;
    o["attachStdin"] = c.attachStdin;
    return o;
}

Out hostConfig(const HostConfig& h)
{
    Out o;
    o["binds"] = list(h.binds);
    o["networkMode"] = h.networkMode;
    o["portBindings"] = portMappings(h.portBindings);
    o["restartPolicy"] =
        Out{{"name", h.restartPolicy.name}, {"maximumRetryCount", h.restartPolicy.maximumRetryCount}};
    o["autoRemove"] = h.autoRemove;
    o["volumesFrom"] = list(h.volumesFrom);
    o["capAdd"] = list(h.capAdd);
    o["capDrop"] = list(h.capDrop);
    o["cgroupnsMode"] = h.cgroupnsMode;
    o["dns"] = list(h.dns);
    o["dnsOptions"] = list(h.dnsOptions);
    o["dnsSearch"] = list(h.dnsSearch);
    o["extraHosts"] = list(h.extraHosts);
    o["groupAdd"] = list(h.groupAdd);
    o["ipcMode"] = h.ipcMode;
    o["cgroup"] = h.cgroup;
    o["links"] = list(h.links);
    o["oomScoreAdj"] = h.oomScoreAdj;
    o["pidMode"] = h.pidMode;
    o["privileged"] = h.privileged;
    o["publishAllPorts"] = h.publishAllPorts;
    o["readonlyRootfs"] = h.readonlyRootfs;
    o["securityOpt"] = list(h.securityOpt);
    o["tmpfs"] = map(h.tmpfs);
    o["utsMode"] = h.utsMode;
    o["usernsMode"] = h.usernsMode;
    o["shmSize"] = h.shmSize;
    o["sysctls"] = map(h.sysctls);
    o["runtime"] = h.runtime;
    o["isolation"] = h.isolation;
    o["memory"] = h.memory;
    o["memorySwap"] = h.memorySwap;
    o["memoryReservation"] = h.memoryReservation;
    o["nanoCpus"] = h.nanoCpus;
    o["cpuShares"] = h.cpuShares;
    o["cpuQuota"] = h.cpuQuota;
    o["cpuPeriod"] = h.cpuPeriod;
    o["cpusetCpus"] = h.cpusetCpus;
    o["cpusetMems"] = h.cpusetMems;
    o["blkioWeight"] = h.blkioWeight;
    o["pidsLimit"] = optional(h.pidsLimit);
    o["ulimits"] = each(h.ulimits, [](const Ulimit& u) {
        return Out{{"name", u.name}, {"soft", u.soft}, {"hard", u.hard}};
    });
    o["oomKillDisable"] = optional(h.oomKillDisable);
    o["devices"] = each(h.devices, [](const DeviceMapping& d) {
        return Out{{"pathOnHost", d.pathOnHost},
                   {"pathInContainer", d.pathInContainer},
                   {"cgroupPermissions", d.cgroupPermissions}};
    });
    o["deviceCgroupRules"] = list(h.deviceCgroupRules);
    o["deviceRequests"] = each(h.deviceRequests, [](const DeviceRequest& d) {
        return Out{{"driver", d.driver},
                   {"count", d.count},
                   {"deviceIds", d.deviceIds},
                   {"capabilities", d.capabilities}};
    });
    o["cgroupParent"] = h.cgroupParent;
    o["maskedPaths"] = optionalList(h.maskedPaths);
    o["readonlyPaths"] = optionalList(h.readonlyPaths);
    o["logConfig"] = Out{{"type", h.logConfig.type}, {"config", map(maskMap(h.logConfig.config))}};
    o["mounts"] = each(h.mounts, [](const MountSpec& m) {
        return Out{{"type", m.type},
                   {"source", m.source},
                   {"target", m.target},
                   {"readOnly", m.readOnly},
                   {"bindPropagation", m.bindPropagation},
                   {"volumeDriver", m.volumeDriver},
                   {"volumeDriverOptions", map(maskMap(m.volumeDriverOptions))},
                   {"tmpfsSizeBytes", m.tmpfsSizeBytes},
                   {"tmpfsMode", m.tmpfsMode}};
    });
    o["init"] = optional(h.init);
    return o;
}

Out state(const ContainerState& s)
{
    Out o;
    o["status"] = s.status;
    o["running"] = s.running;
    o["paused"] = s.paused;
    o["restarting"] = s.restarting;
    o["oomKilled"] = s.oomKilled;
    o["dead"] = s.dead;
    o["pid"] = s.pid;
    o["exitCode"] = s.exitCode;
    o["error"] = maskText(s.error);
    o["startedAt"] = s.startedAt;
    o["finishedAt"] = s.finishedAt;
    o["health"] = s.health ? Out{{"status", s.health->status}, {"failingStreak", s.health->failingStreak}}
                           : Out(nullptr);
    return o;
}

Out container(const Container& c)
{
    Out o;
    o["id"] = c.id;
    o["name"] = c.name;
    o["created"] = c.created;
    o["path"] = maskText(c.path);
    o["args"] = maskArgs(c.args);
    o["imageId"] = c.imageId;
    o["state"] = state(c.state);
    o["restartCount"] = c.restartCount;
    o["driver"] = c.driver;
    o["platform"] = c.platform;
    o["appArmorProfile"] = c.appArmorProfile;
    o["processLabel"] = c.processLabel;
    o["mountLabel"] = c.mountLabel;
    o["execIds"] = list(c.execIds);
    o["config"] = config(c.config);
    o["hostConfig"] = hostConfig(c.hostConfig);
    o["mounts"] = each(c.mounts, [](const MountPoint& m) {
        return Out{{"type", m.type},
                   {"name", m.name},
                   {"source", m.source},
                   {"destination", m.destination},
                   {"driver", m.driver},
                   {"mode", m.mode},
                   {"propagation", m.propagation},
                   {"rw", m.rw}};
    });
    o["networks"] = each(c.networks, [](const EndpointSettings& e) {
        return Out{{"networkName", e.networkName},
                   {"networkId", e.networkId},
                   {"endpointId", e.endpointId},
                   {"ipAddress", e.ipAddress},
                   {"globalIPv6Address", e.globalIPv6Address},
                   {"macAddress", e.macAddress},
                   {"aliases", e.aliases},
                   {"links", e.links}};
    });
    o["effectivePorts"] = portMappings(c.effectivePorts);
    o["changes"] = c.changes ? each(*c.changes,
                                    [](const FileChange& f) {
                                        return Out{{"path", f.path}, {"kind", f.kind}};
                                    })
                             : Out(nullptr);
    o["execSessions"] = each(c.execSessions, [](const ExecSession& e) {
        return Out{{"id", e.id},
                   {"running", e.running},
                   {"privileged", e.privileged},
                   {"user", e.user},
                   {"entrypoint", maskText(e.entrypoint)},
                   {"arguments", maskArgs(e.arguments)}};
    });
    return o;
}

Out image(const Image& i)
{
    Out o;
    o["id"] = i.id;
    o["repoTags"] = list(i.repoTags);
    o["repoDigests"] = list(i.repoDigests);
    o["parent"] = i.parent;
    o["comment"] = maskText(i.comment);
    o["created"] = i.created;
    o["createdUnix"] = i.createdUnix;
    o["dockerVersion"] = i.dockerVersion;
    o["author"] = i.author;
    o["architecture"] = i.architecture;
    o["variant"] = i.variant;
    o["os"] = i.os;
    o["size"] = i.size;
    o["config"] = config(i.config);
    o["rootfsLayers"] = list(i.rootfsLayers);
    // History lines carry build-arg values ("|1 BUILD_TOKEN=… /bin/sh -c …", §0.1.13).
    o["history"] = each(i.history, [](const ImageHistoryEntry& h) {
        return Out{{"id", h.id},     {"created", h.created}, {"createdBy", maskText(h.createdBy)},
                   {"tags", h.tags}, {"size", h.size},       {"comment", maskText(h.comment)}};
    });
    return o;
}

Out network(const Network& n)
{
    Out o;
    o["id"] = n.id;
    o["name"] = n.name;
    o["created"] = n.created;
    o["driver"] = n.driver;
    o["scope"] = n.scope;
    o["internal"] = n.internal;
    o["attachable"] = n.attachable;
    o["ingress"] = n.ingress;
    o["enableIPv6"] = n.enableIPv6;
    o["options"] = map(maskMap(n.options));
    o["labels"] = map(maskMap(n.labels));
    o["ipam"] = each(n.ipam, [](const IpamConfig& c) {
        return Out{{"subnet", c.subnet}, {"gateway", c.gateway}, {"ipRange", c.ipRange}};
    });
    o["containers"] = each(n.containers, [](const NetworkMember& m) {
        return Out{{"containerId", m.containerId},
                   {"name", m.name},
                   {"ipv4Address", m.ipv4Address},
                   {"ipv6Address", m.ipv6Address}};
    });
    return o;
}

Out volume(const Volume& v)
{
    return Out{{"name", v.name},
               {"driver", v.driver},
               {"mountpoint", v.mountpoint},
               {"scope", v.scope},
               {"createdAt", v.createdAt},
               {"options", map(maskMap(v.options))},
               {"labels", map(maskMap(v.labels))}};
}

Out plugin(const Plugin& p)
{
    return Out{{"id", p.id},
               {"name", p.name},
               {"enabled", p.enabled},
               {"capabilities", p.capabilities},
               {"allowAllDevices", p.allowAllDevices},
               {"networkType", p.networkType},
               {"pidHost", p.pidHost},
               {"ipcHost", p.ipcHost},
               {"mountSources", p.mountSources}};
}

StringList maskUrls(const StringList& items)
{
    StringList out;
    for (const auto& i : items) {
        out.push_back(maskUrlCredentials(i));
    }
    return out;
}

Out daemon(const DaemonInfo& d)
{
    Out o;
    o["id"] = d.id;
    o["name"] = d.name;
    o["serverVersion"] = d.serverVersion;
    o["apiVersion"] = d.apiVersion;
    o["minApiVersion"] = d.minApiVersion;
    o["gitCommit"] = d.gitCommit;
    o["goVersion"] = d.goVersion;
    o["os"] = d.os;
    o["osType"] = d.osType;
    o["operatingSystem"] = d.operatingSystem;
    o["kernelVersion"] = d.kernelVersion;
    o["architecture"] = d.architecture;
    o["driver"] = d.driver;
    o["loggingDriver"] = d.loggingDriver;
    o["cgroupDriver"] = d.cgroupDriver;
    o["cgroupVersion"] = d.cgroupVersion;
    o["defaultRuntime"] = d.defaultRuntime;
    o["dockerRootDir"] = d.dockerRootDir;
    o["isolation"] = d.isolation;
    o["initBinary"] = d.initBinary;
    o["runcCommit"] = d.runcCommit;
    o["containerdCommit"] = d.containerdCommit;
    o["initCommit"] = d.initCommit;
    o["httpProxy"] = maskUrlCredentials(d.httpProxy);
    o["httpsProxy"] = maskUrlCredentials(d.httpsProxy);
    o["noProxy"] = maskUrlCredentials(d.noProxy);
    o["securityOptions"] = list(d.securityOptions);
    o["warnings"] = maskUrls(d.warnings);
    o["runtimes"] = list(d.runtimes);
    o["authorizationPlugins"] = list(d.authorizationPlugins);
    o["volumePlugins"] = list(d.volumePlugins);
    o["networkPlugins"] = list(d.networkPlugins);
    o["logPlugins"] = list(d.logPlugins);
    o["insecureRegistryCidrs"] = list(d.insecureRegistryCidrs);
    o["indexConfigs"] = each(d.indexConfigs, [](const RegistryIndex& r) {
        return Out{{"name", r.name},
                   {"secure", r.secure},
                   {"official", r.official},
                   {"mirrors", maskUrls(r.mirrors)}};
    });
    o["registryMirrors"] = maskUrls(d.registryMirrors);
    o["components"] = each(d.components, [](const ComponentVersion& c) {
        return Out{{"name", c.name}, {"version", c.version}, {"details", map(maskMap(c.details))}};
    });
    o["debug"] = d.debug;
    o["experimentalBuild"] = d.experimentalBuild;
    o["liveRestoreEnabled"] = d.liveRestoreEnabled;
    o["memoryLimit"] = d.memoryLimit;
    o["swapLimit"] = d.swapLimit;
    o["kernelMemory"] = d.kernelMemory;
    o["cpuCfsPeriod"] = d.cpuCfsPeriod;
    o["cpuCfsQuota"] = d.cpuCfsQuota;
    o["cpuShares"] = d.cpuShares;
    o["cpuSet"] = d.cpuSet;
    o["pidsLimit"] = d.pidsLimit;
    o["ipv4Forwarding"] = d.ipv4Forwarding;
    o["bridgeNfIptables"] = d.bridgeNfIptables;
    o["bridgeNfIp6tables"] = d.bridgeNfIp6tables;
    o["oomKillDisable"] = d.oomKillDisable;
    o["containers"] = d.containers;
    o["containersRunning"] = d.containersRunning;
    o["containersPaused"] = d.containersPaused;
    o["containersStopped"] = d.containersStopped;
    o["images"] = d.images;
    o["ncpu"] = d.ncpu;
    o["memTotal"] = d.memTotal;
    o["swarm"] = Out{{"localNodeState", d.swarm.localNodeState},
                     {"nodeId", d.swarm.nodeId},
                     {"nodeAddr", d.swarm.nodeAddr},
                     {"controlAvailable", d.swarm.controlAvailable},
                     {"managers", d.swarm.managers},
                     {"nodes", d.swarm.nodes},
                     {"error", maskText(d.swarm.error)}};
    return o;
}

Out fileRefs(const std::vector<ServiceFileRef>& refs)
{
    return each(refs, [](const ServiceFileRef& r) {
        return Out{{"id", r.id},   {"name", r.name}, {"fileName", r.fileName},
                   {"uid", r.uid}, {"gid", r.gid},   {"mode", r.mode}};
    });
}

Out service(const SwarmService& s)
{
    Out o;
    o["id"] = s.id;
    o["name"] = s.name;
    o["createdAt"] = s.createdAt;
    o["updatedAt"] = s.updatedAt;
    o["image"] = s.image;
    o["user"] = s.user;
    o["readOnly"] = s.readOnly;
    o["env"] = maskEnv(s.env);
    o["args"] = maskArgs(s.args);
    o["command"] = maskArgs(s.command);
    o["capabilityAdd"] = list(s.capabilityAdd);
    o["capabilityDrop"] = list(s.capabilityDrop);
    o["mounts"] = each(s.mounts, [](const ServiceMount& m) {
        return Out{{"type", m.type}, {"source", m.source}, {"target", m.target}, {"readOnly", m.readOnly}};
    });
    o["secrets"] = fileRefs(s.secrets);
    o["configs"] = fileRefs(s.configs);
    o["selinuxDisabled"] = s.selinuxDisabled;
    o["memoryLimitBytes"] = s.memoryLimitBytes;
    o["nanoCpusLimit"] = s.nanoCpusLimit;
    o["pidsLimit"] = s.pidsLimit;
    o["restartCondition"] = s.restartCondition;
    o["restartMaxAttempts"] = s.restartMaxAttempts;
    o["ports"] = each(s.ports, [](const ServicePort& p) {
        return Out{{"protocol", p.protocol},
                   {"targetPort", p.targetPort},
                   {"publishedPort", p.publishedPort},
                   {"publishMode", p.publishMode}};
    });
    o["mode"] = s.mode;
    o["replicas"] = s.replicas;
    return o;
}

Out swarm(const SwarmState& s)
{
    Out o;
    o["isManager"] = s.isManager;
    o["unlockKeySet"] = s.unlockKeySet;
    const SwarmCluster& c = s.cluster;
    o["cluster"] = Out{{"id", c.id},
                       {"createdAt", c.createdAt},
                       {"updatedAt", c.updatedAt},
                       {"autoLockManagers", c.autoLockManagers},
                       {"nodeCertExpiryNs", c.nodeCertExpiryNs},
                       {"trustRootPem", c.trustRootPem},
                       {"rootRotationInProgress", c.rootRotationInProgress}};
    o["nodes"] = each(s.nodes, [](const SwarmNode& n) {
        return Out{{"id", n.id},
                   {"hostname", n.hostname},
                   {"role", n.role},
                   {"availability", n.availability},
                   {"state", n.state},
                   {"addr", n.addr},
                   {"engineVersion", n.engineVersion},
                   {"leader", n.leader},
                   {"tlsTrustRootPem", n.tlsTrustRootPem}};
    });
    o["services"] = each(s.services, service);
    o["secrets"] = each(s.secrets, [](const SwarmSecret& x) {
        return Out{{"id", x.id},
                   {"name", x.name},
                   {"createdAt", x.createdAt},
                   {"updatedAt", x.updatedAt},
                   {"labels", map(maskMap(x.labels))},
                   {"driver", x.driver}};
    });
    // Config data may be anything, credentials included: only its size leaves the process.
    o["configs"] = each(s.configs, [](const SwarmConfig& x) {
        return Out{{"id", x.id},
                   {"name", x.name},
                   {"createdAt", x.createdAt},
                   {"updatedAt", x.updatedAt},
                   {"labels", map(maskMap(x.labels))},
                   {"dataLength", x.data.size()}};
    });
    return o;
}

} // namespace

std::string inventoryToJson(const Inventory& inventory, int indent)
{
    try {
        Out o;
        o["formatVersion"] = 1;
        o["endpoint"] = maskUrlCredentials(inventory.endpoint);
        o["engineVersion"] = inventory.engineVersion;
        o["apiVersion"] = inventory.apiVersion;
        o["capturedAt"] =
            inventory.capturedAtUnix > 0 ? formatRfc3339(inventory.capturedAtUnix) : std::string();
        o["daemon"] = daemon(inventory.daemon);
        o["containers"] = each(inventory.containers, container);
        o["images"] = each(inventory.images, image);
        o["networks"] = each(inventory.networks, network);
        o["volumes"] = each(inventory.volumes, volume);
        o["plugins"] = each(inventory.plugins, plugin);
        o["swarm"] = inventory.swarm ? swarm(*inventory.swarm) : Out(nullptr);
        o["problems"] = each(inventory.problems, [](const InventoryProblem& p) {
            return Out{
                {"objectType", p.objectType}, {"objectId", p.objectId}, {"message", maskText(p.message)}};
        });
        // Model strings come from the daemon; any invalid UTF-8 left in them becomes U+FFFD, never a throw.
        return o.dump(indent < 0 ? -1 : indent, ' ', false, Out::error_handler_t::replace) + "\n";
    } catch (const std::exception&) {
        // Only allocation failure can get here; an empty object keeps callers' output well-formed.
        return "{}\n";
    }
}

} // namespace drydock::json
