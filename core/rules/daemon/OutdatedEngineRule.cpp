#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"
#include "core/rules/daemon/EngineSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-013",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis("1.2.2"),
    .title = "Docker Engine past its upstream support",
    .rationale =
        "Upstream no longer publishes fixes for this engine branch, so daemon and API vulnerabilities "
        "found since then stay open unless your distribution or vendor backports them.",
    .fix = "Upgrade to a maintained Docker Engine release (docs.docker.com/engine/install), or confirm that "
           "your distribution's package receives security backports for this branch (e.g. Debian's "
           "security tracker for docker.io) and waive the finding with that reason.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// Judges ServerVersion against the shipped support table (EngineSupport.cpp). Medium, not high: the version
// alone says fixes stopped, not that an exploitable bug is present; DMN-014 covers the known runc escape.
class OutdatedEngineRule final : public BasicRule
{
public:
    OutdatedEngineRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        const DaemonInfo& daemon = inventory.daemon;
        // Podman numbers its releases differently; the table is Docker's.
        if (daemonfacts::productName(daemon) != "Docker") {
            return;
        }
        const std::string version =
            !daemon.serverVersion.empty() ? daemon.serverVersion : inventory.engineVersion;
        const EngineSupportVerdict verdict = engineSupport(version, context.nowUnix());
        if (verdict.status != EngineSupportVerdict::Status::Ended) {
            return;
        }
        std::string evidence = "ServerVersion = " + version + ": upstream support for " + verdict.branch +
                               " ended " + verdict.endedOn;
        evidence += " (table reviewed " + std::string(engineSupportTableReviewed()) +
                    "); verify: distro builds (+dfsg, +deb) may carry backported fixes";
        out.add(info(), daemonfacts::daemonDraft(inventory, std::move(evidence)));
    }
};

} // namespace

DRYDOCK_RULE(makeOutdatedEngineRule)
{
    return std::make_unique<OutdatedEngineRule>();
}

} // namespace drydock
