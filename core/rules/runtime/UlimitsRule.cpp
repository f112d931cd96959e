#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-013",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Info,
    .cis = cis("5.19"),
    .title = "No per-container ulimits",
    .rationale = "The container inherits the daemon's default ulimits, which the API does not show; where file "
                 "or process counts matter, set them per container.",
    .fix = "Set the limits that matter for the application, e.g. --ulimit nofile=1024:2048 --ulimit "
           "nproc=512:1024.",
    .practice = "Limit resources: ulimits (OWASP Docker #7)",
};

// RUN-013: informational only. No edit is proposed, since a guessed nofile limit can break a database.
class UlimitsRule : public ContainerRule
{
public:
    UlimitsRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (!container.hostConfig.ulimits.empty()) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.Ulimits = []";
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeUlimitsRule) { return std::make_unique<UlimitsRule>(); }

} // namespace drydock
