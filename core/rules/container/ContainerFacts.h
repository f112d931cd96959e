#pragma once
#include "core/common/Severity.h"
#include "core/findings/Finding.h"
#include "core/model/CapabilitySpelling.h"
#include "core/model/Container.h"
#include "core/rules/FindingCollector.h"

#include <optional>
#include <string>
#include <string_view>

// Shared facts for the CTR rules: capability tiers, root users, sensitive paths, image references, commands.
namespace drydock::containerfacts {

// ---- Drafts and edits ----

// A finding on a container with its evidence and RunEdits; the rule adds severity or discriminator as needed.
FindingDraft containerDraft(const Container& container, std::string evidence,
                            std::vector<RunEdit> edits = {});
RunEdit addFlag(std::string flag, std::string value = {});
RunEdit removeFlag(std::string flag);
RunEdit removeValue(std::string flag, std::string value);
// Mount edits name the flag the mount came from: --mount when HostConfig.Mounts has the target, else
// --volume.
RunEdit removeMount(const Container& container, const std::string& containerPath);
RunEdit readOnlyMount(const Container& container, const std::string& containerPath);

// ---- Capabilities (catalogue B.2, CTR-003/004) ----

// Spellings (normaliseCapability, capabilityFlagValue) are core/model/CapabilitySpelling.h.
// True when the list holds the capability in any spelling.
bool listHasCapability(const StringList& list, std::string_view capability);
// One of Docker 20.10's 14 default capabilities (§0.1.17).
bool isDefaultCapability(std::string_view capability);
// The CTR-003 tier of an added capability, or nullopt for a default one (re-adding a default raises nothing).
// SYS_PTRACE is high on its own and critical when the container also shares the host PID namespace.
std::optional<Severity> addedCapabilitySeverity(std::string_view capability, bool hostPid);

// ---- Users (CTR-001, CTR-021) ----

// "", "root", "0" (any number of zeros), "root:…" and "0:…" all start the process as UID 0.
bool isRootUser(std::string_view user);

// ---- Paths (catalogue B.3, CTR-012/013/014) ----

// Lexical clean-up of an absolute path: "//", "." and ".." removed, no trailing slash ("/" stays "/").
std::string cleanPath(std::string_view path);
// /var/run is a symlink to /run on every current distribution: map it so both spellings compare equal.
std::string canonicalRunPath(std::string_view path);
// True when path is base itself or lies below it (component-wise, so /etcd is not under /etc).
bool isSameOrUnder(std::string_view path, std::string_view base);

// How a bind source relates to a sensitive host path from B.3.
struct SensitivePathMatch
{
    enum class Relation
    {
        Equal, // the source is the sensitive path
        Under, // the source lies inside it
        Parent // the source contains it (a bind of "/" contains everything)
    };
    std::string hostPath; // the B.3 entry that matched
    Relation relation = Relation::Equal;
    Severity severity = Severity::High;
};

// The worst B.3 match for a bind of source (critical only when writable and the path is one of the
// takeover paths), or nullopt when the source touches no sensitive path or is a known harmless read-only
// file.
std::optional<SensitivePathMatch> matchSensitivePath(std::string_view source, bool writable);

// Why a mount hands the container a container-runtime API.
struct RuntimeSocketMatch
{
    enum class Kind
    {
        SocketName,      // Source or Destination ends in docker.sock, containerd.sock, crio.sock, podman.sock
        SocketDirectory, // Source or Destination is /run/docker or below it
        OwnSocket,       // Source is exactly the socket this scan is connected to
        ParentOfOwnSocket // Source is a directory that contains the socket this scan is connected to
    };
    Kind kind = Kind::SocketName;
    std::string detail; // for evidence, e.g. "/run/docker.sock"
};
std::optional<RuntimeSocketMatch> matchRuntimeSocket(const MountPoint& mount, std::string_view ownSocketPath);

// "bind /var/run/docker.sock -> /var/run/docker.sock (rw)"
std::string describeMount(const MountPoint& mount);

// ---- Image references (CTR-023/024) ----

// An image reference split into name, tag and digest.
struct ImageReference
{
    std::string name;   // "nginx", "registry:5000/team/app"
    std::string tag;    // "" when absent
    std::string digest; // "sha256:…" when pinned
};
ImageReference parseImageReference(std::string_view reference);
// True when the reference names an image by id ("sha256:…", or a hex prefix of imageId), which cannot move.
bool isImageIdReference(std::string_view reference, std::string_view imageId);
// "docker.io/library/nginx" -> "nginx", "docker.io/team/app" -> "team/app": the form RepoTags use.
std::string familiarName(std::string_view name);
// "sha256:0123456789abcdef…" -> "0123456789ab".
std::string shortImageId(std::string_view id);

// ---- Commands (CTR-022/025) ----

// Splits a command element into words on whitespace and shell punctuation, e.g. "sh -c '/usr/sbin/sshd -D'"
// gives sh, -c, /usr/sbin/sshd, -D.
StringList commandWords(std::string_view text);
// Last path component of a word: "/usr/sbin/sshd" -> "sshd".
std::string baseName(std::string_view word);
// sh, bash, ash, dash, zsh, ksh, …
bool isShellName(std::string_view name);

} // namespace drydock::containerfacts
