#include "core/common/Time.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-018",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Info,
    .cis = cis("6.2"),
    .title = "Container stopped for a long time",
    .rationale = "A container that exited long ago keeps its old image and configuration around and can come "
                 "back through a restart policy or a careless docker start.",
    .fix = "Remove containers you no longer use (docker rm <container>, or docker container prune).",
    .practice = "Remove unused containers",
};

constexpr std::int64_t kMaxDays = 30;
constexpr std::int64_t kSecondsPerDay = 86400;

// RUN-018: measured from State.FinishedAt against the scan's clock; a missing or zero time never fires.
class StaleContainerRule : public ContainerRule
{
public:
    StaleContainerRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext& context, const Container& container, FindingCollector& out) const override
    {
        if (container.state.status != "exited") {
            return;
        }
        const auto finished = parseRfc3339(container.state.finishedAt);
        if (!finished) {
            return;
        }
        const std::int64_t age = context.nowUnix() - *finished;
        if (age <= kMaxDays * kSecondsPerDay) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "State.FinishedAt = " + formatRfc3339(*finished) + " (" +
                         std::to_string(age / kSecondsPerDay) + " days ago)";
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeStaleContainerRule) { return std::make_unique<StaleContainerRule>(); }

} // namespace drydock
