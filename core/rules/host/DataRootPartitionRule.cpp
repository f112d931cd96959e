#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-001",
    .area = Area::Host,
    .defaultSeverity = Severity::Low,
    .cis = cis("1.1.1"),
    .title = "The data root is not on its own partition",
    .rationale = "Images, containers and volumes all grow under the data root; on the root file system a "
                 "runaway container or image pull can fill the disk the host itself needs.",
    .fix = "Give the data root a file system of its own (an LVM volume or a disk mounted at it, listed in "
           "/etc/fstab), copy the data across with the daemon stopped, then start it again.",
    .practice = "CIS Docker Benchmark section 1 (host configuration)"};

// Fires when no mount point in /proc/self/mountinfo is the data root itself (its parent with user
// namespaces).
class DataRootPartitionRule final : public BasicRule
{
public:
    DataRootPartitionRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "1.1.1");
        if (facts == nullptr) {
            return;
        }
        if (facts->dataRootOwnMount.has_value() && !*facts->dataRootOwnMount) {
            out.add(info(),
                    hostfacts::hostDraft(context.inventory(),
                                         facts->dataRoot + " is not a file system of its own (no mount from "
                                                           "another device in /proc/self/mountinfo)"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDataRootPartitionRule)
{
    return std::make_unique<DataRootPartitionRule>();
}

} // namespace drydock
