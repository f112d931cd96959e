#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-004",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.9"),
    .title = "ADD used instead of COPY",
    .rationale =
        "ADD silently unpacks local archives and fetches remote URLs without any checksum or signature "
        "check, so what lands in the image is less predictable than with COPY, and a remote source "
        "can be swapped under you.",
    .fix = "Use COPY for local files. Download remote files in a RUN step that verifies a checksum, or use "
           "ADD --checksum with BuildKit.",
    .practice = "Prefer COPY over ADD"};

constexpr std::string_view kCopyDockerfile = "COPY app.tar /tmp/\n"
                                             "RUN tar -xf /tmp/app.tar -C /opt && rm /tmp/app.tar\n";
constexpr std::string_view kRemoteDockerfile =
    "RUN curl -fsSLo /tmp/app.tar.gz https://example.com/app.tar.gz \\\n"
    " && echo \"<sha256>  /tmp/app.tar.gz\" | sha256sum -c - \\\n"
    " && tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n";

std::string destinationOf(const std::string& body)
{
    const auto words = shellWords(body);
    return words.empty() ? std::string() : words.back();
}

bool namesRemoteSource(const std::string& body)
{
    return containsIgnoreCase(body, "http://") || containsIgnoreCase(body, "https://") ||
           contains(body, "git@");
}

// Flags ADD steps. The oldest ADD into "/" is the base image's root file system (`ADD file:… in /`), which
// every image built FROM a distribution has and nobody downstream can change, so it is skipped; a later ADD
// into
// "/" is reported like any other. A remote URL raises the finding to medium.
class AddInsteadOfCopy final : public ImageRule
{
public:
    AddInsteadOfCopy() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& /*context*/, const Image& image, FindingCollector& out) const override
    {
        const auto lines = historyLines(image);
        std::vector<HistoryMatch> matches;
        bool skippedRootfs = false;
        bool remote = false;
        for (const auto& line : lines) {
            if (line.instruction() != "ADD") {
                continue;
            }
            const std::string destination = destinationOf(line.body());
            if (!skippedRootfs && (destination == "/" || destination == "/.")) {
                skippedRootfs = true;
                continue;
            }
            const bool fromUrl = namesRemoteSource(line.body());
            if (fromUrl && line.body().find("--checksum=") != std::string::npos) {
                continue; // ADD --checksum of a URL is the verified download this rule's fix asks for
            }
            remote = remote || fromUrl;
            matches.push_back({&line, line.body(), fromUrl ? Severity::Medium : info().defaultSeverity, {}});
        }
        reportHistoryMatches(info(), image, matches,
                             std::string(remote ? kRemoteDockerfile : kCopyDockerfile), out);
    }
};

} // namespace

DRYDOCK_RULE(makeAddInsteadOfCopyRule)
{
    return std::make_unique<AddInsteadOfCopy>();
}

} // namespace drydock
