#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-022",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.7"),
    .title = "sshd runs in the container",
    .rationale = "An SSH server is an extra network daemon with its own credentials, and it bypasses "
                 "Docker's access path (docker exec, audit). Drydock reads this from the container's "
                 "command (Path, Args, Config.Entrypoint and Cmd), because the inventory does not list "
                 "processes.",
    .fix = "Rebuild without the SSH server and use docker exec for interactive access.",
    .practice = "Run one service per container, without sshd"};

bool mentionsSshd(const std::string& text)
{
    for (const auto& word : containerfacts::commandWords(text)) {
        if (containerfacts::baseName(word) == "sshd") {
            return true;
        }
    }
    return false;
}

// Flags containers whose start command runs sshd (directly or through a shell line).
class SshdRule final : public ContainerRule
{
public:
    SshdRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        std::string evidence;
        if (mentionsSshd(c.path)) {
            evidence = "Path = " + c.path;
        } else if (anyMentions(c.args)) {
            evidence = "Args contain sshd";
        } else if (c.config.entrypoint && anyMentions(*c.config.entrypoint)) {
            evidence = "Config.Entrypoint contains sshd";
        } else if (anyMentions(c.config.cmd)) {
            evidence = "Config.Cmd contains sshd";
        } else {
            return;
        }
        out.add(info(), containerDraft(c, std::move(evidence)));
    }

private:
    static bool anyMentions(const StringList& list)
    {
        for (const auto& item : list) {
            if (mentionsSshd(item)) {
                return true;
            }
        }
        return false;
    }
};

} // namespace

DRYDOCK_RULE(makeSshdRule)
{
    return std::make_unique<SshdRule>();
}

} // namespace drydock
