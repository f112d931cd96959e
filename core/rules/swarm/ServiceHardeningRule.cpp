#include "core/common/Strings.h"
#include "core/model/CapabilitySpelling.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SWM-008",
    .area = Area::Swarm,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""), // each gap maps to a container or runtime rule and its CIS 5.x control
    .title = "Service hardening gap",
    .rationale = "A Swarm service's task template sets up every task it starts, on whichever node. A gap "
                 "there (root user, writable root filesystem, extra capabilities, the Docker socket, no "
                 "limits, endless restarts, sensitive host paths) repeats in every replica; each gap carries "
                 "the severity of the "
                 "container or runtime rule it corresponds to.",
    .fix =
        "Fix the task template through service flags, for example:\n"
        "  docker service update --user 10001 --read-only --cap-drop ALL --limit-memory 512M --limit-cpu 1 "
        "--limit-pids 256 --restart-condition on-failure --restart-max-attempts 5 <service>\n"
        "and remove Docker-socket and sensitive host-path mounts (--mount-rm <target>), added capabilities "
        "(--cap-add) and "
        "--security-opt label=disable equivalents.",
    .practice = "Apply the container hardening rules to services"};

// The capability tiers of CTR-003 (catalogue B.2); the 14 defaults of Docker 20.10 raise nothing.
constexpr std::array kCriticalCaps{"ALL", "CAP_SYS_ADMIN", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
                                   "CAP_DAC_READ_SEARCH"};
constexpr std::array kHighCaps{"CAP_SYS_PTRACE", "CAP_NET_ADMIN",      "CAP_BPF",      "CAP_PERFMON",
                               "CAP_MAC_ADMIN",  "CAP_MAC_OVERRIDE",   "CAP_SYS_TIME", "CAP_SYSLOG",
                               "CAP_SYS_BOOT",   "CAP_LINUX_IMMUTABLE"};
constexpr std::array kDefaultCaps{"CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
                                  "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
                                  "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
                                  "CAP_KILL",    "CAP_AUDIT_WRITE"};

template <std::size_t N> bool listed(const std::array<const char*, N>& list, const std::string& value)
{
    return std::any_of(list.begin(), list.end(), [&](const char* item) { return value == item; });
}

bool isRootUser(const std::string& user)
{
    return user == "root" || user == "0" || startsWith(user, "root:") || startsWith(user, "0:");
}

// CTR-013's list: the Docker, containerd, CRI-O and Podman sockets and the Docker run directory.
bool isRuntimeSocketPath(const std::string& path)
{
    for (const char* socket : {"docker.sock", "containerd.sock", "crio.sock", "podman.sock"}) {
        if (endsWith(path, socket)) {
            return true;
        }
    }
    for (const char* dir : {"/run/docker", "/var/run/docker"}) {
        if (path == dir || startsWith(path, std::string(dir) + "/")) {
            return true;
        }
    }
    return false;
}

// The local image a service runs, matched by tag ("nginx:1.25" of "nginx:1.25@sha256:…") or by digest.
const Image* localImageOf(const Inventory& inventory, const std::string& reference)
{
    const auto at = reference.find('@');
    const std::string name = reference.substr(0, at);
    const std::string digest = at == std::string::npos ? std::string() : reference.substr(at);
    for (const auto& image : inventory.images) {
        const bool byTag =
            std::find(image.repoTags.begin(), image.repoTags.end(), name) != image.repoTags.end();
        const bool byDigest =
            !digest.empty() && std::any_of(image.repoDigests.begin(), image.repoDigests.end(),
                                           [&](const std::string& d) { return endsWith(d, digest); });
        if (byTag || byDigest) {
            return &image;
        }
    }
    return nullptr;
}

// Maps each gap in a service's task template to the container or runtime rule it mirrors: one finding per
// gap, discriminator = that rule's id, severity = that rule's severity for the same condition.
class ServiceHardeningRule final : public BasicRule
{
public:
    ServiceHardeningRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        if (!inventory.swarm || !inventory.swarm->isManager) {
            return;
        }
        for (const auto& service : inventory.swarm->services) {
            check(context, service, out);
        }
    }

private:
    void gap(FindingCollector& out, const SwarmService& service, const char* mappedRule, Severity severity,
             const std::string& what, std::string evidence) const
    {
        FindingDraft draft;
        draft.object = refOf(service);
        draft.discriminator = mappedRule;
        draft.severity = severity;
        draft.titleSuffix = ": " + what + " (" + mappedRule + ")";
        draft.evidence = std::move(evidence);
        out.add(info(), std::move(draft));
    }

    void check(const RuleContext& context, const SwarmService& service, FindingCollector& out) const
    {
        // CTR-001: an empty User means the image's USER applies; when that image is here and names a
        // non-root user, the tasks are not root. Lower to medium when the daemon remaps root, as CTR-001
        // does.
        const Severity rootSeverity = context.daemonRemapsRoot() ? Severity::Medium : Severity::High;
        if (isRootUser(service.user)) {
            gap(out, service, "CTR-001", rootSeverity, "tasks run as root",
                "ContainerSpec.User = \"" + service.user + "\"");
        } else if (service.user.empty()) {
            const Image* image = localImageOf(context.inventory(), service.image);
            const bool imageSetsUser =
                image && !image->config.user.empty() && !isRootUser(image->config.user);
            if (!imageSetsUser) {
                gap(out, service, "CTR-001", rootSeverity, "tasks run as root",
                    image ? "ContainerSpec.User empty and the image runs as root"
                          : "ContainerSpec.User empty (the image's USER applies; image not present locally)");
            }
        }
        // CTR-016
        if (!service.readOnly) {
            gap(out, service, "CTR-016", Severity::Low, "writable root filesystem",
                "ContainerSpec.ReadOnly = false");
        }
        // CTR-003: report the added capabilities outside the defaults, at the worst tier among them.
        std::vector<std::string> added;
        std::optional<Severity> capSeverity;
        for (const auto& raw : service.capabilityAdd) {
            const std::string cap = normaliseCapability(raw);
            Severity tier = Severity::Medium;
            if (listed(kCriticalCaps, cap)) {
                tier = Severity::Critical;
            } else if (listed(kHighCaps, cap)) {
                tier = Severity::High;
            } else if (listed(kDefaultCaps, cap)) {
                continue;
            }
            added.push_back(cap);
            capSeverity = capSeverity ? std::max(*capSeverity, tier) : tier;
        }
        if (capSeverity) {
            gap(out, service, "CTR-003", *capSeverity, "dangerous capability added",
                "ContainerSpec.CapabilityAdd = [" + join(added, ", ") + "]");
        }
        // CTR-013
        std::vector<std::string> sockets;
        for (const auto& mount : service.mounts) {
            if (isRuntimeSocketPath(mount.source) || isRuntimeSocketPath(mount.target)) {
                sockets.push_back(mount.source + " -> " + mount.target);
            }
        }
        if (!sockets.empty()) {
            gap(out, service, "CTR-013", Severity::Critical, "runtime socket mounted",
                "ContainerSpec.Mounts: " + join(sockets, ", "));
        }
        // CTR-012: a bind of a sensitive host path (B.3) into every task, on whichever node it lands; the
        // runtime socket is CTR-013's gap above. The worst mount sets the severity, as for containers.
        std::optional<Severity> sensitiveSeverity;
        std::vector<std::string> sensitive;
        for (const auto& mount : service.mounts) {
            if (mount.type != "bind" || isRuntimeSocketPath(mount.source) ||
                isRuntimeSocketPath(mount.target)) {
                continue;
            }
            const auto match = containerfacts::matchSensitivePath(mount.source, !mount.readOnly);
            if (!match) {
                continue;
            }
            sensitive.push_back(mount.source + " -> " + mount.target + (mount.readOnly ? " (ro)" : " (rw)"));
            sensitiveSeverity =
                sensitiveSeverity ? std::max(*sensitiveSeverity, match->severity) : match->severity;
        }
        if (sensitiveSeverity) {
            gap(out, service, "CTR-012", *sensitiveSeverity, "sensitive host path mounted",
                "ContainerSpec.Mounts: " + join(sensitive, ", "));
        }
        // RUN-004: tasks may land on SELinux nodes even when this one has none, so the opt-out always counts.
        if (service.selinuxDisabled) {
            gap(out, service, "RUN-004", Severity::High, "SELinux labelling disabled",
                "ContainerSpec.Privileges.SELinuxContext.Disable = true");
        }
        // RUN-006 / RUN-008 / RUN-009
        if (service.memoryLimitBytes == 0) {
            gap(out, service, "RUN-006", Severity::Medium, "no memory limit",
                "TaskTemplate.Resources.Limits.MemoryBytes = 0");
        }
        if (service.nanoCpusLimit == 0) {
            gap(out, service, "RUN-008", Severity::Low, "no CPU limit",
                "TaskTemplate.Resources.Limits.NanoCPUs = 0");
        }
        if (service.pidsLimit == 0) {
            gap(out, service, "RUN-009", Severity::Medium, "no PIDs limit",
                "TaskTemplate.Resources.Limits.Pids = 0");
        }
        // RUN-011: Swarm's default policy (no RestartPolicy in the spec) is condition any, unlimited
        // attempts.
        const bool restartsForever =
            (service.restartCondition == "any" || service.restartCondition.empty()) &&
            service.restartMaxAttempts == 0;
        if (restartsForever) {
            gap(out, service, "RUN-011", Severity::Low, "unbounded restarts",
                service.restartCondition.empty()
                    ? "TaskTemplate.RestartPolicy not set (default: Condition any, MaxAttempts 0)"
                    : "TaskTemplate.RestartPolicy.Condition = any, MaxAttempts = 0");
        }
    }
};

} // namespace

DRYDOCK_RULE(makeServiceHardeningRule)
{
    return std::make_unique<ServiceHardeningRule>();
}

} // namespace drydock
