#include "core/common/Strings.h"
#include "core/contents/ContentPatterns.h"
#include "core/contents/PathResolver.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/contents/ContentRuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <set>
#include <vector>

namespace drydock {
namespace {

const RuleInfo kShell{
    .id = "IMG-103",
    .area = Area::Image,
    .defaultSeverity = Severity::Info,
    .cis = cis("4.3"),
    .title = "Interactive shell in the image",
    .rationale =
        "A shell makes every later step of an intrusion easy: run commands, script downloads, explore. "
        "Services rarely need one at run time.",
    .fix = "Build from a distroless or scratch base with a multi-stage build; keep the shell in the build "
           "stage.",
    .practice = "Ship minimal images without shells or package managers"};

const RuleInfo kPackageManager{
    .id = "IMG-104",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.3"),
    .title = "Package manager in the image",
    .rationale = "A package manager lets an intruder install any tool they need inside the container.",
    .fix =
        "Use a multi-stage build and copy only the artefacts into a final stage without a package manager.",
    .practice = "Ship minimal images without shells or package managers"};

const RuleInfo kNetworkTools{
    .id = "IMG-105",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.3"),
    .title = "Download or tunnelling tools in the image",
    .rationale = "curl, wget, nc, socat and friends fetch payloads and move data out; a service that needs "
                 "none of them should not ship them.",
    .fix = "Remove them in the same RUN that used them, or use them only in a build stage.",
    .practice = "Ship minimal images without shells or package managers"};

const RuleInfo kBuildTools{
    .id = "IMG-106",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.3"),
    .title = "Compilers, build or debug tools in the final image",
    .rationale =
        "Compilers, build systems and debuggers are not needed to run the service; they make the image "
        "bigger and hand an intruder a toolchain (gdb, strace, tcpdump and nmap are attacker tooling "
        "outright).",
    .fix =
        "Use a multi-stage build: compile in a build stage and copy only the result into a slim final stage.",
    .practice = "Keep images minimal (multi-stage builds)"};

// The tools one rule looks for: file names, the ones that raise it to medium, and extra paths.
struct ToolTable
{
    std::vector<std::string> names;
    std::set<std::string> worse;         // names that raise the finding to medium
    std::vector<std::string> extraPaths; // full paths outside the bins, e.g. usr/local/go/bin/go
    const char* dockerfile = nullptr;
};

// IMG-103…106: shells, package managers, download tools or build tools left in the final image.
class ToolPresenceRule final : public ContentRule
{
public:
    ToolPresenceRule(const RuleInfo& info, ToolTable table) : ContentRule(info), m_table(std::move(table)) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        static const char* const kBins[] = {"bin",      "sbin",          "usr/bin",
                                            "usr/sbin", "usr/local/bin", "usr/local/sbin"};
        PathResolver resolver(contents.files);
        std::set<std::string> seenTargets;
        std::set<std::string> seenNames;
        std::vector<std::string> items;
        std::int64_t bytes = 0;
        bool worse = false;
        const auto consider = [&](const std::string& name, const std::string& path) {
            std::string target;
            const FileEntry* entry = resolver.find(path, &target);
            if (!entry ||
                (entry->type != FileEntry::Type::Regular && entry->type != FileEntry::Type::HardLink)) {
                return;
            }
            if (!seenNames.insert(name).second) {
                return;
            }
            std::string item = name + " (/" + path;
            if (target != path) {
                item += " → /" + target;
            }
            item += ", " + layerText(contents, entry->layer) + ")";
            items.push_back(std::move(item));
            if (seenTargets.insert(target).second) {
                bytes += entry->size;
            }
            worse = worse || m_table.worse.count(name) > 0;
        };
        for (const auto& name : m_table.names) {
            for (const char* bin : kBins) {
                consider(name, std::string(bin) + "/" + name);
            }
        }
        for (const auto& path : m_table.extraPaths) {
            consider(std::string(baseName(path)), path);
        }
        if (items.empty()) {
            return;
        }
        std::string evidence = join(items, "; ");
        if (evidence.size() > 600) {
            evidence = truncateUtf8(evidence, 600) + "…";
        }
        evidence += ". Removing them saves at least " + bytesText(bytes) + ".";
        FindingDraft draft{.object = refOf(image),
                           .evidence = std::move(evidence),
                           .severity = std::nullopt,
                           .discriminator = {},
                           .edits = {},
                           .dockerfile = {},
                           .titleSuffix = {}};
        if (worse) {
            draft.severity = Severity::Medium;
        }
        if (m_table.dockerfile) {
            draft.dockerfile = m_table.dockerfile;
        }
        out.add(info(), std::move(draft));
    }

private:
    ToolTable m_table;
};

} // namespace

DRYDOCK_RULE(makeShellPresentRule)
{
    return std::make_unique<ToolPresenceRule>(
        kShell,
        ToolTable{{"sh", "bash", "dash", "ash", "zsh", "ksh", "busybox"}, {}, {}, kMultiStageDockerfile});
}

DRYDOCK_RULE(makePackageManagerPresentRule)
{
    return std::make_unique<ToolPresenceRule>(
        kPackageManager, ToolTable{{"apt", "apt-get", "dpkg", "apk", "yum", "dnf", "microdnf", "rpm",
                                    "zypper", "pacman", "pip", "pip3", "npm", "gem", "easy_install"},
                                   {},
                                   {},
                                   kMultiStageDockerfile});
}

DRYDOCK_RULE(makeNetworkToolsPresentRule)
{
    return std::make_unique<ToolPresenceRule>(
        kNetworkTools,
        ToolTable{{"curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "ftp", "tftp", "ssh", "scp",
                   "sftp", "rsync"},
                  {},
                  {},
                  "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
                  " && curl -fsSLo /tmp/artifact https://example.com/artifact \\\n"
                  " && apt-get purge -y curl && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*\n"});
}

DRYDOCK_RULE(makeBuildToolsPresentRule)
{
    return std::make_unique<ToolPresenceRule>(
        kBuildTools,
        ToolTable{{"gcc",   "cc",    "c++",   "g++", "clang", "make",   "cmake",  "ld",      "as",   "go",
                   "rustc", "cargo", "javac", "git", "gdb",   "strace", "ltrace", "tcpdump", "nmap", "perf"},
                  {"gdb", "strace", "ltrace", "tcpdump", "nmap"},
                  {"usr/local/go/bin/go"},
                  kMultiStageDockerfile});
}

} // namespace drydock
