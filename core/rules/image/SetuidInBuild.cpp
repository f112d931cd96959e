#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-017",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.8"),
    .title = "setuid/setgid bit set during the build",
    .rationale =
        "A setuid or setgid program runs with its owner's or group's rights whoever starts it, so a "
        "flaw in it lets an unprivileged process in the container become root. (This reads the build "
        "commands; the layer check LAY-001 sees the actual file modes.)",
    .fix = "Do not set s-bits; grant the narrow capability the program needs, and run containers with "
           "no-new-privileges.",
    .practice = "Avoid setuid/setgid binaries"};

constexpr std::string_view kDockerfile =
    "# Remove the chmod that sets the s-bit; if a file must bind a low port, use\n"
    "RUN setcap cap_net_bind_service=+ep /app/server\n"
    "# and run with: --security-opt no-new-privileges:true\n";

// True for an octal mode whose special digit sets setuid (4) or setgid (2): 4755, 2755, 6755, 04755 and also
// 3xxx/5xxx/7xxx (the sources only list 2, 4 and 6). Sticky-only 1777 is fine.
bool octalSetsSpecialBits(std::string_view mode)
{
    if (mode.size() < 4 ||
        !std::all_of(mode.begin(), mode.end(), [](char c) { return c >= '0' && c <= '7'; })) {
        return false;
    }
    const int special = mode[mode.size() - 4] - '0';
    return (special & 6) != 0;
}

// True for a symbolic mode with a clause that adds s for the user or group: u+s, g+s, +s, a+s, ug=rwxs, …
bool symbolicSetsSpecialBits(std::string_view mode)
{
    for (const auto& clause : split(mode, ',')) {
        std::size_t i = 0;
        std::string who;
        while (i < clause.size() && std::string_view("ugoa").find(clause[i]) != std::string_view::npos) {
            who += clause[i++];
        }
        if (i == clause.size() || (clause[i] != '+' && clause[i] != '=' && clause[i] != '-')) {
            return false; // not a symbolic mode at all
        }
        // Each operator applies to the permissions after it: "u-x+s" adds s.
        char op = 0;
        for (; i < clause.size(); ++i) {
            const char c = clause[i];
            if (c == '+' || c == '=' || c == '-') {
                op = c;
            } else if (c == 's' && op != '-' && who != "o") {
                return true;
            }
        }
    }
    return false;
}

bool setsSpecialBits(std::string_view mode)
{
    return octalSetsSpecialBits(mode) || symbolicSetsSpecialBits(mode);
}

// The mode a chmod or install command sets, if it adds setuid/setgid.
std::optional<std::string> specialMode(const std::vector<std::string>& words)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string name = commandName(words[i]);
        if (name == "chmod") {
            // The first word after chmod that is not an option is the mode ("-R 4755", "--verbose u+s").
            for (std::size_t j = i + 1; j < words.size() && words[j] != "|"; ++j) {
                if (startsWith(words[j], "-") && !setsSpecialBits(words[j])) {
                    continue;
                }
                if (setsSpecialBits(words[j])) {
                    return "chmod " + words[j];
                }
                break;
            }
        } else if (name == "install") {
            // install -d makes directories: setuid on one means nothing, setgid makes new files take its
            // group (docker-library/postgres: install --directory --mode 3777 /var/run/postgresql).
            bool directory = false;
            for (std::size_t j = i + 1;
                 j < words.size() && words[j] != "|" && words[j] != "&&" && words[j] != ";"; ++j) {
                const std::string& w = words[j];
                directory = directory || w == "--directory" ||
                            (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find('d') != std::string::npos);
            }
            if (directory) {
                continue;
            }
            for (std::size_t j = i + 1; j < words.size() && words[j] != "|"; ++j) {
                if ((words[j] == "-m" || words[j] == "--mode") && j + 1 < words.size() &&
                    setsSpecialBits(words[j + 1])) {
                    return "install " + words[j] + " " + words[j + 1];
                }
                if (startsWith(words[j], "--mode=") && setsSpecialBits(words[j].substr(7))) {
                    return "install " + words[j];
                }
            }
        }
    }
    return std::nullopt;
}

// Flags RUN commands (chmod, install -m) and COPY/ADD --chmod that add setuid or setgid bits.
class SetuidInBuild final : public ImageRule
{
public:
    SetuidInBuild() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        for (const auto& line : lines) {
            if (line.isRun()) {
                for (const auto& segment : line.segments()) {
                    if (auto mode = specialMode(shellWords(segment))) {
                        matches.push_back({&line, segment, info().defaultSeverity, std::move(*mode)});
                        break;
                    }
                }
            } else if (line.instruction() == "COPY" || line.instruction() == "ADD") {
                for (const auto& word : shellWords(line.body())) {
                    if (startsWith(word, "--chmod=") && setsSpecialBits(word.substr(8))) {
                        matches.push_back({&line, line.body(), info().defaultSeverity, word});
                        break;
                    }
                }
            }
        }
        reportHistoryMatches(info(), image, matches, std::string(kDockerfile), out);
    }
};

} // namespace

DRYDOCK_RULE(makeSetuidInBuildRule)
{
    return std::make_unique<SetuidInBuild>();
}

} // namespace drydock
