#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"
#include "core/model/ContainerStats.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace drydock {

// The peaks a running container reached over a few readings of its stats: what its limits are sized from.
struct ObservedUsage
{
    int samples = 0; // readings that succeeded
    std::int64_t peakMemoryBytes = 0;
    std::int64_t peakPids = 0;
    std::optional<double> peakCpuCores; // nullopt when no two readings could be compared
};

// How the walkthrough samples a running container before planning. Three readings about a second apart
// keep planning fast; a longer window sees more of a workload's peaks. Tests give a sleep that returns.
struct UsageSampling
{
    int samples = 3;
    int intervalMs = 1000;
    std::function<void(int milliseconds)> sleep; // empty: really sleep
};

// Reads a container's stats `samples` times, `intervalMs` apart, and keeps the peak memory (without page
// cache, as `docker stats`), peak processes and peak CPU (cores, from each reading's own previous one or
// from the reading before it).
class ResourceObserver
{
public:
    using Sampler = std::function<Result<ContainerStats>()>;

    ResourceObserver(Sampler sampler, std::function<void(int milliseconds)> sleep = {});
    // Samples GET /containers/{id}/stats?stream=false&one-shot=1.
    static ResourceObserver forContainer(DockerClient& client, const std::string& containerId,
                                         std::function<void(int milliseconds)> sleep = {});

    // An error only when no reading succeeded (the container stopped, or the daemon refused every one).
    Result<ObservedUsage> observe(int samples, int intervalMs, const CancelToken& cancel = {}) const;

private:
    Sampler m_sampler;
    std::function<void(int milliseconds)> m_sleep;
};

} // namespace drydock
