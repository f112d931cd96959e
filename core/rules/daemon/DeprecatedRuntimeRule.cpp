#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-020",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Deprecated default runtime",
    .rationale =
        "The containerd v1 shim (io.containerd.runtime.v1.linux) is deprecated since 20.10 and removed "
        "in later engines; it gets no fixes and will stop the daemon from upgrading cleanly.",
    .fix = "Use runc through the v2 shim. In /etc/docker/daemon.json:\n"
           "  \"default-runtime\": \"runc\"\n"
           "then restart the daemon and recreate containers that were started with the old runtime.",
    .practice = "Keep the host and Docker up to date (OWASP #0)"};

// Only the default matters here: the v1 runtime stays listed in Runtimes on 20.10 even when unused.
class DeprecatedRuntimeRule final : public BasicRule
{
public:
    DeprecatedRuntimeRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const std::string& runtime = context.inventory().daemon.defaultRuntime;
        if (runtime == "io.containerd.runtime.v1.linux") {
            out.add(info(), daemonfacts::daemonDraft(context.inventory(), "DefaultRuntime = " + runtime));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeDeprecatedRuntimeRule)
{
    return std::make_unique<DeprecatedRuntimeRule>();
}

} // namespace drydock
