#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-016",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Info,
    .cis = cis(""),
    .title = "Non-default OCI runtime",
    .rationale = "Runtimes such as runsc (gVisor) or kata isolate more strongly than runc; an unknown runtime "
                 "is code with full host access that deserves a review.",
    .fix = "Confirm the runtime is one you installed on purpose and keep it up to date.",
    .practice = "Know what runs your containers",
};

// RUN-016: "" means the daemon default; io.containerd.runc.v2 is runc behind containerd's shim.
class NonDefaultRuntimeRule : public ContainerRule
{
public:
    NonDefaultRuntimeRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        const std::string& runtime = container.hostConfig.runtime;
        if (runtime.empty() || runtime == "runc" || runtime == "io.containerd.runc.v2") {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "HostConfig.Runtime = " + runtime;
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeNonDefaultRuntimeRule) { return std::make_unique<NonDefaultRuntimeRule>(); }

} // namespace drydock
