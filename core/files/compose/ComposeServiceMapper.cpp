#include "core/files/compose/ComposeServiceMapper.h"

#include "core/common/ShellQuote.h"
#include "core/files/compose/detail/ComposeServiceMapperImpl.h"
#include "core/model/CapabilitySpelling.h"

namespace drydock {
namespace compose::detail {

ComposeServiceMapping ServiceMapper::run()
{
    Container& c = m_out.container;
    c.id = composeContainerId(m_project, m_service);
    c.name = m_service.name;
    c.state.status = "created";
    c.driver = "overlay2";
    m_out.service = {m_service.nameMark, m_prefix, {}, true};
    identity();
    privileges();
    namespaces();
    networking();
    ports();
    volumes();
    secretMounts();
    resources();
    lifecycle();
    environment();
    return std::move(m_out);
}

void ServiceMapper::identity()
{
    Container& c = m_out.container;
    keyFact("image");
    c.config.image = text("image");
    keyFact("user");
    c.config.user = text("user");
    c.config.workingDir = text("working_dir");
    c.config.hostname = text("hostname");
    c.config.domainname = text("domainname");
    c.config.stopSignal = text("stop_signal");
    c.config.tty = m_def.find("tty") && m_def.find("tty")->isTrue();
    c.config.openStdin = m_def.find("stdin_open") && m_def.find("stdin_open")->isTrue();
    c.platform = text("platform");
    c.config.cmd = command("command");
    if (m_def.find("entrypoint")) {
        c.config.entrypoint = command("entrypoint");
    }
    c.path = c.config.entrypoint && !c.config.entrypoint->empty() ? c.config.entrypoint->front()
             : !c.config.cmd.empty()                              ? c.config.cmd.front()
                                                                  : std::string();
    if (const YamlNode* labels = m_def.find("labels"); labels && labels->isMap()) {
        for (const auto& e : labels->entries) {
            c.config.labels[e.key.value] = e.value.text();
            fact("label:" + e.key.value, e.key.mark, m_prefix + ".labels." + e.key.value);
        }
    }
}

StringList ServiceMapper::command(const char* key)
{
    const YamlEntry* e = keyFact(key);
    if (!e) {
        return {};
    }
    if (e->value.isScalar()) {
        auto words = shellSplit(e->value.value);
        return words.ok() ? *words : split(e->value.value, ' ');
    }
    return scalarList(&e->value);
}

void ServiceMapper::privileges()
{
    HostConfig& h = m_out.container.hostConfig;
    h.privileged = flag("privileged");
    h.readonlyRootfs = flag("read_only");
    if (const YamlEntry* e = keyFact("init")) {
        h.init = e->value.isTrue();
    }
    listFacts("cap_add", h.capAdd, [](const std::string& v) { return "cap_add:" + normaliseCapability(v); });
    keyFact("cap_drop");
    h.capDrop = scalarList(m_def.find("cap_drop"));
    listFacts("group_add", h.groupAdd, [](const std::string& v) { return "group_add:" + trim(v); });
    listFacts("security_opt", h.securityOpt,
              [](const std::string& v) { return "security_opt:" + v.substr(0, v.find_first_of(":=")); });
    for (const auto& opt : h.securityOpt) {
        if (opt == "systempaths=unconfined" || opt == "systempaths:unconfined") {
            h.maskedPaths = StringList{};
            h.readonlyPaths = StringList{};
        }
    }
    // What a daemon with AppArmor gives a container created from this: docker-default unless the file
    // names another profile or the container is privileged.
    m_out.container.appArmorProfile = h.privileged ? "unconfined" : "docker-default";
    for (const auto& opt : h.securityOpt) {
        if (startsWith(opt, "apparmor=") || startsWith(opt, "apparmor:")) {
            m_out.container.appArmorProfile = opt.substr(9);
        }
    }
    h.runtime = text("runtime");
    keyFact("runtime");
    h.cgroupParent = text("cgroup_parent");
    keyFact("cgroup_parent");
    devices();
}

void ServiceMapper::devices()
{
    HostConfig& h = m_out.container.hostConfig;
    if (const YamlEntry* e = keyFact("devices")) {
        for (const auto& item : e->value.items) {
            DeviceMapping d;
            if (item.isMap()) {
                d.pathOnHost = item.find("source") ? item.find("source")->text() : "";
                d.pathInContainer = item.find("target") ? item.find("target")->text() : "";
                d.cgroupPermissions = item.find("permissions") ? item.find("permissions")->text() : "";
            } else {
                const StringList parts = split(item.value, ':');
                d.pathOnHost = parts.at(0);
                d.pathInContainer = parts.size() > 1 ? parts[1] : parts[0];
                d.cgroupPermissions = parts.size() > 2 ? parts[2] : "rwm";
            }
            fact("devices:" + d.pathOnHost, item.mark, m_prefix + ".devices", item.text());
            h.devices.push_back(std::move(d));
        }
    }
    listFacts("device_cgroup_rules", h.deviceCgroupRules,
              [](const std::string& v) { return "device_cgroup_rules:" + v; });
    if (const YamlEntry* gpus = keyFact("gpus")) {
        DeviceRequest r;
        r.driver = "nvidia";
        r.count = gpus->value.text() == "all" ? -1 : 0;
        h.deviceRequests.push_back(r);
    }
    const YamlNode* deploy = m_def.find("deploy");
    const YamlNode* resources = deploy ? deploy->find("resources") : nullptr;
    const YamlNode* reservations = resources ? resources->find("reservations") : nullptr;
    const YamlEntry* devicesEntry = reservations ? reservations->entry("devices") : nullptr;
    if (devicesEntry) {
        fact("gpus", devicesEntry->key.mark, m_prefix + ".deploy.resources.reservations.devices");
        for (const auto& item : devicesEntry->value.items) {
            DeviceRequest r;
            r.driver = item.find("driver") ? item.find("driver")->text() : "";
            const std::string count = item.find("count") ? item.find("count")->text() : "";
            r.count = count == "all" ? -1 : static_cast<int>(parseInteger(count).value_or(0));
            r.deviceIds = scalarList(item.find("device_ids"));
            r.capabilities.push_back(scalarList(item.find("capabilities")));
            h.deviceRequests.push_back(std::move(r));
        }
    }
}

std::string ServiceMapper::serviceMode(const std::string& mode) const
{
    if (!startsWith(mode, "service:")) {
        return mode;
    }
    const auto other = m_services.find(mode.substr(8));
    return "container:" +
           (other != m_services.end() ? composeContainerId(m_project, *other->second) : mode.substr(8));
}

void ServiceMapper::namespaces()
{
    HostConfig& h = m_out.container.hostConfig;
    keyFact("pid");
    h.pidMode = serviceMode(text("pid"));
    keyFact("ipc");
    h.ipcMode = serviceMode(text("ipc"));
    keyFact("uts");
    h.utsMode = text("uts");
    keyFact("userns_mode");
    h.usernsMode = text("userns_mode");
    keyFact("cgroup");
    h.cgroupnsMode = text("cgroup");
}

void ServiceMapper::networking()
{
    Container& c = m_out.container;
    HostConfig& h = c.hostConfig;
    if (const YamlEntry* mode = keyFact("network_mode")) {
        h.networkMode = serviceMode(mode->value.text());
    } else {
        const YamlEntry* networks = keyFact("networks");
        if (networks && networks->value.isMap() && !networks->value.entries.empty()) {
            for (const auto& n : networks->value.entries) {
                EndpointSettings endpoint;
                endpoint.networkName = networkName(n.key.value);
                if (const YamlNode* aliases = n.value.find("aliases")) {
                    endpoint.aliases = scalarList(aliases);
                }
                c.networks.push_back(std::move(endpoint));
            }
        } else {
            c.networks.push_back({networkName("default"), {}, {}, {}, {}, {}, {}, {}});
        }
        h.networkMode = c.networks.front().networkName;
    }
    listFacts("links", h.links, [](const std::string&) { return std::string("links"); });
    listFacts("external_links", h.links, [](const std::string&) { return std::string("links"); });
    h.dns = scalarList(m_def.find("dns"));
    h.dnsSearch = scalarList(m_def.find("dns_search"));
    h.dnsOptions = scalarList(m_def.find("dns_opt"));
    h.extraHosts = scalarList(m_def.find("extra_hosts"));
    h.volumesFrom = scalarList(m_def.find("volumes_from"));
    for (const auto& port : scalarList(m_def.find("expose"))) {
        c.config.exposedPorts.push_back(contains(port, "/") ? port : port + "/tcp");
    }
}

std::string ServiceMapper::networkName(const std::string& key) const
{
    const YamlNode* declared = m_project.networks.find(key);
    if (declared && declared->isMap()) {
        if (const YamlNode* name = declared->find("name"); name && name->isScalar()) {
            return name->value;
        }
        if (const YamlNode* external = declared->find("external"); external && external->isTrue()) {
            return key;
        }
    }
    return m_project.name + "_" + key;
}

void ServiceMapper::addPort(const std::string& hostIp, const std::string& hostPort,
                            const std::string& containerPort, const YamlNode& item)
{
    HostConfig& h = m_out.container.hostConfig;
    if (++m_portCount > kMaxEntriesPerKey) {
        if (m_portCount == kMaxEntriesPerKey + 1) {
            m_out.notes.push_back(m_prefix + ".ports publishes more than " +
                                  std::to_string(kMaxEntriesPerKey) + " ports; only the first " +
                                  std::to_string(kMaxEntriesPerKey) + " are reviewed.");
        }
        return;
    }
    const auto [at, added] = m_portIndex.emplace(containerPort, h.portBindings.size());
    if (added) {
        h.portBindings.push_back({containerPort, {}});
        m_out.container.config.exposedPorts.push_back(containerPort);
    }
    h.portBindings[at->second].bindings.push_back({hostIp, hostPort});
    const std::string label =
        (hostPort.empty() || hostPort == "0" ? "random" : hostPort) + "->" + containerPort;
    fact("port:" + label, item.mark, m_prefix + ".ports", item.isScalar() ? item.value : std::string());
}

void ServiceMapper::ports()
{
    const YamlEntry* e = keyFact("ports");
    if (!e) {
        return;
    }
    for (const auto& item : e->value.items) {
        if (item.isScalar()) {
            for (const auto& p : parseShortPort(item.value, kMaxEntriesPerKey + 1)) {
                addPort(p.hostIp, p.hostPort, p.containerPort, item);
            }
            continue;
        }
        if (!item.isMap()) {
            continue;
        }
        const auto field = [&](const char* key) {
            const YamlNode* n = item.find(key);
            return n ? n->text() : std::string();
        };
        const std::string protocol = field("protocol").empty() ? "tcp" : toLower(field("protocol"));
        for (const auto& p : parseShortPort(
                 field("published").empty() ? field("target") : field("published") + ":" + field("target"),
                 kMaxEntriesPerKey + 1)) {
            addPort(field("host_ip"), p.hostPort,
                    p.containerPort.substr(0, p.containerPort.find('/')) + "/" + protocol, item);
        }
    }
}

std::string ServiceMapper::hostPath(const std::string& source, const YamlMark& mark) const
{
    if (startsWith(source, "/") || startsWith(source, "~")) {
        return source;
    }
    const auto file = static_cast<std::size_t>(mark.file);
    const std::string base = file < m_project.files.size() ? m_project.files[file].baseDirectory : "";
    return joinComposePath(base.empty() ? m_project.directory : base, source);
}

void ServiceMapper::addMount(MountPoint mount, const YamlNode& item)
{
    fact("volume:" + mount.destination, item.mark, m_prefix + ".volumes",
         item.isScalar() ? item.value : mount.source + ":" + mount.destination);
    m_out.container.mounts.push_back(std::move(mount));
}

void ServiceMapper::volumes()
{
    HostConfig& h = m_out.container.hostConfig;
    if (const YamlEntry* e = keyFact("volumes")) {
        for (const auto& item : e->value.items) {
            if (item.isScalar()) {
                const auto v = parseShortVolume(item.value);
                if (!v) {
                    continue;
                }
                MountPoint m;
                m.type = v->type;
                m.source = v->type == "bind" ? hostPath(v->source, item.mark) : v->source;
                m.name = v->type == "volume" ? v->source : "";
                m.destination = v->target;
                m.rw = !v->readOnly;
                m.mode = v->mode;
                m.propagation = v->type == "bind" && v->propagation.empty() ? "rprivate" : v->propagation;
                h.binds.push_back(m.source.empty() ? m.destination
                                                   : m.source + ":" + m.destination +
                                                         (v->mode.empty() ? "" : ":" + v->mode));
                addMount(std::move(m), item);
            } else if (item.isMap()) {
                longVolume(item);
            }
        }
    }
    if (const YamlEntry* e = keyFact("tmpfs")) {
        for (const auto& path : scalarList(&e->value)) {
            const std::size_t colon = path.find(':');
            h.tmpfs[path.substr(0, colon)] = colon == std::string::npos ? "" : path.substr(colon + 1);
        }
    }
}

void ServiceMapper::longVolume(const YamlNode& item)
{
    const auto field = [&](const YamlNode& n, const char* key) {
        const YamlNode* v = n.find(key);
        return v ? v->text() : std::string();
    };
    MountSpec spec;
    spec.type = field(item, "type").empty() ? "volume" : field(item, "type");
    spec.source = field(item, "source");
    spec.target = field(item, "target");
    spec.readOnly = item.find("read_only") && item.find("read_only")->isTrue();
    if (const YamlNode* bind = item.find("bind")) {
        spec.bindPropagation = field(*bind, "propagation");
    }
    if (const YamlNode* tmpfs = item.find("tmpfs")) {
        spec.tmpfsSizeBytes = parseBytes(field(*tmpfs, "size")).value_or(0);
    }
    MountPoint m;
    m.type = spec.type;
    m.source = spec.type == "bind" ? hostPath(spec.source, item.mark) : spec.source;
    m.name = spec.type == "volume" ? spec.source : "";
    m.destination = spec.target;
    m.rw = !spec.readOnly;
    m.propagation = spec.bindPropagation.empty() && spec.type == "bind" ? "rprivate" : spec.bindPropagation;
    spec.source = m.source;
    m_out.container.hostConfig.mounts.push_back(spec);
    addMount(std::move(m), item);
}

void ServiceMapper::secretMounts()
{
    // A file-backed secret or config is bind-mounted read-only: /run/secrets/<name> for secrets, /<name> for
    // configs unless `target:` says otherwise. External ones and ones from the environment have no host file.
    for (const char* kind : {"secrets", "configs"}) {
        const bool secret = std::string_view(kind) == "secrets";
        const YamlNode& declared = secret ? m_project.secrets : m_project.configs;
        const YamlNode* list = m_def.find(kind);
        static const std::vector<YamlNode> noItems;
        for (const YamlNode& item : list ? list->items : noItems) {
            const YamlNode* sourceNode = item.isMap() ? item.find("source") : &item;
            const YamlNode* targetNode = item.isMap() ? item.find("target") : nullptr;
            const std::string source = sourceNode ? sourceNode->text() : std::string();
            const YamlNode* top = declared.find(source);
            const YamlNode* file = top ? top->find("file") : nullptr;
            if (source.empty() || !file || !file->isScalar()) {
                continue;
            }
            std::string target = targetNode ? targetNode->text() : std::string();
            if (target.empty()) {
                target = secret ? "/run/secrets/" + source : "/" + source;
            } else if (secret && !startsWith(target, "/")) {
                target = "/run/secrets/" + target;
            }
            MountPoint m;
            m.type = "bind";
            m.source = hostPath(file->value, file->mark);
            m.destination = target;
            m.rw = false;
            m.propagation = "rprivate";
            addMount(std::move(m), item);
        }
    }
}

} // namespace compose::detail

using compose::detail::ServiceMapper;

std::string composeContainerId(const ComposeProject& project, const ComposeService& service)
{
    const auto file = static_cast<std::size_t>(service.nameMark.file);
    return (file < project.files.size() ? project.files[file].path : std::string()) + "#" + service.name;
}

namespace {

std::unordered_map<std::string, const ComposeService*> indexServices(const ComposeProject& project)
{
    std::unordered_map<std::string, const ComposeService*> index;
    for (const auto& s : project.services) {
        index.emplace(s.name, &s);
    }
    return index;
}

} // namespace

ComposeServiceMapping mapComposeService(const ComposeProject& project, const ComposeService& service)
{
    return ServiceMapper(project, service, indexServices(project)).run();
}

std::vector<ComposeServiceMapping> mapComposeServices(const ComposeProject& project, std::size_t maxServices)
{
    const auto index = indexServices(project);
    std::vector<ComposeServiceMapping> out;
    out.reserve(std::min(maxServices, project.services.size()));
    for (const auto& service : project.services) {
        if (out.size() == maxServices) {
            break;
        }
        out.push_back(ServiceMapper(project, service, index).run());
    }
    return out;
}

} // namespace drydock
