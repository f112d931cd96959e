#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"
#include "core/rules/RuleSupport.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::containerfacts {

namespace {

// Each of these alone is a known container-escape primitive: mount and namespace control, kernel modules,
// raw I/O ports and memory, open_by_handle_at (the "shocker" escape).
constexpr std::array<std::string_view, 5> criticalCapabilities{"ALL", "CAP_SYS_ADMIN", "CAP_SYS_MODULE",
                                                               "CAP_SYS_RAWIO", "CAP_DAC_READ_SEARCH"};

// These make an escape or host interference materially easier without being one on their own.
constexpr std::array<std::string_view, 10> highCapabilities{
    "CAP_SYS_PTRACE",   "CAP_NET_ADMIN", "CAP_BPF",    "CAP_PERFMON",  "CAP_MAC_ADMIN",
    "CAP_MAC_OVERRIDE", "CAP_SYS_TIME",  "CAP_SYSLOG", "CAP_SYS_BOOT", "CAP_LINUX_IMMUTABLE"};

// Catalogue B.3 (with /lib32 and /libx32 for the "/lib*" family).
// clang-format off
constexpr std::array<std::string_view, 20> sensitivePaths{
    "/", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/usr", "/proc", "/sys",
    "/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet", "/run", "/var/run", "/root", "/home",
    "/var/log", "/etc/docker"};
// clang-format on

// Writing to these is host takeover: config, binaries, libraries, kernel interfaces, the daemon's state.
constexpr std::array<std::string_view, 12> takeoverPaths{"/",      "/etc",   "/proc",   "/sys",
                                                         "/dev",   "/boot",  "/usr",    "/lib",
                                                         "/lib32", "/lib64", "/libx32", "/var/lib/docker"};

// Read-only binds that the catalogue's own fix recommends in spirit (one narrow file, read-only) and that
// nearly every deployment uses: time zone data and the CA trust store. Flagging them would bury real
// findings.
// clang-format off
constexpr std::array<std::string_view, 6> harmlessReadOnly{
    "/etc/localtime", "/etc/timezone", "/usr/share/zoneinfo", "/etc/ssl/certs", "/etc/pki/ca-trust/extracted",
    "/etc/pki/tls/certs"};
// clang-format on

constexpr std::array<std::string_view, 4> socketNames{"docker.sock", "containerd.sock", "crio.sock",
                                                      "podman.sock"};

template <std::size_t N> bool isOneOf(std::string_view value, const std::array<std::string_view, N>& list)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool allDigits(std::string_view text)
{
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool allHex(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isdigit(c) != 0 || (c >= 'a' && c <= 'f');
    });
}

int relationRank(SensitivePathMatch::Relation relation)
{
    switch (relation) {
    case SensitivePathMatch::Relation::Equal:
        return 2;
    case SensitivePathMatch::Relation::Parent:
        return 1;
    case SensitivePathMatch::Relation::Under:
        return 0;
    }
    return 0;
}

// True when a is a better (worse-for-the-user) match to report than b.
bool outranks(const SensitivePathMatch& a, const SensitivePathMatch& b)
{
    if (a.severity != b.severity) {
        return a.severity > b.severity;
    }
    if (a.relation != b.relation) {
        return relationRank(a.relation) > relationRank(b.relation);
    }
    return a.hostPath.size() > b.hostPath.size();
}

std::string mountFlag(const Container& container, const std::string& containerPath)
{
    const auto& specs = container.hostConfig.mounts;
    const bool viaMount = std::any_of(specs.begin(), specs.end(), [&](const MountSpec& m) {
        return cleanPath(m.target) == cleanPath(containerPath);
    });
    return viaMount ? "--mount" : "--volume";
}

} // namespace

FindingDraft containerDraft(const Container& container, std::string evidence, std::vector<RunEdit> edits)
{
    FindingDraft draft;
    draft.object = refOf(container);
    draft.evidence = std::move(evidence);
    draft.edits = std::move(edits);
    return draft;
}

RunEdit addFlag(std::string flag, std::string value)
{
    return {RunEdit::Op::AddFlag, std::move(flag), std::move(value)};
}
RunEdit removeFlag(std::string flag)
{
    return {RunEdit::Op::RemoveFlag, std::move(flag), {}};
}
RunEdit removeValue(std::string flag, std::string value)
{
    return {RunEdit::Op::RemoveValue, std::move(flag), std::move(value)};
}
RunEdit removeMount(const Container& container, const std::string& containerPath)
{
    return {RunEdit::Op::RemoveMount, mountFlag(container, containerPath), containerPath};
}

RunEdit readOnlyMount(const Container& container, const std::string& containerPath)
{
    return {RunEdit::Op::ReadOnlyMount, mountFlag(container, containerPath), containerPath};
}

bool listHasCapability(const StringList& list, std::string_view capability)
{
    const std::string wanted = normaliseCapability(capability);
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& c) { return normaliseCapability(c) == wanted; });
}

bool isDefaultCapability(std::string_view capability)
{
    return isDockerDefaultCapability(capability);
}

std::optional<Severity> addedCapabilitySeverity(std::string_view capability, bool hostPid)
{
    const std::string normal = normaliseCapability(capability);
    if (normal.empty() || isDockerDefaultCapability(normal)) {
        return std::nullopt;
    }
    if (isOneOf(normal, criticalCapabilities)) {
        return Severity::Critical;
    }
    // ptrace across a shared host PID namespace reads and rewrites host processes' memory.
    if (normal == "CAP_SYS_PTRACE" && hostPid) {
        return Severity::Critical;
    }
    if (isOneOf(normal, highCapabilities)) {
        return Severity::High;
    }
    return Severity::Medium;
}

bool isRootUser(std::string_view user)
{
    const std::string text = trim(user);
    const std::string name = text.substr(0, text.find(':'));
    if (name.empty() || name == "root") {
        return true;
    }
    // Numeric UIDs are parsed as numbers, so "00" is UID 0 too.
    return allDigits(name) && name.find_first_not_of('0') == std::string::npos;
}

std::string cleanPath(std::string_view path)
{
    std::vector<std::string> parts;
    for (const auto& part : split(path, '/')) {
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            if (!parts.empty()) {
                parts.pop_back();
            }
            continue;
        }
        parts.push_back(part);
    }
    const bool absolute = !path.empty() && path.front() == '/';
    const std::string joined = join(parts, "/");
    if (absolute) {
        return "/" + joined;
    }
    return joined.empty() ? std::string(path.empty() ? "" : ".") : joined;
}

std::string canonicalRunPath(std::string_view path)
{
    std::string clean = cleanPath(path);
    if (isSameOrUnder(clean, "/var/run")) {
        clean.replace(0, 8, "/run");
    }
    return clean;
}

bool isSameOrUnder(std::string_view path, std::string_view base)
{
    if (path == base) {
        return true;
    }
    if (base == "/") {
        return startsWith(path, "/");
    }
    return path.size() > base.size() && startsWith(path, base) && path[base.size()] == '/';
}

std::optional<SensitivePathMatch> matchSensitivePath(std::string_view source, bool writable)
{
    if (source.empty() || source.front() != '/') {
        return std::nullopt; // not a host path (named volume, Windows path)
    }
    const std::string path = cleanPath(source);
    if (!writable && std::any_of(harmlessReadOnly.begin(), harmlessReadOnly.end(),
                                 [&](std::string_view ok) { return isSameOrUnder(path, ok); })) {
        return std::nullopt;
    }
    std::optional<SensitivePathMatch> best;
    for (const std::string_view entry : sensitivePaths) {
        SensitivePathMatch m;
        m.hostPath = std::string(entry);
        if (path == entry) {
            m.relation = SensitivePathMatch::Relation::Equal;
        } else if (entry != "/" && isSameOrUnder(path, entry)) {
            // Everything is under "/", so "/" only ever matches itself or as the parent of the rest.
            m.relation = SensitivePathMatch::Relation::Under;
        } else if (isSameOrUnder(entry, path)) {
            m.relation = SensitivePathMatch::Relation::Parent;
        } else {
            continue;
        }
        m.severity = writable && isOneOf(entry, takeoverPaths) ? Severity::Critical : Severity::High;
        if (!best || outranks(m, *best)) {
            best = std::move(m);
        }
    }
    return best;
}

std::optional<RuntimeSocketMatch> matchRuntimeSocket(const MountPoint& mount, std::string_view ownSocketPath)
{
    using Kind = RuntimeSocketMatch::Kind;
    const std::string source = mount.source.empty() ? std::string() : canonicalRunPath(mount.source);
    const std::string destination =
        mount.destination.empty() ? std::string() : canonicalRunPath(mount.destination);

    std::string own(ownSocketPath);
    if (startsWith(own, "unix://")) {
        own.erase(0, 7);
    }
    own = own.empty() ? std::string() : canonicalRunPath(own);

    if (!own.empty() && source == own) {
        return RuntimeSocketMatch{Kind::OwnSocket, own};
    }
    for (const std::string* side : {&source, &destination}) {
        for (const std::string_view name : socketNames) {
            if (!side->empty() && endsWith(*side, name)) {
                return RuntimeSocketMatch{Kind::SocketName, *side};
            }
        }
    }
    for (const std::string* side : {&source, &destination}) {
        if (!side->empty() && isSameOrUnder(*side, "/run/docker")) {
            return RuntimeSocketMatch{Kind::SocketDirectory, *side};
        }
    }
    if (!own.empty() && !source.empty() && source.front() == '/' && isSameOrUnder(own, source)) {
        return RuntimeSocketMatch{Kind::ParentOfOwnSocket, own};
    }
    return std::nullopt;
}

std::string describeMount(const MountPoint& mount)
{
    const std::string& from = mount.type == "volume" && !mount.name.empty() ? mount.name : mount.source;
    return (mount.type.empty() ? std::string("mount") : mount.type) + " " + from + " -> " +
           mount.destination + (mount.rw ? " (rw)" : " (ro)");
}

ImageReference parseImageReference(std::string_view reference)
{
    ImageReference ref;
    std::string rest = trim(reference);
    const auto at = rest.find('@');
    if (at != std::string::npos) {
        ref.digest = rest.substr(at + 1);
        rest.erase(at);
    }
    const auto colon = rest.rfind(':');
    const auto slash = rest.rfind('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
        ref.tag = rest.substr(colon + 1);
        rest.erase(colon);
    }
    ref.name = rest;
    return ref;
}

bool isImageIdReference(std::string_view reference, std::string_view imageId)
{
    if (startsWith(reference, "sha256:")) {
        return true;
    }
    const std::string_view hex = startsWith(imageId, "sha256:") ? imageId.substr(7) : imageId;
    return reference.size() >= 4 && allHex(reference) && startsWith(hex, reference);
}

std::string familiarName(std::string_view name)
{
    std::string out(name);
    for (const std::string_view hub : {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
        if (startsWith(out, hub)) {
            out.erase(0, hub.size());
            break;
        }
    }
    const auto slash = out.find('/');
    const bool hasRegistry = slash != std::string::npos &&
                             (out.find_first_of(".:", 0) < slash || out.substr(0, slash) == "localhost");
    if (!hasRegistry && startsWith(out, "library/") && out.find('/', 8) == std::string::npos) {
        out.erase(0, 8);
    }
    return out;
}

std::string shortImageId(std::string_view id)
{
    const std::string_view hex = startsWith(id, "sha256:") ? id.substr(7) : id;
    return std::string(hex.substr(0, 12));
}

StringList commandWords(std::string_view text)
{
    StringList words;
    std::string current;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0 ||
            std::string_view(";&|'\"()`<>").find(c) != std::string_view::npos) {
            if (!current.empty()) {
                words.push_back(std::move(current));
                current.clear();
            }
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty()) {
        words.push_back(std::move(current));
    }
    return words;
}

std::string baseName(std::string_view word)
{
    const auto slash = word.rfind('/');
    return std::string(slash == std::string_view::npos ? word : word.substr(slash + 1));
}

bool isShellName(std::string_view name)
{
    static constexpr std::array<std::string_view, 10> shells{"sh",  "bash", "ash", "dash", "zsh",
                                                             "ksh", "mksh", "csh", "tcsh", "fish"};
    return isOneOf(name, shells);
}

} // namespace drydock::containerfacts
