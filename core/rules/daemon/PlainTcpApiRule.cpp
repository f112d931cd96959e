#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/daemon/DaemonFacts.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "DMN-001",
    .area = Area::Daemon,
    .defaultSeverity = Severity::Critical,
    .cis = cis("2.7"),
    .title = "Docker API reachable over plain TCP",
    .rationale =
        "The daemon serves its API on a TCP port without TLS. Anyone who can reach that port gets the "
        "full API with no credentials, and the API is root on the host: one request starts a container "
        "with / mounted into it.",
    .fix =
        "Serve the API on the Unix socket only and reach remote hosts over SSH (docker -H ssh://user@host), "
        "or require mutual TLS. In /etc/docker/daemon.json:\n"
        "  \"hosts\": [\"unix:///var/run/docker.sock\"]\n"
        "or\n"
        "  \"tls\": true, \"tlsverify\": true, \"tlscacert\": \"/etc/docker/ca.pem\",\n"
        "  \"tlscert\": \"/etc/docker/server-cert.pem\", \"tlskey\": \"/etc/docker/server-key.pem\"\n"
        "then restart the daemon (remove any -H tcp://… from the service unit as well).",
    .practice = "Do not expose the Docker daemon socket (OWASP #1)"};

// The port of "host:port" or of an endpoint "tcp://host:port", or "" when there is none.
std::string portOf(std::string_view address)
{
    const auto colon = address.rfind(':');
    return colon == std::string_view::npos ? std::string() : std::string(address.substr(colon + 1));
}

// Flags every plain-TCP listener the daemon warns about (one finding per listener). 20.10 writes
// "WARNING: API is accessible on http://<addr> without encryption."; 27+ prefixes "[DEPRECATION NOTICE]".
class PlainTcpApiRule final : public BasicRule
{
public:
    PlainTcpApiRule() : BasicRule(kRuleInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        // Drydock's own endpoint shows only the address, not whether TLS is in use; when it is tcp:// on a
        // port the daemon reports as plain HTTP, this very scan travelled in clear text, which is worth
        // saying.
        const bool scanOverTcp = startsWith(inventory.endpoint, "tcp://");
        for (const auto& address :
             daemonfacts::warningAddresses(inventory.daemon, "API is accessible on http://")) {
            std::string evidence = "Warnings: API is accessible on http://" + address + " without encryption";
            if (scanOverTcp && !portOf(address).empty() && portOf(address) == portOf(inventory.endpoint)) {
                evidence += "; this scan connects through " + inventory.endpoint;
            }
            auto draft = daemonfacts::daemonDraft(inventory, maskUrlCredentials(evidence));
            draft.discriminator = address;
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makePlainTcpApiRule)
{
    return std::make_unique<PlainTcpApiRule>();
}

} // namespace drydock
