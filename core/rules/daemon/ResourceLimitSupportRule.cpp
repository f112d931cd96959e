#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-016",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Resource limits cannot be enforced",
    .rationale = "The kernel does not offer the cgroup controllers for some limits, so --memory, "
                 "--memory-swap, --pids-limit or --cpus are accepted and then silently ignored. Containers "
                 "that look limited can still exhaust the host.",
    .fix = "Enable the missing cgroup controllers: boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1), "
           "or on cgroup v1 add cgroup_enable=memory swapaccount=1 to the kernel command line; for rootless "
           "mode delegate controllers through systemd. Then restart the daemon and check `docker info` for "
           "warnings.",
    .practice = "Limit resources: memory, CPU, file descriptors, processes (OWASP #7)"};

// The warnings the daemon prints for the limits RUN-006..009 rely on. Kernel-memory, oom-kill-disable and io
// warnings are left out: those knobs are deprecated or have no bearing on the limits Drydock recommends.
const char* const kLimitWarnings[] = {
    "No memory limit support",   "No swap limit support",
    "No pids limit support",     "No cpu cfs quota support",
    "No cpu cfs period support", "No cpu shares support",
    "No cpuset support",         "Running in rootless-mode without cgroups"};

// Collects the false support flags and the matching warnings into one finding.
class ResourceLimitSupportRule final : public BasicRule
{
public:
    ResourceLimitSupportRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemonfacts::isWindowsDaemon(daemon)) {
            return;
        }
        std::vector<std::string> flags;
        if (!daemon.memoryLimit) {
            flags.push_back("MemoryLimit");
        }
        if (!daemon.swapLimit) {
            flags.push_back("SwapLimit");
        }
        if (!daemon.pidsLimit) {
            flags.push_back("PidsLimit");
        }
        if (!daemon.cpuCfsQuota) {
            flags.push_back("CpuCfsQuota");
        }
        std::vector<std::string> warnings;
        for (const char* text : kLimitWarnings) {
            if (daemonfacts::hasWarning(daemon, text)) {
                warnings.push_back(text);
            }
        }
        if (flags.empty() && warnings.empty()) {
            return;
        }
        std::vector<std::string> parts;
        if (!flags.empty()) {
            parts.push_back(join(flags, " = false, ") + " = false");
        }
        if (!warnings.empty()) {
            parts.push_back("Warnings: " + join(warnings, ", "));
        }
        out.add(info(), daemonfacts::daemonDraft(context.inventory(), join(parts, "; ")));
    }
};

} // namespace

DRYDOCK_RULE(makeResourceLimitSupportRule)
{
    return std::make_unique<ResourceLimitSupportRule>();
}

} // namespace drydock
