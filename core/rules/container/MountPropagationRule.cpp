#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-015",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.20"),
    .title = "Shared mount propagation",
    .rationale = "With shared propagation, mounts the container makes under the bind appear on the host "
                 "(and the other way round), so the container can change what the host sees.",
    .fix = "Use private propagation: --mount type=bind,src=…,dst=…,bind-propagation=rprivate (Docker's "
           "default for binds).",
    .practice = "Keep mount propagation private"};

// Reports mounts with shared (medium) or slave (info) propagation.
class MountPropagationRule final : public ContainerRule
{
public:
    MountPropagationRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        for (const auto& m : c.mounts) {
            const std::string& p = m.propagation;
            const bool shared = p == "shared" || p == "rshared";
            // slave only receives host mounts: it leaks host mount events inward but cannot push outward.
            const bool slave = p == "slave" || p == "rslave";
            if (!shared && !slave) {
                continue;
            }
            // No RunEdit: the vocabulary has no edit for propagation; the fix text gives the flag.
            FindingDraft draft = containerDraft(c, describeMount(m) + ", propagation " + p);
            draft.severity = shared ? Severity::Medium : Severity::Info;
            draft.discriminator = m.destination;
            draft.titleSuffix = ": " + m.destination;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeMountPropagationRule)
{
    return std::make_unique<MountPropagationRule>();
}

} // namespace drydock
