#include "core/common/Strings.h"
#include "core/contents/ContentPatterns.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/contents/ContentRuleSupport.h"

#include <array>
#include <cstdio>

namespace drydock {
namespace {

const RuleInfo kSetuid{
    .id = "IMG-101",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.8"),
    .title = "setuid/setgid file in the image",
    .rationale = "A setuid or setgid program runs with its owner's rights whoever starts it: every one is a "
                 "path from an unprivileged process in the container to root. A setuid shell, interpreter or "
                 "busybox, or one outside the system directories, is a ready-made escalation.",
    .fix = "Remove the s-bits in the image (keep only the few that are truly needed) and run containers with "
           "--security-opt no-new-privileges:true.",
    .practice = "Avoid setuid/setgid binaries"};

const RuleInfo kCapabilities{
    .id = "IMG-102",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.8"),
    .title = "File with Linux capabilities in the image",
    .rationale = "File capabilities (security.capability) work like setuid one capability at a time: whoever "
                 "runs the file gains them.",
    .fix = "Remove them in the Dockerfile (RUN setcap -r <file>) unless the service needs exactly that, and "
           "run with --security-opt no-new-privileges:true.",
    .practice = "Avoid setuid/setgid binaries"};

// Programs that need their s-bit for their job; still listed, at low, so a reviewer sees them.
constexpr std::array<std::string_view, 16> kKnownNeeded{"usr/bin/passwd",   "bin/su",
                                                        "usr/bin/su",       "usr/bin/chsh",
                                                        "usr/bin/chfn",     "usr/bin/newgrp",
                                                        "usr/bin/gpasswd",  "bin/mount",
                                                        "usr/bin/mount",    "bin/umount",
                                                        "usr/bin/umount",   "usr/lib/openssh/ssh-keysign",
                                                        "sbin/unix_chkpwd", "usr/sbin/unix_chkpwd",
                                                        "usr/bin/chage",    "usr/bin/expiry"};

constexpr std::array<std::string_view, 16> kShells{"sh",   "bash", "dash", "ash",     "zsh",    "ksh",
                                                   "fish", "csh",  "tcsh", "busybox", "python", "python3",
                                                   "perl", "ruby", "node", "env"};

Severity grade(const std::string& path)
{
    for (const auto k : kKnownNeeded) {
        if (path == k || path == "usr/" + std::string(k)) {
            return Severity::Low;
        }
    }
    const std::string_view base = baseName(path);
    for (const auto s : kShells) {
        if (base == s || (startsWith(base, s) && base.size() > s.size() &&
                          std::isdigit(static_cast<unsigned char>(base[s.size()])))) {
            return Severity::High;
        }
    }
    const std::string dir(dirName(path));
    if (!isBinDirectory(dir) && !isSystemCodePath(path)) {
        return Severity::High;
    }
    return Severity::Medium;
}

// IMG-101: setuid/setgid files in the image.
class SetuidFilesRule final : public ContentRule
{
public:
    SetuidFilesRule() : ContentRule(kSetuid) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        for (const auto& [path, entry] : contents.files) {
            if (entry.type != FileEntry::Type::Regular && entry.type != FileEntry::Type::HardLink) {
                continue;
            }
            if ((entry.mode & 06000u) == 0) {
                continue;
            }
            char mode[16];
            std::snprintf(mode, sizeof mode, "%04o", entry.mode);
            const char* bits = (entry.mode & 04000u) && (entry.mode & 02000u) ? "setuid+setgid"
                               : (entry.mode & 04000u)                        ? "setuid"
                                                                              : "setgid";
            out.add(kSetuid,
                    {.object = refOf(image),
                     .evidence = std::string(bits) + " mode " + mode + " owner " + std::to_string(entry.uid) +
                                 ": " + fileEvidence(contents, path, entry),
                     .severity = grade(path),
                     .discriminator = path,
                     .edits = {},
                     .dockerfile = "RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +\n",
                     .titleSuffix = ": /" + path});
        }
    }
};

// IMG-102: files with Linux capabilities in the image.
class FileCapabilitiesRule final : public ContentRule
{
public:
    FileCapabilitiesRule() : ContentRule(kCapabilities) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        for (const auto& [path, entry] : contents.files) {
            if (entry.hasCapabilities) {
                out.add(kCapabilities,
                        {.object = refOf(image),
                         .evidence = "security.capability set on " + fileEvidence(contents, path, entry),
                         .severity = std::nullopt,
                         .discriminator = path,
                         .edits = {},
                         .dockerfile = DockerfileSnippet::execRun({"setcap", "-r", "/" + path}),
                         .titleSuffix = ": /" + path});
            }
        }
    }
};

} // namespace

DRYDOCK_RULE(makeSetuidFilesRule)
{
    return std::make_unique<SetuidFilesRule>();
}
DRYDOCK_RULE(makeFileCapabilitiesRule)
{
    return std::make_unique<FileCapabilitiesRule>();
}

} // namespace drydock
