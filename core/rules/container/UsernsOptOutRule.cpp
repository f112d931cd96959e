#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-008",
    .area = Area::Container,
    .defaultSeverity = Severity::High,
    .cis = cis("5.31"),
    .title = "User-namespace remapping opted out",
    .rationale = "On a daemon started with userns-remap, --userns host turns the container's root back into "
                 "the host's real root, undoing the protection the daemon was configured for.",
    .fix = "Remove --userns host so the container keeps the daemon's user-namespace remapping.",
    .practice = "Keep containers in their own namespaces"};

// Flags containers started with --userns host; it only matters where the daemon remaps users.
class UsernsOptOutRule final : public ContainerRule
{
public:
    UsernsOptOutRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        if (c.hostConfig.usernsMode != "host") {
            return;
        }
        FindingDraft draft = containerDraft(c, "HostConfig.UsernsMode = host", {removeFlag("--userns")});
        // Without remapping the flag changes nothing today; it is kept as context because it silently
        // defeats remapping the day the daemon turns it on.
        if (!context.inventory().daemon.hasSecurityOption("userns")) {
            draft.severity = Severity::Info;
            draft.evidence += " (daemon does not remap users)";
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeUsernsOptOutRule)
{
    return std::make_unique<UsernsOptOutRule>();
}

} // namespace drydock
