#include "core/report/ReportScope.h"

#include <vector>

namespace drydock {

ScanResult scopedScan(const ScanResult& scan, const std::function<bool(const Finding&)>& keep)
{
    ScanResult out;
    out.startedAtUnix = scan.startedAtUnix;
    out.finishedAtUnix = scan.finishedAtUnix;
    out.catalogueVersion = scan.catalogueVersion;
    out.inventory.endpoint = scan.inventory.endpoint;
    out.inventory.engineName = scan.inventory.engineName;
    out.inventory.engineVersion = scan.inventory.engineVersion;
    out.inventory.apiVersion = scan.inventory.apiVersion;
    out.inventory.problems = scan.inventory.problems;
    std::vector<Finding> kept;
    for (const auto& f : scan.findings.all()) {
        if (keep(f)) {
            kept.push_back(f);
        }
    }
    out.findings = FindingSet(std::move(kept));
    return out;
}

} // namespace drydock
