#include "core/report/ScanFromStored.h"

namespace drydock {

ScanResult scanFromStored(const StoredScan& stored)
{
    StoredScan copy{stored.summary, stored.findings};
    return scanFromStored(std::move(copy));
}

ScanResult scanFromStored(StoredScan&& stored)
{
    ScanResult scan;
    scan.startedAtUnix = stored.summary.startedAtUnix;
    scan.finishedAtUnix = stored.summary.finishedAtUnix;
    scan.catalogueVersion = stored.summary.catalogueVersion;
    scan.inventory.endpoint = stored.summary.endpoint;
    scan.inventory.engineName = stored.summary.engineName;
    scan.inventory.engineVersion = stored.summary.engineVersion;
    scan.inventory.apiVersion = stored.summary.apiVersion;
    scan.findings = FindingSet(std::move(stored.findings));
    scan.findings.sort();
    return scan;
}

} // namespace drydock
