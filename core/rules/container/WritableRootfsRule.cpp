#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-016",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.13"),
    .title = "Writable root filesystem",
    .rationale = "With a writable root filesystem an intruder can drop tools, change binaries and persist "
                 "inside the container; RUN-014 shows such drift when it happens.",
    .fix = "Run with --read-only and give the paths the application writes to an explicit tmpfs or volume "
           "(--tmpfs /tmp:rw,noexec,nosuid,size=64m).",
    .practice = "Use a read-only root filesystem"};

// Flags containers whose root filesystem is writable.
class WritableRootfsRule final : public ContainerRule
{
public:
    WritableRootfsRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.readonlyRootfs) {
            return;
        }
        out.add(info(), containerDraft(c, "HostConfig.ReadonlyRootfs = false", {addFlag("--read-only")}));
    }
};

} // namespace

DRYDOCK_RULE(makeWritableRootfsRule)
{
    return std::make_unique<WritableRootfsRule>();
}

} // namespace drydock
