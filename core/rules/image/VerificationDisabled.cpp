#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-016",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.11"),
    .title = "Package or TLS verification switched off in the build",
    .rationale = "With signature or certificate checks off, anyone who can tamper with the network path or a "
                 "mirror during the build can slip their own packages or scripts into the image.",
    .fix =
        "Keep signature and TLS checks on: import the repository key or CA certificate properly instead of "
        "disabling verification.",
    .practice = "Keep signature and TLS verification on"};

constexpr std::string_view kDockerfile =
    "# Remove the flag that disables verification and trust the source properly, e.g.:\n"
    "RUN curl -fsSL https://repo.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg\n"
    "# or add the CA: COPY corp-ca.crt /usr/local/share/ca-certificates/ && RUN update-ca-certificates\n";

// Flags that turn verification off wherever they appear in a command (compared case-insensitively).
constexpr std::array<std::string_view, 10> kFlags{"--allow-unauthenticated",
                                                  "--force-yes",
                                                  "--nogpgcheck",
                                                  "--no-gpg-checks",
                                                  "--allow-untrusted",
                                                  "--no-check-certificate",
                                                  "--insecure",
                                                  "--no-verify-ssl",
                                                  "--allow-insecure-repositories",
                                                  "--trusted-host"};

// Settings that do the same, found inside a word (`--setopt=gpgcheck=0`, `echo gpgcheck=0 >> …`, apt -o …).
constexpr std::array<std::string_view, 13> kSettings{"gpgcheck=0",
                                                     "gpgcheck=false",
                                                     "sslverify=0",
                                                     "sslverify=false",
                                                     "trusted=yes",
                                                     "strict-ssl=false",
                                                     "verify-peer=false",
                                                     "allowunauthenticated=true",
                                                     "allowinsecurerepositories=true",
                                                     "node_tls_reject_unauthorized=0",
                                                     "git_ssl_no_verify=1",
                                                     "git_ssl_no_verify=true",
                                                     "pythonhttpsverify=0"};

bool isShortCluster(const std::string& word)
{
    return word.size() >= 2 && word[0] == '-' && word[1] != '-' &&
           std::all_of(word.begin() + 1, word.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// The offending flag or setting in one simple command, if any.
std::optional<std::string> disabledVerification(const std::vector<std::string>& words)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string lower = toLower(words[i]);
        for (const auto flag : kFlags) {
            // Prefix match also covers "--trusted-host=pypi.org" and "--insecure-skip-tls-verify".
            if (startsWith(lower, flag)) {
                return words[i];
            }
        }
        for (const auto setting : kSettings) {
            if (contains(lower, setting)) {
                return words[i];
            }
        }
        // Two-word forms: `npm config set strict-ssl false`, `git config http.sslVerify false`.
        if (i + 1 < words.size() && (lower == "strict-ssl" || endsWith(lower, "sslverify")) &&
            (words[i + 1] == "false" || words[i + 1] == "0")) {
            return words[i] + " " + words[i + 1];
        }
    }
    // curl -k, also inside a cluster such as -fsSLk; only between curl and the end of its pipeline stage.
    if (const auto curl = findCommand(words, "curl")) {
        for (std::size_t i = *curl + 1; i < words.size() && words[i] != "|"; ++i) {
            if (isShortCluster(words[i]) && contains(words[i], "k")) {
                return "curl " + words[i];
            }
        }
    }
    return std::nullopt;
}

// Flags RUN commands that switch off package signature or TLS certificate checks.
class VerificationDisabled final : public ImageRule
{
public:
    VerificationDisabled() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        const HistoryLine* last = nullptr;
        forEachRunCommand(lines, [&](const HistoryLine& line, std::size_t segment, const auto& words) {
            if (&line == last) {
                return;
            }
            if (auto what = disabledVerification(words)) {
                matches.push_back(
                    {&line, line.segments()[segment], info().defaultSeverity, std::move(*what)});
                last = &line;
            }
        });
        reportHistoryMatches(info(), image, matches, std::string(kDockerfile), out);
    }
};

} // namespace

DRYDOCK_RULE(makeVerificationDisabledRule)
{
    return std::make_unique<VerificationDisabled>();
}

} // namespace drydock
