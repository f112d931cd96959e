#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-014",
    .area = Area::Daemon,
    .defaultSeverity = Severity::High,
    .cis = cis("1.2.2"),
    .title = "runc vulnerable to the leaked-fd container escape (CVE-2024-21626)",
    .rationale = "runc 1.0.0-rc93 to 1.1.11 leaks a host directory file descriptor into new containers. A "
                 "malicious image (WORKDIR /proc/self/fd/N) or a crafted docker exec can use it to reach the "
                 "host filesystem and break out.",
    .fix = "Update runc to 1.1.12 or later (with containerd: the containerd.io package from Docker, or your "
           "distribution's runc security update), then restart the daemon and recreate running containers. "
           "Distribution builds may already carry the fix under the old version number: check the package "
           "changelog for CVE-2024-21626 and waive the finding if it is there.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// The first release with the fix.
const daemonfacts::VersionTriple kFixed{1, 1, 12, false};

// Prefers /version Components[runc].Version ("1.1.5+ds1"); falls back to /info RuncCommit.ID, which is a
// version on distribution builds ("1.1.5+ds1-1+deb12u1") and "v1.1.12-0-g51d5e94" on Docker's packages.
// A bare commit hash says nothing about the version and raises no finding.
class RuncVersionRule final : public BasicRule
{
public:
    RuncVersionRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        std::string source;
        std::string version;
        const ComponentVersion* runc = daemonfacts::component(daemon, "runc");
        if (runc && daemonfacts::parseVersionTriple(runc->version)) {
            source = "Components[runc].Version";
            version = runc->version;
        } else if (daemonfacts::parseVersionTriple(daemon.runcCommit)) {
            source = "RuncCommit.ID";
            version = daemon.runcCommit;
        } else {
            return;
        }
        const auto parsed = daemonfacts::parseVersionTriple(version);
        if (!daemonfacts::versionBefore(*parsed, kFixed)) {
            return;
        }
        std::string evidence = source + " = " + version + " (< 1.1.12)";
        // The package revision ("+deb12u1") is what tells whether Debian backported the fix; show it when the
        // component version hides it.
        const std::string packageRevision = daemon.runcCommit != version ? daemon.runcCommit : std::string();
        if (daemonfacts::isDistroBuild(version) || daemonfacts::isDistroBuild(packageRevision)) {
            evidence += "; verify: distro builds";
            if (!packageRevision.empty()) {
                evidence += " such as " + packageRevision;
            }
            evidence += " may carry the backported fix without a version bump";
        }
        out.add(info(), daemonfacts::daemonDraft(context.inventory(), std::move(evidence)));
    }
};

} // namespace

DRYDOCK_RULE(makeRuncVersionRule)
{
    return std::make_unique<RuncVersionRule>();
}

} // namespace drydock
