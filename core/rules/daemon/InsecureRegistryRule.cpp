#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-004",
    .area = Area::Daemon,
    .defaultSeverity = Severity::High,
    .cis = cis("2.5"),
    .title = "Insecure registries allowed",
    .rationale =
        "The daemon pulls from some registries over plain HTTP or without checking their certificate. "
        "Anyone on the network path can swap the images it pulls for their own.",
    .fix = "Serve every registry over TLS. For a private CA, trust it per registry instead of marking the "
           "registry insecure: put the CA at /etc/docker/certs.d/<host:port>/ca.crt, then remove the entry "
           "from \"insecure-registries\" in /etc/docker/daemon.json and restart the daemon.",
    .practice = "Use trusted images and registries (OWASP #9)"};

// Loopback is always in the list (the daemon adds 127.0.0.0/8 itself, newer ones ::1/128 too); traffic that
// never leaves the host cannot be tampered with in transit, so loopback entries are not reported.
bool isLoopbackCidr(const std::string& cidr)
{
    return cidr == "127.0.0.0/8" || cidr == "::1/128";
}

bool isLoopbackRegistry(const std::string& name)
{
    const std::string lower = toLower(name);
    return lower == "localhost" || startsWith(lower, "localhost:") || startsWith(lower, "127.") ||
           startsWith(lower, "[::1]");
}

// Collects the non-loopback insecure CIDRs and the registries marked Secure=false into one finding.
class InsecureRegistryRule final : public BasicRule
{
public:
    InsecureRegistryRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const DaemonInfo& daemon = context.inventory().daemon;
        std::vector<std::string> cidrs;
        for (const auto& cidr : daemon.insecureRegistryCidrs) {
            if (!isLoopbackCidr(cidr)) {
                cidrs.push_back(cidr);
            }
        }
        std::vector<std::string> registries;
        for (const auto& index : daemon.indexConfigs) {
            if (!index.secure && !isLoopbackRegistry(index.name)) {
                registries.push_back(index.name);
            }
        }
        if (cidrs.empty() && registries.empty()) {
            return;
        }
        std::vector<std::string> parts;
        if (!cidrs.empty()) {
            parts.push_back("RegistryConfig.InsecureRegistryCIDRs = [" + join(cidrs, ", ") + "]");
        }
        if (!registries.empty()) {
            parts.push_back("IndexConfigs Secure=false: " + join(registries, ", "));
        }
        out.add(info(), daemonfacts::daemonDraft(context.inventory(), join(parts, "; ")));
    }
};

} // namespace

DRYDOCK_RULE(makeInsecureRegistryRule)
{
    return std::make_unique<InsecureRegistryRule>();
}

} // namespace drydock
