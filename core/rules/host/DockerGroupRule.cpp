#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/host/HostRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "HST-002",
    .area = Area::Host,
    .defaultSeverity = Severity::Info,
    .cis = cis("1.1.2"),
    .title = "Users who control the daemon",
    .rationale = "Members of the docker group (and users whose primary group it is) can do anything the "
                 "daemon can, which is root on this host. Review that each one should have root.",
    .fix = "Remove users who should not be root from the docker group: gpasswd -d <user> docker (and change "
           "the primary group of those who have it as theirs).",
    .practice = "CIS Docker Benchmark section 1 (host configuration)"};

// Lists who controls the daemon; a review item, so info unless there is nobody to list.
class DockerGroupRule final : public BasicRule
{
public:
    DockerGroupRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const HostFacts* facts = hostfacts::factsFor(context, "1.1.2");
        if (facts == nullptr) {
            return;
        }
        if (facts->dockerGroupMembers.has_value() && !facts->dockerGroupMembers->empty()) {
            std::string who;
            for (const auto& m : *facts->dockerGroupMembers) {
                who += (who.empty() ? "" : ", ") + m;
            }
            out.add(info(), hostfacts::hostDraft(context.inventory(), "docker group: " + who));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDockerGroupRule)
{
    return std::make_unique<DockerGroupRule>();
}

} // namespace drydock
