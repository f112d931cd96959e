// The service mapper's limits, lifecycle and environment (the class is in detail/ComposeServiceMapperImpl.h).
#include "core/files/compose/detail/ComposeServiceMapperImpl.h"

namespace drydock::compose::detail {

// The service's definition with every attribute cut to kMaxEntriesPerKey entries (a copy only when needed),
// and a note for each attribute that was cut.
const YamlNode& boundedDefinition(const ComposeService& service, std::optional<YamlNode>& copy,
                                  std::vector<std::string>& notes)
{
    for (std::size_t i = 0; i < service.definition.entries.size(); ++i) {
        const YamlEntry& e = service.definition.entries[i];
        const std::size_t size = e.value.isMap() ? e.value.entries.size() : e.value.items.size();
        if (size <= kMaxEntriesPerKey) {
            continue;
        }
        if (!copy) {
            copy = service.definition;
        }
        YamlNode& value = copy->entries[i].value;
        value.isMap() ? value.entries.resize(kMaxEntriesPerKey) : value.items.resize(kMaxEntriesPerKey);
        notes.push_back("services." + service.name + "." + e.key.value + " has " + std::to_string(size) +
                        " entries; only the first " + std::to_string(kMaxEntriesPerKey) + " are reviewed.");
    }
    return copy ? *copy : service.definition;
}

void ServiceMapper::resources()
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
                ulimit.soft =
                    parseInteger(u.value.find("soft") ? u.value.find("soft")->text() : "").value_or(0);
                ulimit.hard =
                    parseInteger(u.value.find("hard") ? u.value.find("hard")->text() : "").value_or(0);
            } else {
                ulimit.soft = ulimit.hard = parseInteger(u.value.text()).value_or(0);
            }
            h.ulimits.push_back(ulimit);
        }
    }
}

void ServiceMapper::lifecycle()
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
            const std::string condition =
                rp->value.find("condition") ? rp->value.find("condition")->text() : "any";
            const auto attempts =
                parseInteger(rp->value.find("max_attempts") ? rp->value.find("max_attempts")->text() : "");
            h.restartPolicy.name = condition == "none"  ? "no"
                                   : attempts           ? "on-failure"
                                   : condition == "any" ? "always"
                                                        : "on-failure";
            h.restartPolicy.maximumRetryCount = static_cast<int>(attempts.value_or(0));
        }
    }
    if (const YamlEntry* e = keyFact("healthcheck"); e && e->value.isMap()) {
        const YamlNode& hc = e->value;
        Healthcheck check;
        if (const YamlEntry* disable = hc.entry("disable"); disable && disable->value.isTrue()) {
            check.test = {"NONE"};
            m_out.facts["healthcheck"] = {disable->key.mark, m_prefix + ".healthcheck.disable", "true",
                                          false};
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
        check.retries =
            static_cast<int>(parseInteger(hc.find("retries") ? hc.find("retries")->text() : "").value_or(0));
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

void ServiceMapper::environment()
{
    Container& c = m_out.container;
    std::vector<std::pair<std::string, std::string>> env; // in order, later names replace earlier ones
    std::unordered_map<std::string, std::size_t> index;
    const auto set = [&env, &index](const std::string& name, const std::string& value) {
        const auto [at, added] = index.emplace(name, env.size());
        if (added) {
            env.emplace_back(name, value);
        } else {
            env[at->second].second = value;
        }
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
                m_out.facts["env:" + v.key.value] = {
                    v.key.mark, m_prefix + ".environment." + v.key.value, {}, false};
            }
        }
    }
    for (const auto& [name, value] : env) {
        c.config.env.push_back(name + "=" + value);
    }
}

} // namespace drydock::compose::detail
