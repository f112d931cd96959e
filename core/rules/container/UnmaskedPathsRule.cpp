#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-017",
    .area = Area::Container,
    .defaultSeverity = Severity::High,
    .cis = cis(""),
    .title = "Kernel path masking turned off",
    .rationale = "Docker masks /proc/kcore, /proc/keys, /sys/firmware and similar paths and makes /proc/sys "
                 "read-only. Without those masks the container can read kernel memory and keys and write "
                 "kernel parameters.",
    .fix = "Remove --security-opt systempaths=unconfined so Docker's masks apply.",
    .practice = "Keep kernel paths masked"};

// Flags non-privileged containers whose MaskedPaths or ReadonlyPaths are present but empty.
class UnmaskedPathsRule final : public ContainerRule
{
public:
    UnmaskedPathsRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const auto& hc = c.hostConfig;
        // Privileged containers report null lists; CTR-002 covers them. An empty list is what
        // systempaths=unconfined leaves behind (§0.1.4).
        if (hc.privileged) {
            return;
        }
        const bool maskedOff = hc.maskedPaths && hc.maskedPaths->empty();
        const bool readonlyOff = hc.readonlyPaths && hc.readonlyPaths->empty();
        if (!maskedOff && !readonlyOff) {
            return;
        }
        std::string evidence = maskedOff && readonlyOff ? "HostConfig.MaskedPaths = [] and ReadonlyPaths = []"
                               : maskedOff              ? "HostConfig.MaskedPaths = []"
                                                        : "HostConfig.ReadonlyPaths = []";
        out.add(info(), containerDraft(c, std::move(evidence),
                                       {removeValue("--security-opt", "systempaths=unconfined")}));
    }
};

} // namespace

DRYDOCK_RULE(makeUnmaskedPathsRule)
{
    return std::make_unique<UnmaskedPathsRule>();
}

} // namespace drydock
