#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/secrets/SecretFacts.h"
#include "core/secrets/SecretDetector.h"

#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "SEC-003",
    .area = Area::Secrets,
    .defaultSeverity = Severity::High,
    .cis = cis("4.10"),
    .title = "Secret in image build history",
    .rationale =
        "`docker history` shows every build step to anyone who can pull the image: ARG defaults, ENV "
        "values, the build-arg values the classic builder records in front of RUN lines, and "
        "credentials typed into RUN commands.",
    .fix = "Use BuildKit secret mounts (RUN --mount=type=secret) and never pass secrets as build args.",
    .practice = "Keep secrets out of images"};

// The Dockerfile instruction a history line records: classic `/bin/sh -c #(nop)  ENV …`, classic RUN with
// build args `|1 K=V /bin/sh -c …`, BuildKit `ENV K=V`, `RUN … # buildkit` (§0.1.13).
std::string instructionOf(std::string_view createdBy)
{
    const std::string line = trim(createdBy);
    if (startsWith(line, "|")) {
        return "RUN";
    }
    std::string_view rest = line;
    const std::size_t nop = rest.find("#(nop)");
    if (nop != std::string_view::npos) {
        rest = rest.substr(nop + 6);
        while (!rest.empty() && rest.front() == ' ') {
            rest.remove_prefix(1);
        }
    }
    const std::string word = toUpper(rest.substr(0, rest.find(' ')));
    for (const char* known :
         {"ENV", "ARG", "LABEL", "RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "USER", "WORKDIR", "HEALTHCHECK",
          "ONBUILD", "SHELL", "EXPOSE", "VOLUME", "STOPSIGNAL"}) {
        if (word == known) {
            return word;
        }
    }
    return "RUN";
}

// True when the pair a history line sets is still in the image config, where SEC-002 (ENV) or SEC-004
// (LABEL) reports it with a fix that also cleans the history.
bool stillInConfig(const Image& image, const std::string& instruction, std::string_view pairText)
{
    std::string pair;
    for (const char c : pairText) {
        if (c != '"' && c != '\'') {
            pair += c;
        }
    }
    if (instruction == "ENV") {
        return secretfacts::listContains(image.config.env, pair);
    }
    if (instruction == "LABEL") {
        const auto kv = secretfacts::splitAssignment(pair);
        if (!kv) {
            return false;
        }
        const auto it = image.config.labels.find(std::string(kv->name));
        return it != image.config.labels.end() && it->second == kv->value;
    }
    return false;
}

// Reports secrets in history lines, one finding per step and secret name.
class HistorySecretRule final : public ImageRule
{
public:
    HistorySecretRule() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const std::size_t steps = image.history.size();
        for (std::size_t i = 0; i < steps; ++i) {
            const std::string& createdBy = image.history[i].createdBy;
            if (createdBy.empty()) {
                continue;
            }
            // The API lists the newest step first; counting from the base keeps a step's number when layers
            // are added on top.
            const std::size_t step = steps - i;
            const std::string instruction = instructionOf(createdBy);
            std::set<std::string> seen;
            for (const auto& match : m_detector.inspectText(createdBy)) {
                if (stillInConfig(image, instruction,
                                  std::string_view(createdBy).substr(match.offset, match.length)) ||
                    !seen.insert(match.label()).second) {
                    continue;
                }
                FindingDraft draft;
                draft.object = refOf(image);
                draft.evidence = "History step " + std::to_string(step) + "/" + std::to_string(steps) + " (" +
                                 instruction + ") " + match.describe() + ": " + match.reason;
                draft.severity = secretfacts::secretSeverity(match);
                draft.discriminator = std::to_string(step) + ":" + match.label();
                draft.titleSuffix = ": " + match.label();
                draft.dockerfile = secretfacts::secretDockerfile(instruction, match.label());
                out.add(info(), std::move(draft));
            }
        }
    }

private:
    SecretDetector m_detector;
};

} // namespace

DRYDOCK_RULE(makeHistorySecretRule)
{
    return std::make_unique<HistorySecretRule>();
}

} // namespace drydock
