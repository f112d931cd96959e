#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-014",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Writable bind mount",
    .rationale = "A writable bind lets the container change host files. An intruder can plant content that "
                 "the host or other containers later read or execute.",
    .fix = "Mount read-only unless the application writes there: append :ro, or use "
           "--mount type=bind,src=…,dst=…,readonly.",
    .practice = "Mount host paths read-only"};

// Reports writable binds that the sensitive-path and runtime-socket rules have not already reported.
class WritableBindRule final : public ContainerRule
{
public:
    WritableBindRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        for (const auto& m : c.mounts) {
            if (m.type != "bind" || !m.rw || matchSensitivePath(m.source, m.rw) ||
                matchRuntimeSocket(m, context.settings().ownSocketPath)) {
                continue;
            }
            FindingDraft draft = containerDraft(c, describeMount(m), {readOnlyMount(c, m.destination)});
            draft.discriminator = m.destination;
            draft.titleSuffix = ": " + m.destination;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeWritableBindRule)
{
    return std::make_unique<WritableBindRule>();
}

} // namespace drydock
