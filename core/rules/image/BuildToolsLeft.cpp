#include "core/common/Strings.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-021",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.3"),
    .title = "Large image or build tools left in the final image",
    .rationale =
        "Compilers, build systems and development dependencies are not needed to run the service, but "
        "they make the image bigger, slower to ship and scan, and hand an intruder a ready toolchain.",
    .fix =
        "Use a multi-stage build: compile in a build stage and copy only the artefacts into a slim runtime "
        "stage; install production dependencies only.",
    .practice = "Keep images minimal (multi-stage builds)"};

constexpr std::string_view kDockerfile = "FROM golang:1.22 AS build\n"
                                         "WORKDIR /src\n"
                                         "COPY . .\n"
                                         "RUN make build\n"
                                         "\n"
                                         "FROM debian:12-slim\n"
                                         "COPY --from=build /src/bin/app /app/app\n"
                                         "USER 10001:10001\n"
                                         "ENTRYPOINT [\"/app/app\"]\n";

constexpr std::array<std::string_view, 22> kBuildTools{"gcc",
                                                       "g++",
                                                       "gcc-c++",
                                                       "c++",
                                                       "make",
                                                       "build-essential",
                                                       "build-base",
                                                       "cmake",
                                                       "golang",
                                                       "golang-go",
                                                       "go",
                                                       "rust",
                                                       "rustc",
                                                       "cargo",
                                                       "maven",
                                                       "gradle",
                                                       "clang",
                                                       "autoconf",
                                                       "automake",
                                                       "libtool",
                                                       "development tools",
                                                       "@development-tools"};

// Versioned packages count as the tool: gcc-12, g++-12, clang-15, golang-1.21-go.
constexpr std::array<std::string_view, 4> kVersionedTools{"gcc-", "g++-", "clang-", "golang-"};

std::optional<std::string> buildTool(std::string_view argument)
{
    const std::string name = toLower(packageBaseName(argument));
    if (std::find(kBuildTools.begin(), kBuildTools.end(), name) != kBuildTools.end()) {
        return name;
    }
    for (const auto prefix : kVersionedTools) {
        if (startsWith(name, prefix) && name.size() > prefix.size() &&
            std::isdigit(static_cast<unsigned char>(name[prefix.size()]))) {
            return name;
        }
    }
    return std::nullopt;
}

// A tool installed by some RUN line and not removed (yet). npm/yarn development dependencies have no family.
struct InstalledTool
{
    const HistoryLine* line = nullptr;
    std::size_t segment = 0;
    std::string name;
    std::optional<PackageFamily> family;
    std::string group; // apk --virtual name the tool was installed under
};

std::string virtualGroup(const std::vector<std::string>& words)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        if ((words[i] == "--virtual" || words[i] == "-t") && i + 1 < words.size()) {
            return words[i + 1];
        }
        if (startsWith(words[i], "--virtual=")) {
            return words[i].substr(10);
        }
    }
    return {};
}

bool hasWord(const std::vector<std::string>& words, std::string_view word)
{
    return std::find(words.begin(), words.end(), word) != words.end();
}

// `npm install` / `npm ci` / `yarn install` that pulls in devDependencies: no production switch, no package
// names (installing named packages or -g tools is something else), and NODE_ENV not set to production.
bool installsDevDependencies(const std::vector<std::string>& words, bool nodeEnvProduction)
{
    for (const char* tool : {"npm", "yarn"}) {
        const auto at = findCommand(words, tool);
        if (!at) {
            continue;
        }
        std::string verb;
        bool namedPackages = false;
        for (std::size_t i = *at + 1; i < words.size() && words[i] != "|"; ++i) {
            if (startsWith(words[i], "-") || startsWith(words[i], ">")) {
                continue;
            }
            if (verb.empty()) {
                verb = words[i];
            } else if (!(i > 0 && words[i - 1] == "--omit")) {
                namedPackages = true;
            }
        }
        const bool npmInstall =
            std::string_view(tool) == "npm" && (verb == "install" || verb == "i" || verb == "ci");
        const bool yarnInstall = std::string_view(tool) == "yarn" && verb == "install";
        if ((!npmInstall && !yarnInstall) || (namedPackages && verb != "ci")) {
            continue;
        }
        const bool production =
            nodeEnvProduction || hasWord(words, "NODE_ENV=production") || hasWord(words, "--production") ||
            hasWord(words, "--prod") || hasWord(words, "--only=prod") ||
            hasWord(words, "--only=production") || hasWord(words, "--omit=dev") ||
            std::adjacent_find(words.begin(), words.end(), [](const auto& a, const auto& b) {
                return a == "--omit" && b == "dev";
            }) != words.end();
        const bool global = hasWord(words, "-g") || hasWord(words, "--global");
        if (!production && !global) {
            return true;
        }
    }
    return false;
}

// `npm prune --production`/`--omit=dev` or deleting node_modules removes the development dependencies again.
bool removesDevDependencies(const std::vector<std::string>& words)
{
    if (findCommand(words, "npm") && hasWord(words, "prune")) {
        return true;
    }
    return findCommand(words, "rm") && std::any_of(words.begin(), words.end(), [](const std::string& w) {
               return endsWith(w, "node_modules") || endsWith(w, "node_modules/");
           });
}

std::string sizeText(std::int64_t bytes)
{
    constexpr double kMiB = 1024.0 * 1024.0;
    const double value = static_cast<double>(bytes);
    char buffer[32];
    if (value >= 1024.0 * kMiB) {
        std::snprintf(buffer, sizeof buffer, "%.1f GiB", value / (1024.0 * kMiB));
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f MiB", value / kMiB);
    }
    return buffer;
}

// Two findings, told apart by discriminator: "size" when the image is above ScanSettings::maxImageSizeBytes,
// and "build-tools" when history installs compilers or build systems (or npm devDependencies) that no later
// step removes. Removal counts when a later command of the same package manager names the tool or its apk
// --virtual group, uses a variable (`apt-get purge -y $buildDeps`, benefit of the doubt), or auto-removes
// after `apt-mark auto` (the official images' pattern).
class BuildToolsLeft final : public ImageRule
{
public:
    BuildToolsLeft() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Image& image, FindingCollector& out) const override
    {
        const std::string dockerfile = snippetOr(DockerfileSnippet::multiStage(""), kDockerfile);
        const std::size_t limit = context.settings().maxImageSizeBytes;
        if (limit > 0 && image.size > 0 && static_cast<std::uint64_t>(image.size) > limit) {
            FindingDraft draft;
            draft.object = refOf(image);
            draft.evidence = "Size " + sizeText(image.size) + " is above the " +
                             sizeText(static_cast<std::int64_t>(limit)) + " limit";
            draft.discriminator = "size";
            draft.dockerfile = dockerfile;
            out.add(info(), std::move(draft));
        }

        const auto lines = historyLines(image);
        const auto remaining = toolsLeft(lines);
        std::vector<HistoryMatch> matches;
        for (const auto& tool : remaining) {
            if (!matches.empty() && matches.back().line == tool.line) {
                if (!contains(matches.back().note, tool.name)) {
                    matches.back().note += ", " + tool.name;
                }
                continue;
            }
            matches.push_back(
                {tool.line, tool.line->segments()[tool.segment], info().defaultSeverity, tool.name});
        }
        for (auto& match : matches) {
            match.note = "Build tools " + match.note + " left";
        }
        reportHistoryMatches(info(), image, matches, dockerfile, out, "build-tools");
    }

private:
    static std::vector<InstalledTool> toolsLeft(const std::vector<HistoryLine>& lines)
    {
        std::vector<InstalledTool> installed;
        bool nodeEnvProduction = false;
        bool aptMarkedAuto = false;
        for (const auto& line : lines) {
            if (line.instruction() == "ENV" && contains(line.body(), "NODE_ENV")) {
                nodeEnvProduction = contains(line.body(), "NODE_ENV=production") ||
                                    contains(line.body(), "NODE_ENV production");
            }
            if (!line.isRun()) {
                continue;
            }
            for (std::size_t s = 0; s < line.segments().size(); ++s) {
                const auto words = shellWords(line.segments()[s]);
                if (findCommand(words, "apt-mark") && hasWord(words, "auto")) {
                    aptMarkedAuto = true;
                }
                if (installsDevDependencies(words, nodeEnvProduction)) {
                    installed.push_back({&line, s, "npm devDependencies", std::nullopt, {}});
                }
                if (removesDevDependencies(words)) {
                    std::erase_if(installed, [](const InstalledTool& t) { return !t.family; });
                }
                const auto command = packageCommand(words);
                if (!command) {
                    continue;
                }
                if (command->action == PackageAction::Install) {
                    const std::string group =
                        command->family == PackageFamily::Apk ? virtualGroup(words) : "";
                    for (const auto& argument : command->arguments) {
                        if (argument == group) {
                            continue;
                        }
                        if (const auto tool = buildTool(argument)) {
                            installed.push_back({&line, s, *tool, command->family, group});
                        }
                    }
                } else if (command->action == PackageAction::Remove) {
                    remove(installed, *command, aptMarkedAuto);
                }
            }
        }
        return installed;
    }

    static void remove(std::vector<InstalledTool>& installed, const PackageCommand& command,
                       bool aptMarkedAuto)
    {
        const auto& args = command.arguments;
        const bool variable =
            std::any_of(args.begin(), args.end(), [](const std::string& a) { return contains(a, "$"); });
        const bool autoRemove = command.family == PackageFamily::Apt && aptMarkedAuto &&
                                (command.verb == "autoremove" || hasWord(command.options, "--auto-remove") ||
                                 hasWord(command.options, "--autoremove"));
        std::erase_if(installed, [&](const InstalledTool& tool) {
            if (tool.family != command.family) {
                return false;
            }
            if (variable || autoRemove) {
                return true;
            }
            return std::any_of(args.begin(), args.end(), [&](const std::string& a) {
                return toLower(packageBaseName(a)) == tool.name || (!tool.group.empty() && a == tool.group);
            });
        });
    }
};

} // namespace

DRYDOCK_RULE(makeBuildToolsLeftRule)
{
    return std::make_unique<BuildToolsLeft>();
}

} // namespace drydock
