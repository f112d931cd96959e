#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-007",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis("2.12"),
    .title = "No authorization plugin",
    .rationale = "Every client that can open the socket may do everything, including starting privileged "
                 "containers. On a single-user workstation that is expected; on a shared host it makes the "
                 "docker group equal to root.",
    .fix = "Keep the docker group to people who may be root anyway. On shared hosts add an authorization "
           "plugin that allows only the calls each user needs. In /etc/docker/daemon.json:\n"
           "  \"authorization-plugins\": [\"<plugin>\"]\n"
           "then restart the daemon.",
    .practice = "Do not expose the Docker daemon socket (OWASP #1)"};

// Low by default because most Drydock users are on a one-person machine; shared hosts should raise it.
class AuthorizationPluginRule final : public BasicRule
{
public:
    AuthorizationPluginRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (!context.inventory().daemon.authorizationPlugins.empty()) {
            return;
        }
        out.add(info(), daemonfacts::daemonDraft(context.inventory(), "Plugins.Authorization = null"));
    }
};

} // namespace

DRYDOCK_RULE(makeAuthorizationPluginRule)
{
    return std::make_unique<AuthorizationPluginRule>();
}

} // namespace drydock
