#pragma once
#include "core/model/Inventory.h"
#include "core/rules/FindingCollector.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::daemonfacts {

// Small readings of /info and /version that several daemon rules share, so each rule states only its policy.

// A finding on the daemon itself with the given (already short, already masked) evidence.
FindingDraft daemonDraft(const Inventory& inventory, std::string evidence);

// The product behind the Docker API: "Podman" when Podman's compatible API answered (its /version names a
// "Podman Engine" component), else "Docker". The scan header and the engine-support table both go by it.
std::string productName(const DaemonInfo& daemon);

// Linux-only checks (namespaces, seccomp, cgroups, netfilter) say nothing about a Windows daemon.
bool isWindowsDaemon(const DaemonInfo& daemon);

// The value of one key of a SecurityOptions item, e.g. optionValue(d, "seccomp", "profile") -> "default".
// nullopt when the item is absent; "" when the item is present without that key.
std::optional<std::string> securityOptionValue(const DaemonInfo& daemon, std::string_view name,
                                               std::string_view key);

// The addresses the daemon names after `marker` in its warnings, e.g. marker "API is accessible on http://"
// gives "0.0.0.0:2375" for each plain-TCP listener. Order kept, duplicates dropped.
std::vector<std::string> warningAddresses(const DaemonInfo& daemon, std::string_view marker);

// True when some warning contains text (case-insensitive).
bool hasWarning(const DaemonInfo& daemon, std::string_view text);

// "major.minor.patch" read from the front of a version string, tolerating a leading "v" and any suffix
// ("1.1.5+ds1", "v1.1.12-0-g51d5e94", "1.0.0-rc93", "20.10.24+dfsg1"). A missing patch reads as 0.
struct VersionTriple
{
    int major = 0;
    int minor = 0;
    int patch = 0;
    bool preRelease = false; // "-rc93", "-beta.1": sorts before the release itself
};
std::optional<VersionTriple> parseVersionTriple(std::string_view text);
// Strict "is older than" that puts a pre-release before its release (1.0.0-rc93 < 1.0.0).
bool versionBefore(const VersionTriple& a, const VersionTriple& b);

// Distribution packaging marks ("+dfsg1", "+ds1", "+deb12u1", "ubuntu"): such builds often carry
// backported security fixes without a version bump, so version-based findings ask to verify.
bool isDistroBuild(std::string_view version);

// The /version component with this name (case-insensitive), or nullptr.
const ComponentVersion* component(const DaemonInfo& daemon, std::string_view name);

} // namespace drydock::daemonfacts
