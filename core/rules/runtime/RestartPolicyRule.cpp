#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-011",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.15"),
    .title = "Unbounded restart policy",
    .rationale = "A container that restarts without bound hides crash loops (and attacks that crash it) and "
                 "keeps burning resources.",
    .fix = "Use --restart on-failure with a small retry count, e.g. on-failure:5.",
    .practice = "Limit resources: restarts (OWASP Docker #7)",
};

constexpr int kMaxRetries = 5;

// RUN-011: stricter than docker-bench, which passes "always": always and unless-stopped never give up, and
// on-failure:0 means unlimited retries.
class RestartPolicyRule : public ContainerRule
{
public:
    RestartPolicyRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const RestartPolicy& policy = container.hostConfig.restartPolicy;
        std::string evidence;
        if (policy.name == "always" || policy.name == "unless-stopped") {
            evidence = "HostConfig.RestartPolicy = " + policy.name;
        } else if (policy.name == "on-failure" &&
                   (policy.maximumRetryCount <= 0 || policy.maximumRetryCount > kMaxRetries)) {
            evidence = "HostConfig.RestartPolicy = on-failure:" + std::to_string(policy.maximumRetryCount) +
                       (policy.maximumRetryCount <= 0 ? " (unlimited)" : "");
        } else {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = std::move(evidence);
        draft.edits = {{RunEdit::Op::RemoveFlag, "--restart", ""},
                       {RunEdit::Op::AddFlag, "--restart", "on-failure:" + std::to_string(kMaxRetries)}};
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeRestartPolicyRule) { return std::make_unique<RestartPolicyRule>(); }

} // namespace drydock
