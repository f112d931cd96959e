#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-005",
    .area = Area::Secrets,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "Secret on the command line",
    .rationale =
        "A container's command line (and its health check's) shows in docker inspect and, while it runs, in "
        "the host's process list for every local user.",
    .fix = "Have the program read the secret from a file (for example --password-file /run/secrets/pw) "
           "mounted read-only.",
    .practice = "Keep secrets out of command lines"};

std::string commandText(std::string_view first, const StringList& rest)
{
    std::string text(first);
    for (const auto& word : rest) {
        text += ' ';
        text += word;
    }
    return text;
}

// Reports secrets in the process command line (Path and Args), in Config.Entrypoint/Cmd and in the health
// check's command (a sqlcmd -P or redis-cli -a left there after the variable moved to a secret file).
class CommandLineSecretRule final : public ContainerRule
{
public:
    CommandLineSecretRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Container& c, FindingCollector& out) const override
    {
        // Path/Args is what runs; Entrypoint/Cmd usually says the same, so each secret is reported once.
        std::set<std::string> seen;
        auto report = [&](const char* source, const std::string& text) {
            for (const auto& match : m_detector.inspectText(text)) {
                if (!seen.insert(match.label() + '\n' + match.kind).second) {
                    continue;
                }
                out.add(info(), secretfacts::secretDraft(refOf(c), source, match));
            }
        };
        report("Path/Args", commandText(c.path, c.args));
        const StringList entrypoint = c.config.entrypoint.value_or(StringList{});
        report("Config.Entrypoint/Cmd", commandText(commandText({}, entrypoint), c.config.cmd));
        if (c.config.healthcheck && !c.config.healthcheck->isDisabled() && !c.config.healthcheck->test.empty()) {
            // Test is ["CMD", argv…] or ["CMD-SHELL", "one shell line"]: the first word is Docker's, not the command's.
            const StringList& test = c.config.healthcheck->test;
            report("Config.Healthcheck.Test", commandText({}, StringList(test.begin() + 1, test.end())));
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeCommandLineSecretRule)
{
    return std::make_unique<CommandLineSecretRule>();
}

} // namespace drydock
