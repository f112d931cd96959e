// Swarm service list answer -> model: the task template the container rules apply to.
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

namespace drydock::json {

using namespace detail;

namespace {

std::vector<ServiceFileRef> readFileRefs(const Json& spec, std::string_view key, std::string_view idKey,
                                         std::string_view nameKey)
{
    std::vector<ServiceFileRef> out;
    if (const Json* refs = array(spec, key)) {
        for (const auto& r : *refs) {
            if (!r.is_object()) {
                continue;
            }
            ServiceFileRef ref;
            ref.id = str(r, idKey);
            ref.name = str(r, nameKey);
            if (const Json* file = object(r, "File")) {
                ref.fileName = str(*file, "Name");
                ref.uid = str(*file, "UID");
                ref.gid = str(*file, "GID");
                ref.mode = i32(*file, "Mode", ref.mode);
            }
            out.push_back(std::move(ref));
        }
    }
    return out;
}

std::vector<ServiceMount> readMounts(const Json& spec)
{
    std::vector<ServiceMount> out;
    if (const Json* mounts = array(spec, "Mounts")) {
        for (const auto& m : *mounts) {
            if (!m.is_object()) {
                continue;
            }
            out.push_back(
                ServiceMount{str(m, "Type"), str(m, "Source"), str(m, "Target"), boolean(m, "ReadOnly")});
        }
    }
    return out;
}

std::vector<ServicePort> readPorts(const Json* ports)
{
    std::vector<ServicePort> out;
    if (!ports || !ports->is_array()) {
        return out;
    }
    for (const auto& p : *ports) {
        if (!p.is_object()) {
            continue;
        }
        out.push_back(ServicePort{str(p, "Protocol"), i32(p, "TargetPort"), i32(p, "PublishedPort"),
                                  str(p, "PublishMode")});
    }
    return out;
}

void readContainerSpec(const Json& c, SwarmService& s)
{
    s.image = str(c, "Image");
    s.user = str(c, "User");
    s.readOnly = boolean(c, "ReadOnly");
    s.env = strings(c, "Env");
    s.args = strings(c, "Args");
    s.command = strings(c, "Command");
    s.capabilityAdd = capabilities(c, "CapabilityAdd");
    s.capabilityDrop = capabilities(c, "CapabilityDrop");
    s.mounts = readMounts(c);
    s.secrets = readFileRefs(c, "Secrets", "SecretID", "SecretName");
    s.configs = readFileRefs(c, "Configs", "ConfigID", "ConfigName");
    if (const Json* selinux = path(c, {"Privileges", "SELinuxContext"})) {
        s.selinuxDisabled = boolean(*selinux, "Disable");
    }
}

void readMode(const Json& spec, SwarmService& s)
{
    const Json* mode = object(spec, "Mode");
    if (!mode) {
        return;
    }
    if (const Json* replicated = object(*mode, "Replicated")) {
        s.mode = "replicated";
        s.replicas = u64(*replicated, "Replicas");
    } else if (object(*mode, "Global")) {
        s.mode = "global";
    } else if (const Json* job = object(*mode, "ReplicatedJob")) {
        s.mode = "replicated-job";
        s.replicas = u64(*job, "TotalCompletions");
    } else if (object(*mode, "GlobalJob")) {
        s.mode = "global-job";
    }
}

SwarmService readService(const Json& j)
{
    SwarmService s;
    s.id = str(j, "ID");
    s.createdAt = str(j, "CreatedAt");
    s.updatedAt = str(j, "UpdatedAt");
    const Json* spec = object(j, "Spec");
    if (spec) {
        s.name = str(*spec, "Name");
        if (const Json* task = object(*spec, "TaskTemplate")) {
            if (const Json* container = object(*task, "ContainerSpec")) {
                readContainerSpec(*container, s);
            }
            if (const Json* limits = path(*task, {"Resources", "Limits"})) {
                s.memoryLimitBytes = i64(*limits, "MemoryBytes");
                s.nanoCpusLimit = i64(*limits, "NanoCPUs");
                s.pidsLimit = i64(*limits, "Pids");
            }
            if (const Json* restart = object(*task, "RestartPolicy")) {
                s.restartCondition = str(*restart, "Condition");
                s.restartMaxAttempts = i64(*restart, "MaxAttempts");
            }
        }
        readMode(*spec, s);
    }
    // Endpoint.Ports is what the cluster actually published (random ports filled in); the spec is the
    // fallback while the endpoint is not set up yet.
    const Json* endpoint = object(j, "Endpoint");
    const Json* effective = endpoint ? array(*endpoint, "Ports") : nullptr;
    if (effective && !effective->empty()) {
        s.ports = readPorts(effective);
    } else if (const Json* endpointSpec = spec ? object(*spec, "EndpointSpec") : nullptr) {
        s.ports = readPorts(array(*endpointSpec, "Ports"));
    }
    return s;
}

} // namespace

Result<std::vector<SwarmService>> parseServices(std::string_view body)
{
    return objectList<SwarmService>(body, "service list", readService);
}

} // namespace drydock::json
