#include "core/common/Strings.h"
#include "core/contents/ContentPatterns.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/contents/ContentRuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <cstdio>
#include <vector>

namespace drydock {
namespace {

const RuleInfo kGit{
    .id = "IMG-110",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.3"),
    .title = ".git directory left in the image",
    .rationale = "A .git directory carries the whole history of the source, including secrets that were "
                 "committed once and removed later, and makes the image bigger.",
    .fix = "Add .git to .dockerignore, or copy only the build output from a build stage.",
    .practice = "Keep images minimal (multi-stage builds)"};

const RuleInfo kWorldWritable{
    .id = "IMG-111",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "World-writable path without the sticky bit",
    .rationale =
        "Any user in the container can create, replace or delete files in a world-writable directory "
        "without the sticky bit; in the system directories that means planting code that others run.",
    .fix = "Remove write access for others (RUN chmod o-w <path>), or set the sticky bit on shared scratch "
           "directories (chmod 1777).",
    .practice = "Keep system paths out of the application's way"};

const RuleInfo kOwner{
    .id = "IMG-112",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "System files owned by a non-root user",
    .rationale =
        "Code in /bin, /usr/bin, /lib and configuration in /etc owned by another user can be replaced "
        "by a process running as that user, so a non-root container user can still change what root "
        "runs.",
    .fix = "Make system files root-owned and read-only: COPY --chown=root:root and no chown of system paths.",
    .practice = "Run containers as a non-root user"};

bool underDependencyTree(std::string_view path)
{
    return contains(path, "node_modules/") || contains(path, "/vendor/") || startsWith(path, "vendor/");
}

// IMG-110: a .git directory left in the image.
class GitDirectoryRule final : public ContentRule
{
public:
    GitDirectoryRule() : ContentRule(kGit) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        for (auto it = contents.files.begin(); it != contents.files.end(); ++it) {
            const auto& [path, entry] = *it;
            if (entry.type != FileEntry::Type::Directory || baseName(path) != ".git" ||
                underDependencyTree(path)) {
                continue;
            }
            std::int64_t bytes = 0;
            std::int64_t files = 0;
            const std::string prefix = path + "/";
            for (auto sub = contents.files.lower_bound(prefix);
                 sub != contents.files.end() && startsWith(sub->first, prefix); ++sub) {
                bytes += sub->second.size;
                ++files;
            }
            out.add(kGit, {.object = refOf(image),
                           .evidence = "/" + evidenceText(path) + " (added in " +
                                       layerText(contents, entry.layer) + "): " + std::to_string(files) +
                                       " entries, " + bytesText(bytes) + " that could be saved",
                           .severity = std::nullopt,
                           .discriminator = path,
                           .edits = {},
                           .dockerfile = "# .dockerignore\n.git\n",
                           .titleSuffix = ": /" + path});
        }
    }
};

// IMG-111: a world-writable path without the sticky bit.
class WorldWritableRule final : public ContentRule
{
public:
    WorldWritableRule() : ContentRule(kWorldWritable) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        for (const auto& [path, entry] : contents.files) {
            if (entry.type == FileEntry::Type::Symlink || (entry.mode & 0002u) == 0) {
                continue;
            }
            const bool system = isSystemCodePath(path + "/");
            const bool dir = entry.type == FileEntry::Type::Directory;
            if (!system && (!dir || (entry.mode & 01000u) != 0)) {
                continue; // sticky scratch directories (/tmp) and writable files outside system paths are
                          // fine
            }
            char mode[16];
            std::snprintf(mode, sizeof mode, "%04o", entry.mode);
            out.add(kWorldWritable,
                    {.object = refOf(image),
                     .evidence = std::string(dir ? "directory" : "file") + " mode " + mode + ": /" +
                                 evidenceText(path) + " (added in " + layerText(contents, entry.layer) + ")",
                     .severity = system ? Severity::High : Severity::Medium,
                     .discriminator = path,
                     .edits = {},
                     .dockerfile = DockerfileSnippet::execRun({"chmod", "o-w", "/" + path}),
                     .titleSuffix = ": /" + path});
        }
    }
};

// IMG-112: system files owned by a non-root user.
class SystemPathOwnerRule final : public ContentRule
{
public:
    SystemPathOwnerRule() : ContentRule(kOwner) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        std::vector<std::string> examples;
        std::size_t count = 0;
        for (const auto& [path, entry] : contents.files) {
            if (entry.uid == 0 || entry.type == FileEntry::Type::Symlink) {
                continue;
            }
            if (!isSystemCodePath(path) && !startsWith(path, "etc/")) {
                continue;
            }
            if (++count <= 5) {
                examples.push_back("/" + path + " (uid " + std::to_string(entry.uid) + ", " +
                                   layerText(contents, entry.layer) + ")");
            }
        }
        if (count == 0) {
            return;
        }
        out.add(kOwner,
                {.object = refOf(image),
                 .evidence = std::to_string(count) + " system path(s) owned by a non-root user, e.g. " +
                             evidenceText(join(examples, "; ")),
                 .severity = std::nullopt,
                 .discriminator = {},
                 .edits = {},
                 .dockerfile = "COPY --chown=root:root --chmod=0755 app /usr/local/bin/app\n",
                 .titleSuffix = {}});
    }
};

} // namespace

DRYDOCK_RULE(makeGitDirectoryRule)
{
    return std::make_unique<GitDirectoryRule>();
}
DRYDOCK_RULE(makeWorldWritableRule)
{
    return std::make_unique<WorldWritableRule>();
}
DRYDOCK_RULE(makeSystemPathOwnerRule)
{
    return std::make_unique<SystemPathOwnerRule>();
}

} // namespace drydock
