#pragma once
#include "core/common/Severity.h"
#include "core/findings/Finding.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace drydock {

// What the user can tune about a scan; defaults are what a careful reviewer would choose.
struct ScanSettings
{
    // Registries whose images count as trusted sources (IMG rule on base provenance).
    std::vector<std::string> trustedRegistries{"docker.io", "registry-1.docker.io", "gcr.io", "ghcr.io",
                                               "mcr.microsoft.com", "public.ecr.aws", "quay.io",
                                               "registry.k8s.io"};
    int maxImageAgeDays = 90;
    int maxSecretAgeDays = 180;
    std::size_t maxImageSizeBytes = 1024u * 1024u * 1024u;
    // The socket the scan talks to, so a container that mounts exactly this socket is caught too.
    std::string ownSocketPath;
    std::map<std::string, Severity> severityOverrides; // rule id -> severity
    std::set<Area> onlyAreas;                          // empty = all
    std::set<std::string> disabledRules;
};

} // namespace drydock
