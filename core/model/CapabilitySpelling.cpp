#include "core/model/CapabilitySpelling.h"

#include "core/common/Strings.h"

#include <algorithm>

namespace drydock {

namespace {

constexpr std::string_view kPrefix = "CAP_";

} // namespace

std::string normaliseCapability(std::string_view capability)
{
    std::string upper = toUpper(trim(capability));
    if (upper == "ALL" || upper.empty()) {
        return upper;
    }
    if (!startsWith(upper, kPrefix)) {
        upper.insert(0, kPrefix);
    }
    return upper;
}

std::string capabilityFlagValue(std::string_view capability)
{
    const std::string normal = normaliseCapability(capability);
    return startsWith(normal, kPrefix) ? normal.substr(kPrefix.size()) : normal;
}

bool sameCapability(std::string_view a, std::string_view b)
{
    return capabilityFlagValue(a) == capabilityFlagValue(b);
}

const std::vector<std::string>& dockerDefaultCapabilities()
{
    static const std::vector<std::string> list{"CHOWN",  "DAC_OVERRIDE", "FSETID",           "FOWNER",
                                               "MKNOD",  "NET_RAW",      "SETGID",           "SETUID",
                                               "SETFCAP", "SETPCAP",     "NET_BIND_SERVICE", "SYS_CHROOT",
                                               "KILL",   "AUDIT_WRITE"};
    return list;
}

bool isDockerDefaultCapability(std::string_view capability)
{
    const auto& list = dockerDefaultCapabilities();
    return std::find(list.begin(), list.end(), capabilityFlagValue(capability)) != list.end();
}

const std::vector<std::string>& linuxCapabilities()
{
    // clang-format off
    static const std::vector<std::string> list{
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ"};
    // clang-format on
    return list;
}

} // namespace drydock
