#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-021",
    .area = Area::Container,
    .defaultSeverity = Severity::High,
    .cis = cis("5.23"),
    .title = "Privileged or root exec session",
    .rationale = "docker exec --privileged gives the session every capability whatever the container's own "
                 "settings; an exec as root inside a container that runs as a normal user undoes that "
                 "choice for the session.",
    .fix = "Exec without --privileged and as the container's user (docker exec --user 10001 <c> …); grant "
           "any capability the task needs when the container is started.",
    .practice = "Do not exec into containers as root or privileged"};

// Reports running exec sessions started with --privileged, or as root in a container that is not root.
class PrivilegedExecRule final : public ContainerRule
{
public:
    PrivilegedExecRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const bool containerIsRoot = isRootUser(c.config.user);
        for (const auto& e : c.execSessions) {
            // An exec without --user inherits the container's user (the daemon starts it from the
            // container's process spec), so only an explicit root user is an escalation.
            const bool rootExec = !e.user.empty() && isRootUser(e.user) && !containerIsRoot;
            if (!e.privileged && !rootExec) {
                continue;
            }
            // Only the program name: exec arguments often carry passwords typed on the command line.
            const std::string program = e.entrypoint.empty() ? "?" : baseName(e.entrypoint);
            std::vector<std::string> facts;
            if (e.privileged) {
                facts.push_back("ProcessConfig.privileged = true");
            }
            if (rootExec) {
                facts.push_back("ProcessConfig.user = " + e.user + " while Config.User = " + c.config.user);
            }
            std::string evidence = "exec " + e.id.substr(0, 12) + " (" + program + "): " + join(facts, ", ");
            FindingDraft draft = containerDraft(c, std::move(evidence));
            draft.severity = e.privileged ? Severity::High : Severity::Medium;
            draft.discriminator = e.id;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makePrivilegedExecRule)
{
    return std::make_unique<PrivilegedExecRule>();
}

} // namespace drydock
