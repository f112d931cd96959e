#include "core/hardening/ResourceObserver.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace drydock {

ResourceObserver::ResourceObserver(Sampler sampler, std::function<void(int milliseconds)> sleep)
    : m_sampler(std::move(sampler)), m_sleep(std::move(sleep))
{
    if (!m_sleep) {
        m_sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    }
}

ResourceObserver ResourceObserver::forContainer(DockerClient& client, const std::string& containerId,
                                                std::function<void(int milliseconds)> sleep)
{
    return ResourceObserver([&client, containerId] { return client.containerStats(containerId); },
                            std::move(sleep));
}

Result<ObservedUsage> ResourceObserver::observe(int samples, int intervalMs, const CancelToken& cancel) const
{
    ObservedUsage usage;
    std::optional<ContainerStats> previous;
    std::optional<Error> lastError;
    for (int i = 0; i < std::max(1, samples) && !cancel.isCancelled(); ++i) {
        if (i > 0) {
            m_sleep(intervalMs);
        }
        auto reading = m_sampler();
        if (!reading) {
            lastError = reading.error();
            continue;
        }
        const ContainerStats& s = reading.value();
        ++usage.samples;
        usage.peakMemoryBytes = std::max(usage.peakMemoryBytes, s.memoryBytes);
        usage.peakPids = std::max(usage.peakPids, s.pids);
        std::optional<double> cores = s.cpuCores();
        if (!cores && previous) {
            cores = s.cpuCoresSince(*previous);
        }
        if (cores) {
            usage.peakCpuCores = std::max(usage.peakCpuCores.value_or(0.0), *cores);
        }
        previous = s;
    }
    if (usage.samples == 0) {
        if (lastError) {
            return *lastError;
        }
        return Error::make(ErrorCode::Cancelled, "Sampling the container's usage was cancelled.");
    }
    return usage;
}

} // namespace drydock
