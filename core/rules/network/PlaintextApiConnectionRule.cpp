#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "NET-012",
    .area = Area::Network,
    .defaultSeverity = Severity::Critical,
    .cis = cis("2.7"),
    .title = "Daemon API reached over TCP without TLS",
    .rationale = "This scan itself talks to the daemon in plain HTTP: anyone who can reach that port gets the "
                 "same unauthenticated root-equivalent control, and anyone on the path can read and alter the "
                 "traffic.",
    .fix = "Reach the daemon through its Unix socket (over SSH for remote hosts), or turn on mutual TLS "
           "(tlsverify with client certificates) and connect on the TLS port.",
    .practice = "Protect the Docker daemon socket (OWASP Docker #1)",
};

constexpr std::string_view kTcpScheme = "tcp://";
constexpr std::string_view kPlainPort = "2375";

// The port of "host:port" (IPv6 hosts included), or "" when there is none.
std::string portOf(std::string_view hostAndPort)
{
    const auto colon = hostAndPort.rfind(':');
    if (colon == std::string_view::npos || hostAndPort.substr(colon).find(']') != std::string_view::npos) {
        return {};
    }
    return std::string(hostAndPort.substr(colon + 1));
}

// The daemon's "API is accessible on http://<addr> without encryption" warning for `port`, first line only.
std::string plainListenerWarning(const StringList& warnings, const std::string& port)
{
    constexpr std::string_view scheme = "http://";
    for (const auto& warning : warnings) {
        const auto at = warning.find(scheme);
        if (at == std::string::npos || !contains(warning, "without encryption")) {
            continue;
        }
        const auto start = at + scheme.size();
        const auto end = warning.find_first_of(" \t\r\n", start);
        const std::string address = warning.substr(start, end == std::string::npos ? end : end - start);
        if (portOf(address) != port) {
            continue;
        }
        std::string line = warning.substr(0, warning.find('\n'));
        if (startsWith(line, "WARNING: ")) {
            line.erase(0, 9);
        }
        return truncateUtf8(maskUrlCredentials(trim(line)), 160);
    }
    return {};
}

// NET-012: about Drydock's own connection, which DMN-001 (every plain listener the daemon reports) does not
// single out. It fires on a tcp:// endpoint whose port the daemon reports as plain HTTP, or on 2375, the
// plain-HTTP port by convention; a plain listener on another port (this scan using TLS) is DMN-001's alone.
class PlaintextApiConnectionRule : public BasicRule
{
public:
    PlaintextApiConnectionRule() : BasicRule(kInfo) {}

    void evaluate(const RuleContext& context, FindingCollector& out) const override
    {
        const Inventory& inventory = context.inventory();
        if (!startsWith(inventory.endpoint, kTcpScheme)) {
            return;
        }
        const std::string port = portOf(std::string_view(inventory.endpoint).substr(kTcpScheme.size()));
        const std::string warning = port.empty() ? std::string() : plainListenerWarning(inventory.daemon.warnings, port);
        if (warning.empty() && port != kPlainPort) {
            return;
        }
        FindingDraft draft;
        draft.object = daemonRef(inventory);
        draft.evidence = "Endpoint = " + maskUrlCredentials(inventory.endpoint) +
                         (warning.empty() ? std::string(" (plain-HTTP port)") : "; daemon: " + warning);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makePlaintextApiConnectionRule) { return std::make_unique<PlaintextApiConnectionRule>(); }

} // namespace drydock
