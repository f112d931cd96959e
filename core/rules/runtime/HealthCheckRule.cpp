#include "core/common/ShellQuote.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-012",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Low,
    .cis = cis("5.27"),
    .title = "No health check, or unhealthy",
    .rationale = "Without a health check a hung or broken service keeps running unnoticed; an unhealthy "
                 "container is failing right now.",
    .fix = "Add a health probe (--health-cmd with --health-interval and --health-retries, or HEALTHCHECK in the "
           "Dockerfile); for an unhealthy container, look at its health log and fix the service.",
    .practice = "Monitor container health",
};

// The shell command an image's HEALTHCHECK runs, or "" when the image gives none.
std::string imageHealthCommand(const Image* image)
{
    if (!image || !image->config.healthcheck) {
        return {};
    }
    const StringList& test = image->config.healthcheck->test;
    if (test.size() >= 2 && test.front() == "CMD-SHELL") {
        return test[1];
    }
    if (test.size() >= 2 && test.front() == "CMD") {
        return shellJoinPortable(StringList(test.begin() + 1, test.end()));
    }
    return {};
}

// RUN-012: a missing or disabled check is hygiene (low); a check that reports unhealthy is an operational
// problem now (medium). A --health-cmd is only suggested when the image names one: guessing a probe for an
// unknown service would break the container's health state.
class HealthCheckRule : public ContainerRule
{
public:
    HealthCheckRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        const auto& check = container.config.healthcheck;
        if (check && !check->test.empty() && !check->isDisabled()) {
            const auto& health = container.state.health;
            if (health && health->status == "unhealthy") {
                FindingDraft draft;
                draft.object = refOf(container);
                draft.evidence = "State.Health.Status = unhealthy (failing streak " +
                                 std::to_string(health->failingStreak) + ")";
                draft.severity = Severity::Medium;
                out.add(info(), std::move(draft));
            }
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.severity = Severity::Low;
        draft.evidence = check && check->isDisabled() ? "Config.Healthcheck.Test = [NONE]"
                                                      : "Config.Healthcheck absent";
        const std::string hint = imageHealthCommand(context.imageOf(container));
        if (!hint.empty()) {
            if (check && check->isDisabled()) {
                draft.edits.push_back({RunEdit::Op::RemoveFlag, "--no-healthcheck", ""});
            }
            draft.edits.push_back({RunEdit::Op::AddFlag, "--health-cmd", hint});
        }
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeHealthCheckRule) { return std::make_unique<HealthCheckRule>(); }

} // namespace drydock
