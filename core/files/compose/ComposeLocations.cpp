// The location index: which compose key causes a finding of a given rule. One table, read by the review.
#include "core/files/compose/ComposeServiceMapper.h"

#include "core/common/Strings.h"

#include <vector>

namespace drydock {
namespace {

// The facts (ComposeServiceMapping::facts names) that can cause a finding of a rule, most specific first;
// "{}" stands for the finding's discriminator. A rule not listed, or none of whose facts is present, points
// at the service's name: its cause is something the service does not say.
struct RuleFacts
{
    const char* ruleId;
    std::vector<const char*> facts;
};

const std::vector<RuleFacts>& ruleFacts()
{
    static const std::vector<RuleFacts> table{
        {"CTR-001", {"user"}},
        {"CTR-002", {"privileged"}},
        {"CTR-003", {"cap_add:{}", "cap_add"}},
        {"CTR-004", {"cap_drop"}},
        {"CTR-005", {"pid"}},
        {"CTR-006", {"ipc"}},
        {"CTR-007", {"uts"}},
        {"CTR-008", {"userns_mode"}},
        {"CTR-009", {"cgroup"}},
        {"CTR-011", {"devices:{}", "device_cgroup_rules:{}", "gpus", "devices"}},
        {"CTR-012", {"volume:{}"}},
        {"CTR-013", {"{}", "volume:{}"}}, // the discriminator is "env:DOCKER_HOST" or the mount's target
        {"CTR-014", {"volume:{}"}},
        {"CTR-015", {"volume:{}"}},
        {"CTR-016", {"read_only"}},
        {"CTR-017", {"security_opt:systempaths"}},
        {"CTR-018", {"group_add:{}", "group_add"}},
        {"CTR-019", {"sysctls"}},
        {"CTR-020", {"cgroup_parent"}},
        {"CTR-022", {"command", "entrypoint"}},
        {"CTR-024", {"image"}},
        {"CTR-025", {"entrypoint", "command"}},
        {"RUN-001", {"security_opt:seccomp", "privileged"}},
        {"RUN-002", {"security_opt:seccomp"}},
        {"RUN-003", {"security_opt:apparmor", "privileged"}},
        {"RUN-004", {"security_opt:label"}},
        {"RUN-005", {"security_opt:no-new-privileges", "security_opt"}},
        {"RUN-006", {"memory"}},
        {"RUN-007", {"memswap_limit"}},
        {"RUN-008", {"cpus"}},
        {"RUN-009", {"pids_limit"}},
        {"RUN-010", {"{}"}}, // "oom-kill-disable" / "oom-score-adj", spelt with '_' in compose
        {"RUN-011", {"restart"}},
        {"RUN-012", {"healthcheck"}},
        {"RUN-013", {"ulimits"}},
        {"RUN-015", {"logging"}},
        {"RUN-016", {"runtime"}},
        {"NET-001", {"network_mode"}},
        {"NET-002", {"network_mode", "networks"}},
        {"NET-003", {"port:{}", "ports"}},
        {"NET-004", {"port:{}", "ports"}},
        {"NET-006", {"port:{}", "ports"}},
        {"NET-007", {"links"}},
        {"NET-011", {"networks"}},
        {"SEC-001", {"env:{}", "environment", "env_file"}},
        {"SEC-004", {"label:{}", "labels"}},
        {"SEC-005", {"command", "entrypoint"}},
        {"SEC-006", {"volume:{}"}},
        {"SEC-007", {"logging:{}", "logging"}},
    };
    return table;
}

} // namespace

ComposeKeyRef ComposeServiceMapping::locate(const std::string& ruleId, const std::string& discriminator) const
{
    std::string disc = discriminator;
    if (ruleId == "RUN-010") {
        disc = replaceAll(disc, "-", "_");
    } else if (ruleId == "CTR-011") {
        // "device:/dev/x", "cgroup-rule:r", "device-request:0" → the facts' spellings
        if (startsWith(disc, "device:")) {
            disc = disc.substr(7);
        } else if (startsWith(disc, "cgroup-rule:")) {
            disc = disc.substr(12);
        }
    } else if (ruleId == "CTR-010") {
        disc = disc == "network" ? "network_mode" : disc; // pid, ipc
        if (const auto it = facts.find(disc); it != facts.end()) {
            return it->second;
        }
    }
    for (const auto& row : ruleFacts()) {
        if (ruleId != row.ruleId) {
            continue;
        }
        for (const char* pattern : row.facts) {
            const std::string name = replaceAll(pattern, "{}", disc);
            if (const auto it = facts.find(name); it != facts.end()) {
                return it->second;
            }
        }
    }
    return service;
}

} // namespace drydock
