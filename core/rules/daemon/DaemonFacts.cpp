#include "core/rules/daemon/DaemonFacts.h"

#include "core/common/Strings.h"
#include "core/rules/RuleSupport.h"

#include <algorithm>
#include <tuple>

namespace drydock::daemonfacts {

FindingDraft daemonDraft(const Inventory& inventory, std::string evidence)
{
    FindingDraft draft;
    draft.object = daemonRef(inventory);
    draft.evidence = std::move(evidence);
    return draft;
}

std::string productName(const DaemonInfo& daemon)
{
    for (const auto& c : daemon.components) {
        if (containsIgnoreCase(c.name, "podman")) {
            return "Podman";
        }
    }
    return "Docker";
}

bool isWindowsDaemon(const DaemonInfo& daemon)
{
    return toLower(daemon.osType) == "windows";
}

std::optional<std::string> securityOptionValue(const DaemonInfo& daemon, std::string_view name,
                                               std::string_view key)
{
    const std::string wantedName = "name=" + std::string(name);
    for (const auto& option : daemon.securityOptions) {
        const auto parts = split(option, ',');
        if (parts.empty() || trim(parts.front()) != wantedName) {
            continue;
        }
        for (std::size_t i = 1; i < parts.size(); ++i) {
            const std::string part = trim(parts[i]);
            const auto eq = part.find('=');
            if (eq != std::string::npos && part.substr(0, eq) == key) {
                return part.substr(eq + 1);
            }
        }
        return std::string();
    }
    return std::nullopt;
}

std::vector<std::string> warningAddresses(const DaemonInfo& daemon, std::string_view marker)
{
    std::vector<std::string> out;
    for (const auto& warning : daemon.warnings) {
        std::size_t pos = 0;
        while ((pos = warning.find(marker, pos)) != std::string::npos) {
            pos += marker.size();
            std::size_t end = pos;
            while (end < warning.size() && warning[end] != ' ' && warning[end] != '\n' &&
                   warning[end] != '\t') {
                ++end;
            }
            std::string address = warning.substr(pos, end - pos);
            while (!address.empty() && (address.back() == '.' || address.back() == ',')) {
                address.pop_back();
            }
            if (!address.empty() && std::find(out.begin(), out.end(), address) == out.end()) {
                out.push_back(address);
            }
            pos = end;
        }
    }
    return out;
}

bool hasWarning(const DaemonInfo& daemon, std::string_view text)
{
    return std::any_of(daemon.warnings.begin(), daemon.warnings.end(),
                       [&](const std::string& w) { return containsIgnoreCase(w, text); });
}

namespace {

bool readNumber(std::string_view text, std::size_t& pos, int& out)
{
    const std::size_t start = pos;
    long long value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        if (value > 1'000'000) {
            return false;
        }
        ++pos;
    }
    out = static_cast<int>(value);
    return pos > start;
}

} // namespace

std::optional<VersionTriple> parseVersionTriple(std::string_view text)
{
    std::size_t pos = 0;
    if (pos < text.size() && (text[pos] == 'v' || text[pos] == 'V')) {
        ++pos;
    }
    VersionTriple v;
    if (!readNumber(text, pos, v.major) || pos >= text.size() || text[pos] != '.') {
        return std::nullopt;
    }
    ++pos;
    if (!readNumber(text, pos, v.minor)) {
        return std::nullopt;
    }
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (!readNumber(text, pos, v.patch)) {
            return std::nullopt;
        }
    }
    // "-rc93" or "-beta.1" is a pre-release; "-0-g51d5e94" (git describe of a release tag) and "+ds1" are
    // not.
    if (pos < text.size() && text[pos] == '-') {
        const std::string_view rest = text.substr(pos + 1);
        v.preRelease = !rest.empty() && !(rest[0] >= '0' && rest[0] <= '9');
    }
    return v;
}

bool versionBefore(const VersionTriple& a, const VersionTriple& b)
{
    const auto numbers = [](const VersionTriple& v) { return std::tuple(v.major, v.minor, v.patch); };
    if (numbers(a) != numbers(b)) {
        return numbers(a) < numbers(b);
    }
    return a.preRelease && !b.preRelease;
}

bool isDistroBuild(std::string_view version)
{
    const std::string lower = toLower(version);
    return contains(lower, "dfsg") || contains(lower, "+ds") || contains(lower, "~ds") ||
           contains(lower, "+deb") || contains(lower, "~deb") || contains(lower, "ubuntu") ||
           contains(lower, ".el") || contains(lower, ".fc");
}

const ComponentVersion* component(const DaemonInfo& daemon, std::string_view name)
{
    const std::string wanted = toLower(name);
    for (const auto& c : daemon.components) {
        if (toLower(c.name) == wanted) {
            return &c;
        }
    }
    return nullptr;
}

} // namespace drydock::daemonfacts
