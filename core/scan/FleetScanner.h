#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/Error.h"
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"
#include "core/docker/Transport.h"
#include "core/results/FleetEntry.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"
#include "core/scan/Scanner.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// Hears how each endpoint of a fleet scan is doing; called from the endpoints' threads, so it must be
// thread-safe.
class FleetProgress
{
public:
    virtual ~FleetProgress() = default;
    // stage: "connecting", "scanning containers", …, "done", "unreachable"; detail: a number or the error.
    virtual void endpointStage(std::size_t index, const FleetTarget& target, const std::string& stage,
                               const std::string& detail) = 0;
};

// A FleetProgress that hears nothing, for callers without a display.
class NullFleetProgress final : public FleetProgress
{
public:
    void endpointStage(std::size_t, const FleetTarget&, const std::string&, const std::string&) override {}
};

// Scans several endpoints in parallel, one thread per endpoint, each with its own transport and client, so
// the whole fleet takes about as long as its slowest endpoint. One endpoint that is down or fails midway
// never stops the others: it comes back as an entry with an error.
class FleetScanner
{
public:
    using TransportMaker = std::function<Result<std::unique_ptr<Transport>>(const DockerEndpoint&)>;

    // makeTransport (TransportFactory) unless a test or benchmark injects another.
    FleetScanner(const RuleCatalogue& catalogue, const Clock& clock, TransportMaker maker = {});
    FleetScanner(const RuleCatalogue& catalogue, const Clock&& clock, TransportMaker maker = {}) = delete;

    // Results in the order of targets.
    std::vector<FleetEntry> scan(const std::vector<FleetTarget>& targets, const ScanSettings& settings,
                                 FleetProgress& progress, const CancelToken& cancel) const;

private:
    const RuleCatalogue& m_catalogue;
    const Clock& m_clock;
    TransportMaker m_maker;
};

} // namespace drydock
