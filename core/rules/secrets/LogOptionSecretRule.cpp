#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

#include <array>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-007",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Secret in log-driver options",
    .rationale = "Log options are returned in clear by docker inspect (splunk-token, for one). Daemon-level "
                 "log-opts are merged into the LogConfig of every container that uses the default driver, so "
                 "they show there too.",
    .fix = "Ship logs to a local forwarder that holds the credential (for example --log-driver syslog "
           "--log-opt syslog-address=udp://127.0.0.1:514).",
    .practice = "Keep secrets out of configuration that the API returns"};

// Reports log-driver options that hold a credential.
class LogOptionSecretRule final : public ContainerRule
{
public:
    LogOptionSecretRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Container& c, FindingCollector& out) const override
    {
        for (const auto& [key, value] : c.hostConfig.logConfig.config) {
            const auto match = m_detector.inspectVariable(key, value, SecretPlace::Option);
            if (match) {
                out.add(info(), secretfacts::secretDraft(refOf(c), "HostConfig.LogConfig.Config", *match));
            }
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeLogOptionSecretRule)
{
    return std::make_unique<LogOptionSecretRule>();
}

} // namespace drydock
