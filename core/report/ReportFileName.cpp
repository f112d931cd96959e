#include "core/report/ReportFileName.h"

#include "core/common/Time.h"

namespace drydock {

std::string defaultReportFileName(const ScanResult& scan, std::int64_t scanId, ReportFormat format)
{
    // The host part of the endpoint: tcp://host:2376 -> host, unix:///var/run/docker.sock -> local.
    std::string host = scan.inventory.endpoint;
    if (host.rfind("unix://", 0) == 0 || host.rfind("npipe://", 0) == 0 || host.empty()) {
        host = "local";
    } else {
        if (const auto p = host.find("://"); p != std::string::npos) {
            host = host.substr(p + 3);
        }
        host = host.substr(0, host.find_first_of(":/"));
    }
    std::string safe;
    for (char c : host.substr(0, 40)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '-' || c == '_';
        safe += ok ? c : '_';
    }
    if (safe.empty() || safe[0] == '.' || safe[0] == '-') {
        safe = "docker" + safe;
    }
    // 2026-11-29T05:05:23Z -> 20261129-0505
    const std::string when = formatRfc3339(scan.startedAtUnix);
    std::string stamp;
    for (std::size_t i = 0; i < when.size() && stamp.size() < 13; ++i) {
        if (when[i] >= '0' && when[i] <= '9') {
            stamp += when[i];
        } else if (when[i] == 'T') {
            stamp += '-';
        }
    }
    return "drydock-" + safe + "-" + stamp + (scanId > 0 ? "-scan" + std::to_string(scanId) : std::string()) +
           "." + fileExtension(format);
}

} // namespace drydock
