#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-019",
    .area = Area::Container,
    .defaultSeverity = Severity::Low,
    .cis = cis(""),
    .title = "Non-default sysctls set",
    .rationale = "Docker accepts only namespaced kernel parameters, but they still change how the "
                 "container's network and IPC behave: ip_forward turns it into a router, route_localnet "
                 "exposes loopback services, kernel.* changes IPC limits.",
    .fix = "Remove the --sysctl settings the application does not need.",
    .practice = "Avoid non-default kernel parameters"};

// The keys the catalogue asks reviewers to look at first.
bool deservesAttention(const std::string& key)
{
    return key == "net.ipv4.ip_forward" || key == "net.ipv6.conf.all.forwarding" ||
           (startsWith(key, "net.ipv4.conf.") && endsWith(key, ".route_localnet")) ||
           startsWith(key, "kernel.");
}

// Flags containers with HostConfig.Sysctls set; one finding lists every key, the notable ones first.
class SysctlRule final : public ContainerRule
{
public:
    SysctlRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        const auto& sysctls = c.hostConfig.sysctls;
        if (sysctls.empty()) {
            return;
        }
        std::vector<std::string> notable;
        std::vector<std::string> others;
        std::vector<RunEdit> edits;
        for (const auto& [key, value] : sysctls) {
            (deservesAttention(key) ? notable : others).push_back(key + "=" + value);
            edits.push_back(removeValue("--sysctl", key + "=" + value));
        }
        std::string evidence = "HostConfig.Sysctls:";
        if (!notable.empty()) {
            evidence += " review " + join(notable, ", ");
            if (!others.empty()) {
                evidence += ";";
            }
        }
        if (!others.empty()) {
            evidence += " " + join(others, ", ");
        }
        out.add(info(), containerDraft(c, std::move(evidence), std::move(edits)));
    }
};

} // namespace

DRYDOCK_RULE(makeSysctlRule)
{
    return std::make_unique<SysctlRule>();
}

} // namespace drydock
