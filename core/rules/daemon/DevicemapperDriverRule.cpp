#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-022",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Medium,
    .cis = CisReference{"2.7", "1.8.0"}, // added in CIS 1.8.0; 1.6.0 and 1.7.0 have no such recommendation
    .title = "devicemapper storage driver",
    .rationale =
        "devicemapper was deprecated in Docker Engine 18.09 and removed in 25.0: a daemon on it gets no "
        "fixes and cannot be upgraded without moving its data.",
    .fix = "Move to overlay2. Export what you need (images are re-pulled, volumes stay), then in "
           "/etc/docker/daemon.json:\n"
           "  \"storage-driver\": \"overlay2\"\n"
           "and restart the daemon.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// The daemon stores images and containers with devicemapper (CIS 1.8.0 2.7).
class DevicemapperDriverRule final : public BasicRule
{
public:
    DevicemapperDriverRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (context.inventory().daemon.driver == "devicemapper") {
            out.add(info(), daemonfacts::daemonDraft(context.inventory(), "Driver = devicemapper"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDevicemapperDriverRule)
{
    return std::make_unique<DevicemapperDriverRule>();
}

} // namespace drydock
