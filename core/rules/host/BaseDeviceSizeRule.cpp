#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-049",
    .area = Area::Host,
    .defaultSeverity = Severity::Info,
    .cis = cis("2.11"),
    .title = "The devicemapper base device size is changed",
    .rationale =
        "dm.basesize enlarges every container's root file system on devicemapper; the benchmark asks to "
        "change it only when needed, because larger devices let one container fill more of the thin pool "
        "that all share.",
    .fix = "If it is not needed, remove dm.basesize from --storage-opt on dockerd's command line and from "
           "\"storage-opts\" in /etc/docker/daemon.json, then systemctl restart docker.",
    .practice = "CIS Docker Benchmark section 2 (Docker daemon configuration)"};

// Fires when a storage option sets dm.basesize (it only matters on devicemapper, removed in Engine 25).
class BaseDeviceSizeRule final : public BasicRule
{
public:
    BaseDeviceSizeRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "2.11");
        if (facts == nullptr) {
            return;
        }
        if (const HostSetting* s = facts->setting("storage-opts");
            s != nullptr && contains(s->value, "dm.basesize")) {
            out.add(info(), hostfacts::hostDraft(context.inventory(),
                                                 hostfacts::settingEvidence(*facts, "storage-opts", "")));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeBaseDeviceSizeRule)
{
    return std::make_unique<BaseDeviceSizeRule>();
}

} // namespace drydock
