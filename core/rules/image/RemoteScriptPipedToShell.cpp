#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>
#include <array>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-015",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.11"),
    .title = "Remote script piped into a shell during the build",
    .rationale = "Piping a download straight into a shell runs whatever the server (or anyone in between) "
                 "sends at that moment, as root, with no way to review or verify it afterwards.",
    .fix = "Download the script to a file, verify its checksum or signature, then run it.",
    .practice = "Verify everything the build downloads"};

constexpr std::string_view kDockerfile =
    "RUN curl -fsSLo /tmp/i.sh https://example.com/install.sh \\\n"
    " && echo \"<sha256>  /tmp/i.sh\" > /tmp/i.sum && sha256sum -c /tmp/i.sum \\\n"
    " && sh /tmp/i.sh && rm /tmp/i.sh /tmp/i.sum\n";

// Programs that run a script they are fed: the shells of the catalogue plus common interpreters.
constexpr std::array<std::string_view, 12> kRunners{"sh",     "bash",    "ash",  "dash", "zsh",  "ksh",
                                                    "python", "python3", "perl", "ruby", "node", "php"};

bool isRunner(const std::string& word)
{
    return std::find(kRunners.begin(), kRunners.end(), commandName(word)) != kRunners.end();
}

bool isDownloader(const std::string& word)
{
    const std::string name = commandName(word);
    return name == "curl" || name == "wget";
}

// The program a pipeline stage runs, skipping `sudo`, `env` and leading VAR=value assignments.
std::optional<std::size_t> stageProgram(const std::vector<std::string>& words, std::size_t start)
{
    for (std::size_t i = start; i < words.size() && words[i] != "|"; ++i) {
        const std::string name = commandName(words[i]);
        if (name == "sudo" || name == "env" || startsWith(words[i], "-") || contains(words[i], "=")) {
            continue;
        }
        return i;
    }
    return std::nullopt;
}

// `curl … | sh`, `wget -qO- … | sudo bash -s --`, also through `tee` stages.
bool pipesDownloadIntoRunner(const std::vector<std::string>& words)
{
    bool downloaded = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i] != "|") {
            if (!downloaded && isDownloader(words[i])) {
                downloaded = true;
            }
            continue;
        }
        if (!downloaded) {
            continue;
        }
        const auto program = stageProgram(words, i + 1);
        if (program && isRunner(words[*program])) {
            return true;
        }
    }
    return false;
}

// `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -O- …)"`, `source <(curl …)`.
bool runsSubstitutedDownload(const std::vector<std::string>& words)
{
    const bool substitutes = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        for (const char* opener : {"$(", "`", "<("}) {
            for (const char* tool : {"curl", "wget"}) {
                if (contains(w, std::string(opener) + tool)) {
                    return true;
                }
            }
        }
        return false;
    });
    if (!substitutes) {
        return false;
    }
    return std::any_of(words.begin(), words.end(), [](const std::string& w) {
        const std::string name = commandName(w);
        return name == "eval" || name == "source" || name == "." ||
               (isRunner(w) && !contains(w, "curl") && !contains(w, "wget"));
    });
}

// Flags RUN commands that feed a downloaded script straight to a shell or interpreter.
class RemoteScriptPipedToShell final : public ImageRule
{
public:
    RemoteScriptPipedToShell() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        const HistoryLine* last = nullptr;
        forEachRunCommand(lines, [&](const HistoryLine& line, std::size_t segment, const auto& words) {
            if (&line != last && (pipesDownloadIntoRunner(words) || runsSubstitutedDownload(words))) {
                matches.push_back({&line, line.segments()[segment], info().defaultSeverity, {}});
                last = &line;
            }
        });
        reportHistoryMatches(info(), image, matches, std::string(kDockerfile), out);
    }
};

} // namespace

DRYDOCK_RULE(makeRemoteScriptPipedToShellRule)
{
    return std::make_unique<RemoteScriptPipedToShell>();
}

} // namespace drydock
