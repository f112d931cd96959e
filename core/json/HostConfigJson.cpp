#include "core/json/detail/HostConfigJson.h"

namespace drydock::json::detail {

namespace {

RestartPolicy readRestartPolicy(const Json& j)
{
    RestartPolicy p;
    if (const Json* r = object(j, "RestartPolicy")) {
        p.name = str(*r, "Name");
        p.maximumRetryCount = i32(*r, "MaximumRetryCount");
    }
    return p;
}

std::vector<Ulimit> readUlimits(const Json& j)
{
    std::vector<Ulimit> out;
    if (const Json* a = array(j, "Ulimits")) {
        for (const auto& u : *a) {
            if (!u.is_object()) {
                continue;
            }
            out.push_back(Ulimit{str(u, "Name"), i64(u, "Soft"), i64(u, "Hard")});
        }
    }
    return out;
}

std::vector<DeviceMapping> readDevices(const Json& j)
{
    std::vector<DeviceMapping> out;
    if (const Json* a = array(j, "Devices")) {
        for (const auto& d : *a) {
            if (!d.is_object()) {
                continue;
            }
            out.push_back(
                DeviceMapping{str(d, "PathOnHost"), str(d, "PathInContainer"), str(d, "CgroupPermissions")});
        }
    }
    return out;
}

std::vector<DeviceRequest> readDeviceRequests(const Json& j)
{
    std::vector<DeviceRequest> out;
    if (const Json* a = array(j, "DeviceRequests")) {
        for (const auto& d : *a) {
            if (!d.is_object()) {
                continue;
            }
            DeviceRequest r;
            r.driver = str(d, "Driver");
            r.count = i32(d, "Count"); // -1 means "all devices"
            r.deviceIds = strings(d, "DeviceIDs");
            if (const Json* caps = array(d, "Capabilities")) {
                for (const auto& set : *caps) {
                    StringList one;
                    if (set.is_array()) {
                        for (const auto& c : set) {
                            if (c.is_string()) {
                                one.push_back(c.get<std::string>());
                            }
                        }
                    }
                    r.capabilities.push_back(std::move(one));
                }
            }
            out.push_back(std::move(r));
        }
    }
    return out;
}

std::vector<MountSpec> readMountSpecs(const Json& j)
{
    std::vector<MountSpec> out;
    if (const Json* a = array(j, "Mounts")) {
        for (const auto& m : *a) {
            if (!m.is_object()) {
                continue;
            }
            MountSpec s;
            s.type = str(m, "Type");
            s.source = str(m, "Source");
            s.target = str(m, "Target");
            s.readOnly = boolean(m, "ReadOnly");
            if (const Json* b = object(m, "BindOptions")) {
                s.bindPropagation = str(*b, "Propagation");
            }
            if (const Json* v = object(m, "VolumeOptions")) {
                if (const Json* d = object(*v, "DriverConfig")) {
                    s.volumeDriver = str(*d, "Name");
                    s.volumeDriverOptions = stringMap(*d, "Options");
                }
            }
            if (const Json* t = object(m, "TmpfsOptions")) {
                s.tmpfsSizeBytes = i64(*t, "SizeBytes");
                s.tmpfsMode = i32(*t, "Mode");
            }
            out.push_back(std::move(s));
        }
    }
    return out;
}

} // namespace

std::vector<PortMapping> readPortMap(const Json* map)
{
    std::vector<PortMapping> out;
    if (!map || !map->is_object()) {
        return out;
    }
    for (const auto& [port, bindings] : map->items()) {
        PortMapping pm;
        pm.containerPort = port;
        if (bindings.is_array()) {
            for (const auto& b : bindings) {
                if (!b.is_object()) {
                    continue;
                }
                pm.bindings.push_back(PortBinding{str(b, "HostIp"), str(b, "HostPort")});
            }
        }
        out.push_back(std::move(pm));
    }
    return out;
}

HostConfig readHostConfig(const Json& j)
{
    HostConfig h;
    if (!j.is_object()) {
        return h;
    }
    h.binds = strings(j, "Binds");
    h.networkMode = str(j, "NetworkMode");
    h.portBindings = readPortMap(object(j, "PortBindings"));
    h.restartPolicy = readRestartPolicy(j);
    h.autoRemove = boolean(j, "AutoRemove");
    h.volumesFrom = strings(j, "VolumesFrom");
    h.capAdd = capabilities(j, "CapAdd");
    h.capDrop = capabilities(j, "CapDrop");
    h.cgroupnsMode = str(j, "CgroupnsMode");
    h.dns = strings(j, "Dns");
    h.dnsOptions = strings(j, "DnsOptions");
    h.dnsSearch = strings(j, "DnsSearch");
    h.extraHosts = strings(j, "ExtraHosts");
    h.groupAdd = strings(j, "GroupAdd");
    h.ipcMode = str(j, "IpcMode");
    h.cgroup = str(j, "Cgroup");
    h.links = strings(j, "Links");
    h.oomScoreAdj = i32(j, "OomScoreAdj");
    h.pidMode = str(j, "PidMode");
    h.privileged = boolean(j, "Privileged");
    h.publishAllPorts = boolean(j, "PublishAllPorts");
    h.readonlyRootfs = boolean(j, "ReadonlyRootfs");
    h.securityOpt = strings(j, "SecurityOpt"); // verbatim, including an inlined seccomp profile (§0.1.4)
    h.tmpfs = stringMap(j, "Tmpfs");
    h.utsMode = str(j, "UTSMode");
    h.usernsMode = str(j, "UsernsMode");
    h.shmSize = i64(j, "ShmSize");
    h.sysctls = stringMap(j, "Sysctls");
    h.runtime = str(j, "Runtime");
    h.isolation = str(j, "Isolation");
    h.memory = i64(j, "Memory");
    h.memorySwap = i64(j, "MemorySwap");
    h.memoryReservation = i64(j, "MemoryReservation");
    h.nanoCpus = i64(j, "NanoCpus");
    h.cpuShares = i64(j, "CpuShares");
    h.cpuQuota = i64(j, "CpuQuota");
    h.cpuPeriod = i64(j, "CpuPeriod");
    h.cpusetCpus = str(j, "CpusetCpus");
    h.cpusetMems = str(j, "CpusetMems");
    h.blkioWeight = i64(j, "BlkioWeight");
    // The API means "unlimited" by null, and older daemons by 0 or -1 (§0.1.2): all of them are no limit.
    if (const auto pids = optI64(j, "PidsLimit"); pids && *pids > 0) {
        h.pidsLimit = *pids;
    }
    h.ulimits = readUlimits(j);
    h.oomKillDisable = optBool(j, "OomKillDisable");
    h.devices = readDevices(j);
    h.deviceCgroupRules = strings(j, "DeviceCgroupRules");
    h.deviceRequests = readDeviceRequests(j);
    h.cgroupParent = str(j, "CgroupParent");
    // null (privileged) and [] (systempaths=unconfined) differ and both matter (§0.1.4).
    h.maskedPaths = optStrings(j, "MaskedPaths");
    h.readonlyPaths = optStrings(j, "ReadonlyPaths");
    if (const Json* log = object(j, "LogConfig")) {
        h.logConfig.type = str(*log, "Type");
        h.logConfig.config = stringMap(*log, "Config");
    }
    h.mounts = readMountSpecs(j);
    h.init = optBool(j, "Init");
    return h;
}

} // namespace drydock::json::detail
