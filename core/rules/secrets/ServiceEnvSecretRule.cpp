#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-009",
    .area = Area::Secrets,
    .defaultSeverity = Severity::High,
    .cis = cis("7.4"),
    .title = "Swarm service environment carries a secret",
    .rationale =
        "A service's environment is stored in the swarm's raft log, shown by docker service inspect and "
        "copied into every task container's Config.Env.",
    .fix = "Use swarm secrets: docker service update --env-rm NAME --secret-add name --env-add "
           "NAME_FILE=/run/secrets/name.",
    .practice = "Use Docker secrets for sensitive data"};

// Reports secrets in a swarm service's ContainerSpec.Env.
class ServiceEnvSecretRule final : public BasicRule
{
public:
    ServiceEnvSecretRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        if (!context.inventory().swarm) {
            return;
        }
        for (const auto& service : context.inventory().swarm->services) {
            for (const auto& entry : service.env) {
                const auto pair = secretfacts::splitAssignment(entry);
                const auto match = pair ? m_detector.inspectVariable(pair->name, pair->value) : std::nullopt;
                if (!match) {
                    continue;
                }
                out.add(info(),
                        secretfacts::secretDraft(refOf(service), "TaskTemplate.ContainerSpec.Env", *match));
            }
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeServiceEnvSecretRule)
{
    return std::make_unique<ServiceEnvSecretRule>();
}

} // namespace drydock
