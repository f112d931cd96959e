#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-013",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.7"),
    .title = "Image starts sshd or a full init system",
    .rationale =
        "An SSH daemon adds a network service and credentials to manage inside every container; a "
        "full init system or supervisor runs many services in one container, which hides failures and "
        "widens what one compromise reaches.",
    .fix = "Run one service per container as the entrypoint; use docker exec for access and a minimal init "
           "(docker run --init) for signal handling.",
    .practice = "One service per container; no sshd"};

constexpr std::string_view kDockerfile =
    "ENTRYPOINT [\"/app/server\"]\n"
    "# for zombie reaping use `docker run --init` instead of a full init\n";

// sshd is a network service with credentials (medium); a full init or supervisor is only a design smell
// (info). Minimal inits (tini, dumb-init, docker-init) are fine and not matched.
std::optional<Severity> judgeProgram(const std::string& word)
{
    const std::string name = commandName(word);
    if (name == "sshd") {
        return Severity::Medium;
    }
    if (name == "systemd" || name == "supervisord" || word == "/sbin/init" || word == "/usr/sbin/init" ||
        word == "/usr/lib/systemd/systemd" || word == "/lib/systemd/systemd") {
        return Severity::Info;
    }
    return std::nullopt;
}

// Flags images whose Entrypoint or Cmd starts sshd or a full init; shell-form strings are split into words.
class SshdOrInitCommand final : public ImageRule
{
public:
    SshdOrInitCommand() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        std::optional<Severity> worst;
        std::string evidence;
        const auto judge = [&](const char* field, const StringList& items) {
            for (const auto& item : items) {
                for (const auto& word : shellWords(item)) {
                    const auto severity = judgeProgram(word);
                    if (severity && (!worst || *severity > *worst)) {
                        worst = severity;
                        evidence = std::string(field) + " = " + listText(items);
                    }
                }
            }
        };
        if (image.config.entrypoint) {
            judge("Config.Entrypoint", *image.config.entrypoint);
        }
        judge("Config.Cmd", image.config.cmd);
        if (!worst) {
            return;
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.evidence = evidenceText(evidence);
        draft.severity = worst;
        draft.dockerfile = std::string(kDockerfile);
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeSshdOrInitCommandRule)
{
    return std::make_unique<SshdOrInitCommand>();
}

} // namespace drydock
