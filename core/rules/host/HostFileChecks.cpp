#include "core/rules/host/HostFileChecks.h"

#include <cstdio>

namespace drydock {

const std::vector<HostFileCheck>& hostFileChecks()
{
    static const std::vector<HostFileCheck> checks{
        {"HST-025", "3.1", "docker.service", true, "root:root", 0},
        {"HST-026", "3.2", "docker.service", false, "", 0644},
        {"HST-027", "3.3", "docker.socket", true, "root:root", 0},
        {"HST-028", "3.4", "docker.socket", false, "", 0644},
        {"HST-029", "3.5", "/etc/docker", true, "root:root", 0},
        {"HST-030", "3.6", "/etc/docker", false, "", 0755},
        {"HST-031", "3.7", "registry certificate", true, "root:root", 0},
        {"HST-032", "3.8", "registry certificate", false, "", 0444},
        {"HST-033", "3.9", "TLS CA certificate", true, "root:root", 0},
        {"HST-034", "3.10", "TLS CA certificate", false, "", 0444},
        {"HST-035", "3.11", "server certificate", true, "root:root", 0},
        {"HST-036", "3.12", "server certificate", false, "", 0444},
        {"HST-037", "3.13", "server key", true, "root:root", 0},
        {"HST-038", "3.14", "server key", false, "", 0400},
        {"HST-039", "3.15", "Docker socket", true, "root:docker", 0},
        {"HST-040", "3.16", "Docker socket", false, "", 0660},
        {"HST-041", "3.17", "daemon.json", true, "root:root", 0},
        {"HST-042", "3.18", "daemon.json", false, "", 0644},
        {"HST-043", "3.19", "/etc/default/docker", true, "root:root", 0},
        {"HST-044", "3.20", "/etc/default/docker", false, "", 0644},
        {"HST-045", "3.21", "/etc/sysconfig/docker", false, "", 0644},
        {"HST-046", "3.22", "/etc/sysconfig/docker", true, "root:root", 0},
        {"HST-047", "3.23", "containerd socket", true, "root:root", 0},
        {"HST-048", "3.24", "containerd socket", false, "", 0660},
    };
    return checks;
}

const HostFileCheck* hostFileCheck(const std::string& ruleId)
{
    for (const auto& c : hostFileChecks()) {
        if (ruleId == c.ruleId) {
            return &c;
        }
    }
    return nullptr;
}

unsigned excessModeBits(unsigned mode, unsigned maxMode)
{
    // setuid, setgid and sticky bits count as excess too: none of these files should carry them.
    return mode & ~maxMode & 07777;
}

std::string chmodRemoving(unsigned bits)
{
    std::string out;
    const auto who = [&](char name, unsigned shift) {
        std::string perms;
        if (bits & (04u << shift)) {
            perms += 'r';
        }
        if (bits & (02u << shift)) {
            perms += 'w';
        }
        if (bits & (01u << shift)) {
            perms += 'x';
        }
        if (!perms.empty()) {
            out += (out.empty() ? "" : ",") + std::string(1, name) + "-" + perms;
        }
    };
    who('u', 6);
    who('g', 3);
    who('o', 0);
    if (bits & 04000) {
        out += (out.empty() ? "" : ",") + std::string("u-s");
    }
    if (bits & 02000) {
        out += (out.empty() ? "" : ",") + std::string("g-s");
    }
    if (bits & 01000) {
        out += (out.empty() ? "" : ",") + std::string("-t");
    }
    return out;
}

std::string octalMode(unsigned mode)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04o", mode & 07777);
    return buffer;
}

bool ownedAsRequired(const HostFile& file, const HostFileCheck& check)
{
    if (std::string(check.owner) == "root:docker") {
        return file.uid == 0 && file.group == "docker";
    }
    return file.uid == 0 && file.gid == 0;
}

} // namespace drydock
