#include "core/files/compose/ComposeServiceMapper.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/files/compose/detail/ComposeValues.h"
#include "core/model/CapabilitySpelling.h"
#include "core/secrets/SecretMask.h"

namespace drydock {
namespace {

using namespace compose::detail;

// Past this many published ports one range entry stops expanding ("1-65535:1-65535" is hostile, not useful).
constexpr std::size_t kMaxPortsPerEntry = 1024;

// Builds one ComposeServiceMapping: reads each attribute into the container and records where it was written.
class ServiceMapper
{
public:
    ServiceMapper(const ComposeProject& project, const ComposeService& service)
        : m_project(project), m_service(service), m_def(service.definition),
          m_prefix("services." + service.name)
    {
    }

    ComposeServiceMapping run()
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
        resources();
        lifecycle();
        environment();
        return std::move(m_out);
    }

private:
    const YamlEntry* entry(std::string_view key) const { return m_def.entry(key); }

    // Records where a fact was written; the value shown is masked where it could hold a secret.
    void fact(const std::string& name, const YamlMark& mark, std::string path, std::string shown = {})
    {
        if (m_out.facts.count(name)) {
            return;
        }
        if (shown.size() > 80) {
            shown = truncateUtf8(shown, 77) + "...";
        }
        m_out.facts[name] = {mark, std::move(path), maskSecretsInText(shown), false};
    }

    // A key of the service: records it as a fact under its own name and returns it (nullptr when absent).
    const YamlEntry* keyFact(const char* key, const std::string& factName = {})
    {
        const YamlEntry* e = entry(key);
        if (e) {
            fact(factName.empty() ? key : factName, e->key.mark, m_prefix + "." + key, e->value.text());
        }
        return e;
    }

    std::string text(const char* key) const
    {
        const YamlNode* n = m_def.find(key);
        return n ? n->text() : std::string();
    }

    bool flag(const char* key)
    {
        const YamlEntry* e = keyFact(key);
        return e && e->value.isTrue();
    }

    void identity()
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
                 : !c.config.cmd.empty()                             ? c.config.cmd.front()
                                                                     : std::string();
        if (const YamlNode* labels = m_def.find("labels"); labels && labels->isMap()) {
            for (const auto& e : labels->entries) {
                c.config.labels[e.key.value] = e.value.text();
                fact("label:" + e.key.value, e.key.mark, m_prefix + ".labels." + e.key.value);
            }
        }
    }

    StringList command(const char* key)
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

    void privileges()
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
        listFacts("security_opt", h.securityOpt, [](const std::string& v) {
            return "security_opt:" + v.substr(0, v.find_first_of(":="));
        });
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

    // A list attribute copied into `into`, each item recorded as a fact named by `name`.
    template <typename NameOf>
    void listFacts(const char* key, StringList& into, NameOf name)
    {
        const YamlEntry* e = entry(key);
        if (!e) {
            return;
        }
        fact(key, e->key.mark, m_prefix + "." + key);
        const auto add = [&](const YamlNode& item) {
            into.push_back(item.value);
            fact(name(item.value), item.mark, m_prefix + "." + key, item.value);
        };
        if (e->value.isScalar()) {
            add(e->value);
        }
        for (const auto& item : e->value.items) {
            if (item.isScalar()) {
                add(item);
            }
        }
    }

    void devices()
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

    // pid/ipc/network_mode "service:name" becomes "container:<that service's id>", as Compose creates it.
    std::string serviceMode(const std::string& mode) const
    {
        if (!startsWith(mode, "service:")) {
            return mode;
        }
        const ComposeService* other = m_project.service(mode.substr(8));
        return "container:" + (other ? composeContainerId(m_project, *other) : mode.substr(8));
    }

    void namespaces()
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

    void networking()
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

    // The daemon's name of a project network: its `name:`, its own name when external, else project_key.
    std::string networkName(const std::string& key) const
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

    void addPort(const std::string& hostIp, const std::string& hostPort, const std::string& containerPort,
                 const YamlNode& item)
    {
        HostConfig& h = m_out.container.hostConfig;
        PortMapping* mapping = nullptr;
        for (auto& m : h.portBindings) {
            if (m.containerPort == containerPort) {
                mapping = &m;
            }
        }
        if (!mapping) {
            h.portBindings.push_back({containerPort, {}});
            mapping = &h.portBindings.back();
            m_out.container.config.exposedPorts.push_back(containerPort);
        }
        mapping->bindings.push_back({hostIp, hostPort});
        const std::string label = (hostPort.empty() || hostPort == "0" ? "random" : hostPort) + "->" + containerPort;
        fact("port:" + label, item.mark, m_prefix + ".ports", item.isScalar() ? item.value : std::string());
    }

    void ports()
    {
        const YamlEntry* e = keyFact("ports");
        if (!e) {
            return;
        }
        for (const auto& item : e->value.items) {
            if (item.isScalar()) {
                for (const auto& p : parseShortPort(item.value, kMaxPortsPerEntry)) {
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
            for (const auto& p : parseShortPort(field("published").empty()
                                                    ? field("target")
                                                    : field("published") + ":" + field("target"),
                                                kMaxPortsPerEntry)) {
                addPort(field("host_ip"), p.hostPort, p.containerPort.substr(0, p.containerPort.find('/')) + "/" +
                                                          protocol,
                        item);
            }
        }
    }

    // A host path of a bind, resolved against the folder of the file that wrote it.
    std::string hostPath(const std::string& source, const YamlMark& mark) const
    {
        if (startsWith(source, "/") || startsWith(source, "~")) {
            return source;
        }
        const auto file = static_cast<std::size_t>(mark.file);
        const std::string base = file < m_project.files.size() ? m_project.files[file].baseDirectory : "";
        return joinComposePath(base.empty() ? m_project.directory : base, source);
    }

    void addMount(MountPoint mount, const YamlNode& item)
    {
        fact("volume:" + mount.destination, item.mark, m_prefix + ".volumes",
             item.isScalar() ? item.value : mount.source + ":" + mount.destination);
        m_out.container.mounts.push_back(std::move(mount));
    }

    void volumes()
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

    void longVolume(const YamlNode& item)
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

    void resources()
    {
        HostConfig& h = m_out.container.hostConfig;
        const YamlNode* deploy = m_def.find("deploy");
        const YamlNode* resources = deploy ? deploy->find("resources") : nullptr;
        const YamlNode* limits = resources ? resources->find("limits") : nullptr;
        const std::string limitsPath = m_prefix + ".deploy.resources.limits";
        const auto limit = [&](const char* key, const char* factName) -> const YamlNode* {
            const YamlEntry* e = limits ? limits->entry(key) : nullptr;
            if (e) {
                fact(factName, e->key.mark, limitsPath + "." + key, e->value.text());
            }
            return e ? &e->value : nullptr;
        };
        if (const YamlEntry* e = keyFact("mem_limit", "memory")) {
            h.memory = parseBytes(e->value.text()).value_or(0);
        } else if (const YamlNode* n = limit("memory", "memory")) {
            h.memory = parseBytes(n->text()).value_or(0);
        }
        if (const YamlEntry* e = keyFact("memswap_limit")) {
            h.memorySwap = parseBytes(e->value.text()).value_or(0);
        }
        h.memoryReservation = parseBytes(text("mem_reservation")).value_or(0);
        const auto cpus = [](const std::string& value) -> std::int64_t {
            char* end = nullptr;
            const double count = std::strtod(value.c_str(), &end);
            return end && *end == '\0' && count > 0 && count < 1e6 ? static_cast<std::int64_t>(count * 1e9) : 0;
        };
        if (const YamlEntry* e = keyFact("cpus")) {
            h.nanoCpus = cpus(e->value.text());
        } else if (const YamlNode* n = limit("cpus", "cpus")) {
            h.nanoCpus = cpus(n->text());
        }
        h.cpuShares = parseInteger(text("cpu_shares")).value_or(0);
        h.cpuQuota = parseInteger(text("cpu_quota")).value_or(0);
        h.cpuPeriod = parseInteger(text("cpu_period")).value_or(0);
        h.cpusetCpus = text("cpuset");
        if (h.cpuShares || h.cpuQuota || !h.cpusetCpus.empty()) {
            keyFact("cpu_shares", "cpus");
            keyFact("cpu_quota", "cpus");
            keyFact("cpuset", "cpus");
        }
        if (const YamlEntry* e = keyFact("pids_limit")) {
            h.pidsLimit = parseInteger(e->value.text());
        } else if (const YamlNode* n = limit("pids", "pids_limit")) {
            h.pidsLimit = parseInteger(n->text());
        }
        h.shmSize = parseBytes(text("shm_size")).value_or(0);
        if (const YamlEntry* e = keyFact("oom_kill_disable")) {
            h.oomKillDisable = e->value.isTrue();
        }
        if (keyFact("oom_score_adj")) {
            h.oomScoreAdj = static_cast<int>(parseInteger(text("oom_score_adj")).value_or(0));
        }
        if (const YamlEntry* e = keyFact("sysctls"); e && e->value.isMap()) {
            for (const auto& s : e->value.entries) {
                h.sysctls[s.key.value] = s.value.text();
            }
        }
        if (const YamlEntry* e = keyFact("ulimits"); e && e->value.isMap()) {
            for (const auto& u : e->value.entries) {
                Ulimit ulimit{u.key.value, 0, 0};
                if (u.value.isMap()) {
                    ulimit.soft = parseInteger(u.value.find("soft") ? u.value.find("soft")->text() : "").value_or(0);
                    ulimit.hard = parseInteger(u.value.find("hard") ? u.value.find("hard")->text() : "").value_or(0);
                } else {
                    ulimit.soft = ulimit.hard = parseInteger(u.value.text()).value_or(0);
                }
                h.ulimits.push_back(ulimit);
            }
        }
    }

    void lifecycle()
    {
        Container& c = m_out.container;
        HostConfig& h = c.hostConfig;
        if (const YamlEntry* e = keyFact("restart")) {
            const std::string policy = e->value.text();
            const std::size_t colon = policy.find(':');
            h.restartPolicy.name = policy.substr(0, colon);
            if (colon != std::string::npos) {
                h.restartPolicy.maximumRetryCount =
                    static_cast<int>(parseInteger(policy.substr(colon + 1)).value_or(0));
            }
        } else if (const YamlNode* deploy = m_def.find("deploy")) {
            if (const YamlEntry* rp = deploy->entry("restart_policy"); rp && rp->value.isMap()) {
                fact("restart", rp->key.mark, m_prefix + ".deploy.restart_policy");
                const std::string condition = rp->value.find("condition") ? rp->value.find("condition")->text()
                                                                          : "any";
                const auto attempts = parseInteger(
                    rp->value.find("max_attempts") ? rp->value.find("max_attempts")->text() : "");
                h.restartPolicy.name = condition == "none" ? "no" : attempts ? "on-failure"
                                       : condition == "any" ? "always" : "on-failure";
                h.restartPolicy.maximumRetryCount = static_cast<int>(attempts.value_or(0));
            }
        }
        if (const YamlEntry* e = keyFact("healthcheck"); e && e->value.isMap()) {
            const YamlNode& hc = e->value;
            Healthcheck check;
            if (const YamlEntry* disable = hc.entry("disable"); disable && disable->value.isTrue()) {
                check.test = {"NONE"};
                m_out.facts["healthcheck"] = {disable->key.mark, m_prefix + ".healthcheck.disable", "true", false};
            } else if (const YamlNode* test = hc.find("test")) {
                check.test = test->isScalar() ? StringList{"CMD-SHELL", test->value} : scalarList(test);
            }
            const auto duration = [&](const char* key) {
                const YamlNode* n = hc.find(key);
                return n ? parseDurationNs(n->text()).value_or(0) : 0;
            };
            check.intervalNs = duration("interval");
            check.timeoutNs = duration("timeout");
            check.startPeriodNs = duration("start_period");
            check.retries = static_cast<int>(
                parseInteger(hc.find("retries") ? hc.find("retries")->text() : "").value_or(0));
            c.config.healthcheck = std::move(check);
        }
        // Without `logging:` the daemon's own log configuration applies, which a file does not show: only
        // what the file says is judged.
        if (const YamlEntry* e = keyFact("logging"); e && e->value.isMap()) {
            h.logConfig.type = e->value.find("driver") ? e->value.find("driver")->text() : "json-file";
            if (const YamlNode* options = e->value.find("options"); options && options->isMap()) {
                for (const auto& o : options->entries) {
                    h.logConfig.config[o.key.value] = o.value.text();
                    fact("logging:" + o.key.value, o.key.mark, m_prefix + ".logging.options." + o.key.value);
                }
            }
        }
    }

    void environment()
    {
        Container& c = m_out.container;
        std::vector<std::pair<std::string, std::string>> env; // in order, later names replace earlier ones
        const auto set = [&env](const std::string& name, const std::string& value) {
            for (auto& [n, v] : env) {
                if (n == name) {
                    v = value;
                    return;
                }
            }
            env.emplace_back(name, value);
        };
        for (const auto& file : m_service.envFiles) {
            for (const auto& e : file.entries) {
                std::optional<std::string> value = e.value;
                if (!value) {
                    const auto it = m_project.variables.find(e.name);
                    value = it == m_project.variables.end() ? std::nullopt : std::optional(it->second);
                }
                if (value) {
                    set(e.name, *value);
                    m_out.facts["env:" + e.name] = {file.mark, m_prefix + ".env_file",
                                                    file.path + " line " + std::to_string(e.line), false};
                }
            }
        }
        if (const YamlEntry* e = keyFact("environment"); e && e->value.isMap()) {
            for (const auto& v : e->value.entries) {
                std::optional<std::string> value;
                if (v.value.isNull()) {
                    const auto it = m_project.variables.find(v.key.value);
                    value = it == m_project.variables.end() ? std::nullopt : std::optional(it->second);
                } else {
                    value = v.value.text();
                }
                if (value) {
                    set(v.key.value, *value);
                    m_out.facts["env:" + v.key.value] = {v.key.mark, m_prefix + ".environment." + v.key.value, {},
                                                         false};
                }
            }
        }
        for (const auto& [name, value] : env) {
            c.config.env.push_back(name + "=" + value);
        }
    }

    const ComposeProject& m_project;
    const ComposeService& m_service;
    const YamlNode& m_def;
    std::string m_prefix;
    ComposeServiceMapping m_out;
};

} // namespace

std::string composeContainerId(const ComposeProject& project, const ComposeService& service)
{
    const auto file = static_cast<std::size_t>(service.nameMark.file);
    return (file < project.files.size() ? project.files[file].path : std::string()) + "#" + service.name;
}

ComposeServiceMapping mapComposeService(const ComposeProject& project, const ComposeService& service)
{
    return ServiceMapper(project, service).run();
}

} // namespace drydock
