#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-005",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = cis("2.6"),
    .title = "Unsafe or deprecated storage driver",
    .rationale =
        "aufs is unmaintained and named by the CIS benchmark as unsafe; overlay (v1) is deprecated and "
        "removed from current engines. They get no fixes and block upgrades.",
    .fix = "Move to overlay2. Export what you need (images are re-pulled, volumes stay), then in "
           "/etc/docker/daemon.json:\n"
           "  \"storage-driver\": \"overlay2\"\n"
           "and restart the daemon.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// Names aufs and overlay (v1), which docker-bench and the 20.10 deprecation warnings call out; devicemapper
// has a recommendation of its own since CIS 1.8.0 (DMN-022).
class StorageDriverRule final : public BasicRule
{
public:
    StorageDriverRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const std::string& driver = context.inventory().daemon.driver;
        if (driver == "aufs" || driver == "overlay") {
            out.add(info(), daemonfacts::daemonDraft(context.inventory(), "Driver = " + driver));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeStorageDriverRule)
{
    return std::make_unique<StorageDriverRule>();
}

} // namespace drydock
