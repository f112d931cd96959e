#pragma once
#include "core/cis/BenchmarkCoverage.h"
#include "core/scan/Scanner.h"
#include "core/store/ScanRepository.h"

namespace drydock {

// A stored scan as a ScanResult a report can show: findings and the summary's metadata, no inventory (the
// history keeps none), findings sorted as a live scan sorts them.
ScanResult scanFromStored(const StoredScan& stored);
// The same, taking the findings over instead of copying them (tens of thousands on a large host).
ScanResult scanFromStored(StoredScan&& stored);

class RuleCatalogue;
// The benchmark coverage of a stored scan (scan is scanFromStored(stored)): the stored counts stand in for
// the inventory the history does not keep, and whether swarm mode was on is not known.
BenchmarkCoverage storedCoverage(const StoredScan& stored, const ScanResult& scan,
                                 const RuleCatalogue& catalogue, CisVersion version);
// The same from the stored scan's summary alone (the GUI keeps the summary beside the ScanResult it made).
BenchmarkCoverage storedCoverage(const ScanSummary& summary, const ScanResult& scan,
                                 const RuleCatalogue& catalogue, CisVersion version);

} // namespace drydock
