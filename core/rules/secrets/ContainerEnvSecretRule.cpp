#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-001",
    .area = Area::Secrets,
    .defaultSeverity = Severity::High,
    .cis = cis("4.10"),
    .title = "Secret in container environment",
    .rationale = "Environment variables are readable by every API user (docker inspect), through "
                 "/proc/<pid>/environ, by child processes and by linked containers.",
    .fix =
        "Deliver the secret as a read-only file and have the application read NAME_FILE. --env-file does not "
        "help: its values still end up in Config.Env.",
    .practice = "Keep secrets out of environment variables"};

// Reports secrets set by `docker run -e`; values that came with the image are the image's finding (SEC-002).
class ContainerEnvSecretRule final : public ContainerRule
{
public:
    ContainerEnvSecretRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        const Image* image = context.imageOf(c);
        for (const auto& entry : c.config.env) {
            const auto pair = secretfacts::splitAssignment(entry);
            // Config.Env is merged (§0.1.7): an identical pair in the image env was not set by this
            // container.
            if (!pair || (image && secretfacts::listContains(image->config.env, entry))) {
                continue;
            }
            const auto match = m_detector.inspectVariable(pair->name, pair->value);
            if (!match) {
                continue;
            }
            FindingDraft draft = secretfacts::secretDraft(refOf(c), "Config.Env", *match);
            draft.edits.push_back({RunEdit::Op::ReplaceEnvSecret, "--env", match->name});
            out.add(info(), std::move(draft));
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeContainerEnvSecretRule)
{
    return std::make_unique<ContainerEnvSecretRule>();
}

} // namespace drydock
