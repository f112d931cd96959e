#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-017",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Crash or out-of-memory loop",
    .rationale = "A container killed for memory or restarting over and over is unstable; the loop can also be "
                 "a denial of service in progress.",
    .fix = "Read the container's logs, then fix the application or give it the memory it needs.",
    .practice = "Monitor container health",
};

constexpr int kMaxRestarts = 10;

// RUN-017: any one sign is enough; the evidence lists every sign present.
class CrashLoopRule : public ContainerRule
{
public:
    CrashLoopRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        StringList signs;
        if (container.state.oomKilled) {
            signs.push_back("State.OOMKilled = true");
        }
        if (container.state.restarting) {
            signs.push_back("State.Restarting = true");
        }
        if (container.restartCount > kMaxRestarts) {
            signs.push_back("RestartCount = " + std::to_string(container.restartCount));
        }
        if (signs.empty()) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = join(signs, "; ");
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeCrashLoopRule) { return std::make_unique<CrashLoopRule>(); }

} // namespace drydock
