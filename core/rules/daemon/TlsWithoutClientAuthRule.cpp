#include "core/common/SecretMasker.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-002",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Critical,
    .cis = cis("2.7"),
    .title = "Docker API over TLS without client verification",
    .rationale =
        "The daemon encrypts its TCP API but does not ask clients for a certificate, so anyone who can "
        "reach the port still gets full, unauthenticated control of the host.",
    .fix = "Require client certificates signed by your CA. In /etc/docker/daemon.json:\n"
           "  \"tlsverify\": true, \"tlscacert\": \"/etc/docker/ca.pem\"\n"
           "then restart the daemon and give each client its own certificate.",
    .practice = "Do not expose the Docker daemon socket (OWASP #1)"};

// Flags every TLS listener that accepts any client. The daemon words it "API is accessible on https://<addr>
// without TLS client verification".
class TlsWithoutClientAuthRule final : public BasicRule
{
public:
    TlsWithoutClientAuthRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        const auto addresses =
            daemonfacts::warningAddresses(inventory.daemon, "API is accessible on https://");
        for (const auto& address : addresses) {
            auto draft = daemonfacts::daemonDraft(
                inventory, maskUrlCredentials("Warnings: API is accessible on https://" + address +
                                              " without TLS client verification"));
            draft.discriminator = address;
            out.add(info(), std::move(draft));
        }
        // A daemon that words the warning differently still names the condition; report it once.
        if (addresses.empty() &&
            daemonfacts::hasWarning(inventory.daemon, "without TLS client verification")) {
            out.add(info(),
                    daemonfacts::daemonDraft(inventory, "Warnings: … without TLS client verification"));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeTlsWithoutClientAuthRule)
{
    return std::make_unique<TlsWithoutClientAuthRule>();
}

} // namespace drydock
