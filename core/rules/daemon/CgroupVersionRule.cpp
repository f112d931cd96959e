#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-019",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "cgroup v1, or no private cgroup namespace by default",
    .rationale = "On cgroup v1 containers share the host's cgroup namespace by default and several isolation "
                 "and accounting features (rootless limits, PSI, safer delegation) are missing.",
    .fix = "Boot the host with the unified hierarchy (systemd.unified_cgroup_hierarchy=1 on the kernel "
           "command line; the default on current distributions), then restart the daemon.",
    .practice = "Limit resources: memory, CPU, file descriptors, processes (OWASP #7)"};

// cgroup v2 daemons list name=cgroupns when containers get a private cgroup namespace by default. An empty
// CgroupVersion (APIs before 1.40) is not judged.
class CgroupVersionRule final : public BasicRule
{
public:
    CgroupVersionRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        if (daemonfacts::isWindowsDaemon(daemon)) {
            return;
        }
        if (daemon.cgroupVersion == "1") {
            out.add(info(), daemonfacts::daemonDraft(context.inventory(), "CgroupVersion = 1"));
        } else if (daemon.cgroupVersion == "2" && !daemon.hasSecurityOption("cgroupns")) {
            out.add(info(),
                    daemonfacts::daemonDraft(context.inventory(),
                                             "CgroupVersion = 2, SecurityOptions lacks name=cgroupns"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeCgroupVersionRule)
{
    return std::make_unique<CgroupVersionRule>();
}

} // namespace drydock
