#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

#include <array>
#include <set>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-025",
    .area = Area::Container,
    .defaultSeverity = Severity::Info,
    .cis = cis("4.3"),
    .title = "Shell or package manager likely present",
    .rationale = "A shell and a package manager are the first things an intruder uses to fetch and run "
                 "tools. The image history shows shell-based build steps or package installs, or the "
                 "container starts through a shell. This is read from history and config; file-level "
                 "checks follow with layer analysis.",
    .fix = "Build in one stage and ship the result in a minimal final stage (distroless or scratch) that "
           "has neither a shell nor a package manager; start the program directly (exec form).",
    .practice = "Ship minimal images without shells or package managers"};

const char* const kDockerfile = "FROM debian:12-slim AS build\n"
                                "# … build steps …\n"
                                "FROM gcr.io/distroless/static-debian12\n"
                                "COPY --from=build /out/app /app\n"
                                "USER 10001:10001\n"
                                "ENTRYPOINT [\"/app\"]\n";

bool isPackageManager(const std::string& name)
{
    static constexpr std::array<std::string_view, 9> managers{"apt-get",  "apt",    "apk",  "yum",   "dnf",
                                                              "microdnf", "zypper", "tdnf", "pacman"};
    for (const auto m : managers) {
        if (name == m) {
            return true;
        }
    }
    return false;
}

// The verb that makes a package-manager call an install: "apk add", "zypper in", "pacman -S…", "… install".
bool isInstallVerb(const std::string& manager, const std::string& word)
{
    if (manager == "apk") {
        return word == "add";
    }
    if (manager == "pacman") {
        return startsWith(word, "-S") && !startsWith(word, "-Ss"); // -Ss only searches
    }
    if (manager == "zypper" && word == "in") {
        return true;
    }
    return word == "install" || word == "reinstall";
}

// What one image history says about tools left in the image.
struct HistoryTools
{
    int shellSteps = 0;
    std::set<std::string> managers;
};

HistoryTools readHistory(const Image& image)
{
    using namespace containerfacts;
    HistoryTools tools;
    for (const auto& entry : image.history) {
        // #(nop) lines are metadata instructions (ENV, CMD, COPY …), run by no shell.
        if (entry.createdBy.empty() || contains(entry.createdBy, "#(nop)")) {
            continue;
        }
        const StringList words = commandWords(entry.createdBy);
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (isShellName(baseName(words[i])) && words[i + 1] == "-c") {
                ++tools.shellSteps;
                break;
            }
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string name = baseName(words[i]);
            if (!isPackageManager(name)) {
                continue;
            }
            for (std::size_t j = i + 1; j < words.size() && !isPackageManager(baseName(words[j])); ++j) {
                if (isInstallVerb(name, words[j])) {
                    tools.managers.insert(name);
                    break;
                }
            }
        }
    }
    return tools;
}

// Flags containers whose image history or start command shows a shell or package manager in the image.
class ShellToolsRule final : public ContainerRule
{
public:
    ShellToolsRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        std::vector<std::string> evidence;
        HistoryTools tools;
        if (const Image* image = context.imageOf(c)) {
            tools = readHistory(*image);
        }
        // Only counts and tool names: RUN lines carry build-arg values, which may be secrets (§0.1.13).
        if (tools.shellSteps > 0) {
            evidence.push_back("image history: " + std::to_string(tools.shellSteps) + " shell RUN step" +
                               (tools.shellSteps == 1 ? "" : "s"));
        }
        if (!tools.managers.empty()) {
            evidence.push_back(
                "package installs via " +
                join(std::vector<std::string>(tools.managers.begin(), tools.managers.end()), ", "));
        }
        if (!c.config.shell.empty()) {
            evidence.push_back("Config.Shell = [" + join(c.config.shell, ", ") + "]");
        }
        const std::string starter = startProgram(c);
        if (isShellName(baseName(starter))) {
            evidence.push_back("starts through " + starter);
        }
        if (evidence.empty()) {
            return;
        }
        FindingDraft draft = containerDraft(c, join(evidence, "; "));
        // A package manager can install anything an intruder wants; a shell alone is context.
        draft.severity = tools.managers.empty() ? Severity::Info : Severity::Low;
        draft.dockerfile = kDockerfile;
        out.add(info(), std::move(draft));
    }

private:
    // The program the container starts: the first Entrypoint word, else the first Cmd word, else Path.
    static std::string startProgram(const Container& c)
    {
        if (c.config.entrypoint && !c.config.entrypoint->empty()) {
            return c.config.entrypoint->front();
        }
        if (!c.config.cmd.empty()) {
            return c.config.cmd.front();
        }
        return c.path;
    }
};

} // namespace

DRYDOCK_RULE(makeShellToolsRule)
{
    return std::make_unique<ShellToolsRule>();
}

} // namespace drydock
