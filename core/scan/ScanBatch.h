#pragma once
#include "core/findings/Finding.h"

#include <vector>

namespace drydock {

// Findings a scan hands over before it ends, each final (remediation included, waivers not yet applied): the
// containers evaluated so far in slices, then the other objects, then content analysis per image. All the
// batches of one scan together, sorted, are its result's findings.
struct ScanBatch
{
    const std::vector<Finding>& findings;
    int containersDone = 0;  // of the snapshot's containers, evaluated with this batch
    int containersTotal = 0; // in the snapshot
};

// Receives a scan's batches on the scanning thread, in order; keeps what it needs (the findings are not its).
class ScanBatchSink
{
public:
    virtual ~ScanBatchSink() = default;
    virtual void batch(const ScanBatch& batch) = 0;
};

} // namespace drydock
