// Container list, inspect, changes and exec answers -> model.
#include "core/json/ModelParser.h"

#include "core/common/Strings.h"
#include "core/json/detail/ConfigJson.h"
#include "core/json/detail/HostConfigJson.h"

namespace drydock::json {

using namespace detail;

namespace {

ContainerState readState(const Json& j)
{
    ContainerState s;
    const Json* st = object(j, "State");
    if (!st) {
        return s;
    }
    s.status = str(*st, "Status");
    s.running = boolean(*st, "Running");
    s.paused = boolean(*st, "Paused");
    s.restarting = boolean(*st, "Restarting");
    s.oomKilled = boolean(*st, "OOMKilled");
    s.dead = boolean(*st, "Dead");
    s.pid = i32(*st, "Pid");
    s.exitCode = i32(*st, "ExitCode");
    s.error = str(*st, "Error");
    s.startedAt = str(*st, "StartedAt");
    s.finishedAt = str(*st, "FinishedAt");
    if (const Json* h = object(*st, "Health")) {
        s.health = HealthState{str(*h, "Status"), i32(*h, "FailingStreak")};
    }
    return s;
}

std::vector<MountPoint> readMounts(const Json& j)
{
    std::vector<MountPoint> out;
    if (const Json* a = array(j, "Mounts")) {
        for (const auto& m : *a) {
            if (!m.is_object()) {
                continue;
            }
            MountPoint p;
            p.type = str(m, "Type");
            p.name = str(m, "Name");
            p.source = str(m, "Source");
            p.destination = str(m, "Destination");
            p.driver = str(m, "Driver");
            p.mode = str(m, "Mode");
            p.propagation = str(m, "Propagation");
            p.rw = boolean(m, "RW", true);
            out.push_back(std::move(p));
        }
    }
    return out;
}

std::vector<EndpointSettings> readNetworks(const Json* settings)
{
    std::vector<EndpointSettings> out;
    const Json* nets = settings ? object(*settings, "Networks") : nullptr;
    if (!nets) {
        return out;
    }
    for (const auto& [name, e] : nets->items()) {
        if (!e.is_object()) {
            continue;
        }
        EndpointSettings s;
        s.networkName = name;
        s.networkId = str(e, "NetworkID");
        s.endpointId = str(e, "EndpointID");
        s.ipAddress = str(e, "IPAddress");
        s.globalIPv6Address = str(e, "GlobalIPv6Address");
        s.macAddress = str(e, "MacAddress");
        s.aliases = strings(e, "Aliases");
        s.links = strings(e, "Links");
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

Result<StringList> parseContainerIds(std::string_view body)
{
    return idList(body, "container list");
}

Result<Container> parseContainer(std::string_view body)
{
    constexpr std::string_view kind = "container inspect";
    return guarded(kind, [&]() -> Result<Container> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        Container c;
        c.id = str(j, "Id");
        c.name = str(j, "Name");
        if (!c.name.empty() && c.name.front() == '/') {
            c.name.erase(0, 1);
        }
        c.created = str(j, "Created");
        c.path = str(j, "Path");
        c.args = strings(j, "Args");
        c.imageId = str(j, "Image");
        c.state = readState(j);
        c.restartCount = i32(j, "RestartCount");
        c.driver = str(j, "Driver");
        c.platform = str(j, "Platform");
        c.appArmorProfile = str(j, "AppArmorProfile");
        c.processLabel = str(j, "ProcessLabel");
        c.mountLabel = str(j, "MountLabel");
        c.execIds = strings(j, "ExecIDs");
        if (const Json* config = object(j, "Config")) {
            c.config = readContainerConfig(*config);
        }
        if (const Json* host = object(j, "HostConfig")) {
            c.hostConfig = readHostConfig(*host);
        }
        c.mounts = readMounts(j);
        const Json* settings = object(j, "NetworkSettings");
        c.networks = readNetworks(settings);
        c.effectivePorts = readPortMap(settings ? object(*settings, "Ports") : nullptr);
        return c;
    });
}

Result<std::vector<FileChange>> parseChanges(std::string_view body)
{
    constexpr std::string_view kind = "container changes list";
    return guarded(kind, [&]() -> Result<std::vector<FileChange>> {
        // A container with no changes answers "null".
        if (trim(body) == "null") {
            return std::vector<FileChange>{};
        }
        auto doc = parseDocument(body, kind, TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        std::vector<FileChange> out;
        for (const auto& item : *doc) {
            if (!item.is_object()) {
                continue;
            }
            const std::string path = str(item, "Path");
            if (!path.empty()) {
                out.push_back(FileChange{path, i32(item, "Kind")});
            }
        }
        return out;
    });
}

Result<ExecSession> parseExec(std::string_view body)
{
    constexpr std::string_view kind = "exec inspect";
    return guarded(kind, [&]() -> Result<ExecSession> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        ExecSession e;
        e.id = str(*doc, "ID");
        e.running = boolean(*doc, "Running");
        if (const Json* p = object(*doc, "ProcessConfig")) {
            e.privileged = boolean(*p, "privileged");
            e.user = str(*p, "user");
            e.entrypoint = str(*p, "entrypoint");
            e.arguments = strings(*p, "arguments");
        }
        return e;
    });
}

} // namespace drydock::json
